"""The host functions a contract's ``preload-calls`` names, called once after the preloads and
before any plugin runs: the session a host starts before it loads its plugins (xonsh's
``xonsh.main.setup()`` puts ``__xonsh__``, ``aliases`` and ``events`` in builtins). Loaded by
path by the registration worker too, so it imports nothing of plugcheck's."""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def call_all(calls: list[dict[str, Any]]) -> dict[str, str | None]:
    """Each call made, in order: ``None``, or what it raised. The first that raises ends the
    list: what comes after it expects the state it did not set up."""
    called: dict[str, str | None] = {}
    for call in calls:
        ref = str(call.get("function", ""))
        try:
            module, _, name = ref.partition(":")
            obj: Any = importlib.import_module(module)
            for part in name.split("."):
                obj = getattr(obj, part)
            obj(**call.get("keywords", {}))
            called[ref] = None
        except BaseException as exc:  # reported: the run is not a pass (runner.py)
            called[ref] = _said(exc)
            break
    return called


def _said(exc: BaseException) -> str:
    try:
        text = str(exc)
    except BaseException:
        text = "<unprintable>"
    return f"{type(exc).__name__}: {text}"[:500]
