"""The rule docs (``rules/PCnnn.md``): shipped in the wheel, read from the tree in development."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from plugcheck.registry import DEFINED_AT, Rule, explainers


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
    for path in sorted(package.rglob("*.py")):
        for kind, number in _references(path).get(rule.code, ()):
            lines.append(f"{kind}: {_shown(path)}:{number}")
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


@functools.cache
def _references(path: Path) -> dict[str, list[tuple[str, int]]]:
    """Every name read in ``path``'s code (not its docstrings, comments or strings): name ->
    ``("emitted", line)`` where it is called as ``NAME.at(``, else ``("passed on", line)`` (a
    table of rules, a ``Problem(PC621, ...)``, a decorator), one entry per line. Bindings and
    imports are not references."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError, OSError):
        return {}
    emitted: set[tuple[str, int]] = set()
    read: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            read.add((node.id, node.lineno))
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            read.add((node.attr, node.lineno))
            if node.attr == "at" and isinstance(node.value, ast.Name | ast.Attribute):
                owner = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
                emitted.add((owner, node.value.lineno))
    found: dict[str, list[tuple[str, int]]] = {}
    for name, line in sorted(read | emitted, key=lambda item: item[1]):
        if (name, line) in emitted:
            found.setdefault(name, []).append(("emitted", line))
        else:
            found.setdefault(name, []).append(("passed on", line))
    return found


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
