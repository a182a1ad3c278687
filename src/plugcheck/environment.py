"""The target interpreter: where plugins will run, queried once per run."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from plugcheck import _query, query_answer, target_env
from plugcheck.model import Contract


class TargetError(Exception):
    """The target interpreter cannot be queried (missing, not Python, crashed)."""


@dataclass(frozen=True, slots=True)
class Environment:
    executable: Path
    version: tuple[int, int, int]
    sys_path: tuple[Path, ...]
    ext_suffix: str | None
    platform: str
    entry_points: tuple[_query.EntryPointFacts, ...] = field(default=())
    maxsize: int | None = None
    """``sys.maxsize`` of the target: its word size decides ``if sys.maxsize > 2**32:``."""
    extension_suffixes: tuple[str, ...] = ()
    """``importlib.machinery.EXTENSION_SUFFIXES`` of the target: the ABI suffixes it loads."""
    markers: Mapping[str, str] = field(default_factory=dict)
    """PEP 508 marker environment of the target (``python_version``, ``sys_platform``, ...)."""
    tags: tuple[str, ...] | None = None
    """Wheel tags the target accepts; ``None`` when it has no ``packaging`` (nor pip) to ask."""
    distributions: Mapping[str, str] = field(default_factory=dict)
    """Installed distributions of the target: normalised name -> version."""
    unreadable: tuple[str, ...] = ()
    """Distributions whose metadata cannot be read (not UTF-8, unreadable) and which provide no
    entry point of the queried groups: skipped, noted."""
    unchecked: tuple[_query.Unchecked, ...] = ()
    """The entry points of the queried groups that such a distribution provides (or may): the
    host loads them, plugcheck cannot describe them (PC005)."""
    plugin_env: frozenset[str] | None = None
    """The environment variables a contract's plugins are given where the host runs them (its
    ``lifecycle.env`` and what every plugin process keeps, :func:`for_contract`): any other is
    unset there, so ``if os.environ.get("X"):`` is decided. ``None``: no contract's, every
    variable undecided."""
    requirements: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Each installed distribution's ``Requires-Dist`` names, normalised (markers not read)."""
    entry_modules: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The modules each distribution's entry points name, in every group."""

    def entry_points_for(self, group: str) -> list[_query.EntryPointFacts]:
        return [ep for ep in self.entry_points if ep["group"] == group]


def for_contract(env: Environment, contract: Contract) -> Environment:
    """``env`` as ``contract``'s plugins see it: with the variables the host passes them, the
    contract's ``lifecycle.env`` and those every plugin process keeps (the harness gives its
    processes no other, docs/harness.md)."""
    lifecycle = contract.lifecycle
    passed = frozenset((*target_env.PLUGIN_KEPT, *(lifecycle.env if lifecycle else ())))
    return env if env.plugin_env == passed else replace(env, plugin_env=passed)


def asked_groups(contracts: list[Contract]) -> list[str]:
    """The groups of ``contracts`` as the target query takes them (a pattern marked as one)."""
    marked = {
        _query.GROUP_PATTERN + c.entry_point_group if c.group_pattern else c.entry_point_group
        for c in contracts
        if c.entry_point_group
    }
    return sorted(marked)


def query(python: Path | None, groups: list[str]) -> Environment:
    """Describe ``python`` (default: this interpreter), with the entry points of ``groups``."""
    if python is None or _same_interpreter(python):
        data = _query.describe(groups)
    else:
        data = _run(python, groups)
    return environment_of(data)


def environment_of(data: _query.Description) -> Environment:
    """The environment a (checked) description describes."""
    return Environment(
        executable=Path(data["executable"]),
        version=(data["version"][0], data["version"][1], data["version"][2]),
        sys_path=tuple(Path(p) for p in data["sys_path"]),
        ext_suffix=data["ext_suffix"],
        platform=data["platform"],
        entry_points=tuple(data["entry_points"]),
        maxsize=data["maxsize"],
        extension_suffixes=tuple(data["extension_suffixes"]),
        markers=dict(data["markers"]),
        tags=tuple(data["tags"]) if data["tags"] is not None else None,
        distributions=dict(data["distributions"]),
        unreadable=tuple(data["unreadable"]),
        unchecked=tuple(data["unchecked"]),
        requirements={k: tuple(v) for k, v in data["requirements"].items()},
        entry_modules={k: tuple(v) for k, v in data["entry_modules"].items()},
    )


def _same_interpreter(python: Path) -> bool:
    # Not samefile(): every venv's python is a symlink to one base binary, yet each venv is
    # its own environment. Only the very same path is known to be this environment.
    return os.path.abspath(python) == os.path.abspath(sys.executable)


def _own_packaging() -> str:
    """The folder plugcheck's own ``packaging`` lies in: the query imports it from there, never
    from the target environment (``_query._supported_tags``)."""
    import packaging

    return os.path.dirname(os.path.dirname(os.path.abspath(packaging.__file__)))


def _run(python: Path, groups: list[str]) -> _query.Description:
    script = Path(_query.__file__)
    try:
        proc = subprocess.run(
            # -S: no .pth import line runs here (_query runs site's path work itself)
            [str(python), "-S", str(script), _query.PACKAGING + _own_packaging(), *groups],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
            check=False,
            env=target_env.for_target(),  # its .pth lines run there: no secrets (PC356)
        )
    except FileNotFoundError:
        raise TargetError(f"--python {python}: no such interpreter") from None
    except PermissionError:
        raise TargetError(f"--python {python}: not executable") from None
    except subprocess.TimeoutExpired:
        raise TargetError(f"--python {python}: did not answer within 60 s") from None
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise TargetError(f"--python {python}: query failed: {last}")
    try:
        decoded: object = json.loads(proc.stdout)
    except (json.JSONDecodeError, RecursionError):
        raise TargetError(f"--python {python}: is not a Python 3 interpreter") from None
    data = query_answer.parse_description(decoded)
    if data is None:
        raise TargetError(f"--python {python}: its description of itself is malformed") from None
    return data


def host_package(contract: Contract, env: Environment) -> list[str]:
    """What a pluggy host has imported before it loads plugins when its contract does not say
    (no ``preload``): its own package, the project its ``PluginManager`` is named after, when
    the target has a distribution of that name (pytest's hookspecs are ``_pytest.hookspec``, yet
    ``pytest`` itself is what every pytest plugin's import finds already loaded). Each child then
    pays for its plugin alone. A contract's ``preload``, even an empty one, says it instead."""
    if contract.kind != "pluggy" or "preload" in contract.options:
        return []
    raw = contract.options.get("pluggy")
    project = raw.get("project") if isinstance(raw, dict) else None
    if not isinstance(project, str) or not project.isidentifier():
        return []
    return [project] if re.sub(r"[-_.]+", "-", project).lower() in env.distributions else []
