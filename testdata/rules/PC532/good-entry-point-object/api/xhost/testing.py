"""Stand-ins for what the host passes to an extractor."""

import io


def fileobj() -> io.BytesIO:
    return io.BytesIO(b"x = _('hello')\n")


def keywords() -> list[str]:
    return ["_", "gettext"]


def comment_tags() -> tuple[str, ...]:
    return ()


def options() -> dict[str, str]:
    return {}


def empty_fileobj() -> io.BytesIO:
    return io.BytesIO(b"")
