"""Source text as fixes see it: read and written byte for byte (line endings kept), positions
as 1-based (line, column) in characters, and the one edit that turns a text into another."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from plugcheck.model import Applicability, Autofix, Edit


def read(path: Path) -> str | None:
    """The file's text, line endings untouched; ``None`` when it cannot be read as UTF-8."""
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            return stream.read()
    except (OSError, UnicodeDecodeError):
        return None


def write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(text)


class Lines:
    """Offsets <-> 1-based (line, column) positions of one text."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")

    def offset(self, line: int, col: int) -> int:
        return self.starts[line - 1] + col - 1

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def edit(path: Path, old: str, new: str) -> Edit | None:
    """The single edit that turns ``old`` into ``new`` (their common start and end kept);
    ``None`` when they are equal."""
    if old == new:
        return None
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    lines = Lines(old)
    line, col = lines.position(start)
    end_line, end_col = lines.position(len(old) - end)
    return Edit(path, line, col, end_line, end_col, new[start : len(new) - end])


def rewrite(
    path: Path, old: str, new: str, message: str, applicability: Applicability
) -> Autofix | None:
    """A fix turning ``path``'s text ``old`` into ``new``; ``None`` when nothing changes."""
    change = edit(path, old, new)
    return None if change is None else Autofix(message, applicability, (change,))
