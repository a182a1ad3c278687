from toolhost.types import get_proper_type, union_items


def flatten(typ: object) -> list[object]:
    return list(union_items(get_proper_type(typ)))  # type: ignore[call-overload]
