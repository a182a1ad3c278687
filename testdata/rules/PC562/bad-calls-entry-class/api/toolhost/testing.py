"""Stand-ins for what the tool passes: its version string, and its options."""

from toolhost import Options


def version() -> str:
    return "1.4"


def options() -> Options:
    return Options()
