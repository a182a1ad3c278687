"""Parses each file once per run and resolves names across modules without importing them."""

from __future__ import annotations

import os
import stat
from collections.abc import Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugcheck.model import Plugin
from plugcheck.static.parse import (
    ModuleInfo,
    ParseFailure,
    Stamp,
    Symbol,
    SymbolKind,
    parse_file,
)
from plugcheck.static.self_binding import self_bound

_NONE, _FILE, _DIR = 0, 1, 2


def _kind(path: Path | str) -> int:
    """What ``path`` is: a file, a directory, or neither (absent, unreadable, another kind)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return _NONE
    return _FILE if stat.S_ISREG(mode) else _DIR if stat.S_ISDIR(mode) else _NONE


@dataclass(frozen=True, slots=True)
class Resolved:
    """Where a name is finally defined: the symbol and the module that defines it."""

    symbol: Symbol
    module: ModuleInfo


@dataclass(frozen=True, slots=True)
class External:
    """The name comes from a module outside what we can see (an installed library)."""

    module: str
    name: str | None


@dataclass(slots=True)
class Reads:
    """What checks learned through the index: the files it parsed for them and where it
    looked for a module (``dir/name``: a ``name.py`` added there may change the lookup), as
    absolute path strings (what the result cache keeps: a ``Path`` is hashed and compared in
    Python, and a module lookup records every root it looked in)."""

    files: set[str] = field(default_factory=set)
    lookups: set[str] = field(default_factory=set)
    shared: dict[str, Reads] = field(default_factory=dict)
    """What values computed once and used by many checks read (a contract's hookspecs), by
    the value's name: kept once, not copied into every plugin's reads."""
    environ: set[str] = field(default_factory=set)
    """Environment variables of plugcheck's process whose being set a check's verdict depends
    on (PC543): a rerun where one is set or unset anew is another verdict."""
    facts: set[str] = field(default_factory=set)
    """Facts of the run a verdict depends on besides files (``ModuleIndex.facts``: which
    plugins the contract has, for the hookspecs a sibling adds)."""


class ModuleIndex:
    """A run-wide parse cache plus module lookup along search paths."""

    def __init__(
        self, search_path: Sequence[Path] = (), target: tuple[int, int] | None = None
    ) -> None:
        self._parsed: dict[Path, ModuleInfo | ParseFailure] = {}
        self._keys: dict[Path, str] = {}
        """Each parsed path's key as a string (``Reads.files``)."""
        self.search_path = tuple(search_path)
        self.target = target
        """The target interpreter's (major, minor): plugin files are parsed with its grammar."""
        self._recorders: list[Reads] = []
        self._real: dict[Path, Path] = {}
        self._kind: dict[Path, int] = {}
        self._found: dict[tuple[str, tuple[Path, ...]], tuple[Path | None, tuple[str, ...]]] = {}
        self._in_roots: dict[tuple[str, str], tuple[str, Path | None]] = {}
        self._kind_at: dict[str, int] = {}
        self.parsed = 0
        """How many files were parsed (each once per run, however often it is asked for)."""
        self._elsewhere: set[Path] = set()
        """Files a static pass worker process parsed (counted in ``parsed`` already)."""
        self.stamps: dict[str, Stamp] = {}
        """Each file parsed, as read (by absolute path): the static result cache hashes what
        parsing read instead of reading the file again."""
        self.facts: dict[str, str] = {}
        """Facts of the run besides files that checks may depend on, by name: ``plugins``, a
        digest of the contract's plugins (set by the static pass for each contract)."""
        self.gathered: dict[tuple[str, str], dict[str, list[Any]]] = {}
        """What the static pass's checks gathered from each plugin (``Check.gather``), by
        ``Plugin.key`` and the check's name: later passes read it instead of parsing the
        plugin again (PC429's registries)."""
        self.memo: dict[Hashable, tuple[Any, Reads, str]] = {}
        """Values the run's checks make once (``rules._memo``), each with what making it read
        and its name in the result cache. Kept here, they go with the run's index: held in a
        module's mapping keyed by the index, a value that refers to the index back (a check's
        helper keeping it) kept every run's index and trees alive in a long-lived process."""

    @contextmanager
    def recording(self) -> Iterator[Reads]:
        """What the index parses and looks up inside (a nested recording keeps its own)."""
        reads = Reads()
        self._recorders.append(reads)
        try:
            yield reads
        finally:
            self._recorders.pop()

    def noted(self, name: str, reads: Reads) -> None:
        """Count ``reads`` (made earlier for the shared value ``name``) as read again now."""
        if self._recorders:
            self._recorders[-1].shared[name] = reads

    def is_set(self, name: str) -> bool:
        """Whether the environment variable ``name`` is set in plugcheck's process, recorded
        as an input of the checks that ask."""
        if self._recorders:
            self._recorders[-1].environ.add(name)
        return name in os.environ

    def depends_on(self, fact: str) -> str:
        """The run's ``fact`` (:attr:`facts`), recorded as an input of the checks that ask."""
        if self._recorders:
            self._recorders[-1].facts.add(fact)
        return self.facts.get(fact, "")

    def looked_up(self, base: Path) -> None:
        """A check looked for the module ``base`` names (``dir/name``, however it looked: a
        package, a module, a stub, an extension): what is there is one of its inputs."""
        if self._recorders:
            self._recorders[-1].lookups.add(str(base if base.is_absolute() else base.absolute()))

    def parse(self, path: Path) -> ModuleInfo | ParseFailure:
        # Every key is absolute: a path found is its own key (most asks find one, and
        # ``is_absolute`` was a tenth of the time of this method).
        result = self._parsed.get(path)
        if result is None:
            key = path if path.is_absolute() else path.absolute()
            result = self._parsed.get(key)
            if result is None:
                name = self._keys[key] = str(key)
                result = self._parsed[key] = parse_file(path, self.target, self.stamps, name)
                self.parsed += key not in self._elsewhere
            path = key
        if self._recorders:
            self._recorders[-1].files.add(self._keys[path])
        return result

    def parsed_paths(self) -> set[Path]:
        """The files parsed so far (by this process)."""
        return set(self._parsed)

    def parsed_elsewhere(self, paths: set[Path]) -> None:
        """Count ``paths``, parsed by a worker process of the same run, as parsed."""
        new = paths - self._elsewhere - self._parsed.keys()
        self._elsewhere |= new
        self.parsed += len(new)

    def release(self, paths: Sequence[Path]) -> None:
        """Drop the syntax trees of ``paths`` (parsed again if a later pass needs them)."""
        for path in paths:
            parsed = self._parsed.get(path if path.is_absolute() else path.absolute())
            if isinstance(parsed, ModuleInfo):
                parsed.release()

    def reparsed(self) -> int:
        """How many trees were parsed again after being released."""
        return sum(m.reparsed for m in self._parsed.values() if isinstance(m, ModuleInfo))

    # The static pass writes no files: what the file system says is asked once per run (these
    # questions were most of the pass's time, the same roots and files asked again by each
    # rule and each plugin).

    def real(self, path: Path) -> Path:
        """``path.resolve()``, once per run."""
        found = self._real.get(path)
        if found is None:
            found = self._real[path] = path.resolve()
        return found

    def is_file(self, path: Path) -> bool:
        """``path.is_file()``, once per run."""
        return self._stat(path) == _FILE

    def is_dir(self, path: Path) -> bool:
        """``path.is_dir()``, once per run."""
        return self._stat(path) == _DIR

    def _stat(self, path: Path) -> int:
        kind = self._kind.get(path)
        if kind is None:
            kind = self._kind[path] = _kind(path)
        return kind

    def module_file(self, base: Path) -> Path | None:
        """The source of the module ``base`` names (``dir/name``): a package, a module, a stub."""
        for candidate in (base / "__init__.py", base.with_suffix(".py"), base.with_suffix(".pyi")):
            if self.is_file(candidate):
                return candidate
        return None

    def info(self, path: Path) -> ModuleInfo | None:
        result = self.parse(path)
        return result if isinstance(result, ModuleInfo) else None

    def find_module(self, module: str, roots: Sequence[Path] | None = None) -> Path | None:
        """The source of dotted ``module`` under ``roots`` (default: the index's search path)."""
        key = (module, self.search_path if roots is None else tuple(roots))
        known = self._found.get(key)
        if known is None:
            looked: list[str] = []
            found = None
            for root in key[1]:
                base, found = self._in_root(root, module)
                looked.append(base)
                if found is not None:
                    break
            known = self._found[key] = (found, tuple(looked))
        if self._recorders:
            self._recorders[-1].lookups.update(known[1])
        return known[0]

    def _in_root(self, root: Path, module: str) -> tuple[str, Path | None]:
        """Where dotted ``module`` would be under ``root`` (absolute) and its source there, once
        per run: every plugin's roots end with the same host paths, looked in again for
        each plugin's imports."""
        key = (str(root), module)
        known = self._in_roots.get(key)
        if known is None:
            parts = module.split(".")
            base = root.joinpath(*parts)
            found = self._module_at(str(base)) if parts[-1] else self.module_file(base)
            known = self._in_roots[key] = (
                str(base if base.is_absolute() else base.absolute()),
                found,
            )
        return known

    def _module_at(self, base: str) -> Path | None:
        """``module_file`` for a ``base`` whose name has no suffix, asked with strings (no
        ``Path`` made for the candidates that are not there)."""
        for candidate in (f"{base}{os.sep}__init__.py", f"{base}.py", f"{base}.pyi"):
            if self.is_file_at(candidate):
                return Path(candidate)
        return None

    def is_file_at(self, path: str) -> bool:
        """``is_file`` asked with a string, once per run (no ``Path`` made for the question)."""
        kind = self._kind_at.get(path)
        if kind is None:
            kind = self._kind_at[path] = _kind(path)
        return kind == _FILE

    def plugin_roots(self, plugin: Plugin) -> list[Path]:
        return [plugin.import_root] if plugin.import_root else []

    def resolve(
        self, module: ModuleInfo, name: str, roots: Sequence[Path], *, depth: int = 0
    ) -> Resolved | External | None:
        """Follow ``name`` in ``module`` through imports and re-exports found under ``roots``."""
        if depth > 20:
            return None
        symbol = module.symbols.get(name)
        if symbol is None:
            if name in module.deleted:
                return None  # `del name` after the star import that brought it
            for star, level in module.star_imports:
                target = self.import_target(module, star, level, roots)
                if isinstance(target, ModuleInfo):
                    if not star_exports(target, name):
                        continue
                    found = self.resolve(target, name, roots, depth=depth + 1)
                    if found is not None:
                        return found
                    if target.writes_globals or _may_store(target, name):
                        return External(star, name)  # it may bind the name: it cannot be told
                else:
                    return External(star, name)
            return None
        if symbol.kind is not SymbolKind.IMPORT:
            return Resolved(symbol, module)
        source = symbol.import_module or ""
        if symbol.import_name is None:
            return External(source, None)
        target = self.import_target(module, source, symbol.import_level, roots)
        if isinstance(target, ModuleInfo):
            # `from pkg import sub` may name a submodule rather than an attribute.
            found = self.resolve(target, symbol.import_name, roots, depth=depth + 1)
            if found is not None:
                return found
            return Resolved(symbol, module) if self._submodule(target, symbol) else None
        return External(source, symbol.import_name)

    def _submodule(self, package: ModuleInfo, symbol: Symbol) -> bool:
        return package.path.name == "__init__.py" and (
            self.is_file(package.path.parent / f"{symbol.import_name}.py")
            or self.is_file(package.path.parent / str(symbol.import_name) / "__init__.py")
        )

    def import_target(
        self, module: ModuleInfo, source: str, level: int, roots: Sequence[Path]
    ) -> ModuleInfo | str:
        """The parsed module an import refers to, or its dotted name when it is out of reach."""
        if level:
            base = module.path.parent
            for _ in range(level - 1):
                base = base.parent
            path = self.find_module(source, [base]) if source else base / "__init__.py"
        else:
            path = self.find_module(source, roots)
        if path is not None and self.is_file(path):
            info = self.info(path)
            if info is not None:
                return info
        return source


def star_exports(module: ModuleInfo, name: str) -> bool:
    """Whether ``from module import *`` binds ``name``: its ``__all__``, else its public names."""
    if module.all_names is None:
        return not name.startswith("_")
    return module.all_dynamic or name in module.all_names


def module_file(base: Path) -> Path | None:
    """The source of the module ``base`` names (``dir/name``): a package, a module, a stub
    (asked of the file system each time; ``ModuleIndex.module_file`` asks once per run)."""
    for candidate in (base / "__init__.py", base.with_suffix(".py"), base.with_suffix(".pyi")):
        if candidate.is_file():
            return candidate
    return None


def _may_store(module: ModuleInfo, name: str) -> bool:
    """Whether ``module`` may store ``name`` in its namespace by other means than statements
    (``setattr(sys.modules[__name__], "name", ...)``: ``static.self_binding``)."""
    stored = self_bound(module, stored=True)
    return stored is None or name in stored
