"""Reads the environment with defaults, in a branch, or when a hook runs: the import succeeds."""

import os

from demo_host import hookimpl

TOKEN = os.environ.get("PLUGCHECK_DEMO_TOKEN_UNSET", "")
LEVEL = os.getenv("PLUGCHECK_DEMO_LEVEL_UNSET") or "info"
PATH = os.environ["PATH"]
if os.environ.get("PLUGCHECK_DEMO_STRICT_UNSET"):
    STRICT = os.environ["PLUGCHECK_DEMO_STRICT_UNSET"]
try:
    OTHER = os.environ["PLUGCHECK_DEMO_OTHER_UNSET"]
except KeyError:
    OTHER = ""
LATER = lambda: os.environ["PLUGCHECK_DEMO_LATER_UNSET"]  # noqa: E731


@hookimpl
def demo_handle(request, context):
    return os.environ.get("PLUGCHECK_DEMO_TOKEN_UNSET", TOKEN)
