"""The rule docs (``rules/PCnnn.md``): shipped in the wheel, read from the tree in development."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


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
