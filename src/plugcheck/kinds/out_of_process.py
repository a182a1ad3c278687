"""Shared plumbing of the out-of-process kinds (exec, go-plugin, wasm): keys, discovery, extras."""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from plugcheck import config as _config
from plugcheck.model import Contract, Finding, Origin, Plugin
from plugcheck.options import Options, UsageError
from plugcheck.passes import guarded
from plugcheck.rules.base import Rule, is_selected

FIELDS = {
    "deadline": _config.Field(
        _config.positive_number,
        _config.POSITIVE_NUMBER,
        "Seconds a plugin process may take for one step.",
    )
}
"""Keys every out-of-process kind (exec, go-plugin, wasm) owns."""


def option(contract: Contract, key: str, default: Any = None) -> Any:
    return contract.options.get(key, default)


def require(contract: Contract, *keys: str) -> None:
    """Exit 2 with one line per missing key the kind cannot work without."""
    missing = [k for k in keys if k not in contract.options]
    if missing:
        raise UsageError(
            [
                f"{contract.source}: tool.plugcheck.contracts.{contract.name}.{k}: is required "
                f"for kind {contract.kind!r}"
                for k in missing
            ]
        )


def candidates(
    contract: Contract,
    explicit_paths: list[Path],
    accept: Callable[[Path], bool],
    *,
    claims: Callable[[Path], bool] | None = None,
) -> Iterator[tuple[Path, bool]]:
    """Files to consider, in search order: ``(path, named)``.

    ``named`` is True for a file named directly (a ``paths`` entry or a command-line path), False
    for one found by listing a directory (where ``accept`` filters by name). A command-line path
    belongs to this contract when it lies in (or contains) one of the contract's ``paths``, or
    when ``claims`` recognises the file as this kind's (every contract sees every path).
    """
    locations = [
        Path(match)
        for pattern in contract.paths
        for match in sorted(glob.glob(str(contract.root / pattern), recursive=True))
    ]
    entries: Iterable[Path] = locations
    if explicit_paths:
        entries = [
            path
            for path in explicit_paths
            if _related(path, locations) or (claims is not None and path.is_file() and claims(path))
        ]
    for entry in entries:
        if entry.is_dir():
            for child in sorted(entry.iterdir()):
                if _file(child) and accept(child):
                    yield child, False
        elif _file(entry):
            yield entry, True


def not_regular(path: Path) -> str | None:
    """What ``path`` is when it is no regular file (``None`` for a regular one)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:  # a dangling link, a link loop
        return f"a link that leads nowhere ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "no regular file"


def _file(path: Path) -> bool:
    """A file, or what the host's listing takes for one: a FIFO, a socket, a device or a broken
    link (reading or running it blocks or fails: a plugin whose file cannot be read, never one
    skipped without a word)."""
    return path.is_file() or (not path.is_dir() and (path.exists() or path.is_symlink()))


def _related(path: Path, locations: list[Path]) -> bool:
    path = path.resolve()
    for location in locations:
        location = location.resolve()
        if path == location or location in path.parents or path in location.parents:
            return True
    return False


def plugin(name: str, contract: Contract, path: Path, *, python: bool = False) -> Plugin:
    """A plugin that is one file run out of process (Python files get the static rules)."""
    return Plugin(
        name=name,
        contract=contract.name,
        origin=Origin.PATH,
        root=path,
        module="",
        module_path=path if python else None,
        import_root=None,
        files=(path,) if python else (),
    )


def is_executable(path: Path) -> bool:
    return os.access(path, os.X_OK)


def each_plugin(
    plugins: list[Plugin],
    options: Options,
    check_one: Callable[[Plugin], list[Finding]],
    notes: list[str],
) -> list[Finding]:
    """Run ``check_one`` over plugins in threads (their work is waiting on child processes)."""
    if not plugins:
        return []
    jobs = max(1, min(options.jobs or (os.cpu_count() or 1) * 2, len(plugins)))

    def one(plugin: Plugin) -> list[Finding]:
        return guarded(plugin, lambda: check_one(plugin), notes) or []

    if jobs == 1:
        return [f for p in plugins for f in one(p)]
    with ThreadPoolExecutor(jobs) as pool:
        return [f for found in pool.map(one, plugins) for f in found]


def quoted(text: str, size: int = 60) -> str:
    """``text`` on one line, shortened, quoted: for showing what a plugin printed."""
    text = " ".join(text.split())
    return repr(text if len(text) <= size else text[: size - 3] + "...")


def stderr_tail(stderr: bytes) -> str:
    """``; stderr: 'last line'`` (or nothing), to end a message with the plugin's own words."""
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return f"; stderr: {quoted(lines[-1])}" if lines else ""


def wanted(options: Options, *rules: Rule) -> bool:
    """Whether ``--select``/``--ignore`` keep any of ``rules`` (skip the work otherwise)."""
    return any(is_selected(r.code, options.select, options.ignore) for r in rules)
