"""The rule registry and rules/ agree one to one, and every doc has the fixed sections."""

from __future__ import annotations

import re

import pytest

from plugcheck.catalog import RULES

from conftest import ROOT

DOCS = ROOT / "rules"
SECTIONS = ["What it checks", "Why it matters", "Example", "Use instead", "How to fix"]


def test_registry_and_docs_agree() -> None:
    documented = {p.stem for p in DOCS.glob("PC*.md")}
    assert documented == set(RULES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_doc_shape(code: str) -> None:
    text = (DOCS / f"{code}.md").read_text(encoding="utf-8")
    rule = RULES[code]
    first = text.splitlines()[0]
    assert first == f"# {code} {rule.name}"
    assert re.search(rf"Severity: {rule.severity.value}\b", text), "severity line disagrees"
    assert re.search(rf"Phase: {rule.phase.value}\b", text), "phase line disagrees"
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    positions = [headings.index(s) for s in SECTIONS if s in headings]
    assert [s for s in SECTIONS if s not in headings] == []
    assert positions == sorted(positions), "sections out of order"
