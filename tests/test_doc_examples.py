"""Each rule doc's Example shows real output: every finding line in it is printed, word for word,
when plugcheck checks one of the rule's bad cases (testdata/rules/PCnnn/bad*/)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from plugcheck.catalog import RULES
from plugcheck.model import Phase

from conftest import ROOT, TESTDATA, run_cli

FINDING = re.compile(r"^\S+:\d+:\d+: (PC\d{3})(?: \((?:error|warning|info)\))? .+ \[[^\]]+\]$")
"""A finding line as the text reporter prints it: errors without a severity word."""
INTERPRETER = re.compile(r"\(/\S*python[\d.]*\)")
"""The target interpreter's path in a message: shown as ``(python3)`` in the docs."""


def _example_lines(doc: Path) -> list[str]:
    text = doc.read_text(encoding="utf-8")
    example = text.partition("\n## Example")[2].split("\n## ", 1)[0]
    return [line for line in example.splitlines() if FINDING.match(line)]


DOCS = [
    pytest.param(doc, id=doc.stem)
    for doc in sorted((ROOT / "rules").glob("PC*.md"))
    if _example_lines(doc)
]


def _output(case: Path, static: bool) -> list[str]:
    settings = case / "case.toml"
    spec = tomllib.loads(settings.read_text()) if settings.is_file() else {}
    env = {k: str(case / v) if k == "PYTHONPATH" else v for k, v in spec.get("env", {}).items()}
    args = [str(a) for a in spec.get("args", [])]
    if spec.get("options", {}).get("confine") is False:
        args.append("--no-confinement")
    fast = ["--no-dynamic"] if static else []  # a static rule's line is the same without it
    proc = run_cli("check", ".", *args, *fast, cwd=case, env=env)
    # 2: a run the plugin made incomplete (PC426 stops the harness's server), or bad input.
    assert proc.returncode in (0, 1) or "Run incomplete" in proc.stdout, proc.stderr
    return [INTERPRETER.sub("(python3)", line) for line in proc.stdout.splitlines()]


@pytest.mark.harness
@pytest.mark.parametrize("doc", DOCS)
def test_a_docs_example_output_is_real(doc: Path) -> None:
    code = doc.stem
    cases = sorted(p for p in (TESTDATA / "rules" / code).glob("bad*") if p.is_dir())
    static = RULES[code].phase is Phase.STATIC
    printed = {line for case in cases for line in _output(case, static)}
    for line in _example_lines(doc):
        assert FINDING.match(line)[1] == code, f"{doc.name} shows another rule's finding: {line}"
        assert line in printed, f"{doc.name}: not printed for its bad cases:\n{line}\n" + "\n".join(
            sorted(p for p in printed if f" {code} " in p)
        )


def test_docs_with_example_output_exist() -> None:
    assert len(DOCS) >= 9


WITHOUT_OUTPUT = set(
    re.findall(
        r"PC\d{3}",
        """
        PC600 PC601 PC602 PC603 PC604 PC605 PC606 PC607 PC608 PC609 PC620 PC621 PC622 PC623 PC624
        PC625 PC626 PC627 PC628 PC629 PC640 PC641 PC642 PC643 PC644 PC645 PC646 PC701 PC702 PC703
        PC704 PC705 PC706 PC707 PC721 PC722 PC723 PC724 PC725 PC726 PC727 PC728 PC729 PC901
        """,
    )
)
"""Docs written before Examples had to show output (issue 15 item 2): their Example shows the
plugin's code only, so no output is compared. The list only shrinks: give one of them the
finding lines its bad case prints, and take it off."""


def test_every_new_doc_example_shows_real_output() -> None:
    shown = {param.id for param in DOCS}
    without = {doc.stem for doc in (ROOT / "rules").glob("PC*.md")} - shown
    assert sorted(without - WITHOUT_OUTPUT) == [], "an Example with no finding line printed"
