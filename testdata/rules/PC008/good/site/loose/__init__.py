import dhost


def new() -> dhost.Base:
    return dhost.Base()
