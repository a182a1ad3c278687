"""A helper module with its loop."""


def drain(items: list[int]) -> int:
    total = 0
    for item in items:
        if item < 0:
            break
        total += item
    return total
