"""What an exec plugin's first line says: its #! interpreter, or an executable's magic."""

from __future__ import annotations

import shlex
from pathlib import Path


def first_line(path: Path) -> bytes:
    if not path.is_file():
        return b""  # a FIFO would block for ever: the checks say the file cannot be read
    try:
        with path.open("rb") as handle:
            return handle.readline(4096)
    except OSError:
        return b""


def is_python(path: Path) -> bool:
    if path.suffix == ".py":
        return True
    interpreter = interpreter_of(first_line(path))
    return interpreter is not None and Path(interpreter[-1]).name.startswith("python")


def interpreter_of(line: bytes) -> list[str] | None:
    """The programs a ``#!`` line runs: ``[interpreter]`` or ``[env, program]``."""
    if not line.startswith(b"#!"):
        return None
    text = line[2:].decode("utf-8", "replace").strip()
    if not text:
        return []
    interpreter, _, rest = text.partition(" ")
    if Path(interpreter).name != "env":
        return [interpreter]
    words = rest.split() if not rest.lstrip().startswith("-S") else []
    if rest.lstrip().startswith("-S"):
        # env -S splits its argument itself and ignores a #-comment.
        split = rest.lstrip()[2:]
        try:
            words = shlex.split(split, comments=True)
        except ValueError:
            words = split.split()
    for word in words:
        if word.startswith("-") or "=" in word:
            continue
        return [interpreter, word]
    return [interpreter]


def binary(line: bytes) -> bool:
    return line.startswith((b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"MZ"))
