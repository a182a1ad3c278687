"""What a rule is, what a check sees, and the registry that holds them."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plugcheck.config import Config
from plugcheck.environment import Environment
from plugcheck.model import (
    Applicability,
    Autofix,
    Contract,
    Finding,
    Location,
    Phase,
    Plugin,
    Related,
    Severity,
)
from plugcheck.static.index import ModuleIndex
from plugcheck.static.parse import ModuleInfo


@dataclass(frozen=True, slots=True)
class Rule:
    """One diagnostic and everything about it: code, short name, default severity, phase,
    one-line summary, the fix hint, what may explain it away and the harness steps that emit
    it. Docs and cases are found from the code (:attr:`doc`, :attr:`cases`)."""

    code: str
    name: str
    severity: Severity
    phase: Phase
    summary: str
    opt_in: bool = False
    """Reported only where a ``select`` (command line, config or contract) names it."""
    fix: str | None = None
    """The default fix hint of its findings."""
    autofix: Applicability | None = None
    """Whether its findings can carry a mechanical fix (``--fix``), and how safe it is; the
    rule's doc says the same in its ``Fix:`` line."""
    explained_by: tuple[str, ...] = ()
    """(dynamic rules) Code prefixes of static rules that may explain a finding of this rule
    away: only an *error* about the same subject of the same plugin in the same contract,
    and never a crash, exit, hang or lost process (:func:`explains`)."""
    explains: tuple[str, ...] = ()
    """(static rules) Dynamic codes this rule may explain away, declared by a rule family the
    dynamic rule does not know (PC530, a name the installed host lacks, explains PC401)."""
    steps: tuple[str, ...] = ()
    """(dynamic rules) The harness steps whose failure this rule reports."""
    overruled_by: str | None = None
    """(static rules that predict the host rejects the plugin) The real check that decides it
    (a run pass's worker mode, or ``import``: the harness or a worker imported the plugin):
    when that check passed the plugin, the finding is withdrawn (a finding whose ``step`` names
    another step stays)."""

    def at(
        self,
        plugin: Plugin,
        location: Location,
        message: str,
        *,
        fix: str | None = None,
        related: Sequence[Related] = (),
        severity: Severity | None = None,
        subject: str | None = None,
        autofix: Autofix | None = None,
        step: str | None = None,
    ) -> Finding:
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=message,
            location=location,
            plugin=plugin.name,
            contract=plugin.contract,
            fix=fix or self.fix,
            related=tuple(related),
            subject=subject,
            autofix=autofix,
            step=step,
        )

    @property
    def doc(self) -> Path:
        """``rules/PCnnn.md`` in the source tree."""
        return _TREE / "rules" / f"{self.code}.md"

    @property
    def cases(self) -> list[Path]:
        """Its ``testdata/rules/PCnnn/{bad,good}*`` cases in the source tree."""
        folder = _TREE / "testdata" / "rules" / self.code
        return sorted(p for p in folder.glob("*") if p.is_dir()) if folder.is_dir() else []


_TREE = Path(__file__).resolve().parents[3]

RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    phase: Phase = Phase.STATIC,
    opt_in: bool = False,
    fix: str | None = None,
    autofix: Applicability | None = None,
    explained_by: tuple[str, ...] = (),
    explains: tuple[str, ...] = (),
    steps: tuple[str, ...] = (),
    overruled_by: str | None = None,
) -> Rule:
    """Register a rule; codes and names are unique, and so is the rule of a harness step."""
    if code in RULES:
        raise ValueError(f"rule {code} registered twice")
    if any(r.name == name for r in RULES.values()):
        raise ValueError(f"rule name {name!r} registered twice")
    taken = [s for r in RULES.values() for s in r.steps if s in steps]
    if taken:
        raise ValueError(f"harness step {taken[0]!r} already has a rule")
    RULES[code] = made = Rule(
        code,
        name,
        severity,
        phase,
        summary,
        opt_in=opt_in,
        fix=fix,
        autofix=autofix,
        explained_by=explained_by,
        explains=explains,
        steps=steps,
        overruled_by=overruled_by,
    )
    caller = sys._getframe(1)
    while caller.f_back is not None and caller.f_code.co_name != "<module>":
        caller = caller.f_back  # through helpers such as dynamic's _dynamic()
    DEFINED_AT[code] = Location(Path(caller.f_code.co_filename), caller.f_lineno)
    return made


DEFINED_AT: dict[str, Location] = {}
"""Where each rule is registered (the module-level statement), for ``plugcheck rule --where``."""


def step_rule(step: str) -> Rule | None:
    """The rule that reports a failure of harness step ``step``."""
    return next((r for r in RULES.values() if step in r.steps), None)


def explainers(code: str) -> tuple[str, ...]:
    """Code prefixes of the static rules that may explain a finding of ``code`` away."""
    declared = RULES[code].explained_by if code in RULES else ()
    # Sorted: the order rule modules happen to be imported in is not part of the output.
    return (*declared, *sorted(r.code for r in RULES.values() if code in r.explains))


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


@dataclass(frozen=True, slots=True)
class Check:
    codes: tuple[str, ...]
    per_plugin: PluginCheck | None = None
    per_contract: ContractCheck | None = None
    always: bool = False
    """Run with the dynamic passes alone too (``plugcheck harness``): what discovery could not
    check, which no later pass sees either (PC005)."""


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
