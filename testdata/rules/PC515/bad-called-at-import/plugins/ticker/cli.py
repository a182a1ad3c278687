"""The command line: never imported by the host."""

OPTIONS = {"verbose": False}
DEFAULT = OPTIONS["quiet"]


def run() -> None:
    print(DEFAULT)
