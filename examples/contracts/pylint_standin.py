"""The host object a pylint plugin's ``register(linter)`` receives: a real ``PyLinter``.

Runs in the target interpreter (plugcheck calls ``linter()`` there, in a sandboxed process), so
``register`` meets exactly the API of the installed pylint, with pylint's own checkers loaded as
``pylint`` loads them before it loads ``--load-plugins``.
"""

from __future__ import annotations

from typing import Any


def linter() -> Any:
    from pylint.lint import PyLinter

    linter = PyLinter()
    linter.load_default_plugins()
    return linter
