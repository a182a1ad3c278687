"""Makes its plugin class with type(): its __module__ is "abc" (ABCMeta made it), and the host
takes it all the same."""

from bhost import Check


def _run(self, text):
    return [line for line in text.splitlines() if "TODO" in line]


Made = type("Made", (Check,), {"name": "made", "run": _run})
