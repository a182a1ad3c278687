"""What Babel calls an extractor with: ``extract(fileobj, keywords, comment_tags, options)``.

The argument types are left open: Babel passes a binary file, a mapping of keyword specs, a
collection of comment tags and a mapping of options, and extractors annotate them in many
compatible ways (``BinaryIO``, ``Sequence[str]``); what breaks in the host is the call's shape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Extractor = Callable[[Any, Any, Any, Any], Iterable[Any]]


# Stand-ins for what Babel passes (babel.messages.extract.extract):
#   func(fileobj, keywords.keys(), comment_tags, options=options or {})
# then it iterates the result.


def fileobj() -> Any:
    """A source file opened in binary mode, as Babel opens every file: one empty markup element.
    Babel runs an extractor only on the files the user's mapping gives its method, and an XML
    template extractor (Genshi's) rejects an empty document, which no template is; the
    tokenizing extractors (Python, JavaScript, Jinja2, Mako, JSON) take markup as text."""
    import io

    return io.BytesIO(b"<html/>\n")


def keywords() -> Any:
    """The keys of Babel's default keywords (``_``, ``gettext``, ``ngettext``, ...)."""
    from babel.messages.extract import DEFAULT_KEYWORDS

    return DEFAULT_KEYWORDS.keys()


def comment_tags() -> Any:
    return ()


def options() -> Any:
    return {}
