"""The factory raises a 1 MB message from an exception class with a 200 kB name."""

Huge = type("H" * 200_000, (Exception,), {})


def new():  # expect: PC403
    raise Huge("M" * (1 << 20))
