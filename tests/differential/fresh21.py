"""A generator family for all five differential hosts, written as an outsider (issue 12).

Written by fresh21 after grepping every other family for what it writes, for what none of them
reaches; the same kinds on every host, each around the host's own export (a hookimpl, ``new``,
``plugin``, ``Plugin``). Syntax only newer interpreters accept, kept in a submodule behind a
``sys.version_info`` gate, in an unused submodule, or reached (PEP 695 generics); process-wide
state changed at import (``warnings.filterwarnings("error")``, ``sys.setrecursionlimit``,
``os.chdir``, ``sys.stdout`` replaced, signal dispositions, ``atexit``) and ``sys.exit`` in the
call; the plugin's own directory put on ``sys.path`` to import a sibling or a ``vendor/`` module
by absolute name (and forgotten, or put too late); the module object changed after its body
ran (``__class__`` set to a ``ModuleType`` subclass with a property or ``__getattr__``,
``setattr(sys.modules[__name__], ...)``, ``vars()[...]``, ``globals().update``, a
``SimpleNamespace`` in ``sys.modules``); async generators where the host calls a method or a
hook. About half of the variants are healthy. The real loader decides every verdict; nothing
here records an expectation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from differential.fresh15 import Api, _indent
from differential.generate import Draw, Variant, _draws, _marker, _structure


@dataclass
class Target:
    """One host's plugin under construction: the export, and where a kind may add code."""

    host: str
    """pluggy, factory, entry or subclass."""
    imports: list[str]
    export: str
    """The name the host looks up (``dh_render`` for pluggy)."""
    marker: str = ""
    base: str = ""

    def defs(self, call: str = "", name: str = "", whole: str = "") -> str:
        """The module's definitions with the export bound to ``name`` (default: the export).

        ``call`` is code run first in the call the host makes (the hook, ``run``, ``check``,
        ``process``); ``whole`` (a whole ``def``, unindented) replaces that call's function.
        """
        name = name or self.export
        if self.host == "pluggy":
            pre = _indent(call.strip()) + "\n" if call.strip() else ""
            fn = whole or f"def {name}(page, context):\n{pre}    return str(page)\n"
            return f"@{self.marker}\n{fn}"
        pre = _indent(call.strip()) + "\n" if call.strip() else ""
        if self.host == "factory":
            run = whole or f"def run(self):\n{pre}    self.count = len(self.greeting)\n"
            return (
                "class Worker:\n    def __init__(self):\n        self.greeting = ''\n\n"
                "    def init(self, config):\n"
                "        self.greeting = str(config.get('greeting', ''))\n\n"
                f"{_indent(run.rstrip())}\n\n"
                "    def shutdown(self, timeout):\n        self.greeting = ''\n\n\n"
                f"def {name}():\n    return Worker()\n"
            )
        if self.host == "entry":
            check = whole or (
                f"def check(self, text):\n{pre}"
                "    return [w for w in text.split() if len(w) > 10]\n"
            )
            return (
                f"class Spelling({self.base}):\n{_indent(check.rstrip())}\n\n\n"
                f"def {name}(registry, options):\n    return Spelling\n"
            )
        process = whole or (
            f"def process(self, items):\n{pre}    return [item.upper() for item in items]\n"
        )
        return f"class {name}({self.base}):\n{_indent(process.rstrip())}\n"


Parts = tuple[list[str], str, dict[str, str]]
"""(extra import lines, module body, sibling files of a package: relative path -> text)"""
Kind = Callable[[Draw, Target], Parts]

# ---------------------------------------------------------------- syntax newer than 3.11

PY312 = "def first[T](items: list[T]) -> T | None:\n    return items[0] if items else None\n"
PY311 = "def first(items):\n    return items[0] if items else None\n"


def _k_newer_syntax(rng: Draw, t: Target) -> Parts:
    how = rng.sub(
        [
            "gate-new-first",
            "gate-old-first",
            "gate-reversed",
            "unused-submodule",
            "used-directly",
            "generic-class",
            "string-annotation",
        ]
    )
    use = "first(list(str(len(locals()))))"
    call = f"_ = {use}"
    if how in ("gate-new-first", "gate-old-first", "gate-reversed"):
        cond = "< (3, 12)" if how == "gate-reversed" else ">= (3, 12)"
        new, old = "from ._modern import first", "from ._compat import first"
        if how == "gate-old-first":
            gate = f"if sys.version_info < (3, 12):\n    {old}\nelse:\n    {new}\n"
        else:
            gate = f"if sys.version_info {cond}:\n    {new}\nelse:\n    {old}\n"
        siblings = {"_modern.py": PY312, "_compat.py": PY311}
        return ["import sys"], f"{gate}\n\n{t.defs(call)}", siblings
    if how == "unused-submodule":
        return (
            [],
            f"from ._compat import first\n\n\n{t.defs(call)}",
            {"_compat.py": PY311, "_future.py": PY312},
        )
    if how == "used-directly":
        return [], f"from ._modern import first\n\n\n{t.defs(call)}", {"_modern.py": PY312}
    if how == "generic-class":
        box = "class Box[T]:\n    def __init__(self, item: T) -> None:\n        self.item = item\n"
        return [], f"{box}\n\n{t.defs()}", {}
    text = (
        'T = TypeVar("T")\n\n\n'
        'def first(items: "list[T]") -> "T | None":\n    return items[0] if items else None\n'
    )
    return ["from typing import TypeVar"], f"{text}\n\n{t.defs(call)}", {}


# ---------------------------------------------------------------- process-wide state at import


def _k_process_state(rng: Draw, t: Target) -> Parts:
    how = rng.sub(
        [
            "warnings-error-warns",
            "warnings-error-quiet",
            "warnings-error-caught",
            "recursion-low",
            "recursion-deep-call",
            "chdir",
            "stdout-replaced",
            "sigterm-ignored",
            "atexit-raises",
            "exit-in-call",
            "exit-zero-in-call",
        ]
    )
    imports, top, call = [], "", ""
    if how.startswith("warnings-error"):
        imports = ["import warnings"]
        top = 'warnings.filterwarnings("error")\n'
        if how == "warnings-error-warns":
            call = 'warnings.warn("the slow path", DeprecationWarning, stacklevel=2)'
        elif how == "warnings-error-caught":
            call = (
                "with warnings.catch_warnings():\n    warnings.simplefilter('ignore')\n"
                '    warnings.warn("the slow path", DeprecationWarning, stacklevel=2)'
            )
    elif how.startswith("recursion"):
        imports = ["import sys"]
        top = "sys.setrecursionlimit(max(200, len(__import__('inspect').stack()) + 40))\n"
        if how == "recursion-deep-call":
            top += "\n\ndef _depth(n):\n    return 0 if n == 0 else 1 + _depth(n - 1)\n"
            call = "_depth(150)"
    elif how == "chdir":
        imports = ["import os", "import tempfile"]
        top = "os.chdir(tempfile.gettempdir())\n"
    elif how == "stdout-replaced":
        imports = ["import io", "import sys"]
        top = "sys.stdout = io.StringIO()\n"
    elif how == "sigterm-ignored":
        imports = ["import signal"]
        top = "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    elif how == "atexit-raises":
        imports = ["import atexit"]
        top = (
            "\ndef _goodbye():\n    raise RuntimeError('closed twice')\n\n\n"
            "atexit.register(_goodbye)\n"
        )
    else:
        imports = ["import sys"]
        call = f"sys.exit({0 if how == 'exit-zero-in-call' else 3})"
    return imports, f"{top}\n\n{t.defs(call)}", {}


# ---------------------------------------------------------------- the plugin's dir on sys.path


def _k_own_path(rng: Draw, t: Target, name: str = "") -> Parts:
    how = rng.sub(
        [
            "insert-sibling",
            "no-insert",
            "insert-after-import",
            "vendor-append",
            "vendor-missing",
            "spec-from-file",
        ]
    )
    mod = f"_helpers_{rng.randrange(10**6)}"
    helper = {f"{mod}.py": "def shout(text):\n    return str(text).upper()\n"}
    here = "os.path.dirname(os.path.abspath(__file__))"
    call = f"_ = shout({mod!r})"
    if how == "insert-sibling":
        top = f"sys.path.insert(0, {here})\n\nfrom {mod} import shout  # noqa: E402\n"
    elif how == "no-insert":
        top = f"from {mod} import shout\n"
    elif how == "insert-after-import":
        top = f"from {mod} import shout\n\nsys.path.insert(0, {here})\n"
    elif how.startswith("vendor"):
        where = "vendor" if how == "vendor-append" else "_vendor"
        top = (
            f'sys.path.append(os.path.join({here}, "{where}"))\n\n'
            f"import {mod}  # noqa: E402\n\nshout = {mod}.shout\n"
        )
        helper = {f"vendor/{mod}.py": helper[f"{mod}.py"]}
    else:
        top = (
            f'_spec = importlib.util.spec_from_file_location("{mod}", '
            f'os.path.join({here}, "{mod}.py"))\n'
            "_helpers = importlib.util.module_from_spec(_spec)\n"
            "_spec.loader.exec_module(_helpers)\nshout = _helpers.shout\n"
        )
        return ["import importlib.util", "import os"], f"{top}\n\n{t.defs(call)}", helper
    return ["import os", "import sys"], f"{top}\n\n{t.defs(call)}", helper


# ---------------------------------------------------------------- the module object, changed


def _k_module_object(rng: Draw, t: Target) -> Parts:
    how = rng.sub(
        [
            "class-swap-plain",
            "class-swap-property",
            "class-swap-getattr",
            "setattr-module",
            "vars-assign",
            "globals-update",
            "namespace-replaces",
            "namespace-missing",
            "class-swap-readonly",
        ]
    )
    private = f"_{t.export.lower()}_impl"
    defs = t.defs(name=private)
    if how == "class-swap-plain":
        tail = (
            "class _Module(types.ModuleType):\n    @property\n    def version(self):\n"
            "        return '1.0'\n\n\n"
            "sys.modules[__name__].__class__ = _Module\n"
        )
        return ["import sys", "import types"], f"{t.defs()}\n\n{tail}", {}
    if how == "class-swap-property":
        tail = (
            "class _Module(types.ModuleType):\n    @property\n"
            f"    def {t.export}(self):\n        return {private}\n\n\n"
            "sys.modules[__name__].__class__ = _Module\n"
        )
    elif how == "class-swap-getattr":
        tail = (
            "class _Module(types.ModuleType):\n    def __getattr__(self, name):\n"
            f"        if name == {t.export!r}:\n            return {private}\n"
            "        raise AttributeError(name)\n\n\n"
            "sys.modules[__name__].__class__ = _Module\n"
        )
    elif how == "class-swap-readonly":
        tail = (
            "class _Module(types.ModuleType):\n    def __setattr__(self, name, value):\n"
            "        raise AttributeError(f'{name} is read-only')\n\n\n"
            "sys.modules[__name__].__class__ = _Module\n"
            f"{t.export} = {private}\n"
        )
    elif how == "setattr-module":
        tail = f"setattr(sys.modules[__name__], {t.export!r}, {private})\n"
    elif how == "vars-assign":
        tail = f"vars()[{t.export!r}] = {private}\n"
        return [], f"{defs}\n\n{tail}", {}
    elif how == "globals-update":
        tail = f"globals().update({{{t.export!r}: {private}}})\n"
        return [], f"{defs}\n\n{tail}", {}
    else:
        given = f"{t.export}={private}" if how == "namespace-replaces" else f"impl={private}"
        tail = f"sys.modules[__name__] = types.SimpleNamespace({given})\n"
    return ["import sys", "import types"], f"{defs}\n\n{tail}", {}


# ---------------------------------------------------------------- async generators

CALLED = {
    "pluggy": ("", "page, context"),
    "factory": ("run", ""),
    "entry": ("check", "text"),
    "subclass": ("process", "items"),
}


def _k_async_generator(rng: Draw, t: Target) -> Parts:
    how = rng.sub(["async-gen", "async-gen-helper-unused", "sync-gen", "aiter-class"])
    method, params = CALLED[t.host]
    if t.host == "pluggy":
        sig = f"{t.export}({params})"
    else:
        sig = f"{method}(self{', ' + params if params else ''})"
    parts = "    for part in ['a', 'b']:\n        yield part\n"
    if how == "async-gen":
        whole = f"async def {sig}:\n{parts}"
    elif how == "sync-gen":
        whole = f"def {sig}:\n{parts}"
    elif how == "aiter-class":
        whole = f"def {sig}:\n    return _Parts()\n"
    else:
        helper = f"async def _parts():\n{parts}"
        return [], f"{helper}\n\n{t.defs()}", {}
    aiter = (
        "class _Parts:\n    def __aiter__(self):\n        return self\n\n"
        "    async def __anext__(self):\n        raise StopAsyncIteration\n\n\n"
    )
    prefix = aiter if how == "aiter-class" else ""
    return [], prefix + t.defs(whole=whole), {}


KINDS: dict[str, Kind] = {
    "newer-syntax": _k_newer_syntax,
    "process-state": _k_process_state,
    "own-path": _k_own_path,
    "module-object": _k_module_object,
    "async-generator": _k_async_generator,
}
PLUGGY_KINDS = FACTORY_KINDS = HOST_KINDS = KINDS


def _target(rng: Draw, host: str) -> tuple[Target, str]:
    if host == "pluggy":
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        return Target(host, imports, "dh_render", marker=m), f"marker={style}"
    if host == "factory":
        return Target(host, [], "new"), "api=none"
    module, base = ("ehost", "Checker") if host == "entry" else ("shost", "Base")
    a = Api(rng, module, base)
    export = "plugin" if host == "entry" else "Plugin"
    return Target(host, a.imports, export, base=a.base), f"api={a.style}"


def _made(host: str, prefix: str, seed: int, count: int) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(KINDS, seed, count):
        t, trait = _target(rng, host)
        extra, body, siblings = KINDS[kind](rng, t)
        future = [x for x in extra if x.startswith("from __future__")]
        rest = [x for x in extra if not x.startswith("from __future__")]
        header = "\n".join(
            [f'"""Fresh21 {host} plugin: {kind}."""', "", *future, *sorted(set(rest)), *t.imports]
        )
        name = f"{prefix}{i:03d}"
        if siblings:
            files = {f"{name}/__init__.py": f"{header}\n\n\n{body.strip()}\n"}
            files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
            structure = "package"
        else:
            structure, files = _structure(rng, name, header, body)
        variants.append(Variant(name, host, kind, (trait, structure), files))
    return variants


def pluggy_variants(seed: int = 21, count: int = 100) -> list[Variant]:
    return _made("pluggy", "pv", seed + 2121, count)


def factory_variants(seed: int = 21, count: int = 100) -> list[Variant]:
    return _made("factory", "fv", seed + 2122, count)


def entry_variants(seed: int = 21, count: int = 100) -> list[Variant]:
    return _made("entry", "ev", seed + 2123, count)


def subclass_variants(seed: int = 21, count: int = 100) -> list[Variant]:
    return _made("subclass", "sv", seed + 2124, count)
