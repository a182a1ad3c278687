"""The tool's types; ``union_items`` was removed in this release."""


def get_proper_type(typ: object) -> object:
    return typ
