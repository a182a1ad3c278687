"""An extractor as a static method of a class: the entry point names Extractors.extract_old."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any


class Extractors:
    @staticmethod
    def extract_old(
        fileobj: IO[bytes],
        keywords: Mapping[str, Any],
        comment_tags: Collection[str],
        options: Mapping[str, Any],
    ) -> Iterator[tuple[int, str, list[str], str | None]]:
        for number, line in enumerate(fileobj, 1):
            if line.startswith(b"#: "):
                yield number, line[3:].decode().strip(), [], None
