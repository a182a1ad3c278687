import sys

import dhost  # expect: PC008


def new() -> dhost.Base:
    return dhost.Base()


def main() -> None:
    sys.exit(0)
