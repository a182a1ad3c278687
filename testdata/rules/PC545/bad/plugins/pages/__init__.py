"""Answers from a template shipped next to the module, but the template was left out."""

from pathlib import Path

from demo_host import hookimpl


@hookimpl
def demo_handle(request, context):
    template = (Path(__file__).parent / "answer.txt").read_text()  # expect: PC545
    return template.format(request=request)
