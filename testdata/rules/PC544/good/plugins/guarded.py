"""Reads optional files with a fallback, writes one, or reads when a hook runs."""

from pathlib import Path

from demo_host import hookimpl

try:
    EXTRA = (Path(__file__).parent / "extra.txt").read_text()
except FileNotFoundError:
    EXTRA = ""
if (Path(__file__).parent / "more.txt").exists():
    MORE = (Path(__file__).parent / "more.txt").read_text()


@hookimpl
def demo_handle(request, context):
    return (Path(__file__).parent / "later.txt").read_text() if request else EXTRA
