"""Every rule's own bad and good cases under testdata/rules/PCnnn/: the examples are the tests."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import pytest

from plugcheck.catalog import RULES

from conftest import TESTDATA, built_case, case_env, cli_json, expectations, observed, run_check

CASES = TESTDATA / "rules"


def _cases() -> list[Any]:
    params = []
    for code in sorted(RULES):
        for case in sorted((CASES / code).glob("*")) if (CASES / code).is_dir() else []:
            if case.is_dir() and case.name.startswith(("bad", "good")):
                params.append(pytest.param(code, case, id=f"{code}-{case.name}"))
    return params


def _findings(case: Path, scratch: Path) -> set[tuple[str, int, str]]:
    """Run one case; a ``case.toml`` may ask for a subprocess with extra environment, for
    ``options`` of the in-process run, or for Go builds made first in a copy of the case."""
    settings = case / "case.toml"
    spec: dict[str, Any] = tomllib.loads(settings.read_text()) if settings.is_file() else {}
    case = built_case(case, spec, scratch)
    env = case_env(case, spec)
    args = [str(a) for a in spec.get("args", [])]
    if env or spec.get("subprocess"):
        # The command line in this process (cli_here): the case's PYTHONPATH is the sys.path
        # a fresh start with it would have, without the interpreter's start.
        data = cli_json("check", str(case), *args, env=env, here=True)
        return {
            (
                str(Path(f["path"]).resolve().relative_to(case.resolve()).as_posix()),
                f["line"],
                f["code"],
            )
            for f in data["findings"]  # type: ignore[union-attr]
        }
    return observed(run_check(case, **spec.get("options", {})), case)


def _listed(case: Path) -> set[tuple[str, int, str]]:
    """Expectations for files that cannot hold comments, listed in ``case.toml``."""
    settings = case / "case.toml"
    spec = tomllib.loads(settings.read_text()) if settings.is_file() else {}
    return {(str(p), int(line), str(code)) for p, line, code in spec.get("expect", [])}


@pytest.mark.harness
@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: Path, tmp_path: Path) -> None:
    got = _findings(case, tmp_path)
    if case.name.startswith("good"):
        assert got == set(), f"good case raised {sorted(got)}"
        return
    want = expectations(case) | _listed(case)
    assert want, f"{case} has no `# expect: {code}` marker"
    assert {c for _, _, c in want} == {code}, "a bad case must expect exactly its own code"
    assert got == want


def test_every_rule_has_bad_and_good_cases() -> None:
    missing = []
    for code in sorted(RULES):
        names = [p.name for p in (CASES / code).glob("*")] if (CASES / code).is_dir() else []
        if not any(n.startswith("bad") for n in names) or not any(
            n.startswith("good") for n in names
        ):
            missing.append(code)
    assert missing == [], f"rules without bad and good testdata: {missing}"


def test_no_cases_for_unknown_rules() -> None:
    assert sorted(p.name for p in CASES.iterdir() if p.name not in RULES) == []


def test_cwd_is_repo_root() -> None:
    # Finding paths are rendered relative to the cwd; the suite itself must not depend on it.
    assert os.path.isdir(TESTDATA)
