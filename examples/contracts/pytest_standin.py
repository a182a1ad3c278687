"""What pytest passes to ``pytest_addoption`` at every start-up: the ``Parser`` and the
``PytestPluginManager`` of a real ``Config``, after pytest's own plugins added their options.

Runs in the target interpreter (plugcheck calls these there, in a sandboxed process), so a
plugin's ``pytest_addoption`` meets the installed pytest: an option pytest already has
(``--strict-markers``) raises its ``ValueError`` as it does when pytest starts.
"""

from __future__ import annotations

from typing import Any


def _config() -> Any:
    from _pytest.config import get_config

    return get_config()


def parser() -> Any:
    return _config()._parser


def pluginmanager() -> Any:
    return _config().pluginmanager
