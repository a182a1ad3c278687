"""Installs its own exception and warning hooks at import, as strawberry-graphql does: the
standard library documents these names as an application's to assign, so they are hooks, not
patches of a shared module."""

from __future__ import annotations

import sys
import threading
import warnings
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from plugapi import ConfigError, Plugin

_previous = sys.excepthook


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    _previous(kind, value, tb)


def _thread_hook(args: Any) -> None:
    sys.__excepthook__(args.exc_type, args.exc_value, args.exc_traceback)


def _show(message: Any, category: Any, filename: str, lineno: int, *rest: Any) -> None:
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno))


# PC110 (an import-time effect) is another question, silenced here; strawberry does it in a
# module of its package the plugin's import loads.
sys.excepthook = _excepthook  # plugcheck: ignore[PC110]
threading.excepthook = _thread_hook
warnings.showwarning = _show


class Hooked:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")
        if not self.greeting:
            raise ConfigError("greeting must not be empty")

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Hooked()
