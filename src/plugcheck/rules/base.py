"""What a rule is, what a check sees, and the registry that holds them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from plugcheck.config import Config
from plugcheck.environment import Environment
from plugcheck.model import Contract, Finding, Location, Phase, Plugin, Related, Severity
from plugcheck.static.index import ModuleIndex
from plugcheck.static.parse import ModuleInfo


@dataclass(frozen=True, slots=True)
class Rule:
    """One diagnostic: its code, short name, default severity, phase and one-line summary."""

    code: str
    name: str
    severity: Severity
    phase: Phase
    summary: str
    opt_in: bool = False
    """Reported only where a ``select`` (command line, config or contract) names it."""

    def at(
        self,
        plugin: Plugin,
        location: Location,
        message: str,
        *,
        fix: str | None = None,
        related: Sequence[Related] = (),
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=message,
            location=location,
            plugin=plugin.name,
            contract=plugin.contract,
            fix=fix,
            related=tuple(related),
        )


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    phase: Phase = Phase.STATIC,
    opt_in: bool = False,
) -> Rule:
    """Register a rule; codes and names are unique."""
    if code in RULES:
        raise ValueError(f"rule {code} registered twice")
    if any(r.name == name for r in RULES.values()):
        raise ValueError(f"rule name {name!r} registered twice")
    RULES[code] = made = Rule(code, name, severity, phase, summary, opt_in)
    return made


@dataclass(slots=True)
class Context:
    """What a static check sees about one contract: its plugins and the run's shared state."""

    contract: Contract
    plugins: list[Plugin]
    index: ModuleIndex
    env: Environment
    api_versions: tuple[str, ...] = ()
    """API versions to check against instead of the installed one (``--api-version``)."""

    def api_roots(self) -> list[Path]:
        return [*self.contract.search_path, *self.env.sys_path]

    def roots(self, plugin: Plugin) -> list[Path]:
        """Where ``plugin``'s imports resolve: its own import root, then the host's paths."""
        own = [plugin.import_root] if plugin.import_root else []
        return [*own, *self.api_roots()]

    def shown(self, path: Path) -> str:
        """``path`` for a message: relative to the host's directory when under it."""
        return self.contract.shown(path)

    def module(self, plugin: Plugin) -> ModuleInfo | None:
        if plugin.module_path is None:
            return None
        return self.index.info(plugin.module_path)


PluginCheck = Callable[[Context, Plugin], Iterable[Finding]]
ContractCheck = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Check:
    codes: tuple[str, ...]
    per_plugin: PluginCheck | None = None
    per_contract: ContractCheck | None = None


CHECKS: list[Check] = []


def plugin_check(*rules: Rule) -> Callable[[PluginCheck], PluginCheck]:
    """Register a check that runs once per plugin and emits ``rules``."""

    def register(fn: PluginCheck) -> PluginCheck:
        CHECKS.append(Check(tuple(r.code for r in rules), per_plugin=fn))
        return fn

    return register


def contract_check(*rules: Rule) -> Callable[[ContractCheck], ContractCheck]:
    """Register a check that runs once per contract (across its plugins)."""

    def register(fn: ContractCheck) -> ContractCheck:
        CHECKS.append(Check(tuple(r.code for r in rules), per_contract=fn))
        return fn

    return register


def selected(codes: Iterable[str], select: Sequence[str], ignore: Sequence[str]) -> Iterator[str]:
    """The codes picked by ``--select``/``--ignore`` prefixes (longest prefix wins)."""
    for code in codes:
        if is_selected(code, select, ignore):
            yield code


def is_selected(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    rule_ = RULES.get(code)
    if rule_ is not None and rule_.opt_in and not any(code.startswith(p) for p in select):
        return False
    return _chosen(code, select, ignore)


def _chosen(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    chosen = max((len(p) for p in select if code.startswith(p)), default=-1) if select else 0
    if chosen < 0:
        return False
    dropped = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    return dropped < 0 or chosen > dropped


def wanted(code: str, config: Config, contract: str | None) -> bool:
    """Whether ``code`` is reported for ``contract``: the run's selection and the contract's own
    ``select``/``ignore`` must both choose it; an opt-in rule must be named by one of them."""
    own = next((c for c in config.contracts if c.name == contract), None)
    select = own.options.get("select", []) if own is not None else []
    ignore = own.options.get("ignore", []) if own is not None else []
    if not (_chosen(code, config.select, config.ignore) and _chosen(code, select, ignore)):
        return False
    rule_ = RULES.get(code)
    return (
        rule_ is None
        or not rule_.opt_in
        or any(code.startswith(p) for p in [*config.select, *select])
    )
