"""What a name holds after a plugin module is imported, as far as source tells: a routine
(marked or not), a marker preset, a class, an instance, a module, something imported from
outside the plugin, or another value; and the target interpreter that decides branches."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from plugcheck.environment import Environment
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.resolve import Function


@dataclass(frozen=True, slots=True, eq=False)
class Mark:
    """A ``HookimplMarker`` of the contract's project applied to a function, with its options."""

    options: dict[str, ast.expr]


@dataclass(frozen=True, slots=True, eq=False)
class Routine:
    """A function object bound to a name, as far as source tells."""

    node: Function | ast.Lambda
    module: ModuleInfo
    mark: Mark | None = None
    kind: str = "function"
    """``function``, ``staticmethod`` or ``classmethod``."""
    in_class: bool = False
    """Defined in a class body (its ``__qualname__`` is dotted)."""
    wrapped_by: str | None = None
    """A decorator that put a wrapper function in its place (``contextmanager``, a helper using
    ``functools.wraps``): pluggy reads the arguments through ``__wrapped__`` but calls, and tests
    for a generator, the wrapper."""
    wrapper_generator: bool = False
    opaque: bool = False
    """An unknown decorator: what pluggy finds under the name is not known."""
    bound: bool = False
    """Reached through an instance (``Impl().method``): a bound method."""
    owner: str | None = None
    """The class whose body defines it."""
    forwards_to: Routine | None = None
    """A decorator's wrapper without ``functools.wraps`` that calls this function with the
    ``*args``/``**kwargs`` it was given: pluggy reads the wrapper's parameters (none) and so
    passes it nothing."""
    calls: Routine | None = None
    """The inner function a decorator put in place while keeping this one as ``__wrapped__``
    (``functools.wraps``, or set by hand): pluggy reads this one's parameters but calls that."""
    drives: bool = False
    """A decorator's wrapper that hands every result of the function it wraps to another call
    (``asyncio.run(fn(*args))``): the coroutine of an ``async def`` under it is run, not
    returned."""
    mark_on_wrapper: bool = False
    """The marker was applied above ``@staticmethod``/``@classmethod`` (or a class's
    ``@functools.singledispatchmethod``): its attribute is on the wrapper, which pluggy sees in
    a class, not on what attribute access returns."""


@dataclass(frozen=True, slots=True, eq=False)
class Preset:
    """A marker called with options only (``first = hookimpl(tryfirst=True)``): a decorator
    applying that mark (``None`` for another project's marker)."""

    mark: Mark | None


@dataclass(frozen=True, slots=True, eq=False)
class ClassValue:
    node: ast.ClassDef
    module: ModuleInfo
    mark: Mark | None = None
    """A marker of the contract's project among the class's decorators (``@hookimpl class``)."""


@dataclass(frozen=True, slots=True, eq=False)
class Instance:
    cls: ClassValue


@dataclass(frozen=True, slots=True, eq=False)
class ModuleRef:
    name: str
    info: ModuleInfo | None = None
    """The module's source when it is one of the plugin's own files."""

    def module_name(self) -> str | None:
        """The module, when it is not one of the plugin's own (those are read as bindings)."""
        return self.name if self.info is None else None


@dataclass(frozen=True, slots=True, eq=False)
class Foreign:
    """Imported from outside the plugin's files."""

    module: str
    name: str

    def module_name(self) -> str | None:
        """The absolute module it comes from (``None`` for a relative import)."""
        return None if self.module.startswith(".") or not self.module else self.module


@dataclass(frozen=True, slots=True, eq=False)
class NotFunction:
    """A callable that is not a Python function: a builtin (``len``), a C wrapper
    (``functools.lru_cache``). ``inspect.isroutine`` is true of it, ``inspect.isfunction`` is
    not; ``inner`` is the function it wraps (``__wrapped__``), marked or not."""

    what: str
    inner: Routine | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Skipped:
    """A callable no pluggy treats as a hookimpl (``inspect.isroutine`` is false of it, and it
    is no function, static/classmethod or bound method): a ``functools.partial`` or
    ``partialmethod`` object, an instance, a class. A marker applied to it sets its attribute
    all the same; ``register`` passes over the name."""

    what: str
    mark: Mark | None = None
    routine_to_old: bool = False
    """``inspect.isroutine`` may be true of it (a ``partialmethod``, a descriptor): pluggy up
    to 1.6, which calls ``getattr`` and tests that, registers it."""
    where: tuple[Path, int, int] | None = None
    """Where the marker is applied to it."""


@dataclass(frozen=True, slots=True, eq=False)
class Value:
    """Anything else; ``expr`` when it is an expression worth reading (a constant)."""

    expr: ast.expr | None = None
    attributes: tuple[tuple[str, Binding], ...] = ()
    """What its attributes hold, when source tells (``types.SimpleNamespace(render=f)``)."""
    items: tuple[tuple[str, Binding], ...] = ()
    """What its string keys hold, when source tells (a dict ``exec(code, table)`` filled)."""


Binding = (
    Routine | Preset | ClassValue | Instance | ModuleRef | Foreign | NotFunction | Skipped | Value
)
UNKNOWN = Value()


@dataclass(frozen=True, slots=True)
class Target:
    """The interpreter the host runs in: decides ``sys.version_info``, ``sys.platform``,
    ``os.name``, ``sys.implementation.name`` and ``sys.maxsize`` tests, and reads of the
    environment variables it does not pass to plugins."""

    version: tuple[int, int, int] | None = None
    platform: str | None = None
    os_name: str | None = None
    implementation: str | None = None
    maxsize: int | None = None
    passed: frozenset[str] | None = None
    """The environment variables the host passes the plugin (``Environment.plugin_env``): any
    other is unset where it runs. ``None``: unknown, every environment test undecided."""


_TARGETS: dict[int, tuple[Environment, Target]] = {}
"""``id(env)`` -> the environment (kept, so its id is not reused while listed) and its target:
asked for each module and function a check decides branches in, once per run is enough."""


def target_of(env: Environment) -> Target:
    """The target interpreter ``env`` describes, as the branch decider sees it."""
    known = _TARGETS.get(id(env))
    if known is not None and known[0] is env:
        return known[1]
    if len(_TARGETS) >= 64:  # a long-lived process (pytest, the Python API) meets many
        _TARGETS.clear()
    target = _target(env)
    _TARGETS[id(env)] = (env, target)
    return target


def _target(env: Environment) -> Target:
    markers = env.markers
    return Target(
        env.version,
        markers.get("sys_platform"),
        markers.get("os_name"),
        markers.get("implementation_name"),
        env.maxsize,
        env.plugin_env,
    )


ANY_TARGET = Target()
"""No interpreter known: version and platform tests are left undecided."""
