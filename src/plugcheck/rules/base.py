"""What a check sees, and the registry of checks (rules themselves: ``plugcheck.registry``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugcheck.environment import Environment, for_contract
from plugcheck.model import Contract, Finding, Plugin
from plugcheck.registry import (
    DEFINED_AT,
    RULES,
    Rule,
    explainers,
    is_selected,
    rule,
    selected,
    step_rule,
    wanted,
)
from plugcheck.static.index import ModuleIndex
from plugcheck.static.parse import ModuleInfo


@dataclass(slots=True)
class Context:
    """What a static check sees about one contract: its plugins and the run's shared state."""

    contract: Contract
    plugins: list[Plugin]
    index: ModuleIndex
    env: Environment
    api_versions: tuple[str, ...] = ()
    """API versions to check against instead of the installed one (``--api-version``)."""
    notes: list[str] = field(default_factory=list)
    """Lines a check wants shown under the report (what it could not judge); the engine moves
    them there after the contract's checks."""
    peers: tuple[Plugin, ...] = ()
    """When the run checks only some of the contract's plugins (paths on the command line,
    ``--shard``, ``--only``): every plugin a whole-host run checks, in its order, ``plugins``
    among them. A contract-wide check that judges a plugin against the others (PC003's names,
    PC553's entry points) reads these, and reports only on ``plugins``: ``plugcheck check
    plugins/x`` gives x the verdict the whole-host run gives it, and the shards' reports merge
    into the whole-host run's. Empty: ``plugins`` are all of them."""

    plugin_facts: dict[str, tuple[Plugin, object]] = field(default_factory=dict)
    """What the checks of one plugin share, by name, with that plugin (``reached.reader_of``);
    the static pass empties it before and after each plugin's checks."""

    def __post_init__(self) -> None:
        # Every check reads the target as this contract's plugins run in it: a variable the
        # host does not pass them is unset there (`if os.environ.get("X"):` is decided).
        self.env = for_contract(self.env, self.contract)

    def api_roots(self) -> list[Path]:
        return [*self.contract.search_path, *self.env.sys_path]

    def roots(self, plugin: Plugin) -> list[Path]:
        """Where ``plugin``'s imports resolve: its own import root, then the host's paths, then
        the folder the host joins to the plugin's package (beets appends it to ``sys.path``)."""
        own = [plugin.import_root] if plugin.import_root else []
        joined = [plugin.package_dir] if plugin.package_dir else []
        return [*own, *self.api_roots(), *joined]

    def shown(self, path: Path) -> str:
        """``path`` for a message: relative to the host's directory when under it."""
        return self.contract.shown(path)

    def module(self, plugin: Plugin) -> ModuleInfo | None:
        if plugin.module_path is None:
            return None
        return self.index.info(plugin.module_path)


PluginCheck = Callable[[Context, Plugin], Iterable[Finding]]
ContractCheck = Callable[[Context], Iterable[Finding]]
Gather = Callable[[Context, Plugin], list[Any]]
Join = Callable[[Context, Sequence[tuple[Plugin, list[Any]]]], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Check:
    codes: tuple[str, ...]
    per_plugin: PluginCheck | None = None
    per_contract: ContractCheck | None = None
    always: bool = False
    """Run with the dynamic passes alone too (``plugcheck harness``): what discovery could not
    check, which no later pass sees either (PC005)."""
    gather: Gather | None = None
    """For a check that judges plugins against each other from what each one holds (PC007's
    registrations): what one plugin holds, as JSON data, made with that plugin's checks (its
    syntax trees are gone after them) and kept in its result-cache entry, so neither a cold
    run keeps every plugin's trees nor a warm rerun parses any; ``per_contract`` is None and
    ``join`` reads the gathered data of every plugin."""
    join: Join | None = None
    """With ``gather`` and no ``join``: data a later pass reads (PC429's census, the host's
    dicts each plugin fills), gathered while the plugin's trees live and handed over in
    ``ModuleIndex.gathered`` (kept in the result-cache entry too), so that pass parses no
    plugin the static pass has checked."""


CHECKS: list[Check] = []


def plugin_check(*rules: Rule) -> Callable[[PluginCheck], PluginCheck]:
    """Register a check that runs once per plugin and emits ``rules``."""

    def register(fn: PluginCheck) -> PluginCheck:
        CHECKS.append(Check(tuple(r.code for r in rules), per_plugin=fn))
        return fn

    return register


def contract_check(*rules: Rule, always: bool = False) -> Callable[[ContractCheck], ContractCheck]:
    """Register a check that runs once per contract (across its plugins); ``always``: in a run
    without the static pass too (:attr:`Check.always`)."""

    def register(fn: ContractCheck) -> ContractCheck:
        CHECKS.append(Check(tuple(r.code for r in rules), per_contract=fn, always=always))
        return fn

    return register


def gathered_for(*rules: Rule) -> Callable[[Gather], Gather]:
    """Register ``gather`` as what the later pass that emits ``rules`` reads of each plugin
    (:attr:`Check.join`), made with the plugin's static checks."""

    def register(fn: Gather) -> Gather:
        CHECKS.append(Check(tuple(r.code for r in rules), gather=fn))
        return fn

    return register


def joined_check(*rules: Rule, gather: Gather) -> Callable[[Join], Join]:
    """Register a check across a contract's plugins made of ``gather``, run with each plugin's
    checks, and the decorated join of what every plugin (``Context.peers`` or ``plugins``, in
    that order) gathered, run once after them (:attr:`Check.gather`)."""

    def register(fn: Join) -> Join:
        CHECKS.append(Check(tuple(r.code for r in rules), gather=gather, join=fn))
        return fn

    return register


__all__ = [
    "CHECKS",
    "DEFINED_AT",
    "RULES",
    "Check",
    "Context",
    "Rule",
    "contract_check",
    "explainers",
    "gathered_for",
    "is_selected",
    "joined_check",
    "plugin_check",
    "rule",
    "selected",
    "step_rule",
    "wanted",
]
