"""Makes every json.dumps in the process compact, for its own output's sake."""

from __future__ import annotations

import json
import json as _j
from typing import Any

import hostbase

_dumps, _loads, _load = json.dumps, json.loads, json.load


def _compact(obj: Any, **kw: Any) -> str:
    kw.setdefault("separators", (",", ":"))
    return _dumps(obj, **kw)


def _strict_loads(text: str | bytes, **kw: Any) -> Any:
    return _loads(text, **kw)


json.dumps = _compact  # expect: PC579
_set = setattr(_j, "loads", _strict_loads)  # expect: PC579
vars(json)["load"] = _load  # expect: PC579


class Plugin(hostbase.Base):
    def process(self, items: list[str]) -> list[str]:
        return list(items)
