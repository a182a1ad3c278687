"""Links: the host's own use of urllib.parse."""

from urllib.parse import quote


def link(text: str) -> str:
    return quote(text)
