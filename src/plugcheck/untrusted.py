"""Text that plugins supply, made inert for every output: escaped, one line, bounded."""

from __future__ import annotations

import ast
import errno
import os
import re
import stat
import unicodedata
import warnings
from pathlib import Path

LIMIT = 2000
"""Most characters one plugin-supplied string may occupy in a report (a 1 MB exception
message would otherwise flood the CI log and the SARIF file)."""

SOURCE_LIMIT = 32 * 1024 * 1024
"""Most bytes plugcheck reads of one source file a plugin supplies: a sparse 8 GiB ``.py`` costs
no disk space and would otherwise take plugcheck's memory (and the machine's) with it."""

_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Controls (ANSI escapes, newlines), format characters (bidi overrides and isolates,
zero-width characters), lone surrogates (unencodable on stdout) and line/paragraph separators."""
_SUSPECT = re.compile(r"[^\x20-\x7e]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COMMAND = re.compile(r"^(\s*):")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if unicodedata.category(char) not in _HIDDEN:
        return char
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def printable(text: str, limit: int = LIMIT) -> str:
    """``text`` with every invisible or line-breaking character written as a Python escape
    (``\\x1b``, ``\\n``, ``\\u202e``) and cut to ``limit`` characters, saying how long it was.

    Idempotent: a printable string comes back unchanged."""
    shown = _SUSPECT.sub(_escape, text[:limit])
    if len(text) <= limit and len(shown) <= limit:
        return shown
    tail = f"... [cut: {len(text)} characters]"
    return shown[: max(limit - len(tail), 0)] + tail


def uncommanded(line: str) -> str:
    """``line`` unless a CI runner would take it for a command (GitHub Actions runs a line
    starting ``::`` as a workflow command: ``::error``, ``::add-mask::``, ``::stop-commands::``);
    then its first colon is escaped."""
    return _COMMAND.sub(r"\1\\x3a", line, count=1) if line.lstrip().startswith("::") else line


def read_source(path: Path | str, limit: int = SOURCE_LIMIT) -> bytes:
    """The bytes of the regular file ``path``, which a plugin (or a hostile repository)
    supplies: :class:`OSError` for anything but a regular file (a FIFO would block for ever,
    ``/dev/zero`` never ends) and for a file of more than ``limit`` bytes (``EFBIG``, saying
    its size), instead of reading it."""
    return read_source_stat(path, limit)[0]


def read_source_stat(path: Path | str, limit: int = SOURCE_LIMIT) -> tuple[bytes, os.stat_result]:
    """:func:`read_source`, with the file's status taken before it was read (its size and
    modification time then stand for the bytes read, as for the static result cache)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with open(fd, "rb") as handle:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        # The size it has now, and what it grew by since, up to the limit: reading limit + 1
        # bytes at once made a buffer of that size for each file (a third of reading them).
        data = handle.read(found.st_size + 1) if found.st_size <= limit else b""
        if len(data) > found.st_size:
            data += handle.read(limit + 1 - len(data))
        if found.st_size > limit or len(data) > limit:
            size = max(found.st_size, len(data))
            message = f"{size:,} bytes, more than the {limit // (1024 * 1024)} MiB plugcheck reads"
            raise OSError(errno.EFBIG, message, str(path))
        return data, found


def parse(
    source: str | bytes, filename: str = "<unknown>", feature_version: tuple[int, int] | None = None
) -> ast.Module:
    """``ast.parse`` of source a plugin (or a hostile repository) supplies, with its compiler
    warnings kept out of plugcheck's output: ``"\\d"`` in a plugin's string is a SyntaxWarning
    (Python 3.12; a DeprecationWarning before) that the default filters print on plugcheck's
    stderr with the plugin's source line, raw (terminal escapes and all), once per parse. The
    warnings are the plugin's, for its host to show. Raises what ``ast.parse`` raises (a tree
    too deep for the parser: RecursionError or MemoryError)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(source, filename, feature_version=feature_version)


class RealPaths:
    """``os.path.realpath``, with each directory's real path asked once: a file that is not
    itself a symbolic link is its real directory joined with its name (one ``lstat``, not one per
    component). Paths holding ``..`` take the full walk (``link/..`` is not the link's parent).
    For one discovery: a later run asks the file system again."""

    def __init__(self) -> None:
        self._dirs: dict[str, str] = {}

    def __call__(self, path: Path | str) -> Path:
        return Path(self.text(path))

    def text(self, path: Path | str) -> str:
        """The real path of ``path``, as text."""
        given = os.fspath(path)
        if ".." in given.split(os.sep):
            return os.path.realpath(given)
        text = os.path.abspath(given)
        head, name = os.path.split(text)
        if not name:
            return os.path.realpath(text)
        try:
            link = stat.S_ISLNK(os.lstat(text).st_mode)
        except OSError:
            link = False  # realpath keeps a missing name as it is
        if link:
            return os.path.realpath(text)
        real = self._dirs.get(head)
        if real is None:
            real = self._dirs[head] = os.path.realpath(head)
        return os.path.join(real, name)
