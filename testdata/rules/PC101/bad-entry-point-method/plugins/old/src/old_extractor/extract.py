"""The method the entry point names was renamed; the instance-level __getattr__ does not help."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from xapi import ExtractorBase


class Extractors(ExtractorBase):  # expect: PC101
    @staticmethod
    def extract(
        fileobj: IO[bytes],
        keywords: Mapping[str, Any],
        comment_tags: Collection[str],
        options: Mapping[str, Any],
    ) -> Iterator[tuple[int, str, list[str], str | None]]:
        for number, line in enumerate(fileobj, 1):
            if line.startswith(b"#: "):
                yield number, line[3:].decode().strip(), [], None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.extract, name)
