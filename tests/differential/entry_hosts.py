"""The differential test's entry-function and subclass hosts: their APIs and contracts (issue 12).

``entry-function``: the host imports each plugin module, calls its ``plugin(registry, options)``
(a ``Registry`` and the plugin's options dict), requires a class back
(``issubclass(cls, ehost.Checker)``), builds it with the options and iterates what one call of
``check(text)`` returns -- mypy's ``plugin(version)`` and coverage's ``coverage_init(reg,
options)`` in one host. ``subclass``: the host imports each plugin module, takes its ``Plugin``
(what ``ep.load()`` returns for ``mod:Plugin``), requires ``issubclass(Plugin, shost.Base)``,
builds it with the options and iterates what one call of ``process(items)`` returns.

The contracts are written as a user writes them from README.md: a factory contract with a
``setup-function`` (``returns = "subclass"``, as examples/contracts/mypy.toml) and a subclass
contract whose ``lifecycle`` builds the class and makes the host's call (as pybtex.toml).
``oracle.py`` is the real loader for both (its ``OPTIONS``, ``TEXT`` and ``ITEMS`` are these).
That loader passes every plugin exactly ``OPTIONS``, so both contracts say so
(``complete-stand-ins``).
"""

from __future__ import annotations

OPTIONS = {"level": "1", "style": "plain"}
TEXT = "some text"
ITEMS = ["a", "b"]

ENTRY_API = '''"""The differential entry-function host's plugin API."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping


class Registry:
    """What the host passes first: plugins may add options and checkers to it."""

    def __init__(self) -> None:
        self.checkers: list[type[Checker]] = []
        self.options: dict[str, object] = {}

    def add_checker(self, checker: type[Checker]) -> None:
        self.checkers.append(checker)

    def add_option(self, name: str, default: object = None) -> None:
        self.options[name] = default


class Checker(abc.ABC):
    """What plugin(registry, options) returns: a subclass, built with the options."""

    def __init__(self, options: Mapping[str, str]) -> None:
        self.options = dict(options)

    @abc.abstractmethod
    def check(self, text: str) -> Iterable[str]:
        """The messages for ``text``; the host iterates them."""
'''

ENTRY_TESTING = f'''"""What the differential entry-function host passes (as the oracle)."""

from ehost import Registry


def registry():
    return Registry()


def options():
    return {OPTIONS!r}


def text():
    return {TEXT!r}
'''

SUBCLASS_API = '''"""The differential subclass host's plugin API."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping


class Base(abc.ABC):
    """Plugins subclass it; the host builds the class with the options, then calls process."""

    def __init__(self, options: Mapping[str, str]) -> None:
        self.options = dict(options)

    @abc.abstractmethod
    def process(self, items: list[str]) -> Iterable[str]:
        """The processed items; the host iterates them."""

    def describe(self) -> str:
        return type(self).__name__
'''

SUBCLASS_TESTING = f'''"""What the differential subclass host passes (as the oracle)."""


def options():
    return {OPTIONS!r}


def items():
    return {ITEMS!r}
'''

APIS = {
    "entry-function": {
        "api/ehost/__init__.py": ENTRY_API,
        "api/ehost/testing.py": ENTRY_TESTING,
    },
    "subclass": {
        "api/shost/__init__.py": SUBCLASS_API,
        "api/shost/testing.py": SUBCLASS_TESTING,
    },
}

CONTRACTS = {
    "entry-function": (
        '[tool.plugcheck]\nsearch-path = ["api"]\n\n'
        '[tool.plugcheck.contracts.entry-function]\nkind = "factory"\npaths = ["plugins/*"]\n'
        'host-packages = ["ehost"]\n'
        'complete-stand-ins = ["ehost.testing:options"]\n\n'
        "[tool.plugcheck.contracts.entry-function.exports]\n"
        'plugin = { kind = "function" }\n\n'
        "[tool.plugcheck.contracts.entry-function.setup-function]\n"
        'export = "plugin"\n'
        'arguments = ["ehost:Registry", ""]\n'
        'stand-ins = ["ehost.testing:registry", "ehost.testing:options"]\n'
        'returns = "subclass"\n'
        'return-type = "ehost:Checker"\n'
        'instantiate-with = ["ehost.testing:options"]\n'
        'calls = [{ method = "check", stand-ins = ["ehost.testing:text"], returns = "iterable" }]\n'
    ),
    "subclass": (
        '[tool.plugcheck]\nsearch-path = ["api"]\n\n'
        '[tool.plugcheck.contracts.subclass]\nkind = "subclass"\npaths = ["plugins/*"]\n'
        'base = "shost:Base"\n'
        'complete-stand-ins = ["shost.testing:options"]\n\n'
        "[tool.plugcheck.contracts.subclass.exports]\n"
        'Plugin = { type = "shost:Base", kind = "class" }\n\n'
        "[tool.plugcheck.contracts.subclass.lifecycle]\n"
        'protocol = "shost:Base"\nfactory = "Plugin"\n'
        'factory-stand-ins = ["shost.testing:options"]\n'
        'calls = [{ method = "process", stand-ins = ["shost.testing:items"], '
        'returns = "iterable" }]\n'
    ),
}
