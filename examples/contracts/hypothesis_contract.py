"""What Hypothesis does with a plugin's setup hook's work: a backend it registered is run."""

from __future__ import annotations

import types
from typing import Any


def _package(plugin: Any) -> str:
    """The top-level package of what the entry point named (a module or a function)."""
    name = plugin.__name__ if isinstance(plugin, types.ModuleType) else plugin.__module__
    return str(name).partition(".")[0]


def run_backends(_result: object, plugin: Any) -> None:
    """Each backend the plugin's package registered in ``AVAILABLE_PROVIDERS`` runs one property,
    as ``@settings(backend=NAME)`` does: Hypothesis imports the dotted path only then, and calls
    the provider's methods as its engine does (``realize(value, for_failure=...)``, ...).
    Backends of other packages (Hypothesis' own, other plugins' whose hooks ran when the
    preloaded ``hypothesis`` was imported) are left to their own checks."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from hypothesis.internal.conjecture.providers import AVAILABLE_PROVIDERS

    own = _package(plugin)
    for name, path in sorted(AVAILABLE_PROVIDERS.items()):
        if path.partition(".")[0] != own:
            continue

        @settings(backend=name, max_examples=3, database=None, deadline=None)
        @given(st.integers(), st.text())
        def holds(number: int, text: str) -> None:
            assert isinstance(number, int)

        holds()
