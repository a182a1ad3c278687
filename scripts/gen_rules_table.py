"""Regenerate what is written from the rule definitions: the rules table in README.md and the
rule metadata table the package ships, ``src/plugcheck/rule_table.json`` (``plugcheck rules``,
``plugcheck rule``, selection and the reporters read it without importing any check).
``--check``: fail if either is stale."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from plugcheck.catalog import RULES
from plugcheck.registry import DEFINED_AT, TABLE, Rule
from plugcheck.ruledocs import markdown_table

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
RULE_TABLE = ROOT / "src" / "plugcheck" / TABLE
START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def render(text: str) -> str:
    """``text`` with the block between the markers replaced by the current table."""
    head, start, rest = text.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"{README}: markers {START} / {END} not found")
    return f"{head}{START}\n{markdown_table(defined())}{END}{tail}"


def defined() -> list[Rule]:
    """Every rule its module defines (not a table entry whose definition is gone), by code."""
    return sorted((RULES[code] for code in DEFINED_AT), key=lambda r: r.code)


def rule_table() -> str:
    """``rule_table.json``: every defined rule, by code, one per line."""
    lines = (json.dumps(r.as_json(), ensure_ascii=False) for r in defined())
    return "[\n" + ",\n".join(lines) + "\n]\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if either is stale")
    args = parser.parse_args()
    written = {README: render(README.read_text(encoding="utf-8")), RULE_TABLE: rule_table()}
    stale = [
        path
        for path, fresh in written.items()
        if not path.is_file() or path.read_text(encoding="utf-8") != fresh
    ]
    if args.check:
        for path in stale:
            print(f"{path.name} is stale: run python scripts/gen_rules_table.py")
        return 1 if stale else 0
    for path in stale:
        path.write_text(written[path], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
