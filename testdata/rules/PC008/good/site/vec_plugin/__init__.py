from dhost import Base


def new() -> Base:
    return Base()
