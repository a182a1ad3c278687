"""Never imported by the plugin; mypy still reads it, and stops at the stray break."""


def drain(items: list[int]) -> int:
    total = 0
    break  # expect: PC209
    return total
