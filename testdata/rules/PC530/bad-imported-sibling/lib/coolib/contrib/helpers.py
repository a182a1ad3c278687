import toolhost.sametypes  # expect: PC530


def unwrap(typ: object) -> object:
    return toolhost.sametypes.simplify(typ)
