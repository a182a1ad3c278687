"""A withdrawn explainer explains nothing (issue 12): a failure a static finding explained away
is reported after all when the real run withdraws that finding, and its note says so."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from plugcheck.generated_code import generated, relocate
from plugcheck.model import Explained, Finding, Location, Severity
from plugcheck.passes import Accepted
from plugcheck.rules.dynamic_rules import PC404
from plugcheck.rules.explain import explanation
from plugcheck.run_report import Report
from plugcheck.withdraw import readmitted, withdraw_accepted

from conftest import TESTDATA, run_check

pytestmark = pytest.mark.harness  # mypy's run


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    """The static run of PC203's bad case: mypy says Worker has no shutdown."""
    case = tmp_path_factory.mktemp("readmit") / "case"
    shutil.copytree(TESTDATA / "rules" / "PC203" / "bad", case)
    return run_check(case, dynamic=False), case


def _missing_shutdown(
    checked: tuple[Report, Path],
) -> tuple[Report, Finding, Finding, Accepted]:
    """That run's report (a copy of what the withdrawal changes), the harness's PC404 for the
    very member its PC203 names, which the PC203 explains (as the harness pass records it), and
    the lifecycle step "shutdown" a later check accepted."""
    first, case = checked
    report = replace(first, findings=list(first.findings), notes=list(first.notes), explained=[])
    # The case's lazy_ticker package (a factory served by __getattr__) has a PC203 of its own.
    (static,) = [f for f in report.findings if f.code == "PC203" and f.plugin == "ticker"]
    (plugin,) = [p for p in report.plugins if p.name == "ticker"]
    failure = PC404.at(
        plugin,
        static.location,
        "new() returned ticker.Worker, which is not the host's plugapi.Plugin: it lacks shutdown()",
        subject="new",
    )
    assert explanation(failure, report.findings) is static
    note = "harness: ticker: PC404 not reported, already explained by PC203"
    report.notes.append(note)
    report.explained.append(Explained(failure, static, note))
    accepted = Accepted(f"lifecycle:{static.subject}", static.contract, static.plugin, case)
    return report, static, failure, accepted


def test_a_withdrawn_explainer_gives_back_what_it_explained(checked: tuple[Report, Path]) -> None:
    report, static, failure, accepted = _missing_shutdown(checked)
    back = withdraw_accepted(report, [accepted])
    assert static not in report.findings
    assert [(f.code, f.location, f.message) for f in back] == [
        (failure.code, failure.location, failure.message)
    ]
    assert report.explained == []
    assert not any("not reported, already explained by PC203" in n for n in report.notes)
    assert any(
        "PC404 reported" in n and "PC203, which explained it, was withdrawn" in n
        for n in report.notes
    )


def test_a_failure_another_finding_explains_stays_explained(checked: tuple[Report, Path]) -> None:
    report, static, _, accepted = _missing_shutdown(checked)
    # A second static error about the same member, of a rule no lifecycle step overrules.
    other = Finding(
        "PC205",
        Severity.ERROR,
        "Worker.shutdown is async but the host calls it synchronously",
        static.location,
        static.plugin,
        static.contract,
        subject=static.subject,
    )
    report.findings.append(other)
    assert withdraw_accepted(report, [accepted]) == []
    assert [e.by for e in report.explained] == [other]
    assert any("PC203 withdrawn, PC205 explains it as well" in n for n in report.notes)


def test_an_untrusted_plugin_withdraws_nothing_and_gets_nothing_back(
    checked: tuple[Report, Path],
) -> None:
    report, static, _, accepted = _missing_shutdown(checked)
    assert withdraw_accepted(report, [accepted], trusted=False) == []
    assert static in report.findings and len(report.explained) == 1


def test_a_silenced_explainer_in_generated_code_gives_back_what_it_explained(
    checked: tuple[Report, Path],
) -> None:
    # Both located in code the plugin generated (exec of a string: `<string>`), the explainer
    # and its failure are moved to a real line before suppressions apply. Before, only the
    # report's findings moved: the moved explainer, silenced, no longer equalled the recorded
    # one, so its failure stayed hidden (red team red52's "left alone", red54).
    report, static, failure, _ = _missing_shutdown(checked)
    made = Location(Path("<string>"), 3, 5)
    report.findings[report.findings.index(static)] = replace(static, location=made)
    (entry,) = report.explained
    report.explained[:] = [
        replace(
            entry,
            failure=replace(failure, location=made),
            by=replace(static, location=made),
        )
    ]
    relocate(report)
    (moved,) = [f for f in report.findings if f.code == "PC203" and f.plugin == "ticker"]
    assert not generated(moved.location.path)
    report.findings.remove(moved)  # silenced, as apply_suppressions leaves the report
    back = readmitted(report, [moved], gone_as="silenced by a suppression")
    assert [f.code for f in back] == ["PC404"]
    assert not generated(back[0].location.path)
    assert "in code the plugin generated: <string>:3" in back[0].message
