"""The xonsh session xontribs load into, and what ``_load_xontrib_(xsh)`` is passed.

Runs in the target interpreter (plugcheck imports it there before the plugins, as the contract's
``preload``, and calls ``session`` in a sandboxed process). xonsh has started its session before
it loads any xontrib: the Execer, the environment, aliases and events, and the names it puts in
``builtins`` (``__xonsh__``, ``aliases``, ``events``) that xontribs use at import time. Importing
this module starts it as xonsh's own embedding API does (``xonsh.main.setup``, no interactive
shell).
"""

from __future__ import annotations

from typing import Any

from xonsh.built_ins import XSH
from xonsh.main import setup

if XSH.execer is None:
    setup(shell_type="none")


def session() -> Any:
    """``XSH``, as ``xontrib_context`` passes it: ``_load_xontrib_(xsh=XSH)``."""
    return XSH
