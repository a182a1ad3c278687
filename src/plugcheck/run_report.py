"""What a run found (:class:`Report`): the engine fills it, suppressions trim it, reporters
print it. It sits below all three so that none of them imports another for it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plugcheck.model import Explained, Finding, Matrix, Plugin, Severity

if TYPE_CHECKING:  # only annotations: `plugcheck rule` and `--help` load neither
    from plugcheck.config import Config
    from plugcheck.environment import Environment


@dataclass(slots=True)
class Report:
    config: Config
    env: Environment
    plugins: list[Plugin] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    """Checks that failed internally (a plugcheck bug), with the plugin they ran on."""
    notes: list[str] = field(default_factory=list)
    """Lines the passes want shown under the report (skipped plugins, cache use, ...)."""
    errors: list[str] = field(default_factory=list)
    """What made the run incomplete or untrustworthy, not a plugcheck bug (a plugin stopped or
    killed the harness): the summary never says passed and the exit status is 2."""
    empty: list[str] = field(default_factory=list)
    """Contracts whose discovery found no plugins: nothing was checked for them, so the summary
    never says "All checks passed" (before: "All checks passed: 0 plugins in 1 contract")."""
    matrix: Matrix | None = None
    """Plugins x API versions, when the run was asked for several (``--api-version a,b``)."""
    steps: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    """``Plugin.key`` (contract, module file) -> the harness's [(step, outcome)]."""
    confinement: list[str] | None = None
    """The confinement every plugin process ran under (``harness.confine``: landlock-abi-N,
    seccomp, no-new-privs, no-capabilities; empty: none); ``None`` when no plugin code ran."""
    static_only: bool = False
    """The run had no harness (``--no-dynamic``): no plugin was imported or run, and a passing
    summary says so."""
    partial: list[str] = field(default_factory=list)
    """Steps the run took for no plugin of a contract, by the contract's choice (a pluggy
    contract without stand-ins calls no hook): also notes; a passing summary names them."""
    shard: tuple[int, int] | None = None
    """``--shard I/N``: the run checked only that slice of the plugins (``plugcheck merge``
    needs every slice of N to vouch for the whole fleet)."""
    unsafe_fixes: bool = False
    """Unsafe fixes were asked for (``--unsafe-fixes``): reporters mark them as applicable."""
    explained: list[Explained] = field(default_factory=list)
    """Failures not reported because an earlier finding predicted them (each also a note):
    reported after all when that finding is withdrawn (``withdraw.readmitted``)."""
    suppressed: list[Finding] = field(default_factory=list)
    """Findings silenced by ``# plugcheck: ignore[...]`` or per-plugin ignores (only kept
    with ``Options.show_suppressed``)."""

    static_findings: list[Finding] = field(default_factory=list)
    """The static pass's findings as it made them, before the run passes withdrew any and
    before suppressions (``plugcheck impact`` compares its two sides' with them)."""

    counts: Counter[str] = field(default_factory=Counter)
    """How much work the run did, by what (files parsed, plugins judged from the cache), for
    ``--verbose``; not part of the report's formats."""

    @property
    def fail_on(self) -> Severity:
        return self.config.fail_on

    def failed(self, fail_on: Severity | None = None) -> bool:
        """Whether a finding reaches ``fail_on`` (the config's), or says a plugin was not
        checked (:data:`NOT_CHECKED`, whatever its severity and the threshold)."""
        threshold = fail_on or self.fail_on
        return any(threshold <= f.severity or f.code in NOT_CHECKED for f in self.findings)

    @property
    def left_out(self) -> list[str]:
        """What the run did not check although nothing was found there: what a passing text
        summary names (``--no-dynamic``, a step the contract left out, a contract with no
        plugins); JSON's ``summary.partial`` and SARIF's run property ``partial``."""
        return [
            *(["static checks only: no plugin was run"] if self.static_only else []),
            *self.partial,
            *(f"contract {name!r} found no plugins to check" for name in self.empty),
        ]

    @property
    def unchecked(self) -> list[str]:
        """The plugins a :data:`NOT_CHECKED` finding names, once each, in report order."""
        return list(dict.fromkeys(f.plugin for f in self.findings if f.code in NOT_CHECKED))


NOT_CHECKED = frozenset({"PC423", "PC424"})
"""Findings below error that say a plugin was not checked past a step (PC423, a warning: the
host's session was missing; PC424, info: another plugin keeps the host from starting). A
plugin shapes the exception that leads to one, so a run with one never passes, whatever
``--fail-on`` says (``ignore`` it to accept that): an unchecked plugin is never a pass. The
other not-checked rules (PC416, PC417, PC420) are errors."""
