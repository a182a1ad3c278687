"""A generator family for the pluggy, factory and entry-function hosts: names and attributes.

Issue 12. Written by gen59 after grepping every other family for each idea, before reading any
rule, for shapes none of them writes: private names mangled inside a class body (a module
global ``__PREFIX`` read in a method becomes ``_Impl__PREFIX``, a module function named
``__render`` used in a class body, ``getattr(self, "__fmt")`` that the compiler does not
rewrite, an attribute a base sets as ``self.__state`` and a subclass reads, a marker alias kept
as a private class attribute, a lifecycle method spelled ``__run``, ``_Impl__make`` reached by
its mangled name, trailing-dunder names that are not mangled); ``contextvars`` (a variable
without a default read in the call, set at import, set inside ``copy_context().run``, a token
reset twice or in another context, a wrapper that sets and resets); the plugin's own
``typing.Protocol`` with default method bodies (a marked default inherited, an override without
the marker, a default that raises, a protocol instantiated, ``isinstance`` against a protocol
that is not ``runtime_checkable``, an abstract member left, a default reached only
structurally); ``__all__`` shapes a star import refuses or accepts (a string for want of a
comma, a set, a dict, ``None``, a function or class object, ``StrEnum`` members and ``str``
subclasses, ``+=`` on a name never bound); hooks that mutate their arguments in place (an
attribute on the host's bare ``object()``, ``append`` on a string, ``+=`` on a key the context
lacks) or return a false value from a firstresult hook; function attributes rewritten after the
``def`` (``__defaults__`` set or cleared, ``__kwdefaults__``, ``__qualname__`` with a dot,
``__name__``, ``__code__`` swapped); class creation hooks (``__mro_entries__`` returning a tuple,
an empty one or not a tuple, a metaclass ``__prepare__`` returning a pre-filled namespace or
None, an inconsistent MRO, an ``__init_subclass__`` registry). About half of the variants are
healthy. The real loader (oracle.py) decides every verdict; nothing here records an expectation.
"""

from __future__ import annotations

from collections.abc import Callable

from differential.fresh15 import _indent
from differential.fresh45 import BAD, GOOD, NEW, _hook, _worker
from differential.generate import Draw, Variant, _draws, _marker, _structure

Parts = tuple[list[str], str, dict[str, str]]
"""(extra import lines, module body, sibling files of a package: relative path -> text)"""
PluggyKind = Callable[[Draw, str, list[str]], Parts]
OtherKind = Callable[[Draw], Parts]

STAR = "from .impl import *  # noqa: F403\n"


def _all_value(how: str, names: list[str], obj: str) -> tuple[list[str], str, str]:
    """(extra imports, text before ``__all__``, the ``__all__`` statement) for one shape."""
    first = names[0]
    listed = ", ".join(repr(n) for n in names)
    if how == "all-string-missing-comma":
        return [], "", f'__all__ = ("{first}")\n'
    if how == "all-set":
        return [], "", f"__all__ = {{{listed}}}\n"
    if how == "all-dict":
        return [], "", f"__all__ = {{{', '.join(f'{n!r}: None' for n in names)}}}\n"
    if how == "all-none":
        return [], "", "__all__ = None\n"
    if how == "all-object":
        return [], "", f"__all__ = [{listed}, {obj}]\n"
    if how == "all-strenum-good":
        members = "\n".join(f"    M{i} = {n!r}" for i, n in enumerate(names))
        enum = f"class _Names(enum.StrEnum):\n{members}\n\n\n"
        return ["import enum"], enum, "__all__ = list(_Names)\n"
    if how == "all-str-subclass-good":
        sub = "class _Name(str):\n    pass\n\n\n"
        return [], sub, f"__all__ = [_Name(n) for n in ({listed},)]\n"
    if how == "all-tuple-good":
        return [], "", f"__all__ = ({listed},)\n"
    if how == "all-augmented-unbound":
        return [], "", f"__all__ += [{listed}]  # noqa: F821\n"
    if how == "all-omits-export":
        return [], "", f"__all__ = [{obj!r}]\n"
    return [], "", f"__all__ = [{listed}]\n"


# ---------------------------------------------------------------- pluggy


def _p_mangling(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "mangled-method-bound-good",
            "mangled-method-bound-bad-args",
            "mangled-global-in-method",
            "underscore-global-in-method-good",
            "getattr-unmangled-name",
            "mangled-self-call-good",
            "mangled-marker-alias-in-class-bad-args",
            "mangled-module-function-in-class-body",
        ]
    )
    if how.startswith("mangled-method-bound"):
        args = BAD if how.endswith("bad-args") else GOOD
        impl = _hook(m, f"self, {args}", name="__render")
        return [], f"class _Impl:\n{_indent(impl)}\n\n\ndh_render = _Impl()._Impl__render\n", {}
    if how.endswith("global-in-method") or how.endswith("global-in-method-good"):
        name = "_PREFIX" if how.startswith("underscore") else "__PREFIX"
        impl = _hook(m, f"self, {GOOD}", f"return {name} + str(page)")
        return (
            [],
            f'{name} = "> "\n\n\nclass _Impl:\n{_indent(impl)}\n\n\n'
            "dh_render = _Impl().dh_render\n",
            {},
        )
    if how in ("getattr-unmangled-name", "mangled-self-call-good"):
        call = 'getattr(self, "__fmt")(page)' if how.startswith("getattr") else "self.__fmt(page)"
        fmt = 'def __fmt(self, page):\n    return "> " + str(page)\n'
        impl = _hook(m, f"self, {GOOD}", f"return {call}")
        return (
            [],
            f"class _Impl:\n{_indent(fmt)}\n\n{_indent(impl)}\n\n\ndh_render = _Impl().dh_render\n",
            {},
        )
    if how.startswith("mangled-marker-alias"):
        impl = _hook("__mark", f"self, {BAD}")
        return (
            [],
            f"class _Impl:\n    __mark = {m}\n\n{_indent(impl)}\n\n\n"
            "dh_render = _Impl().dh_render\n",
            {},
        )
    render = _hook(m, GOOD, name="__render")
    body = f"{render}\n\nclass _Impl:\n    dh_render = staticmethod(__render)\n\n\n"
    return [], body + "dh_render = _Impl.dh_render\n", {}


def _p_contextvars(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "contextvar-default-good",
            "contextvar-no-default",
            "contextvar-set-at-import-good",
            "contextvar-set-in-copied-context",
            "contextvar-reset-twice-at-import",
            "contextvar-get-fallback-argument-good",
            "contextvar-wrapper-sets-and-resets-good",
            "contextvar-token-from-other-context",
        ]
    )
    default = ', default="> "' if how == "contextvar-default-good" else ""
    var = f'_PREFIX = contextvars.ContextVar("dh_prefix"{default})\n\n\n'
    get = '_PREFIX.get("> ")' if "fallback" in how else "_PREFIX.get()"
    hook = _hook(m, GOOD, f"return {get} + str(page)")
    pre = {
        "contextvar-set-at-import-good": '_PREFIX.set("> ")\n\n\n',
        "contextvar-set-in-copied-context": (
            'contextvars.copy_context().run(_PREFIX.set, "> ")\n\n\n'
        ),
        "contextvar-reset-twice-at-import": (
            '_token = _PREFIX.set("> ")\n_PREFIX.reset(_token)\n_PREFIX.reset(_token)\n\n\n'
        ),
        "contextvar-token-from-other-context": (
            '_token = contextvars.copy_context().run(_PREFIX.set, "> ")\n'
            "_PREFIX.reset(_token)\n\n\n"
        ),
    }.get(how, "")
    if how == "contextvar-wrapper-sets-and-resets-good":
        wrap = _hook(
            m,
            GOOD,
            'token = _PREFIX.set("> ")\ntry:\n    return (yield)\n'
            "finally:\n    _PREFIX.reset(token)",
            options="(wrapper=True)",
        )
        return ["import contextvars"], var + wrap, {}
    return ["import contextvars"], var + pre + hook, {}


def _p_protocol_defaults(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "protocol-marked-default-inherited-good",
            "protocol-instantiated",
            "protocol-default-raises",
            "protocol-override-unmarked-bad-args",
            "protocol-override-marked-bad-args",
            "runtime-checkable-gate-good",
            "protocol-isinstance-not-runtime-checkable",
            "protocol-ellipsis-default-good",
        ]
    )
    body = {
        "protocol-default-raises": 'raise NotImplementedError("dh_render")',
        "protocol-ellipsis-default-good": "...",
    }.get(how, "return str(page)")
    deco = "@runtime_checkable\n" if how == "runtime-checkable-gate-good" else ""
    proto = f"{deco}class _Renderer(Protocol):\n{_indent(_hook(m, f'self, {GOOD}', body))}\n\n\n"
    override = "pass"
    if how.startswith("protocol-override"):
        marker = m if how.endswith("marked-bad-args") and "unmarked" not in how else None
        override = _hook(marker, f"self, {BAD}")
    impl = f"class _Impl(_Renderer):\n{_indent(override)}\n\n\n"
    bind = "dh_render = _Impl().dh_render\n"
    if how == "protocol-instantiated":
        bind = "dh_render = _Renderer().dh_render\n"
    elif how in ("runtime-checkable-gate-good", "protocol-isinstance-not-runtime-checkable"):
        bind = (
            "_impl = _Impl()\nif isinstance(_impl, _Renderer):\n    dh_render = _impl.dh_render\n"
        )
    typing = (
        "from typing import Protocol, runtime_checkable" if deco else "from typing import Protocol"
    )
    return [typing], proto + impl + bind, {}


def _p_all_shapes(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "all-list-good",
            "all-string-missing-comma",
            "all-set",
            "all-object",
            "all-strenum-good",
            "all-tuple-good",
            "all-str-subclass-good",
            "all-dict",
        ]
    )
    extra, pre, listed = _all_value(how, ["dh_render"], "dh_render")
    head = "\n".join([*extra, *imports]) + "\n\n\n"
    impl = f"{head}{pre}{_hook(m)}\n\n{listed}"
    return [], STAR, {"impl.py": impl}


def _p_argument_mutation(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "items-append-good",
            "session-attribute-set",
            "page-append",
            "context-update-good",
            "context-missing-key-increment",
            "historic-config-setdefault-good",
            "firstresult-returns-false-good",
            "request-item-assigned",
        ]
    )
    hooks = {
        "items-append-good": ("dh_collect", "session, items", 'items.append("pk")\nreturn None'),
        "session-attribute-set": ("dh_collect", "session, items", "session.seen = True"),
        "page-append": ("dh_render", GOOD, 'page.append("!")\nreturn page'),
        "context-update-good": ("dh_render", GOOD, "context.update(rendered=True)\nreturn page"),
        "context-missing-key-increment": (
            "dh_render",
            GOOD,
            'context["count"] += 1\nreturn str(page)',
        ),
        "historic-config-setdefault-good": (
            "dh_configure",
            "config",
            'config.setdefault("theme", "plain")',
        ),
        "firstresult-returns-false-good": ("dh_handle", "request, context", "return False"),
        "request-item-assigned": (
            "dh_handle",
            "request, context",
            'request[0] = "P"\nreturn request',
        ),
    }
    name, args, body = hooks[how]
    return [], _hook(m, args, body, name=name), {}


def _p_function_attrs(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "defaults-set-after-good",
            "defaults-cleared",
            "qualname-dotted-self",
            "self-parameter-plain",
            "name-attribute-renamed-good",
            "kwdefaults-set-after-good",
            "kwonly-without-default",
            "defaults-for-every-parameter-good",
        ]
    )
    three = f"{GOOD}, bogus"
    spec: dict[str, tuple[str, str]] = {
        "defaults-set-after-good": (three, "dh_render.__defaults__ = (None,)"),
        "defaults-cleared": (f"{GOOD}, bogus=None", "dh_render.__defaults__ = None"),
        "qualname-dotted-self": (f"self, {GOOD}", 'dh_render.__qualname__ = "_Renderer.dh_render"'),
        "self-parameter-plain": (f"self, {GOOD}", ""),
        "name-attribute-renamed-good": (GOOD, 'dh_render.__name__ = "render"'),
        "kwdefaults-set-after-good": (
            "page, *, context",
            'dh_render.__kwdefaults__ = {"context": None}',
        ),
        "kwonly-without-default": ("page, *, context", ""),
        "defaults-for-every-parameter-good": (three, "dh_render.__defaults__ = (None, None, None)"),
    }
    args, after = spec[how]
    body = _hook(m, args)
    return [], f"{body}\n\n{after}\n" if after else body, {}


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "p-name-mangling": _p_mangling,
    "p-contextvars": _p_contextvars,
    "p-protocol-defaults": _p_protocol_defaults,
    "p-all-shapes": _p_all_shapes,
    "p-argument-mutation": _p_argument_mutation,
    "p-function-attributes": _p_function_attrs,
}


def pluggy_variants(seed: int = 57, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 5701, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m, imports)
        variants.append(
            _variant(
                f"pk{i:03d}",
                "pluggy",
                kind,
                f"marker={style}",
                extra + imports,
                body,
                siblings,
                rng,
            )
        )
    return variants


# ---------------------------------------------------------------- factory


def _f_mangling(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "mangled-private-method-good",
            "mangled-global-in-run",
            "getattr-unmangled-name",
            "mangled-attribute-from-base",
            "mangled-attribute-same-class-good",
            "mangled-lifecycle-name",
            "mangled-staticmethod-factory-good",
            "trailing-dunder-alias-good",
        ]
    )
    measure = "def __measure(self):\n    return len(self.greeting)"
    if how == "mangled-private-method-good":
        return [], f"{_worker(head=measure, run='self.count = self.__measure()')}\n\n{NEW}", {}
    if how == "getattr-unmangled-name":
        run = 'self.count = getattr(self, "__measure")()'
        return [], f"{_worker(head=measure, run=run)}\n\n{NEW}", {}
    if how == "mangled-global-in-run":
        run = "self.count = min(len(self.greeting), __LIMIT)"
        return [], f"__LIMIT = 3\n\n\n{_worker(run=run)}\n\n{NEW}", {}
    if how.startswith("mangled-attribute"):
        init = "def __init__(self):\n    self.greeting = ''\n    self.__state = {}"
        run = "self.count = len(self.__state)"
        if how.endswith("same-class-good"):
            return [], f"{_worker(omit=('__init__',), head=init, run=run)}\n\n{NEW}", {}
        base = "class _Base:\n    def __init__(self):\n        self.__state = {}\n\n\n"
        init = "def __init__(self):\n    super().__init__()\n    self.greeting = ''"
        w = _worker(bases="_Base", omit=("__init__",), head=init, run=run)
        return [], f"{base}{w}\n\n{NEW}", {}
    if how == "mangled-lifecycle-name":
        head = "def __run(self):\n    self.count = len(self.greeting)"
        return [], f"{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    if how == "mangled-staticmethod-factory-good":
        head = "@staticmethod\ndef __make():\n    return Worker()"
        return [], f"{_worker(head=head)}\n\ndef new():\n    return Worker._Worker__make()\n", {}
    head = "def __run__(self):\n    self.count = len(self.greeting)\n\nrun = __run__"
    return [], f"{_worker(omit=('run',), head=head)}\n\n{NEW}", {}


def _f_contextvars(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "contextvar-default-good",
            "contextvar-no-default-in-run",
            "contextvar-set-in-init-good",
            "contextvar-set-in-copied-context",
            "contextvar-reset-twice-in-shutdown",
            "contextvar-set-in-new-good",
            "contextvar-token-from-other-context",
            "contextvar-copy-context-run-good",
        ]
    )
    default = (
        ', default=""'
        if how in ("contextvar-default-good", "contextvar-reset-twice-in-shutdown")
        else ""
    )
    var = f'_GREETING = contextvars.ContextVar("fk_greeting"{default})\n\n\n'
    run = "self.count = len(_GREETING.get())"
    omit: tuple[str, ...] = ()
    head = ""
    new = NEW
    setter = "str(config.get('greeting', ''))"
    if how == "contextvar-set-in-init-good":
        head = f"def init(self, config):\n    self.token = _GREETING.set({setter})"
        omit = ("init",)
    elif how == "contextvar-set-in-copied-context":
        head = (
            f"def init(self, config):\n    contextvars.copy_context().run(_GREETING.set, {setter})"
        )
        omit = ("init",)
    elif how == "contextvar-reset-twice-in-shutdown":
        head = (
            f"def init(self, config):\n    self.token = _GREETING.set({setter})\n\n"
            "def shutdown(self, timeout):\n    _GREETING.reset(self.token)\n"
            "    _GREETING.reset(self.token)"
        )
        omit = ("init", "shutdown")
    elif how == "contextvar-set-in-new-good":
        new = "def new():\n    _GREETING.set('hi')\n    return Worker()\n"
    elif how == "contextvar-token-from-other-context":
        head = (
            "def init(self, config):\n"
            f"    self.token = contextvars.copy_context().run(_GREETING.set, {setter})\n\n"
            "def shutdown(self, timeout):\n    _GREETING.reset(self.token)"
        )
        omit = ("init", "shutdown")
        run = "self.count = 0"
    elif how == "contextvar-copy-context-run-good":
        run = "self.count = contextvars.copy_context().run(len, self.greeting)"
    return ["import contextvars"], f"{var}{_worker(omit=omit, head=head, run=run)}\n\n{new}", {}


def _f_protocol_defaults(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "own-protocol-default-shutdown-good",
            "own-protocol-default-raises",
            "own-protocol-instantiated",
            "own-protocol-abstract-member-left",
            "own-protocol-property-default-good",
            "own-protocol-init-inherited",
            "own-protocol-structural-only",
            "own-protocol-ellipsis-run-good",
        ]
    )
    typing = ["from typing import Protocol"]
    member = {
        "own-protocol-default-raises": (
            "def shutdown(self, timeout):\n    raise NotImplementedError"
        ),
        "own-protocol-abstract-member-left": "@abc.abstractmethod\ndef report(self):\n    ...",
        "own-protocol-property-default-good": "@property\ndef label(self):\n    return 'worker'",
        "own-protocol-init-inherited": (
            "def __init__(self):\n    self.greeting = 'from the protocol'"
        ),
        "own-protocol-ellipsis-run-good": "def run(self):\n    ...",
    }.get(how, "def shutdown(self, timeout):\n    self.greeting = ''")
    proto = f"class _Lifecycle(Protocol):\n{_indent(member)}\n\n\n"
    omit = {
        "own-protocol-init-inherited": ("__init__",),
        "own-protocol-ellipsis-run-good": ("run",),
        "own-protocol-property-default-good": (),
        "own-protocol-abstract-member-left": (),
    }.get(how, ("shutdown",))
    run = "self.count = len(self.label)" if "property" in how else "self.count = len(self.greeting)"
    bases = "" if how == "own-protocol-structural-only" else "_Lifecycle"
    new = "def new():\n    return _Lifecycle()\n" if how == "own-protocol-instantiated" else NEW
    extra = ["import abc"] if "abstract" in how else []
    return [*typing, *extra], f"{proto}{_worker(bases=bases, omit=omit, run=run)}\n\n{new}", {}


def _f_function_attrs(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "init-defaults-set-after-good",
            "shutdown-defaults-cleared",
            "run-kwdefaults-set-after-good",
            "run-kwonly-without-default",
            "new-defaults-set-after-good",
            "new-parameter-without-default",
            "run-name-renamed-good",
            "init-code-swapped",
        ]
    )
    if how == "init-defaults-set-after-good":
        w = _worker(init_params="self, config, strict")
        return [], f"{w}\n\nWorker.init.__defaults__ = (False,)\n\n\n{NEW}", {}
    if how == "shutdown-defaults-cleared":
        head = "def shutdown(self, timeout, force=False):\n    self.greeting = ''"
        w = _worker(omit=("shutdown",), head=head)
        return [], f"{w}\n\nWorker.shutdown.__defaults__ = None\n\n\n{NEW}", {}
    if how.startswith("run-kw"):
        head = "def run(self, *, verbose):\n    self.count = len(self.greeting)"
        w = _worker(omit=("run",), head=head)
        after = (
            '\nWorker.run.__kwdefaults__ = {"verbose": False}\n\n' if how.endswith("good") else ""
        )
        return [], f"{w}\n{after}\n{NEW}", {}
    if how.startswith("new-"):
        new = (
            "def new(greeting):\n    worker = Worker()\n    worker.greeting = greeting\n"
            "    return worker\n"
        )
        after = '\n\nnew.__defaults__ = ("hi",)\n' if how.endswith("good") else ""
        return [], f"{_worker()}\n\n{new}{after}", {}
    if how == "run-name-renamed-good":
        return [], f'{_worker()}\n\nWorker.run.__name__ = "execute"\n\n\n{NEW}', {}
    helper = "def _configure(self, config, extra):\n    self.greeting = str(extra)\n\n\n"
    return [], f"{helper}{_worker()}\n\nWorker.init.__code__ = _configure.__code__\n\n\n{NEW}", {}


def _f_all_shapes(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "all-list-good",
            "all-string-missing-comma",
            "all-set",
            "all-object",
            "all-strenum-good",
            "all-omits-export",
            "all-augmented-unbound",
            "all-tuple-good",
        ]
    )
    extra, pre, listed = _all_value(how, ["new", "Worker"], "Worker")
    head = "\n".join(extra) + "\n\n\n" if extra else ""
    return [], STAR, {"impl.py": f"{head}{pre}{_worker()}\n\n{NEW}\n\n{listed}"}


def _f_class_creation(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "mro-entries-good",
            "mro-entries-not-a-tuple",
            "prepare-dict-good",
            "prepare-prefilled-run-raises",
            "prepare-returns-none",
            "mro-inconsistent",
            "mro-entries-empty-tuple-good",
            "init-subclass-registry-good",
        ]
    )
    if how.startswith("mro-entries"):
        result = {"mro-entries-good": "(_Base,)", "mro-entries-not-a-tuple": "_Base"}.get(how, "()")
        pre = (
            "class _Base:\n    def describe(self):\n        return 'worker'\n\n\n"
            f"class _Spec:\n    def __mro_entries__(self, bases):\n        return {result}\n\n\n"
        )
        return [], f"{pre}{_worker(bases='_Spec()')}\n\n{NEW}", {}
    if how.startswith("prepare"):
        namespace = {
            "prepare-dict-good": "{'kind': 'worker'}",
            "prepare-prefilled-run-raises": "{'run': _not_ready}",
            "prepare-returns-none": "None",
        }[how]
        pre = (
            "def _not_ready(self):\n    raise RuntimeError('not ready')\n\n\n"
            "class _Meta(type):\n    @classmethod\n"
            f"    def __prepare__(mcls, name, bases, **kwargs):\n        return {namespace}\n\n\n"
        )
        omit = ("run",) if how.endswith("run-raises") else ()
        return [], f"{pre}{_worker(bases='metaclass=_Meta', omit=omit)}\n\n{NEW}", {}
    if how == "mro-inconsistent":
        pre = "class _A:\n    pass\n\n\nclass _B(_A):\n    pass\n\n\n"
        return [], f"{pre}{_worker(bases='_A, _B')}\n\n{NEW}", {}
    pre = (
        "_REGISTRY = {}\n\n\nclass _Registered:\n    def __init_subclass__(cls, **kwargs):\n"
        "        super().__init_subclass__(**kwargs)\n"
        "        _REGISTRY[cls.__name__.lower()] = cls\n\n\n"
    )
    new = "def new():\n    return _REGISTRY['worker']()\n"
    return [], f"{pre}{_worker(bases='_Registered')}\n\n{new}", {}


FACTORY_KINDS: dict[str, OtherKind] = {
    "f-name-mangling": _f_mangling,
    "f-contextvars": _f_contextvars,
    "f-protocol-defaults": _f_protocol_defaults,
    "f-function-attributes": _f_function_attrs,
    "f-all-shapes": _f_all_shapes,
    "f-class-creation": _f_class_creation,
}


def factory_variants(seed: int = 57, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 5702, count):
        extra, body, siblings = FACTORY_KINDS[kind](rng)
        variants.append(
            _variant(f"fk{i:03d}", "factory", kind, "api=fhost", extra, body, siblings, rng)
        )
    return variants


# ---------------------------------------------------------------- entry function

API = "from ehost import Checker"
ENTRY = "def plugin(registry, options):\n    return MyChecker\n"


def _checker(check: str = "return [text.upper()]", bases: str = "Checker", head: str = "") -> str:
    inner = "\n\n".join(p for p in (head.strip(), f"def check(self, text):\n{_indent(check)}") if p)
    return f"class MyChecker({bases}):\n{_indent(inner)}\n"


def _e_mangling(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "mangled-global-in-check",
            "underscore-global-in-check-good",
            "mangled-attribute-from-base",
            "mangled-attribute-same-class-good",
            "registry-mangled-attribute-good",
            "registry-getattr-unmangled",
            "mangled-function-in-class-body",
            "mangled-method-call-good",
        ]
    )
    if how.endswith("global-in-check") or how.endswith("global-in-check-good"):
        name = "_SUFFIX" if how.startswith("underscore") else "__SUFFIX"
        return (
            [API],
            f'{name} = "!"\n\n\n{_checker(f"return [text.upper() + {name}]")}\n\n{ENTRY}',
            {},
        )
    if how.startswith("mangled-attribute"):
        init = (
            "def __init__(self, options):\n    super().__init__(options)\n"
            "    self.__level = options['level']"
        )
        check = "return [text.upper()] * int(self.__level)"
        if how.endswith("same-class-good"):
            return [API], f"{_checker(check, head=init)}\n\n{ENTRY}", {}
        base = f"class _Base(Checker):\n{_indent(init)}\n\n\n"
        return [API], f"{base}{_checker(check, bases='_Base')}\n\n{ENTRY}", {}
    if how.startswith("registry"):
        get = (
            "_Registry._Registry__checker"
            if how.endswith("good")
            else 'getattr(_Registry, "__checker")'
        )
        reg = "class _Registry:\n    __checker = MyChecker\n\n\n"
        entry = f"def plugin(registry, options):\n    return {get}\n"
        return [API], f"{_checker()}\n\n{reg}{entry}", {}
    if how == "mangled-function-in-class-body":
        upper = "def __upper(text):\n    return [text.upper()]\n\n\n"
        cls = "class MyChecker(Checker):\n    check = staticmethod(__upper)\n"
        return [API], f"{upper}{cls}\n\n{ENTRY}", {}
    head = "def __upper(self, text):\n    return [text.upper()]"
    return [API], f"{_checker('return self.__upper(text)', head=head)}\n\n{ENTRY}", {}


def _e_contextvars(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "contextvar-set-in-plugin-good",
            "contextvar-never-set",
            "contextvar-default-good",
            "contextvar-set-in-copied-context",
            "contextvar-reset-in-plugin-then-read",
            "contextvar-get-fallback-argument-good",
            "contextvar-reset-twice-in-plugin",
            "contextvar-set-at-import-good",
        ]
    )
    default = ', default="1"' if how == "contextvar-default-good" else ""
    var = f'_LEVEL = contextvars.ContextVar("ek_level"{default})\n\n\n'
    get = '_LEVEL.get("1")' if "fallback" in how else "_LEVEL.get()"
    checker = _checker(f"return [text.upper()] * int({get})")
    body = {
        "contextvar-set-in-plugin-good": "_LEVEL.set(options['level'])\nreturn MyChecker",
        "contextvar-set-in-copied-context": (
            "contextvars.copy_context().run(_LEVEL.set, options['level'])\nreturn MyChecker"
        ),
        "contextvar-reset-in-plugin-then-read": (
            "token = _LEVEL.set(options['level'])\n_LEVEL.reset(token)\nreturn MyChecker"
        ),
        "contextvar-reset-twice-in-plugin": (
            "token = _LEVEL.set(options['level'])\n_LEVEL.reset(token)\n_LEVEL.reset(token)\n"
            "return MyChecker"
        ),
    }.get(how, "return MyChecker")
    pre = '_LEVEL.set("1")\n\n\n' if how == "contextvar-set-at-import-good" else ""
    entry = f"def plugin(registry, options):\n{_indent(body)}\n"
    return [API, "import contextvars"], f"{var}{pre}{checker}\n\n{entry}", {}


def _e_all_shapes(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "all-list-good",
            "all-string-missing-comma",
            "all-set",
            "all-object",
            "all-strenum-good",
            "all-omits-export",
            "all-str-subclass-good",
            "all-none",
        ]
    )
    extra, pre, listed = _all_value(how, ["plugin", "MyChecker"], "MyChecker")
    head = "\n".join([API, *extra]) + "\n\n\n"
    return [], STAR, {"impl.py": f"{head}{pre}{_checker()}\n\n{ENTRY}\n\n{listed}"}


def _e_function_attrs(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "plugin-defaults-set-after-good",
            "plugin-parameter-without-default",
            "init-kwdefaults-set-after-good",
            "check-defaults-cleared",
            "mro-entries-checker-good",
            "mro-entries-not-a-tuple",
            "prepare-prefilled-check-raises",
            "check-name-renamed-good",
        ]
    )
    if how.startswith("plugin-"):
        entry = "def plugin(registry, options, strict):\n    return MyChecker\n"
        after = "\n\nplugin.__defaults__ = (False,)\n" if how.endswith("good") else ""
        return [API], f"{_checker()}\n\n{entry}{after}", {}
    if how == "init-kwdefaults-set-after-good":
        init = (
            "def __init__(self, options, *, strict):\n    super().__init__(options)\n"
            "    self.strict = strict"
        )
        after = '\nMyChecker.__init__.__kwdefaults__ = {"strict": False}\n'
        return [API], f"{_checker(head=init)}{after}\n\n{ENTRY}", {}
    if how == "check-defaults-cleared":
        cls = _checker().replace("def check(self, text)", "def check(self, text, limit=10)")
        return [API], f"{cls}\n\nMyChecker.check.__defaults__ = None\n\n\n{ENTRY}", {}
    if how == "check-name-renamed-good":
        return [API], f'{_checker()}\n\nMyChecker.check.__name__ = "lint"\n\n\n{ENTRY}', {}
    if how.startswith("mro-entries"):
        result = "(Checker,)" if how.endswith("good") else "Checker"
        spec = f"class _Spec:\n    def __mro_entries__(self, bases):\n        return {result}\n\n\n"
        return [API], f"{spec}{_checker(bases='_Spec()')}\n\n{ENTRY}", {}
    pre = (
        "def _not_ready(self, text):\n    raise RuntimeError('not ready')\n\n\n"
        "class _Meta(abc.ABCMeta):\n    @classmethod\n"
        "    def __prepare__(mcls, name, bases, **kwargs):\n"
        "        return {'check': _not_ready}\n\n\n"
    )
    cls = "class MyChecker(Checker, metaclass=_Meta):\n    pass\n"
    return [API, "import abc"], f"{pre}{cls}\n\n{ENTRY}", {}


ENTRY_KINDS: dict[str, OtherKind] = {
    "e-name-mangling": _e_mangling,
    "e-contextvars": _e_contextvars,
    "e-all-shapes": _e_all_shapes,
    "e-function-attributes": _e_function_attrs,
}


def entry_variants(seed: int = 57, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(ENTRY_KINDS, seed + 5703, count):
        extra, body, siblings = ENTRY_KINDS[kind](rng)
        variants.append(
            _variant(f"ek{i:03d}", "entry", kind, "api=ehost", extra, body, siblings, rng)
        )
    return variants


def _variant(
    name: str,
    contract: str,
    kind: str,
    trait: str,
    extra: list[str],
    body: str,
    siblings: dict[str, str],
    rng: Draw,
) -> Variant:
    header = "\n".join([f'"""Fresh57 {contract} plugin: {kind}."""', "", *dict.fromkeys(extra)])
    if siblings:
        files = {f"{name}/{rel}": text for rel, text in siblings.items()}
        files[f"{name}/__init__.py"] = f"{header}\n\n\n{body.strip()}\n"
        return Variant(name, contract, kind, (trait, "package"), files)
    structure, files = _structure(rng, name, header, body)
    return Variant(name, contract, kind, (trait, structure), files)
