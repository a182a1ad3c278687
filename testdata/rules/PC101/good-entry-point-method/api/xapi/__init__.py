"""The host calls extractor(fileobj, keywords, comment_tags, options) for every file."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import IO, Any

Message = tuple[int, str, list[str], str | None]
Extractor = Callable[
    [IO[bytes], Mapping[str, Any], Collection[str], Mapping[str, Any]], Iterable[Message]
]


class ExtractorBase:
    """What the host offers extractor classes: no extractor of its own."""

    def describe(self) -> str:
        return type(self).__name__
