"""Text that plugins supply, made inert for every output: escaped, one line, bounded."""

from __future__ import annotations

import ast
import errno
import hashlib
import os
import re
import stat
import sys
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


_NEWLINE = re.compile(r"\r\n?|\n")


def source_lines(text: str) -> list[str]:
    r"""``text`` split into lines where Python ends them (``\n``, ``\r\n``, ``\r``): its tokenizer,
    so that line N is the line every finding calls N, and ``site`` reading a ``.pth`` file.
    ``str.splitlines`` also ends a line at a form feed, ``\x0b``, ``\x1c``-``\x1e``, ``\x85``,
    ``\u2028``, ``\u2029``, which a comment may hold: a comment one line above a ``raise``
    silenced the raise's PC515 and PC401 (exit 0), with no comment on the line it silenced
    (red team red56)."""
    return _NEWLINE.split(text)


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


PARSE_MEMORY = 512 * 1024 * 1024
"""Most memory the syntax tree of one file a plugin supplies may take in plugcheck's process.
CPython's tree takes several hundred times its source (900 bytes a byte for lines of ``a``:
4 MB of them held plugcheck at 3.7 GB for 14 minutes, unfinished); hand-written and generated
modules take 2 to 50 times theirs (a 6 MB generated dict literal: 283 MB)."""
PARSE_MEMORY_ENV = "PLUGCHECK_PARSE_MEMORY"
"""MiB for :data:`PARSE_MEMORY` (tests lower it)."""
PARSE_SECONDS = 60
"""CPU seconds one parse may take (a 6 MB generated module parses in about 1 s)."""
TRIAL_ABOVE = 256 * 1024
"""Sources of more characters are parsed first in a forked child held to the memory limit; a
smaller one cannot reach 256 MiB of tree, and parses in plugcheck's process at once."""


class TooLarge(MemoryError):
    """The source's syntax tree takes more than :data:`PARSE_MEMORY` to build (or its parse
    more than :data:`PARSE_SECONDS` of CPU): plugcheck does not build it."""


_FITS: dict[bytes, bool] = {}
"""Sources tried in a child, by their hash: a tree released and parsed again is not tried again."""


def parse(
    source: str | bytes, filename: str = "<unknown>", feature_version: tuple[int, int] | None = None
) -> ast.Module:
    """``ast.parse`` of source a plugin (or a hostile repository) supplies, with its compiler
    warnings kept out of plugcheck's output: ``"\\d"`` in a plugin's string is a SyntaxWarning
    (Python 3.12; a DeprecationWarning before) that the default filters print on plugcheck's
    stderr with the plugin's source line, raw (terminal escapes and all), once per parse. The
    warnings are the plugin's, for its host to show. A source of more than
    :data:`TRIAL_ABOVE` characters is parsed once in a forked child first, under
    :func:`parse_memory` and :data:`PARSE_SECONDS`: :class:`TooLarge` when it does not fit.
    Raises what ``ast.parse`` raises (a tree too deep for the parser: RecursionError or
    MemoryError)."""
    tree = _parsed(source, filename, feature_version, "exec")
    assert isinstance(tree, ast.Module)
    return tree


def parse_expression(source: str) -> ast.expr:
    """:func:`parse` of one expression (a string annotation a plugin wrote)."""
    tree = _parsed(source, "<unknown>", None, "eval")
    assert isinstance(tree, ast.Expression)
    return tree.body


def _parsed(
    source: str | bytes, filename: str, feature_version: tuple[int, int] | None, mode: str
) -> ast.AST:
    if len(source) > TRIAL_ABOVE and not _fits(source, filename, feature_version, mode):
        raise TooLarge(
            f"its syntax tree takes more than {parse_memory() // (1024 * 1024):,} MiB "
            f"({len(source):,} characters of source), more than plugcheck gives one file"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(source, filename, mode, feature_version=feature_version)


def parse_memory() -> int:
    """Bytes one file's syntax tree may take (:data:`PARSE_MEMORY`, or the environment's)."""
    try:
        return max(int(os.environ.get(PARSE_MEMORY_ENV, "")), 1) * 1024 * 1024
    except ValueError:
        return PARSE_MEMORY


def _fits(
    source: str | bytes, filename: str, feature_version: tuple[int, int] | None, mode: str
) -> bool:
    """Whether parsing ``source`` stays within :func:`parse_memory` and :data:`PARSE_SECONDS`:
    parsed in a forked child held to them, which says only that (a syntax error is the
    parent's to find again, within the same memory). ``True`` where the child cannot be held
    so (no ``fork``, no ``/proc``): the parse is then unbounded, as it was."""
    data = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
    key = hashlib.blake2b(data, digest_size=16, person=mode.encode()).digest()
    key += parse_memory().to_bytes(8, "little")
    if key in _FITS:
        return _FITS[key]
    del data
    limit = address_space()
    if limit is None or not hasattr(os, "fork"):
        return True
    import resource

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # a fork beside threads (3.12)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        code = 1
        try:
            _lower(resource.RLIMIT_AS, limit + parse_memory())
            _lower(resource.RLIMIT_CPU, PARSE_SECONDS)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse(source, filename, mode, feature_version=feature_version)
            code = 0
        except MemoryError:
            code = 1
        except BaseException:
            code = 0  # not about its size: the parent's own parse raises it again
        finally:
            os._exit(code)
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except InterruptedError:  # pragma: no cover - retried by Python itself since 3.5
            continue
    # Any other end (killed by SIGXCPU past its CPU time, a crash in the parser) is no fit.
    fits = _FITS[key] = os.waitstatus_to_exitcode(status) == 0
    return fits


def address_space() -> int | None:
    """This process's address space in bytes (the child's, right after the fork), or ``None``."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _lower(which: int, value: int) -> None:
    """(child) The soft limit ``which`` lowered to ``value`` (the hard limit, if lower)."""
    import resource

    hard = resource.getrlimit(which)[1]
    resource.setrlimit(which, (value if hard == resource.RLIM_INFINITY else min(value, hard), hard))


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
