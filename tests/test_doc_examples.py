"""Each rule doc's Example shows real output: every finding line in it is printed, word for word,
when plugcheck checks one of the rule's bad cases (testdata/rules/PCnnn/bad*/)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from plugcheck.catalog import RULES
from plugcheck.model import Phase

from conftest import ROOT, TESTDATA, built_case, case_env, expectations, run_cli_here

FINDING = re.compile(r"^\S+:\d+:\d+: (PC\d{3})(?: \((?:error|warning|info)\))? .+ \[[^\]]+\]$")
"""A finding line as the text reporter prints it: errors without a severity word."""
INTERPRETER = re.compile(r"\(/\S*python[\d.]*\)")
"""The target interpreter's path in a message: shown as ``(python3)`` in the docs."""
INTERPRETER_NAME = re.compile(r"(?<=interpreter )python[\d.]*\b")
"""The target interpreter's file name (PC703: ``python3.11``): shown as ``python3``."""
LOCATION = re.compile(r"^(\S+):(\d+):\d+: ")
"""Where a finding line points: (path, line)."""
LOOPBACK_PORT = re.compile(r"\b(127\.0\.0\.1):\d+")
"""A port the plugin's server picked (go-plugin): any port matches the one the doc shows."""


def _comparable(line: str) -> str:
    return LOOPBACK_PORT.sub(r"\1:PORT", line)


def _example(doc: Path) -> str:
    return doc.read_text(encoding="utf-8").partition("\n## Example")[2].split("\n## ", 1)[0]


def _example_lines(doc: Path) -> list[str]:
    return [line for line in _example(doc).splitlines() if FINDING.match(line)]


DOCS = [
    pytest.param(doc, id=doc.stem)
    for doc in sorted((ROOT / "rules").glob("PC*.md"))
    if _example_lines(doc)
]


def _output(case: Path, static: bool, scratch: Path) -> list[str]:
    settings = case / "case.toml"
    spec = tomllib.loads(settings.read_text()) if settings.is_file() else {}
    # Paths a case names are the repository's (test_rules runs from its root); here the run
    # is in the case.
    named = f"{case.relative_to(ROOT).as_posix()}/"
    case = built_case(case, spec, scratch)
    env = case_env(case, spec)
    args = [str(a).removeprefix(named) for a in spec.get("args", [])]
    if spec.get("options", {}).get("confine") is False:
        args.append("--no-confinement")
    fast = ["--no-dynamic"] if static else []  # a static rule's line is the same without it
    proc = run_cli_here("check", ".", *args, *fast, cwd=case, env=env)
    # 2: a run the plugin made incomplete (PC426 stops the harness's server), or bad input.
    assert proc.returncode in (0, 1) or "Run incomplete" in proc.stdout, proc.stderr
    # the case's absolute path (a loader's message names the file it opened): shown relative
    out = proc.stdout.replace(f"{case}/", "")
    out = INTERPRETER_NAME.sub("python3", INTERPRETER.sub("(python3)", out))
    return [_comparable(line) for line in out.splitlines()]


def _expected(case: Path, code: str) -> set[tuple[str, str]]:
    """(path, line) of the case's ``code`` findings, as test_rules holds them: ``# expect:``
    markers and ``case.toml``'s ``expect`` list."""
    settings = case / "case.toml"
    spec = tomllib.loads(settings.read_text()) if settings.is_file() else {}
    listed = {(str(p), int(line), str(c)) for p, line, c in spec.get("expect", [])}
    return {(p, str(line)) for p, line, c in expectations(case) | listed if c == code}


def _cases(doc: Path, shown: list[str]) -> list[Path]:
    """The rule's bad cases, first those that should print the shown lines: each next the one
    expected to print the most lines not yet covered (test_rules holds every case to its
    expectations), then by a guess: holding the file a line names, with the code at its line
    number quoted in the Example. Only the order: cases are run until every line is printed."""
    example = _example(doc)

    def likely(case: Path) -> int:
        score = 0
        for line in shown:
            ((path, number),) = LOCATION.findall(line)
            if (case / path).is_file():
                lines = (case / path).read_text(encoding="utf-8", errors="replace").splitlines()
                code = lines[int(number) - 1].strip() if len(lines) >= int(number) else ""
                score += 3 if code and code in example else 1
        return -score

    cases = sorted(p for p in (TESTDATA / "rules" / doc.stem).glob("bad*") if p.is_dir())
    left = sorted(cases, key=likely)
    wanted = {(path, number) for line in shown for path, number in LOCATION.findall(line)}
    expected = {case: _expected(case, doc.stem) for case in left}
    order = []
    while left:
        best = max(left, key=lambda case: len(expected[case] & wanted))  # the first of ties
        if not expected[best] & wanted:
            break
        order.append(best)
        left.remove(best)
        wanted -= expected[best]
    return [*order, *left]


@pytest.mark.harness
@pytest.mark.parametrize("doc", DOCS)
def test_a_docs_example_output_is_real(doc: Path, tmp_path: Path) -> None:
    code = doc.stem
    shown = _example_lines(doc)
    static = RULES[code].phase is Phase.STATIC
    # Cases are checked until every shown line is printed (the case the doc shows is usually
    # the first); test_rules runs every case. A line none prints fails after all were run.
    printed: set[str] = set()
    for case in _cases(doc, shown):
        printed.update(_output(case, static, tmp_path))
        if all(_comparable(line) in printed for line in shown):
            break
    for line in shown:
        assert FINDING.match(line)[1] == code, f"{doc.name} shows another rule's finding: {line}"
        assert _comparable(line) in printed, (
            f"{doc.name}: not printed for its bad cases:\n{line}\n"
            + "\n".join(sorted(p for p in printed if f" {code} " in p))
        )


def test_docs_with_example_output_exist() -> None:
    assert len(DOCS) >= 9


def test_every_doc_example_shows_real_output() -> None:
    shown = {param.id for param in DOCS}
    without = {doc.stem for doc in (ROOT / "rules").glob("PC*.md")} - shown
    assert sorted(without) == [], "an Example with no finding line printed"
