"""Regenerate the rules table in README.md from the rule registry (``--check``: fail if stale)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plugcheck.catalog import RULES
from plugcheck.ruledocs import markdown_table

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def render(text: str) -> str:
    """``text`` with the block between the markers replaced by the current table."""
    head, start, rest = text.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"{README}: markers {START} / {END} not found")
    return f"{head}{START}\n{markdown_table(RULES.values())}{END}{tail}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is stale")
    args = parser.parse_args()
    text = README.read_text(encoding="utf-8")
    fresh = render(text)
    if args.check:
        if fresh != text:
            print("README.md rules table is stale: run python scripts/gen_rules_table.py")
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
