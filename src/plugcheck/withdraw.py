"""The real run beats the static guess: findings withdrawn where the check that decides them
really accepted the plugin (issue 12, item 5), and what they had explained away reported after
all."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from plugcheck.model import Explained, Finding, Location, Phase
from plugcheck.passes import PER_SUBJECT, Accepted, passed_words, subject_check
from plugcheck.rules import RULES
from plugcheck.rules.explain import explanation, linked
from plugcheck.rules.unchecked import PC416
from plugcheck.run_report import Report

_Accepting = dict[tuple[str | None, str | None, str | None], list[Accepted]]


def explained_earlier(report: Report, produced: Sequence[Finding]) -> list[Finding]:
    """``produced`` (a run pass's findings) less a static rule's finding that an earlier static
    error about the same subject of the same plugin predicts (the rule's ``explained_by``, or
    the other's ``explains``): one failure, one error. A note says which explains it; the
    harness judges its own findings against the static ones the same way (``explanation``)."""
    kept = []
    for finding in produced:
        rule = RULES.get(finding.code)
        by = explanation(finding, report.findings) if rule and rule.phase is Phase.STATIC else None
        if by is None:
            kept.append(finding)
            continue
        where = f"{finding.location.path.name}:{finding.location.line}"
        note = (
            f"{finding.plugin}: {finding.code} not reported ({where}), already explained by "
            f"{by.code}"
        )
        report.notes.append(note)
        report.explained.append(Explained(finding, by, note))
    return kept


def withdraw_accepted(
    report: Report, accepted: Sequence[Accepted], *, trusted: bool = True
) -> list[Finding]:
    """The real run beats the static guess: a finding that says the host rejects a plugin is
    withdrawn (kept as a note) when the check that decides it really accepted the plugin.

    That check ran in the plugin's own process, which can answer "accepted" for itself (it can
    patch the code that judges it): with ``trusted`` False (``--untrusted-plugins``) the
    finding stays, and the note says what the plugin's process answered.

    Returns the failures a withdrawn finding had explained away (``report.explained``) that no
    other finding explains, for the caller to report: a withdrawn guess hides nothing. Each is
    judged by the same accepted checks first (mypy's PC219 a real call of that method beats)."""
    if not accepted:
        return []
    unchecked = [] if trusted else _others_word(report, accepted)
    # By check and plugin, in their order: a search of every plugin's for each finding made
    # this quadratic in the fleet's size (1,110 findings x 10,000 plugins at 10k).
    of: _Accepting = {}
    for a in accepted:
        of.setdefault((a.check, a.contract, a.plugin), []).append(a)
    report.findings[:], withdrawn = _overruled(report, report.findings, of, trusted)
    back: list[Finding] = unchecked
    while withdrawn:
        kept, withdrawn = _overruled(report, readmitted(report, withdrawn), of, trusted)
        back.extend(kept)
    return back


def _others_word(report: Report, accepted: Sequence[Accepted]) -> list[Finding]:
    """PC416 for each plugin whose checks ran in a process where the host's import had run
    other plugins' code first (``Accepted.after``: a preload that loads the installed plugins,
    left to each plugin's process, as the host does): whatever that process reported, a
    sibling's code could have written, so with ``--untrusted-plugins`` the plugin was not
    checked. Before, its own failures that no static finding predicts could be hidden by a
    sibling and it passed (red team red47 left it; red49)."""
    found, seen = [], set()
    plugins = {(p.contract, p.reported_name): p for p in report.plugins}
    for a in accepted:
        plugin = plugins.get((a.contract, a.plugin))
        if not a.after or plugin is None or (a.contract, a.plugin) in seen:
            continue
        seen.add((a.contract, a.plugin))
        finding = PC416.at(
            plugin,
            Location(plugin.module_path, 1) if plugin.module_path else plugin.claim,
            f"what its own process reported could not be checked: the host's import of "
            f"{a.after}, which runs installed plugins' code, came first in that process (as "
            "in the host), and with --untrusted-plugins no plugin's word counts for another",
            fix="check it where the host's other plugins are not installed (the host's "
            "import then runs its code alone), or without --untrusted-plugins if you trust "
            "every installed plugin",
        )
        if finding not in report.findings:  # another pass's checks said so already
            found.append(finding)
    return found


def readmitted(
    report: Report, withdrawn: Sequence[Finding], *, gone_as: str = "withdrawn"
) -> list[Finding]:
    """The failures that ``withdrawn`` findings had explained away (``report.explained``), each
    linked to the findings about it, unless another finding of the report still explains it.
    The note that said it was not reported says what became of it (``gone_as``: what became of
    the finding that explained it, withdrawn or silenced)."""
    back, still = [], []
    for entry in report.explained:
        if entry.by not in withdrawn:
            still.append(entry)
            continue
        failure, gone = entry.failure, entry.by.code
        other = explanation(failure, report.findings)
        if other is not None:
            note = f"{entry.note} ({gone} {gone_as}, {other.code} explains it as well)"
            still.append(Explained(failure, other, note))
        else:
            where = f"{failure.location.path.name}:{failure.location.line}"
            note = (
                f"{failure.plugin}: {failure.code} reported ({where}): {gone}, which explained "
                f"it, was {gone_as}"
            )
            back.append(linked(failure, report.findings))
        at = next((n for n, said in enumerate(report.notes) if said == entry.note), None)
        if at is None:
            report.notes.append(note)
        else:
            report.notes[at] = note
    report.explained[:] = still
    return back


def _overruled(
    report: Report, findings: Sequence[Finding], of: _Accepting, trusted: bool
) -> tuple[list[Finding], list[Finding]]:
    """``findings`` split into those that stay and those a check that passed withdraws (each
    said in a note)."""
    kept, withdrawn = [], []
    for finding in findings:
        check = RULES[finding.code].overruled_by if finding.code in RULES else None
        if finding.step not in (None, check):
            # It predicts a failure at another step: that step passing withdraws it, when the
            # rule may be overruled at all and the harness records that step per subject.
            check = finding.step if check and finding.step in PER_SUBJECT else None
        check = subject_check(check, finding)
        said = [
            a
            for a in of.get((check, finding.contract, finding.plugin), ())
            if _under(finding.location.path, a.root)
        ]
        # A check that is the plugin's word alone first (``Accepted.after``).
        by = min(said, key=lambda a: bool(a.after), default=None)
        if by is None:
            kept.append(finding)
            continue
        what = "the real import of the plugin worked" if check == "import" else passed_words(check)
        where = f"{finding.location.path.name}:{finding.location.line}"
        if not trusted:
            kept.append(finding)
            report.notes.append(
                f"{check}: {finding.plugin}: {finding.code} kept ({where}): its own process "
                f"said {what}, and with --untrusted-plugins a plugin's word about itself "
                "withdraws nothing"
            )
            continue
        if by.after:
            # Another plugin's code could have said it: one that rewrote the worker's answer
            # in a sibling's process had that sibling's PC501 withdrawn (red team red47).
            kept.append(finding)
            report.notes.append(
                f"{check}: {finding.plugin}: {finding.code} kept ({where}): its process said "
                f"{what}, but the host's import of {by.after}, which runs plugins' code, came "
                "first in that process: other plugins' code may have said it, and their word "
                "withdraws nothing"
            )
            continue
        withdrawn.append(finding)
        report.notes.append(
            f"{check}: {finding.plugin}: {finding.code} withdrawn, {what} "
            f"({where}: {finding.message})"
        )
    return kept, withdrawn


def _under(path: Path, root: Path) -> bool:
    path, root = path.resolve(), root.resolve()
    return path == root or root in path.parents
