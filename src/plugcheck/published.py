"""Contracts for a plugin project with no ``[tool.plugcheck]``: the ones its hosts publish in the
target environment (entry-point group ``plugcheck.contracts``), else the ones bundled with
plugcheck for well-known hosts. Nothing here imports a host."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from plugcheck.config import Config, ConfigError, KindSchema, load_config, parse_toml, upwards
from plugcheck.discovery import project_table
from plugcheck.model import Contract

CONTRACTS_GROUP = "plugcheck.contracts"
"""A host distribution publishes its contracts as entry points of this group, each naming a
TOML file inside one of its packages: ``myhost = "myhost:plugcheck.toml"``."""


@dataclass(frozen=True, slots=True)
class PluginProject:
    """What a plugin's own ``pyproject.toml`` says about the hosts it is written for."""

    pyproject: Path
    name: str
    groups: tuple[str, ...]
    """The entry-point groups it registers in (``[project.entry-points."group"]``)."""
    requires: tuple[str, ...]
    """The normalised names of the distributions it depends on."""

    @property
    def root(self) -> Path:
        return self.pyproject.parent


@dataclass(frozen=True, slots=True)
class Source:
    """One contract and where it came from (for ``plugcheck contracts``)."""

    contract: Contract
    origin: str


def find_project(starts: Sequence[Path], looked: list[Path]) -> PluginProject | None:
    """The nearest ``pyproject.toml`` with a ``[project]`` table upwards from each of ``starts``
    in turn; each directory looked in is appended to ``looked``."""
    for directory in upwards(starts, looked):
        project = read_plugin_project(directory / "pyproject.toml")
        if project is not None:
            return project
    return None


def read_plugin_project(pyproject: Path) -> PluginProject | None:
    """``pyproject``'s project name, registered groups and dependencies; ``None`` when it is
    missing, unreadable or has no ``[project]`` name."""
    try:
        table = project_table(parse_toml(pyproject.read_text(encoding="utf-8")))
    except (OSError, ValueError):  # UnicodeDecodeError and TOMLDecodeError too
        return None
    name = table.get("name")
    if not isinstance(name, str):
        return None
    eps = table.get("entry-points")
    groups = (
        [g for g, t in eps.items() if isinstance(t, dict) and t] if isinstance(eps, dict) else []
    )
    deps = table.get("dependencies")
    requires = []
    for dep in deps if isinstance(deps, list) else []:
        try:
            requires.append(canonicalize_name(Requirement(dep).name))
        except (InvalidRequirement, TypeError):
            continue  # the pinning rules report it
    return PluginProject(pyproject, name, tuple(groups), tuple(requires))


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
) -> tuple[list[Source], list[str], list[str]]:
    """The contracts that apply to ``project``, the problems met reading them, and notes.

    A published contract applies when the project registers its entry-point group, or, for a
    contract without one, when the project depends on the distribution that publishes it. A
    bundled contract applies when the project registers its group and no published contract
    covers that group already. A published file that cannot be used is a problem when the
    project depends on its publisher, else a note (another host's packaging bug must not stop
    this project's run).
    """
    problems: list[str] = []
    notes: list[str] = []
    chosen: list[Source] = []
    groups = set(project.groups)
    for raw in sorted(published, key=lambda r: (str(r.get("dist_name")), r["name"])):
        dist = canonicalize_name(str(raw.get("dist_name") or ""))
        met: list[str] = []
        path, said = published_file(raw)
        if path is None:
            met.append(f"contract published by {said}")
        for contract in _load(path, kinds, f"contract published by {said}", met) if path else ():
            group = contract.entry_point_group
            if group in groups or (group is None and dist in project.requires):
                chosen.append(Source(contract, f"published by {said}: {path}"))
        if dist in project.requires:
            problems.extend(met)
        else:
            notes.extend(f"skipped (the project does not depend on it): {m}" for m in met)
    covered = {s.contract.entry_point_group for s in chosen}
    directory = bundled_dir()
    for path in sorted(directory.glob("*.toml")) if directory else []:
        for contract in _load(path, kinds, "bundled contract", problems):
            group = contract.entry_point_group
            if group in groups and group not in covered:
                chosen.append(Source(contract, f"bundled with plugcheck: {path}"))
    names: set[str] = set()
    unique = []
    for source in chosen:
        if source.contract.name in names:
            problems.append(
                f"two contracts named {source.contract.name!r} apply; "
                f"the one {source.origin} is left out"
            )
            continue
        names.add(source.contract.name)
        unique.append(source)
    return unique, problems, notes


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
        source=project.pyproject,
        contracts=tuple(s.contract for s in sources),
        origins={s.contract.name: s.origin for s in sources},
        notes=tuple(notes),
    )
