"""The ``wild`` differential family: plugins written the way PyPI plugin authors write them.

Written by an outsider before reading the other families, from the idioms of real pytest and
pluggy plugins (pytest-cov, pytest-xdist, pytest-timeout, pytest-randomly, pytest-django,
pytest-asyncio, tox, devpi, datasette, pre-commit-hooks style packages) and real entry-point
plugins (flake8, mkdocs, sphinx extensions): configuration read the pytest way, hookimpls on
classes and instances, ``tryfirst`` through an alias, ``dh_plugins``-style lists, conftest-style
unmarked hooks, dataclass plugins, ``__all__`` arithmetic, ``importlib.import_module`` of a
sibling, lazy imports inside hooks, gates on ``sys.version_info`` and on pluggy's version,
``from __future__ import annotations``, ``*args``/``**kwargs``, keyword-only, positional-only
and defaulted parameters, ``typing.overload``, both wrapper styles, package metadata read at
import, data files next to the module, circular imports inside a package. Each kind has healthy
and broken instances; which is which is never recorded here: the oracle runs the real loader
and decides.
"""

# The sub-variants are one-line snippets of plugin source: kept whole, they read as written.
# ruff: noqa: E501

from __future__ import annotations

import textwrap
from collections.abc import Callable

from differential.generate import Draw, Variant

Files = dict[str, str]
Kind = Callable[[Draw, str, str], Files]
"""(rng, plugin name, marker expression) -> files relative to the plugins directory, with the
marker import line still to be put in: every module text holds ``# MARKER`` where it goes."""


def _text(body: str) -> str:
    return textwrap.dedent(body).strip("\n") + "\n"


def _module(rng: Draw, name: str, body: str) -> Files:
    """``body`` as a module or as a package's ``__init__``."""
    if rng.random() < 0.5:
        return {f"{name}.py": _text(body)}
    return {f"{name}/__init__.py": _text(body)}


def _pick(rng: Draw, options: list[str]) -> str:
    return rng.sub(options)


# ---------------------------------------------------------------- pluggy kinds


def _pk_config_pytest_way(rng: Draw, name: str, m: str) -> Files:
    """Hooks reading their configuration as pytest plugins read theirs (getini, option, get)."""
    use = _pick(
        rng,
        [
            'greeting = config.get("greeting", "hi")\n    return greeting.upper()',
            'return config.getini("greeting")',
            'timeout = config.get("timeout") or 30\n    return timeout',
            'return config["timeout"]',
            "return config.option.verbose",
            'config.setdefault("wild_seen", []).append("x")',
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Reads its options like a pytest plugin."""
# MARKER


@{m}
def dh_startup(config):
    {use}
''',
    )


def _pk_instance_methods(rng: Draw, name: str, m: str) -> Files:
    """Hookimpls on a class; the module exports an instance's bound methods (or does not)."""
    params, export = _pick(
        rng,
        [
            ("self, page, context", "dh_render = _plugin.dh_render"),
            ("page, context", "dh_render = _plugin.dh_render"),
            ("self, page, context", "plugin = _plugin"),
            ("self, page, context", "dh_render = WildRenderer.dh_render"),
            ("self, page, contxt", "dh_render = _plugin.dh_render"),
            ("self, page", "dh_render = _plugin.dh_render"),
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""A renderer object, as plugins with state write it."""
# MARKER


class WildRenderer:
    def __init__(self):
        self.pages = []

    @{m}
    def dh_render({params}):
        return "rendered"


_plugin = WildRenderer()
{export}
''',
    )


def _pk_tryfirst_alias(rng: Draw, name: str, m: str) -> Files:
    """``first = hookimpl(tryfirst=True)`` once, then ``@first`` on several hooks."""
    options, params = _pick(
        rng,
        [
            ("tryfirst=True", "request, context"),
            ("trylast=True", "request"),
            ("tryfirst=True", "request, contxt"),
            ("tryfirst=True, trylast=True", "request, context"),
            ("tryfirst=True", "req, context"),
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Handles requests before everyone else."""
# MARKER

first = {m}({options})


@first
def dh_handle({params}):
    return None


@first
def dh_startup(config):
    return None
''',
    )


def _pk_plugins_list(rng: Draw, name: str, m: str) -> Files:
    """A ``pytest_plugins``-style list under the hook prefix, or a prefixed helper function."""
    extra = _pick(
        rng,
        [
            'dh_plugins = ["wild.helpers", "wild.fixtures"]',
            'dh_plugins = ("wild.helpers",)',
            "def dh_plugins():\n    return []",
            'dh_version = "1.2.0"',
            "def dh_format_page(page):\n    return page.title()",
            "def _dh_format_page(page):\n    return page.title()",
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Lists its sub-plugins the way conftest files list theirs."""
# MARKER

{extra}


@{m}
def dh_collect(session, items):
    items.append("wild")
''',
    )


def _pk_conftest_unmarked(rng: Draw, name: str, m: str) -> Files:
    """conftest-style: prefixed functions without a marker next to a marked one."""
    unmarked = _pick(
        rng,
        [
            "def dh_startup(config):\n    return None",
            "def dh_render(page, ctx):\n    return None",
            "def dh_render(page):\n    return page",
            "def dh_collect(session, items, extra):\n    return None",
            "async def dh_startup(config):\n    return None",
            "def dh_startup(config):\n    yield config",
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""A conftest-like module: most hooks carry no marker."""
# MARKER


@{m}
def dh_configure(config):
    return None


{unmarked}
''',
    )


def _pk_dataclass_plugin(rng: Draw, name: str, m: str) -> Files:
    """A dataclass holds the plugin's state; its bound hook is exported."""
    fields, make = _pick(
        rng,
        [
            ("verbose: bool = False\n    seen: list = field(default_factory=list)", "Wild()"),
            ("verbose: bool\n    seen: list = field(default_factory=list)", "Wild()"),
            ("verbose: bool\n    seen: list = field(default_factory=list)", "Wild(verbose=True)"),
            ("verbose: bool = False\n    seen: list = field(default=[])", "Wild()"),
            (
                "verbose: bool = False\n    seen: list = field(default_factory=list)",
                "Wild(True, [], 3)",
            ),
        ],
    )
    frozen = _pick(rng, ["", "", "(frozen=True)"])
    return _module(
        rng,
        name,
        f'''
"""State in a dataclass, hooks as its methods."""
from dataclasses import dataclass, field

# MARKER


@dataclass{frozen}
class Wild:
    {fields}

    @{m}
    def dh_collect(self, session, items):
        self.seen.append(len(items))


_wild = {make}
dh_collect = _wild.dh_collect
''',
    )


def _pk_all_arithmetic(rng: Draw, name: str, m: str) -> Files:
    """A package re-exports its hooks module with ``*``; ``__all__`` is built up in steps."""
    grow, hidden = _pick(
        rng,
        [
            ('__all__ += ["dh_render"]', "def dh_collect(session, itms):\n    return None"),
            ('__all__.append("dh_render")', "def dh_collect(session, items):\n    return None"),
            (
                '__all__.extend(["dh_render", "dh_collect"])',
                "def dh_collect(session, itms):\n    return None",
            ),
            ('__all__ += ["dh_rendr"]', "def dh_collect(session, items):\n    return None"),
            (
                '__all__ = __all__ + ["dh_render"]',
                "def dh_collect(session, items, extra):\n    return None",
            ),
        ],
    )
    return {
        f"{name}/__init__.py": _text(
            '''
"""Everything comes from the hooks module."""
from .hooks import *  # noqa: F403
'''
        ),
        f"{name}/hooks.py": _text(
            f'''
"""The hooks, exported through __all__."""
# MARKER

__all__ = ["dh_startup"]
{grow}


@{m}
def dh_startup(config):
    return None


@{m}
def dh_render(page, context):
    return None


@{m}
{hidden}
'''
        ),
    }


def _pk_import_module_sibling(rng: Draw, name: str, m: str) -> Files:
    """The package's ``__init__`` loads its hooks module with ``importlib.import_module``."""
    target, pull = _pick(
        rng,
        [
            ('".hooks", __name__', "dh_startup = _hooks.dh_startup"),
            ('f"{__name__}.hooks"', "dh_startup = _hooks.dh_startup"),
            ('".hook", __name__', "dh_startup = _hooks.dh_startup"),
            ('".hooks", __name__', "dh_startup = _hooks.dh_start"),
            ('".hooks", __name__', 'dh_startup = getattr(_hooks, "dh_startup")'),
            ('".hooks", __name__', "dh_render = _hooks.dh_render"),
        ],
    )
    return {
        f"{name}/__init__.py": _text(
            f'''
"""Loads its implementation module by name."""
import importlib

_hooks = importlib.import_module({target})
{pull}
'''
        ),
        f"{name}/hooks.py": _text(
            f'''
"""The implementation."""
# MARKER


@{m}
def dh_startup(config):
    return None


@{m}
def dh_render(page, ctx):
    return None
'''
        ),
    }


def _pk_lazy_import_in_hook(rng: Draw, name: str, m: str) -> Files:
    """An import inside the hook body, as plugins defer heavy or optional dependencies."""
    body = _pick(
        rng,
        [
            "import json\n    items.append(json.dumps({}))",
            "import wild_not_installed_xyz\n    items.append(wild_not_installed_xyz)",
            "from json import dumpz\n    items.append(dumpz)",
            "try:\n        import wild_not_installed_xyz\n    except ImportError:\n        return None\n    items.append(wild_not_installed_xyz)",
            "from collections import OrderedDict\n    items.append(OrderedDict())",
            "if items:\n        import wild_not_installed_xyz  # only with items\n    return None",
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Imports what it needs when the hook runs."""
# MARKER


@{m}
def dh_collect(session, items):
    {body}
''',
    )


def _pk_version_gate_sys(rng: Draw, name: str, m: str) -> Files:
    """Two definitions of a hook, one per Python version."""
    test = _pick(
        rng,
        [
            "sys.version_info >= (3, 8)",
            "sys.version_info < (3, 8)",
            "sys.version_info[:2] >= (3, 9)",
            "sys.version_info.major == 2",
            "PY38",
            "not PY38",
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Supports old Pythons the way long-lived plugins do."""
import sys

# MARKER

PY38 = sys.version_info >= (3, 8)

if {test}:

    @{m}
    def dh_render(page, context):
        return page

else:

    @{m}
    def dh_render(page, context, template):
        return template
''',
    )


def _pk_version_gate_pluggy(rng: Draw, name: str, m: str) -> Files:
    """New-style wrappers when pluggy is new enough, old-style hookwrappers before."""
    read, test = _pick(
        rng,
        [
            ('tuple(int(p) for p in pluggy.__version__.split(".")[:2])', "PLUGGY >= (1, 1)"),
            ('tuple(int(p) for p in pluggy.__version__.split(".")[:2])', "PLUGGY < (1, 1)"),
            ('tuple(int(p) for p in version("pluggy").split(".")[:2])', "PLUGGY >= (1, 1)"),
            ('tuple(int(p) for p in version("pluggy").split(".")[:2])', "PLUGGY >= (99, 0)"),
        ],
    )
    new_body = _pick(
        rng,
        [
            "result = yield\n        return result",
            "outcome = yield\n        return outcome.get_result()",
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Picks the wrapper protocol from the installed pluggy."""
from importlib.metadata import version

import pluggy

# MARKER

PLUGGY = {read}

if {test}:

    @{m}(wrapper=True)
    def dh_render(page, context):
        {new_body}

else:

    @{m}(hookwrapper=True)
    def dh_render(page, context):
        outcome = yield
        outcome.get_result()
''',
    )


def _pk_future_annotations(rng: Draw, name: str, m: str) -> Files:
    """Annotated hooks whose annotation names exist only for the type checker."""
    future = _pick(
        rng, ["from __future__ import annotations\n", "", "from __future__ import annotations\n"]
    )
    ann = _pick(
        rng,
        [
            "page: Page, context: Context) -> str | None",
            'page: "Page", context: "Context") -> "str | None"',
            "page: str, context: dict) -> str | None",
            "page: Page, context: dict[str, object]) -> None",
        ],
    )
    return _module(
        rng,
        name,
        f'''
{future}"""Fully annotated, as typed plugins are."""
from typing import TYPE_CHECKING

# MARKER

if TYPE_CHECKING:
    from dhost.types import Context, Page


@{m}
def dh_render({ann}:
    return None
''',
    )


def _pk_star_args(rng: Draw, name: str, m: str) -> Files:
    """``*args``/``**kwargs`` hookimpls, as forwarding plugins write them."""
    params = _pick(
        rng,
        [
            "*args, **kwargs",
            "request, *args, **kwargs",
            "request, context, settings, **kwargs",
            "**kwargs",
            "request, *rest",
            "request, context, *, strict",
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Forwards whatever it is given."""
# MARKER


@{m}
def dh_handle({params}):
    return None
''',
    )


def _pk_kwonly(rng: Draw, name: str, m: str) -> Files:
    """Keyword-only parameters, with and without defaults."""
    params, body = _pick(
        rng,
        [
            ("page, *, context=None", "return page"),
            ("page, *, context", "return page"),
            ("*, page, context", "return page"),
            ("page, *, context=None", "return context.get(page)"),
            ("page, *, strict=False", "return page"),
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Keyword-only arguments for clarity."""
# MARKER


@{m}
def dh_render({params}):
    {body}
''',
    )


def _pk_defaults(rng: Draw, name: str, m: str) -> Files:
    """Parameters with defaults: pluggy never passes them."""
    params, body = _pick(
        rng,
        [
            ("session, items=None", "items.append(1)"),
            ("session, items=None", "return None if items is None else len(items)"),
            ("session, items, verbose=False", "items.append(verbose)"),
            ("session, limit=10", "return limit"),
            ("session=None, items=()", "return len(items)"),
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Defaults for a hook called from tests by hand too."""
# MARKER


@{m}
def dh_collect({params}):
    {body}
''',
    )


def _pk_posonly(rng: Draw, name: str, m: str) -> Files:
    """Positional-only parameters."""
    params = _pick(
        rng,
        [
            "request, context, /",
            "request, /, context",
            "req, ctx, /",
            "request, /",
            "request, context, extra, /",
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Positional-only, as C-minded authors write it."""
# MARKER


@{m}
def dh_handle({params}):
    return None
''',
    )


def _pk_overload(rng: Draw, name: str, m: str) -> Files:
    """``typing.overload`` next to hookimpls."""
    block = _pick(
        rng,
        [
            f"""
@overload
def _coerce(value: int) -> int: ...
@overload
def _coerce(value: str) -> str: ...
def _coerce(value):
    return value


@{m}
def dh_render(page, context):
    return _coerce(page)
""",
            f"""
@overload
def dh_render(page: str, context: dict) -> str: ...
@overload
def dh_render(page: bytes, context: dict) -> bytes: ...
@{m}
def dh_render(page, context):
    return page
""",
            f"""
@{m}
@overload
def dh_render(page: str, context: dict) -> str: ...
@{m}
@overload
def dh_render(page: bytes, context: dict) -> bytes: ...
""",
            f"""
@overload
@{m}
def dh_render(page: str, context: dict) -> str: ...
@overload
@{m}
def dh_render(page: bytes, context: dict) -> bytes: ...
""",
        ],
    )
    return _module(
        rng,
        name,
        '"""Typed with overloads."""\nfrom typing import overload\n\n# MARKER\n\n' + block,
    )


def _pk_wrapper_new(rng: Draw, name: str, m: str) -> Files:
    """``wrapper=True`` wrappers as plugins write them: try/finally, result edits."""
    hook, body = _pick(
        rng,
        [
            ("dh_collect(session, items)", "result = yield\n    return result"),
            (
                "dh_collect(session, items)",
                "try:\n        return (yield)\n    finally:\n        items.clear()",
            ),
            ("dh_collect(session, items)", "yield"),
            ("dh_handle(request, context)", "yield"),
            ("dh_collect(session, items)", "result = yield\n    return result + [None]"),
            ("dh_handle(request, context)", "result = yield\n    return result or 'fallback'"),
            ("dh_collect(session, items)", "result = yield\n    result.append('x')"),
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Wraps the other implementations."""
# MARKER


@{m}(wrapper=True)
def {hook}:
    {body}
''',
    )


def _pk_hookwrapper_old(rng: Draw, name: str, m: str) -> Files:
    """Old-style ``hookwrapper=True`` wrappers."""
    hook, body = _pick(
        rng,
        [
            ("dh_render(page, context)", "outcome = yield\n    outcome.get_result()"),
            ("dh_render(page, context)", "outcome = yield\n    outcome.force_result(['x'])"),
            (
                "dh_render(page, context)",
                "outcome = yield\n    res = outcome.get_result()\n    outcome.force_result(res + ['x'])",
            ),
            ("dh_render(page, context)", "yield\n    yield"),
            ("dh_configure(config)", "outcome = yield\n    outcome.get_result()"),
            ("dh_render(page, context)", "outcome = yield\n    return outcome.get_result()"),
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""An old-style hookwrapper."""
# MARKER


@{m}(hookwrapper=True)
def {hook}:
    {body}
''',
    )


def _pk_main_guard(rng: Draw, name: str, m: str) -> Files:
    """Code under ``if __name__ == "__main__":`` (dead when imported) and its negation."""
    test = _pick(
        rng, ['__name__ == "__main__"', '__name__ != "__main__"', '"__main__" == __name__']
    )
    return _module(
        rng,
        name,
        f'''
"""Also runnable as a script for debugging."""
# MARKER


@{m}
def dh_startup(config):
    return None


if {test}:

    @{m}
    def dh_render(page):
        return page

    print(dh_render("index"))
''',
    )


def _pk_try_import_fallback(rng: Draw, name: str, m: str) -> Files:
    """An optional accelerator imported in ``try``; the hook falls back."""
    handler, use = _pick(
        rng,
        [
            (
                "except ImportError:\n    _fast = None",
                "return None if _fast is None else _fast.handle(request)",
            ),
            (
                "except ModuleNotFoundError:\n    _fast = None",
                "return None if _fast is None else _fast.handle(request)",
            ),
            ("except AttributeError:\n    _fast = None", "return None"),
            ("except ImportError:\n    pass", "return _fast.handle(request)"),
            (
                "except (ImportError, OSError):\n    _fast = None",
                "return _fast and _fast.handle(request)",
            ),
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Uses an optional accelerator when it is installed."""
# MARKER

try:
    import wild_fast_accel as _fast
{handler}


@{m}
def dh_handle(request, context):
    {use}
''',
    )


def _pk_metadata_version(rng: Draw, name: str, m: str) -> Files:
    """``__version__`` from the package metadata at import time."""
    block = _pick(
        rng,
        [
            '__version__ = version("wild-dist-not-installed")',
            'try:\n    __version__ = version("wild-dist-not-installed")\nexcept PackageNotFoundError:\n    __version__ = "0.0.0"',
            'try:\n    __version__ = version("wild-dist-not-installed")\nexcept Exception:\n    __version__ = "unknown"',
            '__version__ = version("pluggy")',
            'try:\n    __version__ = version("wild-dist-not-installed")\nexcept ImportError:\n    __version__ = "0"',
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Knows its own version."""
from importlib.metadata import PackageNotFoundError, version

# MARKER

{block}


@{m}
def dh_startup(config):
    config.setdefault("versions", {{}})["wild"] = __version__
''',
    )


def _pk_data_file(rng: Draw, name: str, m: str) -> Files:
    """Defaults read from a JSON file shipped next to the module."""
    where, ship = _pick(
        rng,
        [
            ("import", True),
            ("import", False),
            ("hook", False),
            ("hook", True),
            ("guarded", False),
        ],
    )
    load = 'json.loads(Path(__file__).with_name("defaults.json").read_text())'
    if where == "import":
        top, body = f"DEFAULTS = {load}", 'return DEFAULTS.get("page", page)'
    elif where == "hook":
        top, body = "", f'return {load}.get("page", page)'
    else:
        top = f"try:\n    DEFAULTS = {load}\nexcept FileNotFoundError:\n    DEFAULTS = {{}}"
        body = 'return DEFAULTS.get("page", page)'
    files = {
        f"{name}/__init__.py": _text(
            f'''
"""Ships its defaults as data."""
import json
from pathlib import Path

# MARKER

{top}


@{m}
def dh_render(page, context):
    {body}
'''
        )
    }
    if ship:
        files[f"{name}/defaults.json"] = '{"page": "home"}\n'
    return files


def _pk_circular_import(rng: Draw, name: str, m: str) -> Files:
    """The package's ``__init__`` and its hooks module import each other."""
    order, sub_import = _pick(
        rng,
        [
            ("after", "from . import VERSION"),
            ("before", "from . import VERSION"),
            ("after", "from . import VERSION as _V"),
            ("after", f"import {name}"),
            ("before", f"from {name} import VERSION"),
        ],
    )
    pull = "from .hooks import dh_startup"
    init = f'VERSION = "1.0"\n{pull}' if order == "before" else f'{pull}\n\nVERSION = "1.0"'
    use = "VERSION" if "VERSION" in sub_import and " as " not in sub_import else "_V"
    if sub_import.startswith("import "):
        use = f"{name}.VERSION"
    return {
        f"{name}/__init__.py": _text(f'"""The package."""\n{init}\n'),
        f"{name}/hooks.py": _text(
            f'''
"""Hooks that report the package version."""
{sub_import}

# MARKER


@{m}
def dh_startup(config):
    config["wild_version"] = {use}
'''
        ),
    }


def _pk_returns_iterable(rng: Draw, name: str, m: str) -> Files:
    """Hooks returning iterables: lists, generator expressions, iterators."""
    value = _pick(
        rng,
        [
            "[str(item) for item in items]",
            "(str(item) for item in items)",
            "map(str, items)",
            "iter(items)",
            "tuple(items)",
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Returns what it collected."""
# MARKER


@{m}
def dh_collect(session, items):
    return {value}
''',
    )


def _pk_env_at_import(rng: Draw, name: str, m: str) -> Files:
    """Environment read at import time."""
    block = _pick(
        rng,
        [
            'TOKEN = os.environ["WILD_TOKEN_NOT_SET"]',
            'TOKEN = os.environ.get("WILD_TOKEN_NOT_SET", "")',
            'if os.environ.get("WILD_STRICT_NOT_SET"):\n    raise RuntimeError("strict mode")\nTOKEN = ""',
            'TOKEN = os.getenv("WILD_TOKEN_NOT_SET")\nassert TOKEN, "set WILD_TOKEN"',
            'TOKEN = os.environ.get("HOME", "")',
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Configured from the environment."""
import os

# MARKER

{block}


@{m}
def dh_startup(config):
    config["token"] = TOKEN
''',
    )


def _pk_class_hooks(rng: Draw, name: str, m: str) -> Files:
    """Hooks as class- and staticmethods, exported from the class."""
    decorators, params = _pick(
        rng,
        [
            (f"@classmethod\n    @{m}", "cls, config"),
            (f"@staticmethod\n    @{m}", "config"),
            (f"@staticmethod\n    @{m}", "self, config"),
            (f"@{m}\n    @classmethod", "cls, config"),
            (f"@classmethod\n    @{m}", "config"),
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""Hooks grouped in a namespace class."""
# MARKER


class Hooks:
    {decorators}
    def dh_startup({params}):
        return None


dh_startup = Hooks.dh_startup
''',
    )


def _pk_plugin_class_init(rng: Draw, name: str, m: str) -> Files:
    """A plugin object built at import; its ``__init__`` may want arguments."""
    init, make = _pick(
        rng,
        [
            ("self", "WildPlugin()"),
            ("self, config", "WildPlugin()"),
            ("self, config=None", "WildPlugin()"),
            ("self, *, name", "WildPlugin(name='wild')"),
            ("self, *, name", "WildPlugin('wild')"),
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""One plugin object per process."""
# MARKER


class WildPlugin:
    def __init__({init}):
        self.calls = 0

    @{m}
    def dh_startup(self, config):
        self.calls += 1


plugin = {make}
dh_startup = plugin.dh_startup
''',
    )


def _pk_partial(rng: Draw, name: str, m: str) -> Files:
    """A hook built with ``functools.partial`` from a shared implementation."""
    make = _pick(
        rng,
        [
            f"dh_startup = {m}(functools.partial(_startup, verbose=True))",
            f"dh_startup = {m}(functools.wraps(_startup)(functools.partial(_startup, verbose=True)))",
            f"dh_startup = {m}(_startup)",
        ],
    )
    return _module(
        rng,
        name,
        f'''
"""One implementation, several configurations."""
import functools

# MARKER


def _startup(config, verbose=False):
    return verbose


{make}
''',
    )


PLUGGY_KINDS: dict[str, Kind] = {
    "config-pytest-way": _pk_config_pytest_way,
    "instance-methods": _pk_instance_methods,
    "tryfirst-alias": _pk_tryfirst_alias,
    "plugins-list": _pk_plugins_list,
    "conftest-unmarked": _pk_conftest_unmarked,
    "dataclass-plugin": _pk_dataclass_plugin,
    "all-arithmetic": _pk_all_arithmetic,
    "import-module-sibling": _pk_import_module_sibling,
    "lazy-import-in-hook": _pk_lazy_import_in_hook,
    "version-gate-sys": _pk_version_gate_sys,
    "version-gate-pluggy": _pk_version_gate_pluggy,
    "future-annotations": _pk_future_annotations,
    "star-args": _pk_star_args,
    "kwonly-params": _pk_kwonly,
    "default-params": _pk_defaults,
    "posonly-params": _pk_posonly,
    "typing-overload": _pk_overload,
    "wrapper-new-style": _pk_wrapper_new,
    "hookwrapper-old-style": _pk_hookwrapper_old,
    "main-guard": _pk_main_guard,
    "try-import-fallback": _pk_try_import_fallback,
    "metadata-version": _pk_metadata_version,
    "data-file": _pk_data_file,
    "circular-import": _pk_circular_import,
    "returns-iterable": _pk_returns_iterable,
    "env-at-import": _pk_env_at_import,
    "class-hooks": _pk_class_hooks,
    "plugin-class-init": _pk_plugin_class_init,
    "partial-hook": _pk_partial,
}

MARKERS: dict[str, tuple[str, str]] = {
    # trait -> (import lines, marker expression)
    "from": ("from dhost import hookimpl", "hookimpl"),
    "alias": ("from dhost import hookimpl as impl", "impl"),
    "module": ("import dhost", "dhost.hookimpl"),
    "local": ('import pluggy\n\nhookimpl = pluggy.HookimplMarker("dh")', "hookimpl"),
    "from-pluggy": ('from pluggy import HookimplMarker\n\nhook = HookimplMarker("dh")', "hook"),
}


def pluggy_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    variants = []
    kinds = sorted(PLUGGY_KINDS)
    for i in range(count):
        kind = kinds[i % len(kinds)]
        rng = Draw(seed * 100_003 + i, i // len(kinds))
        style = rng.choice(sorted(MARKERS))
        imports, m = MARKERS[style]
        name = f"wp{i:03d}"
        files = PLUGGY_KINDS[kind](rng, name, m)
        files = {rel: text.replace("# MARKER", imports) for rel, text in files.items()}
        structure = "package" if any("/" in rel for rel in files) else "module"
        variants.append(Variant(name, "pluggy", kind, (f"marker={style}", structure), files))
    return variants


# ---------------------------------------------------------------- factory kinds

PLUGIN = """
class WildPlugin:
    def init(self, config):
        self.greeting = config["greeting"]

    def run(self):
        return None

    def shutdown(self, timeout):
        return None
"""


def _fk_dataclass(rng: Draw, name: str) -> str:
    fields, init = _pick(
        rng,
        [
            (
                'greeting: str = ""\n    seen: list = field(default_factory=list)',
                "self.greeting = config['greeting']",
            ),
            (
                "greeting: str\n    seen: list = field(default_factory=list)",
                "self.greeting = config['greeting']",
            ),
            (
                'greeting: str = ""\n    seen: list = field(default=[])',
                "self.greeting = config['greeting']",
            ),
            ('greeting: str = ""', "self.seen = [config['greeting']]"),
            ('greeting: str = ""', "object.__setattr__(self, 'greeting', config['greeting'])"),
        ],
    )
    frozen = _pick(rng, ["", "(frozen=True)", "(slots=True)", ""])
    return f"""
from dataclasses import dataclass, field


@dataclass{frozen}
class WildPlugin:
    {fields}

    def init(self, config):
        {init}

    def run(self):
        return None

    def shutdown(self, timeout):
        return None


def new():
    return WildPlugin()
"""


def _fk_abc_base(rng: Draw, name: str) -> str:
    methods = _pick(
        rng,
        [
            "def init(self, config):\n        pass\n\n    def run(self):\n        pass\n\n    def shutdown(self, timeout):\n        pass",
            "def init(self, config):\n        pass\n\n    def shutdown(self, timeout):\n        pass",
            "def init(self, config):\n        pass\n\n    def run(self):\n        return super().run()\n\n    def shutdown(self, timeout):\n        pass",
            "def init(self, config):\n        pass\n\n    def run(self):\n        pass",
        ],
    )
    return f"""
from abc import ABC, abstractmethod


class Base(ABC):
    @abstractmethod
    def run(self): ...

    def shutdown(self, timeout):
        return None


class WildPlugin(Base):
    {methods}


def new():
    return WildPlugin()
"""


def _fk_metadata_version(rng: Draw, name: str) -> str:
    block = _pick(
        rng,
        [
            '__version__ = version("wild-dist-not-installed")',
            'try:\n    __version__ = version("wild-dist-not-installed")\nexcept PackageNotFoundError:\n    __version__ = "0"',
            '__version__ = "1.0"',
        ],
    )
    where = _pick(rng, ["import", "run"])
    if where == "run":
        block = textwrap.indent(block, "        ")
        return f"""
from importlib.metadata import PackageNotFoundError, version


class WildPlugin:
    def init(self, config):
        pass

    def run(self):
{block}
        return None

    def shutdown(self, timeout):
        return None


def new():
    return WildPlugin()
"""
    return f"""
from importlib.metadata import PackageNotFoundError, version

{block}
{PLUGIN}

def new():
    return WildPlugin()
"""


def _fk_lazy_import(rng: Draw, name: str) -> str:
    body = _pick(
        rng,
        [
            "import json\n        return json.dumps({})",
            "import wild_not_installed_xyz\n        return wild_not_installed_xyz",
            "try:\n            import wild_not_installed_xyz\n        except ImportError:\n            return None",
            "from json import dumpz\n        return dumpz",
        ],
    )
    return f"""
class WildPlugin:
    def init(self, config):
        pass

    def run(self):
        {body}

    def shutdown(self, timeout):
        return None


def new():
    return WildPlugin()
"""


def _fk_config_access(rng: Draw, name: str) -> str:
    body = _pick(
        rng,
        [
            'self.greeting = config["greeting"]',
            'self.greeting = config["name"]',
            "self.greeting = config.greeting",
            'self.greeting = config.get("name", "wild")',
            'self.greeting = dict(config).pop("greeting")',
            'self.greeting = config.getini("greeting")',
        ],
    )
    return f"""
class WildPlugin:
    def init(self, config):
        {body}

    def run(self):
        return self.greeting

    def shutdown(self, timeout):
        return None


def new():
    return WildPlugin()
"""


def _fk_shutdown_signature(rng: Draw, name: str) -> str:
    params = _pick(
        rng,
        [
            "self",
            "self, timeout=None",
            "self, *, timeout",
            "self, *args, **kwargs",
            "self, timeout, /",
            "self, timeout, force",
            "self, deadline",
        ],
    )
    return f"""
class WildPlugin:
    def init(self, config):
        pass

    def run(self):
        return None

    def shutdown({params}):
        return None


def new():
    return WildPlugin()
"""


def _fk_new_alias(rng: Draw, name: str) -> str:
    new = _pick(
        rng,
        [
            "new = WildPlugin",
            "new = WildPlugin.create",
            "new = WildPlugin.build",
            'new = functools.partial(WildPlugin, name="wild")',
            'new = functools.partial(WildPlugin, label="wild")',
            "new = lambda: WildPlugin.create()",
        ],
    )
    return f"""
import functools


class WildPlugin:
    def __init__(self, name="default"):
        self.name = name

    @classmethod
    def create(cls):
        return cls()

    @staticmethod
    def build(name):
        return WildPlugin(name)

    def init(self, config):
        pass

    def run(self):
        return None

    def shutdown(self, timeout):
        return None


{new}
"""


def _fk_singleton(rng: Draw, name: str) -> str:
    body = _pick(
        rng,
        [
            "global _instance\n    if _instance is None:\n        _instance = WildPlugin()\n    return _instance",
            "global _instance\n    if _instance is None:\n        _instance = WildPlugin()\n    else:\n        return _instance",
            "global _instance\n    _instance = _instance or WildPlugin()\n    return _instance",
            "if _instance is None:\n        _instance = WildPlugin()\n    return _instance",
        ],
    )
    return f"""{PLUGIN}

_instance = None


def new():
    {body}
"""


def _fk_future_annotations(rng: Draw, name: str) -> str:
    future = _pick(rng, ["from __future__ import annotations\n", ""])
    ann = _pick(rng, ["config: Config", 'config: "Config"', "config: dict"])
    return f"""{future}
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fhost.types import Config


class WildPlugin:
    def init(self, {ann}) -> None:
        pass

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> WildPlugin:
    return WildPlugin()
"""


def _fk_async_run(rng: Draw, name: str) -> str:
    run = _pick(
        rng,
        [
            "async def run(self):\n        return None",
            "def run(self):\n        return asyncio.run(self._main())",
            "def run(self):\n        return self._main()",
            "def run(self):\n        loop = asyncio.new_event_loop()\n        try:\n            return loop.run_until_complete(self._main())\n        finally:\n            loop.close()",
        ],
    )
    return f"""
import asyncio


class WildPlugin:
    def init(self, config):
        pass

    async def _main(self):
        await asyncio.sleep(0)

    {run}

    def shutdown(self, timeout):
        return None


def new():
    return WildPlugin()
"""


def _fk_thread(rng: Draw, name: str) -> str:
    init, shutdown = _pick(
        rng,
        [
            ("self._thread.start()", "self._thread.join(timeout)"),
            ("pass", "self._thread.join(timeout)"),
            ("pass", "if self._thread.is_alive():\n            self._thread.join(timeout)"),
            ("self._thread.start()", "self._thread.join(timeout)\n        self._thread.start()"),
        ],
    )
    return f"""
import threading


class WildPlugin:
    def __init__(self):
        self._thread = threading.Thread(target=lambda: None, daemon=True)

    def init(self, config):
        {init}

    def run(self):
        return None

    def shutdown(self, timeout):
        {shutdown}


def new():
    return WildPlugin()
"""


def _fk_logging(rng: Draw, name: str) -> str:
    call = _pick(
        rng,
        [
            'logger.info("running %s", self)',
            'logger.info("running %s %s", self)',
            'logger.trace("running")',
            'logger.warning("running", exc_info=True)',
            'logging.getLogger(__name__).debug("run")',
        ],
    )
    return f"""
import logging

logger = logging.getLogger(__name__)


class WildPlugin:
    def init(self, config):
        pass

    def run(self):
        {call}

    def shutdown(self, timeout):
        return None


def new():
    return WildPlugin()
"""


def _fk_subclass_registry(rng: Draw, name: str) -> str:
    header = _pick(
        rng,
        [
            'class WildPlugin(Registered, key="wild"):',
            "class WildPlugin(Registered):",
            'class WildPlugin(Registered, key="wild", extra=1):',
        ],
    )
    return f"""
REGISTRY = {{}}


class Registered:
    def __init_subclass__(cls, key, **kwargs):
        super().__init_subclass__(**kwargs)
        REGISTRY[key] = cls


{header}
    def init(self, config):
        pass

    def run(self):
        return None

    def shutdown(self, timeout):
        return None


def new():
    return REGISTRY["wild"]()
"""


def _fk_version_gated_method(rng: Draw, name: str) -> str:
    test = _pick(
        rng,
        [
            "sys.version_info >= (3, 8)",
            "sys.version_info < (3, 8)",
            "sys.platform == 'win32'",
            "sys.platform != 'win32'",
        ],
    )
    return f"""
import sys


class WildPlugin:
    def init(self, config):
        pass

    if {test}:

        def run(self):
            return None

    def shutdown(self, timeout):
        return None


def new():
    return WildPlugin()
"""


def _fk_property_members(rng: Draw, name: str) -> str:
    member = _pick(
        rng,
        [
            "@property\n    def run(self):\n        return None",
            "@property\n    def run(self):\n        return lambda: None",
            "run = staticmethod(lambda: None)",
            "@functools.cached_property\n    def run(self):\n        return lambda: None",
            "run = None",
        ],
    )
    return f"""
import functools


class WildPlugin:
    def init(self, config):
        pass

    {member}

    def shutdown(self, timeout):
        return None


def new():
    return WildPlugin()
"""


def _fk_generator_members(rng: Draw, name: str) -> str:
    init = _pick(
        rng,
        [
            "self.greeting = config['greeting']\n        return self",
            "self.greeting = config['greeting']\n        yield self",
            "self.items = [x for x in config]",
            "self.items = (x for x in config)",
        ],
    )
    return f"""
class WildPlugin:
    def init(self, config):
        {init}

    def run(self):
        return None

    def shutdown(self, timeout):
        return None


def new():
    return WildPlugin()
"""


def _fk_context_manager(rng: Draw, name: str) -> str:
    run, shutdown = _pick(
        rng,
        [
            ("with self:\n            return None", "self.__exit__(None, None, None)"),
            ("return None", "self.close()"),
            ("with self:\n            return None", "with self.lock:\n            return None"),
            ("with self.lock:\n            return None", "return None"),
        ],
    )
    return f"""
class WildPlugin:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def init(self, config):
        pass

    def run(self):
        {run}

    def shutdown(self, timeout):
        {shutdown}


def new():
    return WildPlugin()
"""


FACTORY_SINGLE: dict[str, Callable[[Draw, str], str]] = {
    "dataclass-plugin": _fk_dataclass,
    "abc-base": _fk_abc_base,
    "metadata-version": _fk_metadata_version,
    "lazy-import-in-run": _fk_lazy_import,
    "config-access": _fk_config_access,
    "shutdown-signature": _fk_shutdown_signature,
    "new-alias": _fk_new_alias,
    "singleton-new": _fk_singleton,
    "future-annotations": _fk_future_annotations,
    "async-run": _fk_async_run,
    "thread-lifecycle": _fk_thread,
    "logging-calls": _fk_logging,
    "subclass-registry": _fk_subclass_registry,
    "version-gated-method": _fk_version_gated_method,
    "property-members": _fk_property_members,
    "generator-members": _fk_generator_members,
    "context-manager": _fk_context_manager,
}


def _fk_package_sibling(rng: Draw, name: str) -> Files:
    pull = _pick(
        rng,
        [
            "from .impl import WildPlugin",
            'WildPlugin = importlib.import_module(".impl", __name__).WildPlugin',
            "from .impls import WildPlugin",
            'WildPlugin = importlib.import_module(f"{__name__}.impl").WildPlugin',
            "from . import impl\nWildPlugin = impl.Plugin",
        ],
    )
    return {
        f"{name}/__init__.py": _text(
            f'"""The factory; the class lives in a sibling."""\nimport importlib\n\n{pull}\n\n\n'
            "def new():\n    return WildPlugin()\n"
        ),
        f"{name}/impl.py": _text(PLUGIN),
    }


def _fk_circular_import(rng: Draw, name: str) -> Files:
    order = _pick(rng, ["after", "before"])
    pull = "from .impl import WildPlugin"
    init = f'NAME = "wild"\n{pull}' if order == "before" else f'{pull}\n\nNAME = "wild"'
    return {
        f"{name}/__init__.py": _text(
            f'"""The package."""\n{init}\n\n\ndef new():\n    return WildPlugin()\n'
        ),
        f"{name}/impl.py": _text("from . import NAME\n" + PLUGIN),
    }


def _fk_data_file(rng: Draw, name: str) -> Files:
    where, ship = _pick(rng, [("import", True), ("import", False), ("init", False), ("init", True)])
    load = 'json.loads(Path(__file__).with_name("defaults.json").read_text())'
    top = f"DEFAULTS = {load}" if where == "import" else ""
    init = "self.defaults = DEFAULTS" if where == "import" else f"self.defaults = {load}"
    files = {
        f"{name}/__init__.py": _text(
            f'''
"""Ships its defaults as data."""
import json
from pathlib import Path

{top}


class WildPlugin:
    def init(self, config):
        {init}

    def run(self):
        return None

    def shutdown(self, timeout):
        return None


def new():
    return WildPlugin()
'''
        )
    }
    if ship:
        files[f"{name}/defaults.json"] = '{"greeting": "hi"}\n'
    return files


FACTORY_FILES: dict[str, Callable[[Draw, str], Files]] = {
    "package-sibling": _fk_package_sibling,
    "circular-import": _fk_circular_import,
    "data-file": _fk_data_file,
}
FACTORY_KINDS = sorted([*FACTORY_SINGLE, *FACTORY_FILES])


def factory_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    variants = []
    for i in range(count):
        kind = FACTORY_KINDS[i % len(FACTORY_KINDS)]
        rng = Draw(seed * 100_019 + 7 + i, i // len(FACTORY_KINDS))
        name = f"wf{i:03d}"
        if kind in FACTORY_FILES:
            files = FACTORY_FILES[kind](rng, name)
        else:
            files = _module(
                rng, name, f'"""Wild factory plugin: {kind}."""\n' + FACTORY_SINGLE[kind](rng, name)
            )
        structure = "package" if any("/" in rel for rel in files) else "module"
        variants.append(Variant(name, "factory", kind, (structure,), files))
    return variants
