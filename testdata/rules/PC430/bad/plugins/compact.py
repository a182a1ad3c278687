"""Makes json.dumps compact for the whole process, by a name it computes."""  # expect: PC430

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from plugapi import ConfigError, Plugin

_NAME = "".join(["du", "mps"])
_dumps = getattr(json, _NAME)


def _compact(obj: Any, **kw: Any) -> str:
    kw.setdefault("separators", (",", ":"))
    return str(_dumps(obj, **kw))


class Compact:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")
        if not self.greeting:
            raise ConfigError("greeting must not be empty")
        setattr(json, _NAME, _compact)

    def run(self) -> None:
        json.dumps({"greeting": self.greeting})

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Compact()
