"""The rule docs (``rules/PCnnn.md``): shipped in the wheel, read from the tree in development."""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from plugcheck.rules import Rule
from plugcheck.rules.base import DEFINED_AT, explainers


def docs_dir() -> Path | None:
    shipped = resources.files("plugcheck").joinpath("_rule_docs")
    if shipped.is_dir():
        return Path(str(shipped))
    tree = Path(__file__).resolve().parents[2] / "rules"
    return tree if tree.is_dir() else None


def rule_doc(code: str) -> str | None:
    directory = docs_dir()
    if directory is None:
        return None
    path = directory / f"{code}.md"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def doc_section(doc: str, heading: str) -> str | None:
    """The text under ``## heading`` in a rule doc, stripped; ``None`` when absent."""
    lines = doc.splitlines()
    try:
        start = lines.index(f"## {heading}") + 1
    except ValueError:
        return None
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[start:end]).strip() or None


def markdown_table(rules: Iterable[Rule]) -> str:
    """The README's rule table: code (linked to its doc), name, severity, phase, summary."""
    lines = ["| code | name | severity | phase | summary |", "|---|---|---|---|---|"]
    for r in sorted(rules, key=lambda r: r.code):
        summary = r.summary.replace("|", "\\|")
        lines.append(
            f"| [{r.code}](rules/{r.code}.md) | `{r.name}` | {r.severity.value}"
            f"{' (opt-in)' if r.opt_in else ''} | "
            f"{r.phase.value} | {summary} |"
        )
    return "\n".join(lines) + "\n"


def where(rule: Rule) -> list[str]:
    """Where ``rule`` lives: its definition, every place that emits it (``PCnnn.at(``, the
    harness steps it reports, the places that hand the rule object on to code that emits it),
    its doc and its cases, one ``what: path:line`` per line."""
    package = Path(__file__).resolve().parent
    lines = []
    defined = DEFINED_AT.get(rule.code)
    if defined is not None:
        lines.append(f"defined: {_shown(defined.path)}:{defined.line}")
    # A rule object handed on (a table of rules, a Problem(PC621, ...)) is emitted there too.
    named = re.compile(rf"(?<![\w\"']){rule.code}\b(?![\"'])(?!\s*=[^=])")
    for path in sorted(package.rglob("*.py")):
        text = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(text, start=1):
            if f"{rule.code}.at(" in line:
                lines.append(f"emitted: {_shown(path)}:{number}")
            elif named.search(line.split("#", 1)[0]) and not line.lstrip().startswith("from "):
                lines.append(f"passed on: {_shown(path)}:{number}")
    if rule.steps:
        lines.append(f"emitted: harness steps {', '.join(rule.steps)} (rules/dynamic_findings.py)")
    explained = explainers(rule.code)
    if explained:
        lines.append(f"explained away by: {', '.join(explained)} (see docs/harness.md)")
    directory = docs_dir()
    doc = directory / f"{rule.code}.md" if directory else rule.doc
    lines.append(f"doc: {_shown(doc)}" + ("" if doc.is_file() else " (missing)"))
    lines.extend(f"case: {_shown(case)}" for case in rule.cases)
    return lines


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
