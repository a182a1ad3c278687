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

gen32's four hosts (``fresh32.py``): three setup-function hosts over one API (``xhost``: an
``App`` whose methods check what a plugin hands them, a ``Handler`` base) that differ in what they
accept back -- ``setup-none``: ``setup(app, options)`` must return None (``returns = "none"``);
``setup-mapping``: ``setup(app)`` must return a dict with the keys ``version`` and
``parallel_safe`` (Sphinx's metadata, ``returns = "mapping"`` with ``required-keys``);
``setup-instance``: ``create(options)`` must return a ``Handler`` instance, on which the host
calls ``handle(text)`` then ``close()`` -- and ``stage``, a subclass host whose base
(``khost.Stage``) is built with two arguments (``cls("stage", options)``) and has one abstract
and two overridable methods, called in turn: ``prepare()``, ``process(items)`` (iterated),
``close()``.
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

SETUP_API = '''"""The differential setup-function hosts' plugin API."""

from __future__ import annotations

import abc
from collections.abc import Callable, Mapping


class App:
    """What setup() is given: plugins add handlers and configuration values to it."""

    def __init__(self) -> None:
        self.handlers: dict[str, Callable[[str], str]] = {}
        self.config: dict[str, str] = {"level": "1", "style": "plain"}

    def add_handler(self, name: str, handler: Callable[[str], str]) -> None:
        if not isinstance(name, str) or not callable(handler):
            raise TypeError(f"add_handler({name!r}, ...): a name and a callable are required")
        if name in self.handlers:
            raise ValueError(f"handler {name!r} is already registered")
        self.handlers[name] = handler

    def add_config_value(self, name: str, default: str) -> None:
        self.config.setdefault(name, default)


class Handler(abc.ABC):
    """What create(options) returns: the host calls handle(text), then close()."""

    def __init__(self, options: Mapping[str, str]) -> None:
        self.options = dict(options)

    @abc.abstractmethod
    def handle(self, request: str) -> str:
        """The answer to ``request``."""

    def close(self) -> None:
        """Called once when the host is done with the handler."""
'''

SETUP_TESTING = f'''"""What the differential setup-function hosts pass (as the oracle)."""

from xhost import App


def app():
    return App()


def options():
    return {OPTIONS!r}


def text():
    return {TEXT!r}
'''

STAGE_API = '''"""The differential stage host's plugin API."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping


class Stage(abc.ABC):
    """Plugins subclass it; the host builds ``cls(name, options)``, then calls prepare(),
    process(items) and close() in turn."""

    def __init__(self, name: str, options: Mapping[str, str]) -> None:
        self.name = name
        self.options = dict(options)

    def prepare(self) -> None:
        """Called once before process(); plugins may override it."""

    @abc.abstractmethod
    def process(self, items: list[str]) -> Iterable[str]:
        """The processed items; the host iterates them."""

    def close(self) -> None:
        """Called once at the end; plugins may override it."""
'''

STAGE_TESTING = f'''"""What the differential stage host passes (as the oracle)."""


def options():
    return {OPTIONS!r}


def items():
    return {ITEMS!r}
'''

_SETUP_FILES = {"api/xhost/__init__.py": SETUP_API, "api/xhost/testing.py": SETUP_TESTING}

APIS = {
    "entry-function": {
        "api/ehost/__init__.py": ENTRY_API,
        "api/ehost/testing.py": ENTRY_TESTING,
    },
    "subclass": {
        "api/shost/__init__.py": SUBCLASS_API,
        "api/shost/testing.py": SUBCLASS_TESTING,
    },
    "setup-none": _SETUP_FILES,
    "setup-mapping": _SETUP_FILES,
    "setup-instance": _SETUP_FILES,
    "stage": {"api/khost/__init__.py": STAGE_API, "api/khost/testing.py": STAGE_TESTING},
}


def _setup_contract(name: str, export: str, setup: str) -> str:
    return (
        f'[tool.plugcheck]\nsearch-path = ["api"]\n\n'
        f'[tool.plugcheck.contracts.{name}]\nkind = "factory"\npaths = ["plugins/*"]\n'
        'host-packages = ["xhost"]\n'
        'complete-stand-ins = ["xhost.testing:options"]\n\n'
        f"[tool.plugcheck.contracts.{name}.exports]\n"
        f'{export} = {{ kind = "function" }}\n\n'
        f"[tool.plugcheck.contracts.{name}.setup-function]\n"
        f'export = "{export}"\n{setup}'
    )


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
CONTRACTS.update(
    {
        "setup-none": _setup_contract(
            "setup-none",
            "setup",
            'arguments = ["xhost:App", ""]\n'
            'stand-ins = ["xhost.testing:app", "xhost.testing:options"]\n'
            'returns = "none"\n',
        ),
        "setup-mapping": _setup_contract(
            "setup-mapping",
            "setup",
            'argument = "xhost:App"\nstand-ins = ["xhost.testing:app"]\n'
            'returns = "mapping"\nrequired-keys = ["version", "parallel_safe"]\n',
        ),
        "setup-instance": _setup_contract(
            "setup-instance",
            "create",
            'arguments = [""]\nstand-ins = ["xhost.testing:options"]\n'
            'returns = "instance"\nreturn-type = "xhost:Handler"\n'
            'calls = [{ method = "handle", stand-ins = ["xhost.testing:text"] }, '
            '{ method = "close", stand-ins = [] }]\n',
        ),
        "stage": (
            '[tool.plugcheck]\nsearch-path = ["api"]\n\n'
            '[tool.plugcheck.contracts.stage]\nkind = "subclass"\npaths = ["plugins/*"]\n'
            'base = "khost:Stage"\n'
            'complete-stand-ins = ["khost.testing:options"]\n\n'
            "[tool.plugcheck.contracts.stage.exports]\n"
            'Plugin = { type = "khost:Stage", kind = "class" }\n\n'
            "[tool.plugcheck.contracts.stage.lifecycle]\n"
            'protocol = "khost:Stage"\nfactory = "Plugin"\n'
            'factory-stand-ins = [{ value = "stage" }, "khost.testing:options"]\n'
            'calls = [{ method = "prepare", stand-ins = [] }, '
            '{ method = "process", stand-ins = ["khost.testing:items"], returns = "iterable" }, '
            '{ method = "close", stand-ins = [] }]\n'
        ),
    }
)
