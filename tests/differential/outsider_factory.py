"""A factory generator family of object-model mutations no other family makes (issue 12).

Written after ``unseen-factory`` and ``wild``, from the corners of Python's object model an
outsider reaches for when writing a plugin class: ``__new__`` returning another object (or
nothing), ``__init__`` returning a value, an ``abc.ABC`` base whose abstract lifecycle method is
left abstract, the plugin's own ``Protocol`` instantiated or subclassed with ``...`` bodies,
``@property``/``functools.cached_property`` named like a lifecycle method, a registering class
decorator that forgets ``return cls``, ``@classmethod`` factories returning ``cls`` instead of
``cls()``, static- and classmethod lifecycle members, members served by ``__getattr__``,
lifecycle members set per instance in ``__init__``, a mixin earlier in the MRO whose method
raises, and callable factory objects. Factory variants only; the real loader decides what each
variant does (nothing here records an expectation).
"""

from __future__ import annotations

from collections.abc import Callable

from differential.generate import Draw, Variant, _draws, _Factory, _factory_base, _structure

OutsiderKind = Callable[[Draw, _Factory], None]


def _ok_new_returns_other(rng: Draw, f: _Factory) -> None:
    how = rng.sub(["other", "super", "none", "object-other"])
    f.before.append(
        "class Legacy:\n    def start(self):\n        return None\n"
        if how in ("other", "object-other")
        else ""
    )
    body = {
        "other": "return Legacy()",
        "super": "return super().__new__(cls)",
        "none": "cls._made = True",
        "object-other": "return object.__new__(Legacy)",
    }[how]
    f.methods = {"__new__": f"def __new__(cls, *args, **kwargs):\n    {body}", **f.methods}


def _ok_init_returns_value(rng: Draw, f: _Factory) -> None:
    ret = rng.sub(["self", "None", "True", ""])
    tail = f"\n    return {ret}" if ret else "\n    return"
    f.own_init = False
    f.methods = {"__init__": f'def __init__(self):\n    self.greeting = ""{tail}', **f.methods}


def _ok_abstract_left(rng: Draw, f: _Factory) -> None:
    which = rng.sub(["run", "shutdown", "init", "run"])
    overrides = rng.sub([False, False, False, True])
    style = rng.sub(["ABC", "ABCMeta"])
    params = {"run": "self", "shutdown": "self, timeout", "init": "self, config"}[which]
    base = "abc.ABC" if style == "ABC" else "metaclass=abc.ABCMeta"
    f.imports.append("import abc")
    f.before.append(
        f"class Base({base}):\n    @abc.abstractmethod\n    def {which}({params}):\n"
        '        """Subclasses do the work."""\n'
    )
    if not overrides:
        del f.methods[which]
    f.bases = "Base"


def _ok_own_protocol(rng: Draw, f: _Factory) -> None:
    how = rng.sub(["instantiate", "subclass-dots", "subclass-dots-all"])
    f.imports.append("from typing import Protocol")
    stubs = ["def init(self, config): ...", "def run(self): ..."]
    stubs.append("def shutdown(self, timeout): ...")
    f.before.append("class Lifecycle(Protocol):\n" + "".join(f"    {s}\n" for s in stubs))
    if how == "instantiate":
        f.new = "def new():\n    return Lifecycle()\n"
    elif how == "subclass-dots":
        f.bases = "Lifecycle"
        f.methods["run"] = "def run(self): ..."
    else:
        f.bases = "Lifecycle"
        f.methods = {"pass": "pass"}


def _ok_property_lifecycle(rng: Draw, f: _Factory) -> None:
    which = rng.sub(["run", "shutdown", "run", "shutdown"])
    cached = "functools.cached_property"
    deco = rng.sub(["property", "property", cached, cached])
    returns = rng.sub(["None", "self._real", "self._real", "None"])
    if deco.startswith("functools"):
        f.imports.append("import functools")
    params = "self" if which == "run" else "self, timeout"
    f.methods["_real"] = f"def _real({params}):\n    return None"
    f.methods[which] = f"@{deco}\ndef {which}(self):\n    return {returns}"


def _ok_register_decorator(rng: Draw, f: _Factory) -> None:
    returns = rng.sub([False, True, False])
    tail = "\n    return cls" if returns else ""
    f.before.append(f"REGISTRY = []\n\n\ndef register(cls):\n    REGISTRY.append(cls){tail}\n")
    f.class_decos.append("register")


def _ok_classmethod_factory(rng: Draw, f: _Factory) -> None:
    made = rng.sub(["cls", "cls()", "cls", "cls()"])
    f.methods["create"] = f"@classmethod\ndef create(cls):\n    return {made}"
    f.new = None
    spelled = [f"new = {f.cls}.create\n", f"def new():\n    return {f.cls}.create()\n"]
    f.after.append(rng.sub(spelled))


def _ok_static_lifecycle(rng: Draw, f: _Factory) -> None:
    how = rng.sub(["static-run", "class-run", "static-shutdown-self", "static-shutdown"])
    if how == "static-run":
        f.methods["run"] = "@staticmethod\ndef run():\n    return None"
    elif how == "class-run":
        f.methods["run"] = "@classmethod\ndef run(cls):\n    return None"
    elif how == "static-shutdown-self":
        f.methods["shutdown"] = "@staticmethod\ndef shutdown(self, timeout):\n    return None"
    else:
        f.methods["shutdown"] = "@staticmethod\ndef shutdown(timeout):\n    return None"


def _ok_getattr_members(rng: Draw, f: _Factory) -> None:
    which = rng.sub(["run", "shutdown", "run"])
    serves = rng.sub([True, True, False])
    del f.methods[which]
    value = "lambda *args: None" if serves else "None"
    names = f"({which!r},)" if serves else "()"
    f.methods["__getattr__"] = (
        f"def __getattr__(self, name):\n    if name in {names}:\n        return {value}\n"
        "    raise AttributeError(name)"
    )


def _ok_instance_member(rng: Draw, f: _Factory) -> None:
    how = rng.sub(["bound", "wrong-arity", "none", "bound"])
    f.own_init = False
    del f.methods["shutdown"]
    f.methods["_stop"] = "def _stop(self):\n    return None"
    f.methods["_stop_timed"] = "def _stop_timed(self, timeout):\n    return None"
    value = {"bound": "self._stop_timed", "wrong-arity": "self._stop", "none": "None"}[how]
    f.methods = {
        "__init__": f'def __init__(self):\n    self.greeting = ""\n    self.shutdown = {value}',
        **f.methods,
    }


def _ok_mixin_order(rng: Draw, f: _Factory) -> None:
    first = rng.sub([True, False])
    f.before.append(
        "class Base:\n    def run(self):\n        return None\n\n\n"
        "class Mixin:\n    def run(self):\n        raise NotImplementedError\n"
    )
    del f.methods["run"]
    f.bases = "Mixin, Base" if first else "Base, Mixin"


def _ok_callable_factory(rng: Draw, f: _Factory) -> None:
    made = rng.sub([f"{f.cls}()", f.cls, f"{f.cls}()", "None"])
    f.new = None
    f.after.append(
        f"class _Factory:\n    def __call__(self):\n        return {made}\n\n\nnew = _Factory()\n"
    )


FACTORY_KINDS: dict[str, OutsiderKind] = {
    "new-returns-other": _ok_new_returns_other,
    "init-returns-value": _ok_init_returns_value,
    "abstract-left": _ok_abstract_left,
    "own-protocol": _ok_own_protocol,
    "property-lifecycle": _ok_property_lifecycle,
    "register-decorator": _ok_register_decorator,
    "classmethod-factory": _ok_classmethod_factory,
    "static-lifecycle": _ok_static_lifecycle,
    "getattr-members": _ok_getattr_members,
    "instance-member": _ok_instance_member,
    "mixin-order": _ok_mixin_order,
    "callable-factory": _ok_callable_factory,
}


def pluggy_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    return []


def factory_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 3003, count):
        f = _factory_base(rng)
        FACTORY_KINDS[kind](rng, f)
        f.before = [b for b in f.before if b]
        future = rng.random() < 0.5
        head = [f'"""Outsider factory plugin: {kind}."""', ""]
        if future:
            head += ["from __future__ import annotations", ""]
        if f.annotated:
            head.append("from collections.abc import Mapping")
        head += f.imports
        name = f"fo{i:03d}"
        structure, files = _structure(rng, name, "\n".join(head), f.render())
        traits = (
            "annotated" if f.annotated else "unannotated",
            "future" if future else "eager",
            f"api={f.api}",
            structure,
        )
        variants.append(Variant(name, "factory", kind, traits, files))
    return variants
