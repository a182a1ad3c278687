"""Load and validate ``[tool.plugcheck]`` from a host's pyproject.toml.

Rooms: ``fields`` (contract keys as data and their checks), ``contract`` (one contract table
parsed into a ``Contract``); this module finds, reads and includes the files."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from plugcheck.config.contract import _EXPORT_KEYS as _EXPORT_KEYS
from plugcheck.config.contract import _LIFECYCLE_KEYS as _LIFECYCLE_KEYS
from plugcheck.config.contract import Validator, parse_contract
from plugcheck.config.fields import _DOTTED as _DOTTED
from plugcheck.config.fields import _IDENT as _IDENT
from plugcheck.config.fields import _TYPEREF as _TYPEREF
from plugcheck.config.fields import ANY as ANY
from plugcheck.config.fields import BOOLEAN as BOOLEAN
from plugcheck.config.fields import CODES as CODES
from plugcheck.config.fields import COMMON_FIELDS as COMMON_FIELDS
from plugcheck.config.fields import IDENTIFIER as IDENTIFIER
from plugcheck.config.fields import KEYWORD_STAND_INS as KEYWORD_STAND_INS
from plugcheck.config.fields import POSITIVE_INT as POSITIVE_INT
from plugcheck.config.fields import POSITIVE_NUMBER as POSITIVE_NUMBER
from plugcheck.config.fields import PYTHON_FIELDS as PYTHON_FIELDS
from plugcheck.config.fields import STAND_INS as STAND_INS
from plugcheck.config.fields import STRING as STRING
from plugcheck.config.fields import STRINGS as STRINGS
from plugcheck.config.fields import TABLE as TABLE
from plugcheck.config.fields import TYPEREF as TYPEREF
from plugcheck.config.fields import TYPEREFS as TYPEREFS
from plugcheck.config.fields import Check as Check
from plugcheck.config.fields import Field as Field
from plugcheck.config.fields import KindSchema as KindSchema
from plugcheck.config.fields import applies_to as applies_to
from plugcheck.config.fields import boolean as boolean
from plugcheck.config.fields import code_list as code_list
from plugcheck.config.fields import dotted_name as dotted_name
from plugcheck.config.fields import nonempty_string as nonempty_string
from plugcheck.config.fields import per_plugin_codes as per_plugin_codes
from plugcheck.config.fields import positive_int as positive_int
from plugcheck.config.fields import positive_number as positive_number
from plugcheck.config.fields import preload_call as preload_call
from plugcheck.config.fields import stand_in_ref as stand_in_ref
from plugcheck.config.fields import string_list as string_list
from plugcheck.config.fields import table_of as table_of
from plugcheck.model import Contract, Severity
from plugcheck.options import Options
from plugcheck.untrusted import read_source


class ConfigError(Exception):
    """The contract cannot be used; each entry of ``problems`` is one line for the user."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Config:
    source: Path
    contracts: tuple[Contract, ...]
    fail_on: Severity = Severity.WARNING
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    cache_dir: Path | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)
    origins: Mapping[str, str] = field(default_factory=dict)
    """Contract name -> where it came from, for contracts not declared in ``source`` (published
    by a host, bundled with plugcheck)."""

    notes: tuple[str, ...] = ()
    """What finding the contracts met that the report should say (a skipped published one)."""
    reasons: Mapping[str, str] = field(default_factory=dict)
    """Contract name -> why it applies to the plugin project (``plugcheck contracts``)."""
    plugin_paths: Mapping[str, tuple[Path, ...]] = field(default_factory=dict)
    """Contract name -> the plugin project's modules that are its plugins (its ``applies-to``
    marker found them); the other contracts check the project itself."""
    passed_over: tuple[str, ...] = ()
    """The contracts that could apply to the plugin project and do not, each with why."""
    hints: tuple[str, ...] = ()
    """What to do when the run cannot go on (the plugin project's host is not installed)."""

    def origin(self, contract: Contract) -> str:
        return self.origins.get(contract.name) or f"[tool.plugcheck] in {contract.source}"


def parse_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads``, raising ``ValueError`` (``TOMLDecodeError`` is one) for every bad
    document, also one nested deeper than the parser can recurse (an inline table 1,000 deep)."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ValueError("tables or arrays nested too deeply") from None


def _unusable(path: Path, *, directory: bool, missing: str) -> str | None:
    """Why ``path`` is not an existing directory (or file), or ``None`` when it is one."""
    try:
        found = path.is_dir() if directory else path.is_file()
    except OSError as exc:  # a name too long for the file system, a permission problem
        return f"cannot be read ({exc.strerror or type(exc).__name__})"
    return None if found else missing


def find_config(start: Path) -> Path | None:
    """The nearest pyproject.toml with a ``[tool.plugcheck]`` table, walking up from ``start``."""
    return search_config([start], [])


def search_config(starts: Sequence[Path], looked: list[Path]) -> Path | None:
    """The nearest pyproject.toml with a ``[tool.plugcheck]`` table upwards from each of
    ``starts`` in turn; each directory looked in is appended to ``looked``."""
    for directory in upwards(starts, looked):
        if has_table(directory / "pyproject.toml"):
            return directory / "pyproject.toml"
    return None


def other_config(paths: Sequence[Path], first: Path | None) -> str | None:
    """Why the paths given cannot share the configuration ``first`` the first one finds (or
    ``None``): a plugin project's own ``[tool.plugcheck]`` (its ``ignore``, its contracts) never
    judges another path (``check plugins/a plugins/b`` used ``a``'s for ``b``, which passed)."""
    for path in paths[1:]:
        if not path.exists():
            continue  # a missing path is said on its own
        own = search_config([path, Path.cwd()], [])
        if own != first:
            shown = [str(x) if x is not None else "none" for x in (first, own)]
            return (
                f"{paths[0]} and {path} have different configurations ({shown[0]} and "
                f"{shown[1]}): check them in separate runs, or name one with --config"
            )
    return None


def unnamed(found: Path, use: Sequence[str] | None, options: Options) -> list[str]:
    """Why ``found``, a ``[tool.plugcheck]`` no ``--config`` named, chooses nothing under
    ``--untrusted-plugins`` (empty: it does). Found upwards from the checked path, it may lie in
    a registry's upload: its author's contracts can ask for nothing (``ignore = ["PC"]``, a
    throwaway contract) and its ``use`` can name another host's, and the plugin passed (red
    team red54). Its contracts are then refused (exit 2), its ``use`` is not followed."""
    if options.config is not None or not options.untrusted_plugins:
        return []
    said = f"--untrusted-plugins: {found} was found, not named with --config, and may be the"
    if use is not None:
        return [
            f"{said} plugin author's: its [tool.plugcheck] use ({', '.join(use)}) is not "
            "followed; the contracts the project's dependencies and entry-point groups call "
            "for apply (name others with --contract)"
        ]
    return [
        f"{said} plugin author's, whose contracts can ask for nothing: pass --config with the "
        f"host's configuration (--config {found} if it is the host's)"
    ]


def api_from_target(config: Config) -> Config:
    """``config`` without the search-path directories holding a contract's API package."""
    tops = {c.api.split(".")[0] for c in config.contracts if c.api}

    def holds_api(directory: Path) -> bool:
        return any((directory / t).is_dir() or (directory / f"{t}.py").is_file() for t in tops)

    return replace(
        config,
        contracts=tuple(
            replace(c, search_path=tuple(p for p in c.search_path if not holds_api(p)))
            for c in config.contracts
        ),
    )


def upwards(starts: Sequence[Path], looked: list[Path]) -> Iterator[Path]:
    """Each directory from each of ``starts`` up to the root, in turn, appended to ``looked`` as
    it is yielded; one already in ``looked`` ends that start's walk (so do those above it)."""
    for start in starts:
        start = Path(os.path.realpath(start))  # a link loop (a plugin's file) raises in resolve()
        for directory in (start, *start.parents) if start.is_dir() else start.parents:
            if directory in looked:
                break
            looked.append(directory)
            yield directory


def has_table(candidate: Path) -> bool:
    """Whether ``candidate`` exists with a ``[tool.plugcheck]`` table (or cannot be read: then
    :func:`load_config` reports it)."""
    if not candidate.is_file():
        return False
    try:
        data = parse_toml(read_source(candidate).decode("utf-8"))
    except (OSError, ValueError):  # UnicodeDecodeError and TOMLDecodeError too
        return True
    tool = data.get("tool")
    return isinstance(tool, dict) and "plugcheck" in tool


def load_config(path: Path, kinds: Mapping[str, KindSchema]) -> Config:
    """Read ``path`` (and any files it includes) into a validated :class:`Config`; ``kinds`` are
    the contract kinds that may be used, each with the keys it owns."""
    problems: list[str] = []
    config = _load(path.resolve(), problems, set(), kinds)
    if problems or config is None:
        raise ConfigError(problems or [f"{path}: no [tool.plugcheck] table"])
    return config


def _read_toml(path: Path, problems: list[str]) -> dict[str, Any] | None:
    try:
        text = read_source(path).decode("utf-8")
    except FileNotFoundError:
        problems.append(f"{path}: file not found")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read: {exc}")
        return None
    try:
        return parse_toml(text)
    except ValueError as exc:
        problems.append(f"{path}: invalid TOML: {exc}")
        return None


def _load(
    path: Path, problems: list[str], seen: set[Path], kinds: Mapping[str, KindSchema]
) -> Config | None:
    if path in seen:
        problems.append(f"{path}: included twice (include cycle)")
        return None
    seen.add(path)
    data = _read_toml(path, problems)
    if data is None:
        return None
    tool = data.get("tool")
    table = tool.get("plugcheck") if isinstance(tool, dict) else None
    if table is None:
        problems.append(f"{path}: no [tool.plugcheck] table")
        return None
    v = Validator(path, problems)
    if not isinstance(table, dict):
        v.error("tool.plugcheck", "must be a table")
        return None
    v.unknown_keys("tool.plugcheck", table, _TOP_KEYS)
    base = path.parent
    raw_search_path = v.str_list("tool.plugcheck", table, "search-path")
    search_path = tuple(base / p for p in raw_search_path)
    for sp, raw in zip(search_path, raw_search_path, strict=True):
        if problem := _unusable(sp, directory=True, missing="does not exist"):
            v.error("tool.plugcheck.search-path", f"directory {raw!r} {problem}")
    contracts: list[Contract] = []
    raw_contracts = table.get("contracts", {})
    if not isinstance(raw_contracts, dict):
        v.error("tool.plugcheck.contracts", "must be a table of named contracts")
        raw_contracts = {}
    for name, raw in raw_contracts.items():
        contract = parse_contract(v, name, raw, search_path, kinds)
        if contract is not None:
            contracts.append(contract)
    for include in v.str_list("tool.plugcheck", table, "include"):
        if problem := _unusable(base / include, directory=False, missing="file not found"):
            v.error("tool.plugcheck.include", f"{include!r}: {problem}")
            continue
        sub = _load((base / include).resolve(), problems, seen, kinds)
        if sub is not None:
            contracts.extend(sub.contracts)
    if not contracts and not problems:
        v.error("tool.plugcheck.contracts", "no contract declared")
    names = [c.name for c in contracts]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        v.error(f"tool.plugcheck.contracts.{dup}", "contract declared twice (through include)")
    fail_on = v.choice("tool.plugcheck", table, "fail-on", [s.value for s in Severity])
    cache = v.string("tool.plugcheck", table, "cache-dir")
    return Config(
        source=path,
        contracts=tuple(contracts),
        fail_on=Severity(fail_on) if fail_on else Severity.WARNING,
        select=tuple(v.str_list("tool.plugcheck", table, "select")),
        ignore=tuple(v.str_list("tool.plugcheck", table, "ignore")),
        cache_dir=base / cache if cache else None,
        settings=table,
    )


_TOP_KEYS = {
    "contracts",
    "include",
    "search-path",
    "fail-on",
    "select",
    "ignore",
    "cache-dir",
    "use",
}
