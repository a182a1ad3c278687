"""Writes compact JSON through its own function; the json module stays as it is."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import hostbase

from own import settings

_log = logging.getLogger(__name__)
settings.COMPACT = True

if sys.version_info < (3,):
    json.dumps = None  # never runs on the target


def compact(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))


def install() -> None:
    """Never called by the import: a function the host does not run."""
    json.dumps = compact


class _Options:
    dumps = None


def _configure(json: _Options) -> None:
    json.dumps = compact  # the parameter, not the module


_CONFIGURED = _configure(_Options())


class Plugin(hostbase.Base):
    def process(self, items: list[str]) -> list[str]:
        return [compact(i) for i in items]
