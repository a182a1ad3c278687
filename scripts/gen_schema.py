"""Write src/plugcheck/tool-plugcheck.schema.json from the kinds' keys (tests check it is current).

python scripts/gen_schema.py
"""

from __future__ import annotations

from pathlib import Path

from plugcheck.json_schema import dumps

TARGET = Path(__file__).resolve().parents[1] / "src" / "plugcheck" / "tool-plugcheck.schema.json"

if __name__ == "__main__":
    TARGET.write_text(dumps(), encoding="utf-8")
    print(f"wrote {TARGET}")
