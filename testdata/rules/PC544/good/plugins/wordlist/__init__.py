"""Reads the word list it ships through pkgutil.get_data."""

import pkgutil

from demo_host import hookimpl

WORDS = (pkgutil.get_data(__name__, "words.txt") or b"").decode().split()


@hookimpl
def demo_handle(request, context):
    return WORDS[0] if request in WORDS else None
