"""Installs its helpers into shared modules from a function its import calls."""

from __future__ import annotations

import importlib
import json
import sys
import textwrap
from os import path
from typing import Any

import hostbase

_default = json.JSONEncoder.default
_join = path.join
_dedent = textwrap.dedent
codec = json


def _encode_sets(self: json.JSONEncoder, o: Any) -> Any:
    return sorted(o) if isinstance(o, set) else _default(self, o)


def _install() -> None:
    sys.modules["json"].JSONEncoder.default = _encode_sets  # expect: PC579
    path.join = _join  # expect: PC579
    importlib.import_module("textwrap").dedent = _dedent  # expect: PC579
    codec.__dict__.update(JSONDecodeError=codec.JSONDecodeError)  # expect: PC579


_INSTALLED = _install()


class Plugin(hostbase.Base):
    def process(self, items: list[str]) -> list[str]:
        return list(items)
