"""What each rule is, without the code that checks for it: the registry, and who may report.

Every rule is defined once, by :func:`rule` in the module holding its check. ``RULES`` starts
out as the table ``rule_table.json`` holds (written from the definitions by
``scripts/gen_rules_table.py``, checked by tests/test_rule_explain.py), so listing, explaining,
selecting and rendering rules imports no check; a definition, when its module is imported,
replaces its entry with the live one (the same values while the table is fresh).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plugcheck.model import (
    Applicability,
    Autofix,
    Finding,
    Location,
    Phase,
    Plugin,
    Related,
    Severity,
)

if TYPE_CHECKING:
    from plugcheck.config import Config


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

    def as_json(self) -> dict[str, Any]:
        """This rule as an entry of ``rule_table.json`` (:func:`from_json` reads it back)."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "phase": self.phase.value,
            "summary": self.summary,
            "opt_in": self.opt_in,
            "fix": self.fix,
            "autofix": self.autofix.value if self.autofix else None,
            "explained_by": list(self.explained_by),
            "explains": list(self.explains),
            "steps": list(self.steps),
            "overruled_by": self.overruled_by,
        }


def from_json(entry: dict[str, Any]) -> Rule:
    autofix = entry["autofix"]
    return Rule(
        entry["code"],
        entry["name"],
        Severity(entry["severity"]),
        Phase(entry["phase"]),
        entry["summary"],
        opt_in=entry["opt_in"],
        fix=entry["fix"],
        autofix=Applicability(autofix) if autofix else None,
        explained_by=tuple(entry["explained_by"]),
        explains=tuple(entry["explains"]),
        steps=tuple(entry["steps"]),
        overruled_by=entry["overruled_by"],
    )


_TREE = Path(__file__).resolve().parents[2]

TABLE = "rule_table.json"


def _table() -> dict[str, Rule]:
    """The rules as the shipped table describes them (empty when it is missing: the definitions
    alone then, as the check modules are imported)."""
    try:
        text = (Path(__file__).parent / TABLE).read_text(encoding="utf-8")
    except OSError:
        return {}
    return {entry["code"]: from_json(entry) for entry in json.loads(text)}


RULES: dict[str, Rule] = _table()
"""Every rule by code: the table's until a rule's module defines it."""

DEFINED_AT: dict[str, Location] = {}
"""Where each rule is defined (the module-level statement), for ``plugcheck rule --where``; the
rules whose check modules are imported."""


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
    """Define a rule; codes and names are unique, and so is the rule of a harness step."""
    if code in DEFINED_AT:
        raise ValueError(f"rule {code} registered twice")
    defined = [RULES[c] for c in DEFINED_AT]
    if any(r.name == name for r in defined):
        raise ValueError(f"rule name {name!r} registered twice")
    taken = [s for r in defined for s in r.steps if s in steps]
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


def step_rule(step: str) -> Rule | None:
    """The rule that reports a failure of harness step ``step``."""
    return next((r for r in RULES.values() if step in r.steps), None)


def explainers(code: str) -> tuple[str, ...]:
    """Code prefixes of the static rules that may explain a finding of ``code`` away."""
    declared = RULES[code].explained_by if code in RULES else ()
    # Sorted: the order rule modules happen to be imported in is not part of the output.
    return (*declared, *sorted(r.code for r in RULES.values() if code in r.explains))


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


UNCHECKED = frozenset({"PC416", "PC417", "PC420", "PC423", "PC424"})
"""Rules that say a plugin, or a step of it, was not checked: a selection that leaves them out
while it chooses a dynamic rule still reports them (red team red54)."""


def wanted(code: str, config: Config, contract: str | None) -> bool:
    """Whether ``code`` is reported for ``contract``: the run's selection and the contract's own
    ``select``/``extend-select``/``ignore`` must both choose it; an opt-in rule must be named by
    one of them."""
    own = next((c for c in config.contracts if c.name == contract), None)
    options = own.options if own is not None else {}
    extend = options.get("extend-select", [])
    # ruff's meaning: extend-select adds to the selection ("" is every rule when none is given).
    select = [*(options.get("select") or ([""] if extend else [])), *extend]
    ignore = options.get("ignore", [])
    if not (_chosen(code, config.select, config.ignore) and _chosen(code, select, ignore)):
        if code in UNCHECKED and not any(code.startswith(p) for p in [*config.ignore, *ignore]):
            # Left out by a select only, it says the selected dynamic rules could not all be
            # judged: before, `--select PC40` said "No findings" for a plugin whose steps
            # after init the sandbox cut short (PC420). An ignore naming it drops it.
            return any(
                wanted(c, config, contract)
                for c, r in RULES.items()
                if r.phase is Phase.DYNAMIC and c not in UNCHECKED
            )
        return False
    rule_ = RULES.get(code)
    return (
        rule_ is None
        or not rule_.opt_in
        or any(p and code.startswith(p) for p in [*config.select, *select])
    )
