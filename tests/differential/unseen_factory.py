"""A factory generator family for the differential test: plugins neither earlier family makes.

Written as an outsider writing plugins for a factory + Protocol host would, after the red team
was fixed: dataclasses with mutable defaults and ``field()``, ``NamedTuple`` and ``enum``
plugins, factories returned from a closure or looked up in a dict, ``property()`` and custom
descriptors as members, a base class in another module whose method is a stub that raises,
factories returning a tuple, ``async`` members chosen by a version branch, method decorators
without ``functools.wraps``, classes picked by a ``try``/``except ImportError`` import, ``del``
after definition, ``__all__`` restricting a star re-export, ``__slots__`` and frozen dataclasses
inherited from another module, names bound only for the type checker or deleted before the
call, an explicit Protocol subclass inheriting the protocol's stubs, and callable instances as
members. Only factory variants are made (``pluggy_variants`` is empty; ``unseen`` is its
pluggy counterpart). As in the other
families, what a variant should do is never recorded: the oracle decides.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from differential.generate import Draw, Variant, _draws, _Factory, _factory_base, _structure

FactoryParts = dict[str, str]
"""Sibling modules of a package plugin (relative path -> source); empty for one module."""
UnseenKind = Callable[[Draw, _Factory], FactoryParts]


def _indent(text: str, times: int = 1) -> str:
    return textwrap.indent(text, "    " * times)


def _uk_dataclass_defaults(rng: Draw, f: _Factory) -> FactoryParts:
    f.imports.append("from dataclasses import dataclass, field")
    f.class_decos.append("dataclass")
    f.own_init = False
    fields = rng.sub(
        [
            "items: list = field(default_factory=list)",
            "items: list = []",
            "items: dict = field(default_factory=dict)\nlabel: str = field(default='x')",
            "items: list = field(default=[])",
            "label: str = field(default='x', init=False)",
        ]
    )
    f.methods = {"_fields": f'greeting: str = ""\n{fields}', **f.methods}
    return {}


def _uk_namedtuple(rng: Draw, f: _Factory) -> FactoryParts:
    f.imports.append("from typing import NamedTuple")
    f.bases = "NamedTuple"
    f.own_init = False
    sets = rng.sub([True, False])
    init = f.methods["init"] if sets else "def init(self, config):\n    return None"
    run = "def run(self):\n    return len(self.greeting)"
    stop = "def shutdown(self, timeout):\n    return None"
    f.methods = {"_fields": 'greeting: str = ""', "init": init, "run": run, "shutdown": stop}
    return {}


def _uk_enum(rng: Draw, f: _Factory) -> FactoryParts:
    f.imports.append("import enum")
    f.bases = "enum.Enum"
    f.own_init = False
    f.methods = {"_members": "PLAIN = 1\nLOUD = 2", **f.methods}
    made = rng.sub([f"{f.cls}.PLAIN", f"{f.cls}(2)", f.cls, f'{f.cls}["LOUD"]'])
    f.new = f"def new():\n    return {made}\n"
    return {}


def _uk_closure_factory(rng: Draw, f: _Factory) -> FactoryParts:
    made = rng.sub([f"{f.cls}()", f.cls, f"{f.cls}()", "None"])
    f.new = (
        "def _make_factory():\n"
        "    def new():\n"
        f"        return {made}\n\n"
        "    return new\n\n\n"
        "new = _make_factory()\n"
    )
    return {}


def _uk_dict_factory(rng: Draw, f: _Factory) -> FactoryParts:
    key = rng.sub(["default", "legacy", "default", "missing"])
    f.before.append(
        "class Legacy:\n    def init(self, config):\n        return None\n\n"
        "    def run(self, times):\n        return None\n\n"
        "    def shutdown(self, timeout):\n        return None\n"
    )
    f.new = None
    f.after.append(
        f'FACTORIES = {{"default": {f.cls}, "legacy": Legacy}}\n\nnew = FACTORIES["{key}"]\n'
    )
    return {}


def _uk_property_call(rng: Draw, f: _Factory) -> FactoryParts:
    which = rng.sub(["run", "shutdown", "run"])
    getter = rng.sub(["lambda self: self._real", "lambda self: None", "lambda self: self._real"])
    f.methods[which] = f"{which} = property({getter})"
    params = "self" if which == "run" else "self, timeout"
    f.methods["_real"] = f"def _real({params}):\n    return None"
    return {}


def _uk_descriptor(rng: Draw, f: _Factory) -> FactoryParts:
    value = rng.sub(["lambda: None", "None", "lambda *args: None", "lambda timeout: None"])
    which = "shutdown" if "timeout" in value else "run"
    f.before.append(
        f"class Hook:\n    def __get__(self, obj, owner=None):\n        return {value}\n"
    )
    f.methods[which] = f"{which} = Hook()"
    return {}


def _uk_base_stub(rng: Draw, f: _Factory) -> FactoryParts:
    which = rng.sub(["run", "shutdown", "init"])
    overrides = rng.sub([False, True, False])
    params = {"run": "self", "shutdown": "self, timeout", "init": "self, config"}[which]
    base = (
        '"""The base class plugins extend."""\n\n\nclass Base:\n'
        f"    def {which}({params}):\n"
        f'        raise NotImplementedError("{which}")\n'
    )
    if not overrides:
        del f.methods[which]
    f.bases = "Base"
    f.imports.append("from .base import Base")
    return {"base.py": base}


def _uk_tuple_return(rng: Draw, f: _Factory) -> FactoryParts:
    made = rng.sub([f"{f.cls}(), None", f"({f.cls}())", f"[{f.cls}()]", f"{f.cls}() or None"])
    f.new = f"def new():\n    return {made}\n"
    return {}


def _uk_async_branch(rng: Draw, f: _Factory) -> FactoryParts:
    f.imports.append("import sys")
    cond = rng.sub(["sys.version_info >= (3, 8)", "sys.version_info < (3, 8)"])
    del f.methods["run"]
    f.methods["run"] = (
        f"if {cond}:\n\n"
        "    async def run(self):\n        return None\n\n"
        "else:\n\n"
        "    def run(self):\n        return None"
    )
    return {}


LOGGED = """def logged(fn):
    def inner({params}):
        return fn({args})

    return inner
"""


def _uk_method_decorator(rng: Draw, f: _Factory) -> FactoryParts:
    how = rng.sub(["no-self", "star", "staticmethod", "lru"])
    if how == "lru":
        f.imports.append("import functools")
        f.methods["run"] = "@functools.lru_cache(maxsize=None)\ndef run(self):\n    return None"
    elif how == "staticmethod":
        f.methods["run"] = "@staticmethod\ndef run(self):\n    return None"
    else:
        params, args = ("", "") if how == "no-self" else ("*args, **kwargs", "*args, **kwargs")
        f.before.append(LOGGED.format(params=params, args=args))
        f.methods["run"] = "@logged\ndef run(self):\n    return None"
    return {}


def _uk_conditional_import(rng: Draw, f: _Factory) -> FactoryParts:
    fast_dep = rng.sub(["ux_not_installed", "json"])
    slow_ok = rng.sub([True, False, True])
    fast = f'"""The fast implementation."""\n\nimport {fast_dep}\n\n\nclass Impl:\n' + _indent(
        "def init(self, config):\n    return None\n\ndef run(self):\n    return None\n\n"
        "def shutdown(self, timeout):\n    return None"
    )
    run = "def run(self):\n    return None" if slow_ok else "def run(self, times):\n    return None"
    slow = '"""The slow implementation."""\n\n\nclass Impl:\n' + _indent(
        f"def init(self, config):\n    return None\n\n{run}\n\n"
        "def shutdown(self, timeout):\n    return None"
    )
    f.imports.append(
        "try:\n    from ._fast import Impl as Chosen\nexcept ImportError:\n"
        "    from ._slow import Impl as Chosen"
    )
    f.new = "def new():\n    return Chosen()\n"
    return {"_fast.py": fast, "_slow.py": slow}


def _uk_del_after(rng: Draw, f: _Factory) -> FactoryParts:
    what = rng.sub([f"del {f.cls}.shutdown", "del new", "del _helper", f"del {f.cls}.init"])
    f.before.append("def _helper():\n    return None\n")
    f.after.append(what + "\n")
    return {}


def _uk_star_all(rng: Draw, f: _Factory) -> FactoryParts:
    exported = rng.sub([["new"], [f.cls], ["new", f.cls], []])
    return {"__all__": repr(exported)}


def _uk_slots_inherited(rng: Draw, f: _Factory) -> FactoryParts:
    base_slots = rng.sub(["__slots__ = ()", "pass", "__slots__ = ('count',)"])
    base = f'"""A slotted base."""\n\n\nclass Base:\n    {base_slots}\n'
    f.bases = "Base"
    f.imports.append("from ._base import Base")
    f.methods = {"__slots__": "__slots__ = ('greeting',)", **f.methods}
    return {"_base.py": base}


def _uk_frozen_inherited(rng: Draw, f: _Factory) -> FactoryParts:
    frozen = rng.sub([True, False])
    base = (
        '"""A settings base."""\n\nimport dataclasses\n\n\n'
        f"@dataclasses.dataclass(frozen={frozen})\nclass Base:\n    greeting: str = ''\n"
    )
    f.bases = "Base"
    f.own_init = False
    f.imports.append("from ._base import Base")
    return {"_base.py": base}


def _uk_unbound_name(rng: Draw, f: _Factory) -> FactoryParts:
    how = rng.sub(["type-checking", "deleted", "later", "global"])
    if how == "type-checking":
        f.imports.append("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import json")
        f.methods["run"] = "def run(self):\n    self.count = len(json.dumps({}))"
    elif how == "deleted":
        f.imports.append("import json")
        f.after.append("del json\n")
        f.methods["run"] = "def run(self):\n    self.count = len(json.dumps({}))"
    elif how == "later":
        f.after.append("import json\n")
        f.methods["run"] = "def run(self):\n    self.count = len(json.dumps({}))"
    else:
        f.before.append("def _setup():\n    global COUNTER\n    COUNTER = 0\n")
        f.methods["run"] = "def run(self):\n    self.count = COUNTER"
    return {}


def _uk_protocol_stub(rng: Draw, f: _Factory) -> FactoryParts:
    which = rng.sub(["run", "shutdown", "init"])
    del f.methods[which]
    f.bases = f.api
    return {}


def _uk_callable_member(rng: Draw, f: _Factory) -> FactoryParts:
    params = rng.sub(["self", "self, extra", "self, *args", "self, timeout"])
    which = "shutdown" if params == "self, timeout" else "run"
    f.before.append(f"class Runner:\n    def __call__({params}):\n        return None\n")
    f.methods[which] = f"{which} = Runner()"
    return {}


FACTORY_KINDS: dict[str, UnseenKind] = {
    "dataclass-defaults": _uk_dataclass_defaults,
    "namedtuple-plugin": _uk_namedtuple,
    "enum-plugin": _uk_enum,
    "closure-factory": _uk_closure_factory,
    "dict-lookup-factory": _uk_dict_factory,
    "property-call-member": _uk_property_call,
    "descriptor-member": _uk_descriptor,
    "base-stub-raises": _uk_base_stub,
    "tuple-return": _uk_tuple_return,
    "async-version-branch": _uk_async_branch,
    "method-decorator": _uk_method_decorator,
    "conditional-import-class": _uk_conditional_import,
    "del-after-definition": _uk_del_after,
    "star-all-restricted": _uk_star_all,
    "slots-inherited": _uk_slots_inherited,
    "frozen-inherited": _uk_frozen_inherited,
    "unbound-name": _uk_unbound_name,
    "protocol-stub-inherited": _uk_protocol_stub,
    "callable-instance-member": _uk_callable_member,
}


def pluggy_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    return []


def factory_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 2002, count):
        f = _factory_base(rng)
        siblings = FACTORY_KINDS[kind](rng, f)
        exported = siblings.pop("__all__", None)
        future = rng.random() < 0.5
        head = [f'"""Unseen factory plugin: {kind}."""', ""]
        if future:
            head += ["from __future__ import annotations", ""]
        if f.annotated:
            head.append("from collections.abc import Mapping")
        head += f.imports
        name = f"fu{i:03d}"
        if exported is not None:
            impl = "\n".join(head) + f"\n\n__all__ = {exported}\n\n\n" + f.render()
            reexport = '"""Re-exports the implementation."""\n\nfrom .impl import *  # noqa: F403\n'
            files = {f"{name}/__init__.py": reexport, f"{name}/impl.py": impl}
            structure = "star"
        elif siblings:
            files = {f"{name}/__init__.py": "\n".join(head) + "\n\n\n" + f.render()}
            files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
            structure = "package"
        else:
            structure, files = _structure(rng, name, "\n".join(head), f.render())
        traits = (
            "annotated" if f.annotated else "unannotated",
            "future" if future else "eager",
            f"api={f.api}",
            structure,
        )
        variants.append(Variant(name, "factory", kind, traits, files))
    return variants
