"""The extractor is here, but the entry point names the module, not the function."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, list[str], str | None]]:
    for number, line in enumerate(fileobj, 1):
        if line.startswith(b"#: "):
            yield number, line[3:].decode().strip(), [], None
