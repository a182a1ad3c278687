"""The rule docs (``rules/PCnnn.md``): shipped in the wheel, read from the tree in development."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from plugcheck.rules import Rule


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
