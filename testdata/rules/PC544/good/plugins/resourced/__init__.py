"""Reads the word list it ships, through importlib.resources."""

from importlib.resources import files

from demo_host import hookimpl

WORDS = files(__name__).joinpath("data", "words.txt").read_text().split()


@hookimpl
def demo_handle(request, context):
    return WORDS[0] if request in WORDS else None
