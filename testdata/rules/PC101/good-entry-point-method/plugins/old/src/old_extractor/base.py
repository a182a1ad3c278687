"""The extractor itself, in a base class of the class the entry point names."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from xapi import ExtractorBase


class Base(ExtractorBase):
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
