import toolhost.sametypes


def simplify(typ: object) -> object:
    return toolhost.sametypes.simplify(typ)
