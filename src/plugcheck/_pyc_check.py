"""Says whether the bytecode beside a plugin's source is what that source compiles to. Stdlib only.

Run by path in the target interpreter (``python -I -S -B _pyc_check.py``), whose import system
is the one that decides: its magic number, its source hash, its compiler. It reads one JSON list
of ``[source, pyc]`` paths on stdin and prints one line per pair, in order, as soon as it is
judged:

- ``unused``: the import system would not load this ``.pyc`` (another magic number, stale, a
  malformed header): it compiles the source instead;
- ``same``: it would load it, and it holds the code the source compiles to;
- ``differs KIND``: it would load it instead of the source, and it holds other code (or none
  this interpreter can read); ``KIND`` is ``timestamp``, ``checked-hash`` or ``unchecked-hash``;
- ``uncompared KIND``: it would load it, and the source is too large to compile within the
  child's limits (``MemoryError``, ``RecursionError``), so whether the two agree is unknown.

The ``.pyc`` comes from a plugin, that is from someone who may want to crash or exhaust the
process that reads it (``marshal`` does not guard against hostile data): plugcheck runs this
script in a child held to memory and CPU limits, and a pair whose line never came is judged
``differs`` by plugcheck (``shipped_bytecode``).
"""

from __future__ import annotations

import importlib.util
import json
import marshal
import os
import stat
import sys

LIMIT = 32 * 1024 * 1024
"""Most bytes read of one file (plugcheck's own limit for a plugin's source)."""


def _read(path: str) -> tuple[bytes, os.stat_result]:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with open(fd, "rb") as handle:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode) or found.st_size > LIMIT:
            raise OSError(f"{path}: not a regular file of at most {LIMIT} bytes")
        return handle.read(LIMIT + 1), found


def judge(source_path: str, pyc_path: str) -> str:
    """This interpreter's import system's choice between ``source_path`` and ``pyc_path``
    (``importlib._bootstrap_external``: ``_classify_pyc`` and the two ``_validate_*`` checks,
    with ``--check-hash-based-pycs default``), and whether the two are the same code."""
    try:
        data, _ = _read(pyc_path)
        source, found = _read(source_path)
    except OSError:
        return "unused"
    if len(data) < 16 or data[:4] != importlib.util.MAGIC_NUMBER:
        return "unused"
    flags = int.from_bytes(data[4:8], "little")
    if flags & ~0b11:
        return "unused"  # the import raises ImportError: a bad header
    if flags == 0:
        mtime = int.from_bytes(data[8:12], "little")
        size = int.from_bytes(data[12:16], "little")
        if mtime != int(found.st_mtime) & 0xFFFFFFFF or size != found.st_size & 0xFFFFFFFF:
            return "unused"
        kind = "timestamp"
    elif flags & 0b10:
        if data[8:16] != importlib.util.source_hash(source):
            return "unused"
        kind = "checked-hash"
    else:
        kind = "unchecked-hash"
    try:
        code = marshal.loads(data[16:])
    except Exception:
        return f"differs {kind}"
    try:
        compiled = compile(source, source_path, "exec", dont_inherit=True)
    except (MemoryError, RecursionError):
        return f"uncompared {kind}"
    except Exception:
        return f"differs {kind}"
    return "same" if code == compiled else f"differs {kind}"


def main() -> None:
    pairs = json.load(sys.stdin)
    for source_path, pyc_path in pairs:
        print(judge(str(source_path), str(pyc_path)), flush=True)


if __name__ == "__main__":
    main()
