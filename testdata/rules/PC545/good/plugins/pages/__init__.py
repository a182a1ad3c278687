"""Answers from a template shipped next to the module; a missing optional file has a fallback."""

from pathlib import Path

from demo_host import hookimpl


@hookimpl
def demo_handle(request, context):
    template = (Path(__file__).parent / "answer.txt").read_text()
    extra = Path(__file__).with_name("extra.txt")
    if not extra.exists():
        return template
    return template + extra.read_text()
