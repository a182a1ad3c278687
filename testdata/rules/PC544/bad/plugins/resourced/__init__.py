"""Reads its word list through importlib.resources, but the build that makes it never ran."""

import importlib.resources

from demo_host import hookimpl

WORDS = (importlib.resources.files(__name__) / "words.txt").read_text().split()  # expect: PC544


@hookimpl
def demo_handle(request, context):
    return WORDS[0] if request in WORDS else None
