"""Running mypy: one ``mypy.build.build`` call per plan, with the cache when it is usable,
leaving out plugins and host packages that stop mypy. mypy is imported only inside ``run``."""

from __future__ import annotations

import functools
import gc
import io
import os
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TextIO

from plugcheck.environment import Environment
from plugcheck.model import Plugin
from plugcheck.static.mypy_names import SUPPORT
from plugcheck.static.typecheck import bounded, probe, stamps, stubs
from plugcheck.static.typecheck.cache import (
    cache_key,
    discard,
    ignore_dir,
    keep_seed,
    locked,
    reason_of,
    seed_cache,
    seed_dir,
    write_if_changed,
)
from plugcheck.static.typecheck.messages import (
    BuildResult,
    blocking_plugins,
    collect_messages,
    collector,
    first_error,
    owner_of,
    parse_line,
    type_problem,
)
from plugcheck.static.typecheck.plan import Plan
from plugcheck.static.typecheck.reuse import Observed
from plugcheck.static.typecheck.targets import SUPPORT_SOURCE
from plugcheck.static.untyped import host_of, seen_as_any, unanalysable


@dataclass(frozen=True, slots=True)
class BuildSettings:
    cache_root: Path | None
    """Where the incremental cache and the check modules live; ``None``: no cache."""
    env: Environment
    strict: bool = False
    """``--strict-plugins``: a cache of its own, never one a plain run wrote."""
    observed: Observed | None = None
    """Where to note what each mypy build saw of the file system (the pass's result cache)."""
    throwaway: bool = False
    """An incremental cache of this run's own instead of ``cache_root``'s, seeded with the
    per-user typeshed entries (``--untrusted-plugins``: mypy trusts a file whose size and
    modification time are those of its cache entry, which an upload's tarball sets)."""


class _Unusable(Exception):
    """The cache cannot be read or written (not even after discarding it): run without it."""


def started(batches: list[Plan], settings: BuildSettings) -> bounded.Background[BuildResult]:
    """:func:`run` begun now in a thread of its own, beside what this one does next (the
    harness): its ``wait()`` is ``run``'s result. The thread only sends the builds to a forked
    process and reads what they print; nothing it reads is the caller's (the module index)."""
    return bounded.Background(functools.partial(run, batches, settings))


def run(batches: list[Plan], settings: BuildSettings) -> BuildResult:
    """One mypy build per plan (one in all but name-clash cases and large fleets); never
    raises for bad plugins, nor for a corrupt or unusable cache (discarded and rebuilt, or not
    used, with a note)."""
    notes: list[str] = []
    if settings.cache_root is not None:
        try:
            if not settings.throwaway:
                return _run_cached(batches, settings.cache_root, settings)
            with tempfile.TemporaryDirectory(prefix="plugcheck-mypy-") as own:
                return _run_cached(batches, Path(own), settings)
        except _Unusable as exc:
            notes.append(str(exc))
    outcome = BuildResult(notes=notes)
    parted = {b.group for b in batches if b.part}
    with tempfile.TemporaryDirectory(prefix="plugcheck-mypy-") as tmp:
        for number, batch in enumerate(batches):
            # The parts of a group share a cache of this run's own, as they would the cache.
            shared = Path(tmp) / f"g{batch.group}" if batch.group in parted else None
            _build(batch, Path(tmp) / f"b{number}", shared, settings, outcome)
    return outcome


def _run_cached(batches: list[Plan], root: Path, settings: BuildSettings) -> BuildResult:
    outcome = BuildResult()
    key = cache_key(settings.env, strict=settings.strict)
    seed_key = cache_key(settings.env, interpreter=False)
    base = root / "mypy" / key
    try:
        ignore_dir(root)
        for batch in batches:
            work = base / f"b{batch.group}"  # the parts of a group, one after another
            with locked(work):
                cache = work / "cache"
                record = stamps.Record(cache)
                fresh = not cache.exists()
                if not fresh and not record.load():  # entries no record stamped: not trusted
                    discard(cache)
                    fresh = True
                if fresh:
                    record.forget()
                    seed_cache(cache, seed_key)
                attempt = BuildResult()
                try:
                    _build(batch, work / "checks", cache, settings, attempt, record)
                except Exception as exc:  # mypy reads its cache unguarded: sqlite3.DatabaseError...
                    discard(cache)
                    record.forget()
                    seeded = fresh and (seed_dir() / seed_key).exists()
                    if seeded:  # the seed it started from may be what is corrupt
                        discard(seed_dir() / seed_key)
                    also = f" and the per-user seed {seed_dir() / seed_key}" if seeded else ""
                    outcome.notes.append(
                        f"discarded the mypy cache {cache}{also} ({reason_of(exc)}) and rebuilt it"
                    )
                    attempt = BuildResult()
                    _build(batch, work / "checks", cache, settings, attempt, record)
                outcome.extend(attempt)
                if fresh:
                    keep_seed(cache, seed_key)
    except (OSError, sqlite3.Error) as exc:
        raise _Unusable(
            f"the mypy cache under {root} cannot be used ({reason_of(exc)}); checked without it"
        ) from exc
    return outcome


def _options(
    search: list[Path],
    cache: Path | None,
    executable: Path,
    version: tuple[int, int],
    follow: set[str],
    skip: set[str],
) -> Any:
    from mypy import defaults
    from mypy.options import Options as MypyOptions

    options = MypyOptions()
    options.incremental = cache is not None
    options.cache_dir = str(cache) if cache is not None else os.devnull
    options.python_executable = str(executable)
    options.python_version = max(version, defaults.PYTHON3_VERSION_MIN)
    options.mypy_path = [str(p) for p in search]
    options.show_column_numbers = True
    # Cached errors keep the path they were reported with: absolute, so any cwd can replay them.
    options.show_absolute_path = True
    options.show_error_end = True
    options.output = "json"
    options.show_traceback = False
    # A host without py.typed is analysed from its installed source (silently: errors inside
    # site-packages are not reported), so its classes are real types and not Any.
    for top in sorted(follow):
        options.per_module_options[f"{top}.*"] = {"follow_untyped_imports": True}
    # A host whose source stops mypy (a blocking error there) is Any to it: judged by the harness.
    for top in sorted(skip):
        options.per_module_options[f"{top}.*"] = {"follow_imports": "skip"}
    return options


def _build(
    batch: Plan,
    checks: Path,
    cache: Path | None,
    settings: BuildSettings,
    outcome: BuildResult,
    record: stamps.Record | None = None,
) -> None:
    write_if_changed(checks / f"{SUPPORT}.py", SUPPORT_SOURCE)
    modules = {checks / f"{m.name}.py": m for m in batch.modules}
    excluded: set[Plugin] = set()
    skipped: dict[str, str] = {}
    """Host packages mypy stops at, with the reason."""
    search = batch.search
    if batch.unstubbed:  # first: before any installed stub package of them
        search = [stubs.overlay(checks.with_name("unstubbed"), batch.unstubbed), *search]
        outcome.lasting.extend(u.note for u in batch.unstubbed if u.note not in outcome.lasting)
    roots = [*search, *settings.env.sys_path]
    for _attempt in range(5):
        for path, module in modules.items():
            write_if_changed(path, module.without(excluded))
        sources = [(str(checks / f"{SUPPORT}.py"), SUPPORT)]
        sources += [(str(p), m.name) for p, m in modules.items()]
        sources += [
            (str(path), name)
            for name, path in sorted(batch.sources.items())
            if batch.owners.get(path) not in excluded
        ]
        work = _Job(
            sources,
            search,
            cache,
            settings.env.executable,
            (settings.env.version[0], settings.env.version[1]),
            batch.hosts - set(skipped),
            set(skipped),
            record.moved() if record is not None else [],
        )
        try:
            built = bounded.in_child(work, bounded.stall_seconds())
        except bounded.Stalled as exc:
            stuck = _stuck(exc, batch, excluded)
            excluded.update(stuck)
            outcome.unchecked.extend((plugin, str(exc), None) for plugin in stuck)
            if not stuck or len(excluded) == len(set(batch.owners.values())):
                return
            continue
        if settings.observed is not None:
            settings.observed.mypy(built.seen)
        if record is not None and built.modules:
            record.built(built.modules, built.seen.stat_or_none_cache)
            record.save()
        collected = built.collected
        if built.blocking is not None:
            broken = _broken_hosts(built.blocking, batch, roots, set(skipped))
            if broken:
                skipped.update(broken)
                continue
            blocked = blocking_plugins(built.blocking, batch, excluded)
            if blocked is None:
                outcome.problems.append(
                    "mypy cannot analyse the contract's API: " + first_error(built.blocking)
                )
                return
            for plugin, reason, where in blocked:
                excluded.add(plugin)
                outcome.unchecked.append((plugin, reason, where))
            continue
        failed: dict[str, tuple[str, str]] = {}
        """Contract types (or their modules) mypy rejected: key -> (the type, mypy's message)."""
        collect_messages(collected, batch, modules, excluded, outcome, failed)
        _unverified(batch, excluded, failed, skipped, roots, outcome)
        return


@dataclass(frozen=True, slots=True)
class _Job:
    """One mypy build, run by ``bounded`` in a child (pickled when that is forked from the
    process forked early): the sources as (path, module name), and what its options need."""

    sources: list[tuple[str, str]]
    search: list[Path]
    cache: Path | None
    executable: Path
    version: tuple[int, int]
    follow: set[str]
    skip: set[str]
    forget: list[tuple[str, str]]
    """(module, path) whose cache entries go before the build: their sources moved (stamps)."""

    def __call__(self, log: TextIO) -> _Built:
        from mypy.build import build
        from mypy.errors import CompileError
        from mypy.fscache import FileSystemCache
        from mypy.modulefinder import BuildSource

        from plugcheck.static.mypy_hook import SignaturePlugin

        options = _options(
            self.search, self.cache, self.executable, self.version, self.follow, self.skip
        )
        options.verbosity = 1  # its log says which modules it checks (bounded.in_child)
        if self.cache is not None:
            stamps.forget_entries(options, self.forget)
        collected: list[str] = []
        # mypy runs this interpreter to find the target's search path: one that runs no
        # .pth import line of the environment (probe.py)
        with probe.search_path_interpreter(self.executable) as python:
            options.python_executable = python
            # The run's own objects (parsed plugins, the index) stay put during the build:
            # keep the collector from scanning them again and again.
            gc.freeze()
            fscache = FileSystemCache()
            blocking: list[str] | None = None
            modules: dict[str, str] = {}
            try:
                result = build(
                    [BuildSource(path, name) for path, name in self.sources],
                    options,
                    flush_errors=collector(collected),
                    fscache=fscache,
                    stdout=io.StringIO(),
                    stderr=log,
                    extra_plugins=[SignaturePlugin(options)],
                )
                modules = {s.xpath: name for name, s in result.graph.items() if s.path}
            except CompileError as exc:
                blocking = list(exc.messages or collected)
            finally:
                gc.unfreeze()
        return _Built(blocking, collected, _seen(fscache), modules)


@dataclass(frozen=True, slots=True)
class _Built:
    """What one mypy build (in ``bounded``'s child) hands back."""

    blocking: list[str] | None
    """A blocking error's messages (``CompileError``); ``None``: the build finished."""
    collected: list[str]
    seen: SimpleNamespace
    """What it asked the file system (``FileSystemCache``'s caches, for ``Observed.mypy``)."""
    modules: dict[str, str]
    """Every module of the finished build, by its source's path (for ``stamps.Record``)."""


def _seen(fscache: Any) -> SimpleNamespace:
    return SimpleNamespace(
        stat_or_none_cache=dict(fscache.stat_or_none_cache),
        listdir_cache=dict(fscache.listdir_cache),
        listdir_error_cache=dict.fromkeys(fscache.listdir_error_cache),
    )


def _stuck(exc: bounded.Stalled, batch: Plan, excluded: set[Plugin]) -> set[Plugin]:
    """The plugins whose modules mypy was checking when it stalled; every plugin of the batch
    still in it when those are none of theirs (the generated check module, the host): a build
    that cannot finish judges none of them."""
    # The file mypy named as where it failed, else the modules its log named last (a group
    # of modules may hold other plugins too).
    named = {os.path.abspath(p) for p in exc.paths} or {
        os.path.abspath(p) for n, p in batch.sources.items() if n in exc.modules
    }
    owners = {o for path, o in batch.owners.items() if os.path.abspath(path) in named}
    stuck = {o for o in owners if o is not None and o not in excluded}
    return stuck or {o for o in batch.owners.values() if o is not None and o not in excluded}


def _broken_hosts(
    lines: Sequence[str], batch: Plan, roots: list[Path], skipped: set[str]
) -> dict[str, str]:
    """The host packages whose own source holds the blocking errors, when every error is in
    one (a host mypy cannot parse); empty when any error is elsewhere."""
    broken: dict[str, str] = {}
    for line in lines:
        message = parse_line(line)
        if message is None:
            continue
        top = host_of(message.path, roots, batch.hosts - skipped)
        if top is None or owner_of(message.path, batch) is not None:
            return {}
        broken.setdefault(
            top,
            f"mypy cannot analyse the host's source ({message.path}:{message.line}: "
            f"{message.message})",
        )
    return broken


def _unverified(
    batch: Plan,
    excluded: set[Plugin],
    failed: dict[str, tuple[str, str]],
    skipped: dict[str, str],
    roots: list[Path],
    outcome: BuildResult,
) -> None:
    """Targets whose contract type mypy cannot judge leave ``judged`` for ``unverified``; a
    contract type rejected for another reason is a problem of the contract."""
    reasons: dict[str, str] = {}
    for key, (what, message) in failed.items():
        reason = unanalysable(what, message, roots)
        if reason is not None:
            reasons[key] = reason
        else:
            problem = type_problem(what, message)
            if problem not in outcome.problems:
                outcome.problems.append(problem)
    for target, payload in outcome.judged:
        if payload.get("kind") == "expected-any" or (
            payload.get("kind") == "not-protocol" and payload.get("protocol") == "Any"
        ):
            reasons.setdefault(f"{target.expected}", seen_as_any(f"{target.expected}", roots))
    if not reasons and not skipped:
        return
    dropped: set[int] = set()
    for target in batch.targets.values():
        ref = target.expected
        if ref is None or target.plugin in excluded:
            continue
        reason = (
            skipped.get(ref.module.split(".")[0])
            or reasons.get(str(ref))
            or reasons.get(ref.module)
        )
        if reason is not None:
            dropped.add(target.id)
            outcome.unverified.append((target, reason))
    outcome.judged = [(t, p) for t, p in outcome.judged if t.id not in dropped]
