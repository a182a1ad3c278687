"""An extractor written for an older host that passed no options, as a static method."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any


class Extractors:
    @staticmethod
    def extract_old(  # expect: PC201
        fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str]
    ) -> Iterator[tuple[int, str, list[str], str | None]]:
        for number, line in enumerate(fileobj, 1):
            if line.startswith(b"#: "):
                yield number, line[3:].decode().strip(), [], None
