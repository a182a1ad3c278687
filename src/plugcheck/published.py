"""Contracts for a plugin project with no ``[tool.plugcheck]``: the ones its hosts publish in the
target environment (entry-point group ``plugcheck.contracts``), else the ones bundled with
plugcheck for well-known hosts. Nothing here imports a host."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from plugcheck import projectmeta, untrusted
from plugcheck.config import Config, ConfigError, KindSchema, load_config, parse_toml, upwards
from plugcheck.discovery.projects import top_level_modules
from plugcheck.discovery.source_files import python_files
from plugcheck.harness.host_distribution import Infos, doubted, on_path
from plugcheck.model import Contract
from plugcheck.untrusted import read_source

CONTRACTS_GROUP = "plugcheck.contracts"
"""A host distribution publishes its contracts as entry points of this group, each naming a
TOML file inside one of its packages: ``myhost = "myhost:plugcheck.toml"``."""


@dataclass(frozen=True, slots=True)
class PluginProject:
    """What a plugin project says about the hosts it is written for (its ``pyproject.toml``,
    ``setup.cfg`` or ``setup.py``, and its installed metadata for what those leave dynamic)."""

    source: Path
    """The file that names the project."""
    name: str
    groups: tuple[str, ...]
    """The entry-point groups it registers in (``[project.entry-points."group"]``)."""
    requires: tuple[str, ...]
    """The normalised names of the distributions it depends on."""
    unread: tuple[str, ...] = ()
    """What could not be read, and why (the contracts chosen may then miss some)."""
    meta: projectmeta.Metadata | None = None

    @property
    def root(self) -> Path:
        return self.source.parent


@dataclass(frozen=True, slots=True)
class Source:
    """One contract, where it came from and why it applies (for ``plugcheck contracts``)."""

    contract: Contract
    origin: str
    why: str = ""
    paths: tuple[Path, ...] = ()
    """The project's modules its ``applies-to`` marker found, each one plugin (empty: the
    project itself, one plugin per entry point of the contract's group)."""
    publisher: str | None = None
    """The distribution that publishes it (``None``: bundled with plugcheck)."""


@dataclass(slots=True)
class Choice:
    """The contracts that apply to a project, the problems met reading them, notes, and each
    contract that does not apply with the reason (``name (origin): why``)."""

    sources: list[Source] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    passed_over: list[str] = field(default_factory=list)


def find_project(starts: Sequence[Path], looked: list[Path]) -> PluginProject | None:
    """The nearest project (``pyproject.toml`` with a ``[project]`` name, ``setup.cfg`` or
    ``setup.py`` naming one) upwards from each of ``starts`` in turn; each directory looked in
    is appended to ``looked``."""
    for directory in upwards(starts, looked):
        project = read_plugin_project(directory)
        if project is not None:
            return project
    return None


def read_plugin_project(
    directory: Path, sys_path: Sequence[Path] | None = None
) -> PluginProject | None:
    """The project in ``directory``: its name, registered groups and dependencies; with
    ``sys_path``, what its files leave dynamic is read from its installed metadata there.
    ``None`` when no file there names a project."""
    meta = projectmeta.read(directory)
    if meta is None:
        return None
    unread = meta.unread
    if sys_path is not None:
        meta, unread = projectmeta.with_installed(meta, sys_path)
    eps = meta.entry_points.value or {}
    requires = []
    for dep in meta.requires.value or ():
        try:
            requires.append(canonicalize_name(Requirement(dep).name))
        except InvalidRequirement:
            continue  # the pinning rules report it
    return PluginProject(
        meta.source,
        meta.name,
        tuple(g for g, table in eps.items() if table),
        tuple(requires),
        tuple(unread),
        meta,
    )


def uses(path: Path) -> tuple[str, ...] | None:
    """The contracts a plugin project's ``[tool.plugcheck] use`` names (a string or a list), or
    ``None`` when ``path`` has no ``use`` (an unreadable file too: :func:`load_config` says
    why). :class:`ConfigError` when it also declares contracts."""
    try:
        data = parse_toml(read_source(path).decode("utf-8"))
    except (OSError, ValueError):
        return None
    tool = data.get("tool")
    table = tool.get("plugcheck") if isinstance(tool, dict) else None
    use = table.get("use") if isinstance(table, dict) else None
    if use is not None and isinstance(table, dict) and ("contracts" in table or "include" in table):
        raise ConfigError(
            [
                f"{path}: [tool.plugcheck] use names the contracts a plugin project follows; "
                "it cannot be combined with contracts or include"
            ]
        )
    if isinstance(use, str):
        return (use,)
    if isinstance(use, list):
        return tuple(str(u) for u in use)
    return None


def bundled_dir() -> Path | None:
    """The contracts that ship with plugcheck: package data in the wheel, ``examples/contracts``
    in a checkout."""
    shipped = resources.files("plugcheck").joinpath("_contracts")
    if shipped.is_dir():
        return Path(str(shipped))
    tree = Path(__file__).resolve().parents[2] / "examples" / "contracts"
    return tree if tree.is_dir() else None


def published_file(raw: Mapping[str, Any]) -> tuple[Path | None, str]:
    """The TOML file a ``plugcheck.contracts`` entry point names, located as installed (nothing
    imported), and how to name it to the user; ``None`` with the reason when it is missing."""
    dist = f"{raw.get('dist_name') or '?'} {raw.get('dist_version') or ''}".strip()
    said = f"{dist} (entry point {raw['name']} = {raw['value']!r})"
    package, colon, resource = str(raw["value"]).partition(":")
    if not colon or not resource.strip():
        return None, f"{said}: must name package:file.toml"
    found = Path(raw["module_file"]) if raw.get("module_file") else None
    if found is None:
        return None, f"{said}: package {package.strip()!r} is not installed"
    directory = found if found.is_dir() else found.parent
    path = directory / resource.strip()
    if not path.is_file():
        return None, f"{said}: {path} is not installed"
    return path, said


def contracts_for(
    project: PluginProject,
    published: Sequence[Mapping[str, Any]],
    kinds: Mapping[str, KindSchema],
    wanted: Sequence[str] = (),
    untrusted: bool = False,
    sys_path: Sequence[Path] = (),
) -> Choice:
    """The contracts that apply to ``project``, the problems met reading them, and notes.

    With ``wanted`` (``--contract``, ``[tool.plugcheck] use``), the contracts of those names
    (or bundled file names, ``sphinx``) apply, and no other. Else a published contract applies
    when the project depends on the distribution that publishes it (never its own) and, for a
    contract with an entry-point group, registers entry points in that group. A bundled
    contract applies when the project registers its group, also where a published one for
    that group applies (a plugin's author chooses its dependencies: one of them publishing a
    lenient contract for the group must not replace plugcheck's own), or, for one without a
    group, when its ``applies-to`` rule holds: the project depends on the host and one of its
    modules carries the host's plugin marker. With ``untrusted`` (``--untrusted-plugins``), a
    published contract applies without its ``preload`` (imported in the fork server before
    any confinement) and its ``lifecycle.env`` (variables handed to plugin processes), with a
    note each. A
    published file that cannot be used is a problem when the project depends on its publisher,
    else a note (another host's packaging bug must not stop this project's run).
    """
    found = Choice()
    # Each contract, where it came from, the distribution publishing it (None: bundled), its file.
    candidates: list[tuple[Contract, str, str | None, Path]] = []
    seen: list[Infos] = []  # the distributions on the path, read once if a publisher needs them
    for raw in sorted(published, key=lambda r: (str(r.get("dist_name")), r["name"])):
        dist: str | None = canonicalize_name(str(raw.get("dist_name") or ""))
        met: list[str] = []
        path, said = published_file(raw)
        if path is None:
            met.append(f"contract published by {said}")
        for contract in _load(path, kinds, f"contract published by {said}", met) if path else ():
            candidates.append((contract, f"published by {said}: {path}", dist, path or Path()))
        if dist in project.requires and (doubt := _doubted(raw, dist, sys_path, seen)):
            # A distribution's name is its claim: a plugin's wheel that shipped a second
            # `myhost` dist-info published the contract that judged it (red team red51).
            found.problems.append(f"contract published by {said}: {doubt}; not applied")
            candidates = [c for c in candidates if c[3] != path]
        elif dist in project.requires:
            found.problems.extend(met)
        else:
            found.notes.extend(f"skipped (the project does not depend on it): {m}" for m in met)
    directory = bundled_dir()
    for path in sorted(directory.glob("*.toml")) if directory else []:
        for contract in _load(path, kinds, "bundled contract", found.problems):
            candidates.append((contract, f"bundled with plugcheck: {path}", None, path))
    names = {c.name for c, *_ in candidates} | {p.stem for *_, d, p in candidates if d is None}
    unknown = [w for w in wanted if w not in names]
    found.problems.extend(
        f"--contract/use {w!r}: no contract of that name is published in the target "
        f"environment or bundled with plugcheck (have: {', '.join(sorted(names))})"
        for w in unknown
    )
    own = canonicalize_name(project.name)
    for contract, origin, dist, path in candidates:
        group = contract.entry_point_group
        if wanted:
            chosen = contract.name in wanted or (dist is None and path.stem in wanted)
            why = "chosen by name (--contract or [tool.plugcheck] use)"
            if not chosen:
                why = "not named by --contract or [tool.plugcheck] use"
            paths = _marked(project, contract)[1] if chosen else ()
        elif group is not None and dist is not None and dist == own:
            # A plugin may not bring the contract that judges it (red team: a project's own
            # distribution publishing a kind-less contract for pytest11 passed every plugin).
            chosen, paths = False, ()
            why = f"published by the project itself ({dist}); only its host's contract judges it"
        elif group is not None and dist is not None and dist not in project.requires:
            # Any installed distribution could publish a contract for any group: only one the
            # project depends on (its host) may judge it, as for a contract without a group.
            chosen, paths = False, ()
            why = f"the project does not depend on {dist}, which publishes it"
        elif group is not None:
            chosen = any(contract.in_group(g) for g in project.groups)
            why = (
                f"the project registers entry points in {group}"
                if chosen
                else f"the project registers no entry point in {group}"
            )
            paths = ()
        elif dist is not None:
            chosen = dist in project.requires
            why = f"the project depends on {dist}, which publishes it"
            if not chosen:
                why = f"it has no entry-point group and the project does not depend on {dist}"
            paths = _marked(project, contract)[1]
        else:
            why, paths = _marked(project, contract)
            chosen = bool(paths)
        if chosen:
            if untrusted and dist is not None:
                contract = _without_unconfined(contract, origin, found.notes)
            found.sources.append(Source(contract, origin, why, paths, dist))
        else:
            short = "bundled" if dist is None else f"published by {dist}"
            found.passed_over.append(f"{contract.name} ({short}): {why}")
    unique: dict[str, Source] = {}
    for source in found.sources:
        name = source.contract.name
        before = unique.get(name)
        if before is not None and source.publisher is None and before.publisher is not None:
            # Published under the name of plugcheck's own contract: plugcheck's judges.
            found.passed_over.append(f"{name} ({before.origin}): a bundled contract has its name")
            unique[name] = source
        elif before is not None:
            found.problems.append(
                f"two contracts named {name!r} apply; the one {source.origin} is left out"
            )
        else:
            unique[name] = source
    found.sources = list(unique.values())
    return found


def _doubted(
    raw: Mapping[str, Any], dist: str, sys_path: Sequence[Path], seen: list[Infos]
) -> str | None:
    """Why the distribution that publishes ``raw`` may not be ``dist`` but a claim of that
    name (:func:`host_distribution.doubted`); ``None`` without its folder or the path."""
    where = raw.get("dist_path")
    if not where or not sys_path:
        return None
    if not seen:
        seen.append(on_path([str(p) for p in sys_path], canonicalize_name))
    return doubted(seen[0], dist, Path(str(where)))


def _without_unconfined(contract: Contract, origin: str, notes: list[str]) -> Contract:
    """``contract`` (published, under ``--untrusted-plugins``) without what would run or reach
    past the sandbox on its publisher's word: its ``preload`` modules and ``preload-calls``,
    which the fork server imports and calls before it confines anything, and its
    ``lifecycle.env``, variables (CI secrets) handed to every plugin process (red team finding
    25)."""
    said = f"--untrusted-plugins: contract {contract.name} ({origin})"
    for key, what in (("preload", "is not imported"), ("preload-calls", "are not made")):
        if contract.options.get(key):
            notes.append(f"{said}: its {key} {what} (it would run unconfined)")
            options = {k: v for k, v in contract.options.items() if k != key}
            contract = replace(contract, options=options)
    if contract.lifecycle is not None and contract.lifecycle.env:
        names = ", ".join(contract.lifecycle.env)
        notes.append(f"{said}: its lifecycle.env ({names}) is not passed to plugin processes")
        contract = replace(contract, lifecycle=replace(contract.lifecycle, env=()))
    return contract


def _marked(project: PluginProject, contract: Contract) -> tuple[str, tuple[Path, ...]]:
    """Whether ``contract``'s ``applies-to`` rule holds for ``project``: why (or why not), and
    the project's modules that carry the host's plugin marker (empty: it does not hold)."""
    rule = contract.options.get("applies-to")
    if not isinstance(rule, dict):
        return (
            "it has no entry-point group and no applies-to rule: choose it with "
            f"`--contract {contract.name}` or [tool.plugcheck] use",
            (),
        )
    hosts = [canonicalize_name(r) for r in rule.get("requires", [])]
    host = next((h for h in hosts if h in project.requires), None)
    if host is None:
        return f"the project does not depend on {' or '.join(hosts)}", ()
    if isinstance(rule.get("namespace"), str):
        namespace = rule["namespace"]
        modules = namespace_modules(project.root, namespace)
        marker = f"ships modules in the {namespace} namespace package"
        lacking = f"ships no module in the {namespace} namespace package"
    else:
        name = str(rule.get("defines"))
        modules = defining_modules(project.root, name)
        marker = f"its modules define {name}() at module level"
        lacking = f"none of its modules defines {name}() at module level"
    if not modules:
        return f"the project depends on {host} but {lacking}", ()
    shown = ", ".join(str(m.relative_to(project.root)) for m in modules[:3])
    more = f" and {len(modules) - 3} more" if len(modules) > 3 else ""
    return f"the project depends on {host} and {marker} ({shown}{more})", tuple(modules)


def defining_modules(root: Path, name: str) -> list[Path]:
    """The project's modules that bind ``name`` at module level (``def``, assignment, import:
    a re-export counts), parsed, never imported. A module inside a package whose
    ``__init__.py`` binds it already is not listed again: the host is given the package."""
    found: list[Path] = []
    for _, location in top_level_modules(root):
        files = python_files(location) if location.is_dir() else [location]
        for path in files:
            if any(
                f.name == "__init__.py" and f.parent in _ancestors(path, location) for f in found
            ):
                continue
            if _binds(path, name):
                found.append(path)
    # A package is given to the host by its directory (imported as the package).
    return [p.parent if p.name == "__init__.py" else p for p in found]


def _ancestors(path: Path, top: Path) -> list[Path]:
    """The package directories that hold ``path``, from ``top`` down."""
    if path.name == "__init__.py":
        path = path.parent
    return [p for p in path.parents if p == top or top in p.parents]


def _binds(path: Path, name: str) -> bool:
    try:
        tree = untrusted.parse(read_source(path), str(path))
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
            return True
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return True
        if isinstance(node, ast.ImportFrom) and any(
            (a.asname or a.name) == name for a in node.names
        ):
            return True
    return False


def namespace_modules(root: Path, namespace: str) -> list[Path]:
    """The modules and packages the project ships in namespace package ``namespace``."""
    for base in (root / "src", root):
        folder = base.joinpath(*namespace.split("."))
        if not folder.is_dir():
            continue
        return [
            entry
            for entry in sorted(folder.iterdir())
            if not entry.name.startswith((".", "_"))
            and ((entry.suffix == ".py" and entry.is_file()) or (entry / "__init__.py").is_file())
        ]
    return []


def _load(
    path: Path, kinds: Mapping[str, KindSchema], what: str, problems: list[str]
) -> tuple[Contract, ...]:
    try:
        return load_config(path, kinds).contracts
    except ConfigError as exc:
        problems.extend(f"{what}: {p}" for p in exc.problems)
        return ()


def project_config(
    project: PluginProject, sources: Sequence[Source], notes: Sequence[str] = ()
) -> Config:
    """A run's configuration for ``project``: the contracts that apply, nothing else set (the
    cache goes into the project's own ``.plugcheck_cache/``)."""
    return Config(
        source=project.source,
        contracts=tuple(s.contract for s in sources),
        origins={s.contract.name: s.origin for s in sources},
        notes=tuple(notes),
        reasons={s.contract.name: s.why for s in sources if s.why},
        plugin_paths={s.contract.name: s.paths for s in sources if s.paths},
    )
