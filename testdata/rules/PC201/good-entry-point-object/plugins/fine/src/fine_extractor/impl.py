"""Messages are lines starting with '#: '."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any


def extract_comments(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, list[str], str | None]]:
    for number, line in enumerate(fileobj, 1):
        if line.startswith(b"#: "):
            yield number, line[3:].decode().strip(), [], None
