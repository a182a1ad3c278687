"""``plugcheck check --fix`` / ``--diff`` / ``--fix-only``: every fixable rule's bad cases are
fixed in a copy (the finding goes, nothing new comes, a second fix changes nothing), its good
cases are left alone, and the fix shows in every output format."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from plugcheck.catalog import RULES
from plugcheck.cli import main
from plugcheck.model import Applicability

from conftest import ROOT, TESTDATA

FIXABLE = sorted(code for code, rule in RULES.items() if rule.autofix is not None)

UNFIXABLE: dict[str, str] = {}
"""Bad cases whose findings carry no fix, and why (``PCnnn/case``)."""


def _cases(prefix: str) -> list[Any]:
    return [
        pytest.param(code, case, id=f"{code}-{case.name}")
        for code in FIXABLE
        for case in sorted((TESTDATA / "rules" / code).glob(f"{prefix}*"))
        if case.is_dir()
    ]


def _args(case: Path) -> list[str]:
    settings = case / "case.toml"
    spec = tomllib.loads(settings.read_text()) if settings.is_file() else {}
    return [str(a) for a in spec.get("args", [])]


def _cli(work: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["check", str(work), "--no-dynamic", *_args(work), *args], catch_exceptions=False
    )


def _findings(work: Path, *args: str) -> list[dict[str, Any]]:
    result = _cli(work, "--output-format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return found


def _where(findings: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(f["code"], Path(f["path"]).resolve().as_posix()) for f in findings}


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.mark.parametrize(("code", "case"), _cases("bad"))
def test_bad_case_is_fixed(code: str, case: Path, tmp_path: Path) -> None:
    work = tmp_path / case.name
    shutil.copytree(case, work)
    before = _findings(work, "--unsafe-fixes")
    mine = [f for f in before if f["code"] == code]
    assert mine, f"{case} reports no {code}"
    if f"{code}/{case.name}" in UNFIXABLE:
        assert all(f["autofix"] is None for f in mine)
        return
    assert all(f["autofix"] is not None for f in mine), "a finding without a fix"
    named = {Path(f["path"]).resolve() for f in mine} | {
        Path(r["path"]).resolve() for f in mine for r in f["related"]
    }
    for f in mine:
        assert f["autofix"]["applicability"] == RULES[code].autofix.value  # type: ignore[union-attr]
        assert {Path(e["path"]).resolve() for e in f["autofix"]["edits"]} <= named

    diff = _cli(work, "--diff", "--unsafe-fixes")
    assert diff.exit_code == 1, diff.output
    changed = {(work / m).resolve() for m in re.findall(r"^\+\+\+ b/(.+)$", diff.stdout, re.M)}
    assert changed and changed <= named, diff.stdout
    assert _tree(work) == _tree(case), "--diff changed a file"

    fixed = _cli(work, "--fix", "--unsafe-fixes", "--output-format", "json")
    assert fixed.exit_code in (0, 1), fixed.output
    after = _findings(work, "--unsafe-fixes")
    assert code not in {f["code"] for f in after}, after
    assert _where(after) <= _where(before), "the fix brought a new finding"
    for path in changed:
        compile(path.read_text(encoding="utf-8"), str(path), "exec") if path.suffix == ".py" else (
            tomllib.loads(path.read_text(encoding="utf-8"))
        )

    again = _cli(work, "--diff", "--unsafe-fixes")
    assert (again.exit_code, again.stdout) == (0, ""), "a second fix would change more"


@pytest.mark.parametrize(("code", "case"), _cases("good"))
def test_good_case_is_left_alone(code: str, case: Path, tmp_path: Path) -> None:
    work = tmp_path / case.name
    shutil.copytree(case, work)
    result = _cli(work, "--fix-only", "--unsafe-fixes")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Fixed 0 findings.\n"
    assert _tree(work) == _tree(case)


def _pc103(tmp_path: Path) -> Path:
    work = tmp_path / "case"
    shutil.copytree(TESTDATA / "rules" / "PC103" / "bad-left-out", work)
    return work


def test_text_marks_and_counts_fixable_findings(tmp_path: Path) -> None:
    out = _cli(_pc103(tmp_path)).stdout.splitlines()
    assert " PC103 (warning) [*] 'new' is defined but not listed" in out[0]
    assert out[-2:] == [
        "[*] 1 fixable with --fix.",
        "Found 1 finding (1 warning) in 1 plugin in 1 contract.",
    ]


def test_json_and_sarif_carry_the_edits(tmp_path: Path) -> None:
    work = _pc103(tmp_path)
    (finding,) = _findings(work)
    assert finding["autofix"] == {
        "message": "add 'new' to __all__",
        "applicability": "safe",
        "edits": [
            {
                "path": finding["path"],
                "line": 17,
                "column": 21,
                "end_line": 17,
                "end_column": 21,
                "content": ', "new"',
            }
        ],
    }
    sarif = json.loads(_cli(work, "--output-format", "sarif").stdout)
    (fix,) = sarif["runs"][0]["results"][0]["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"].endswith("greeter/__init__.py")
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 17, "startColumn": 21, "endLine": 17, "endColumn": 21},
            "insertedContent": {"text": ', "new"'},
        }
    ]


def test_fix_reports_what_remains(tmp_path: Path) -> None:
    work = _pc103(tmp_path)
    result = _cli(work, "--fix")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2:] == [
        "note: --fix fixed 1 finding",
        "All checks passed: 1 plugin in 1 contract.",
    ]
    text = (work / "plugins/greeter/src/greeter/__init__.py").read_text()
    assert '__all__ = ["Greeter", "new"]  # expect: PC103\n' in text


def test_fix_only_prints_the_count(tmp_path: Path) -> None:
    result = _cli(_pc103(tmp_path), "--fix-only")
    assert (result.exit_code, result.stdout) == (0, "Fixed 1 finding.\n")


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    unsafe = [c for c in FIXABLE if RULES[c].autofix is Applicability.UNSAFE]
    if not unsafe:
        pytest.skip("no unsafe fix yet")
    case = next(p for p in sorted((TESTDATA / "rules" / unsafe[0]).glob("bad*")))
    work = tmp_path / "case"
    shutil.copytree(case, work)
    plain = _cli(work, "--fix-only")
    assert plain.stdout == "Fixed 0 findings.\n"
    assert _tree(work) == _tree(case)
    assert re.search(
        r"^\d+ fixable with --unsafe-fixes\.$|more with --unsafe-fixes", _cli(work).stdout, re.M
    )


def test_every_doc_says_whether_there_is_a_fix() -> None:
    wrong = []
    for code, rule in sorted(RULES.items()):
        text = (ROOT / "rules" / f"{code}.md").read_text(encoding="utf-8")
        line = re.search(r"^Severity: .* · Fix: (safe|unsafe|none)$", text, re.M)
        said = line[1] if line else None
        want = rule.autofix.value if rule.autofix else "none"
        if said != want:
            wrong.append(f"{code}: doc says {said}, registry {want}")
    assert wrong == []
