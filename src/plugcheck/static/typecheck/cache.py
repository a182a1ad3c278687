"""The incremental mypy cache: its key, a lock per cache, the per-user seed of typeshed
entries, and atomic writes of the check modules."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from plugcheck.environment import Environment


def cache_key(env: Environment, *, interpreter: bool = True, strict: bool = False) -> str:
    """Changes with plugcheck's version and code, mypy's and the target interpreter's versions
    (and path), and with ``strict`` (``--strict-plugins``).

    Without ``interpreter``: the key of the per-user seed, shared by every environment of one
    Python version (it holds typeshed's stdlib entries only).
    """
    from mypy.version import __version__ as mypy_version

    from plugcheck._code_stamp import code_stamp

    where = str(env.executable) if interpreter else env.platform
    strictness = ["strict"] if strict else []
    raw = json.dumps([code_stamp(), mypy_version, where, list(env.version[:2]), *strictness])
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def reason_of(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return f"{type(exc).__name__}: {exc}"


def discard(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


@contextlib.contextmanager
def locked(work: Path) -> Iterator[None]:
    """One run at a time per cache (parallel test workers, CI jobs sharing a checkout)."""
    work.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: mypy's own cache writes are atomic per entry
        yield
        return
    with open(work / ".lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:  # a file system without locks: run unlocked, as on Windows
            yield
            return
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def seed_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plugcheck" / "mypy-seed"


def seed_cache(cache: Path, key: str) -> None:
    """Start a new cache as a copy of the per-user seed: typeshed's entries are then reused.

    mypy revalidates every entry against its source (path, size, hash), so a seed can only save
    time, never change a result; entries of another host's modules are simply rebuilt.
    """
    seed = seed_dir() / key
    if seed.is_dir():
        with contextlib.suppress(OSError):
            shutil.copytree(seed, cache, dirs_exist_ok=True)


def keep_seed(cache: Path, key: str) -> None:
    """After the first build with this key, keep a copy of its cache's typeshed entries as the
    seed (atomically: copied and pruned aside, then renamed into place)."""
    seed = seed_dir() / key
    if seed.is_dir() or not cache.is_dir():
        return
    with contextlib.suppress(OSError, sqlite3.Error):
        seed.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=seed.parent, prefix=".tmp-"))
        try:
            shutil.copytree(cache, tmp / "cache")
            _prune(tmp / "cache")
            os.rename(tmp / "cache", seed)  # fails harmlessly if another run was first
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def _stdlib() -> frozenset[str]:
    """Top-level modules of mypy's bundled typeshed stdlib (``_typeshed``, ``builtins``, ...)."""
    import mypy

    versions = Path(mypy.__file__).parent / "typeshed" / "stdlib" / "VERSIONS"
    lines = versions.read_text(encoding="utf-8").splitlines()  # closed: no ResourceWarning
    names = (line.partition("#")[0].partition(":")[0].strip() for line in lines)
    return frozenset(name.split(".")[0] for name in names if name)


def _prune(cache: Path) -> None:
    """Drop every entry of ``cache`` that is not a typeshed stdlib module: a seed must never
    carry a project's modules (another checkout's plugins, the check modules) to other hosts."""
    stdlib = _stdlib()

    def kept(entry: str) -> bool:  # "asyncio/events.meta.ff", "os/__init__.data.json"
        return entry.split("/")[0].split(".")[0] in stdlib

    for path in sorted(cache.rglob("*")):
        if not path.is_file() or path.name in ("CACHEDIR.TAG", ".gitignore"):
            continue
        if path.suffix == ".db":
            with contextlib.closing(sqlite3.connect(path)) as db:
                paths = [row[0] for row in db.execute("SELECT path FROM files2")]
                db.executemany(
                    "DELETE FROM files2 WHERE path = ?", [(p,) for p in paths if not kept(p)]
                )
                db.commit()
                db.execute("VACUUM")
        elif len(path.relative_to(cache).parts) < 2 or not kept(
            "/".join(path.relative_to(cache).parts[1:])
        ):
            path.unlink()


def ignore_dir(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    marker = root / ".gitignore"
    if not marker.exists():
        write_if_changed(marker, "# Created by plugcheck.\n*\n")


def write_if_changed(path: Path, text: str) -> None:
    """Write only when the content changed, atomically: mypy then sees the module as fresh."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".py")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
