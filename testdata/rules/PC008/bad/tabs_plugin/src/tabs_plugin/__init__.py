from dhost import Base  # expect: PC008


def new() -> Base:
    return Base()


def main() -> None:
    pass
