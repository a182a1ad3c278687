"""Prints an ANSI line-erase and a fake "All checks passed" summary, then raises with it."""

FAKE = "\x1b[2K\r\x1b[1A\x1b[2K\x1b[32mAll checks passed: 5 plugins in 1 contract.\x1b[0m"
print(FAKE)  # expect: PC412


def new():  # expect: PC403
    raise RuntimeError(FAKE)
