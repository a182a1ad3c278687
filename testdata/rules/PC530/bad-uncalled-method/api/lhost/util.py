"""What lhost 3 gives its checkers."""


def line_count(tree: object) -> int:
    return 0
