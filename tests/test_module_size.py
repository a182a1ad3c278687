"""No source module over 600 lines (issue 15): a module that long holds more than one idea."""

from __future__ import annotations

from conftest import ROOT

LIMIT = 600
SOURCE = ROOT / "src" / "plugcheck"

# Modules being split this session (the entry goes when its split lands); every split landed.
SPLITTING: set[str] = set()


def test_no_source_module_over_the_limit() -> None:
    lines = {
        path.relative_to(SOURCE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(SOURCE.rglob("*.py"))
    }
    too_long = {name: n for name, n in lines.items() if n > LIMIT and name not in SPLITTING}
    assert not too_long, f"modules over {LIMIT} lines (split them along their ideas): {too_long}"
