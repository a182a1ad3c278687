import toolhost


def unwrap(typ: object) -> object:
    return toolhost.sametypes.simplify(typ)  # only when unwrap() runs, if ever
