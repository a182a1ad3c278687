"""The host's pluggy ``PluginManager`` as the setup-function worker registers plugins into it.

pytest-style managers pick hooks by a name prefix as well as by marker; ``where`` finds a
plugin's implementation of a hook for the finding's place, ``unknown`` a hook the plugin
implements with no spec (as ``check_pending`` finds it), ``unregistered`` the marked functions
``register`` passed over. Loaded by path by
``_ecosystem_worker/``: standard library only (pluggy is passed in), no relative imports.
"""

from __future__ import annotations

import functools
import inspect
import types

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any


def manager_class(pluggy: Any, prefix: str | None) -> Any:
    """A PluginManager that, given a prefix, picks hooks the way pytest's manager does."""

    class Manager(pluggy.PluginManager):  # type: ignore[misc]  # pluggy: Any here
        record: list[Any] | None = None
        """When set, every namespace passed to ``add_hookspecs`` is appended to it."""

        def add_hookspecs(self, namespace: Any) -> None:
            if self.record is not None:
                self.record.append(namespace)
            super().add_hookspecs(namespace)

        def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
            if prefix and not name.startswith(prefix):
                return None
            opts = super().parse_hookimpl_opts(plugin, name)
            if opts is not None or not prefix:
                return opts
            method = getattr(plugin, name)  # as pytest does: an AttributeError propagates
            if not inspect.isroutine(method):
                return None
            return {
                "wrapper": False,
                "hookwrapper": False,
                "optionalhook": False,
                "tryfirst": False,
                "trylast": False,
                "specname": None,
            }

        def parse_hookspec_opts(self, namespace: Any, name: str) -> Any:
            opts = super().parse_hookspec_opts(namespace, name)
            if opts is not None or not prefix or not name.startswith(prefix):
                return opts
            if not inspect.isroutine(getattr(namespace, name, None)):
                return None
            return {
                "firstresult": False,
                "historic": False,
                "warn_on_impl": None,
                "warn_on_impl_args": None,
            }

    return Manager


def where(manager: Any, plugin: Any, hook: str | None) -> tuple[str | None, int | None]:
    """File and first line of the plugin's implementation of ``hook``."""
    if hook is None:
        return None, None
    for attr in dir(plugin):
        try:
            opts = manager.parse_hookimpl_opts(plugin, attr)
        except Exception:
            continue
        if opts is None or (opts.get("specname") or attr) != hook:
            continue
        code = getattr(inspect.unwrap(getattr(plugin, attr)), "__code__", None)
        if code is not None:
            return code.co_filename, code.co_firstlineno
    return None, None


def unknown(manager: Any, plugin: Any, optional: set[str]) -> str | None:
    for name in sorted(vars(manager.hook)):
        if name.startswith("_"):
            continue
        caller = getattr(manager.hook, name)
        if caller.has_spec() or name in optional:
            continue
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin and not impl.optionalhook:
                # str(): a hook named by a StrEnum member reads as its string
                return f"unknown hook {str(name)!r} in plugin {plugin!r}"
    return None


def unregistered(manager: Any, plugin: Any, own: Any) -> list[tuple[str, str, Any, str]]:
    """The values in the plugin's own namespace (a module's globals, a class's and its bases'
    attributes, an instance's) that carry the manager's hookimpl marker, are defined in a file
    ``own(path)`` accepts, and that ``register`` did not take: (name, hook, value, why). pluggy
    looks only at what ``dir(plugin)`` lists, and takes only what its ``parse_hookimpl_opts``
    accepts (a function, a static or class method, a bound method; never a ``functools.partial``
    or a callable instance): the marker stays, the hook never runs. Read with
    ``getattr_static`` and the C types' own slots: no plugin code runs here but the plugin's
    ``__dir__`` (pluggy's ``register`` runs it too). Before, a marked object whose
    ``__getattr__`` raised ended the plugin's check here, before its hooks were called: a hook
    that fails on every call was PC416 "gave no answer", not PC519 (red team red45)."""
    marker = str(manager.project_name) + "_impl"
    taken = set()
    for caller in manager.get_hookcallers(plugin) or ():
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin:  # a method: its function, as the class holds it
                taken.add(id(impl.function))
                taken.add(id(getattr(impl.function, "__func__", impl.function)))
    spaces: list[Mapping[str, Any]] = []
    if inspect.ismodule(plugin):
        spaces.append(vars(plugin))
    else:
        klass = plugin if isinstance(plugin, type) else type(plugin)
        own_dict = inspect.getattr_static(plugin, "__dict__", None)
        if isinstance(own_dict, dict) and klass is not plugin:
            spaces.append(own_dict)
        spaces += [vars(k) for k in klass.__mro__ if k is not object]
    listed = set(dir(plugin))
    seen: set[str] = set()
    found = []
    for space in spaces:
        for name, value in list(space.items()):
            if name in seen:
                continue
            seen.add(name)
            try:
                one = _passed_over(name, value, marker, taken, listed, own)
            except Exception:  # a plugin's object that fails when looked at (its class's own
                continue  # descriptors): pluggy's register() took it as it is
            if one is not None:
                found.append(one)
    return found


def _passed_over(
    name: str, value: Any, marker: str, taken: set[int], listed: set[str], own: Any
) -> tuple[str, str, Any, str] | None:
    """``value`` (bound to ``name`` in the plugin's namespace) as :func:`unregistered` reports
    it, if it carries the marker and ``register`` passed over it."""
    static = inspect.getattr_static
    wrapper = issubclass(type(value), (staticmethod, classmethod))
    function = value.__func__ if wrapper else value
    opts = static(function, marker, None)
    if not issubclass(type(opts), dict) or id(function) in taken or id(value) in taken:
        return None
    called = static(function, "func", function)  # a functools.partialmethod's function
    if isinstance(function, functools.partial):
        called = functools.partial.func.__get__(function)  # the C slot, never a subclass's
    for _ in range(100):  # functools.wraps' chain, as inspect.unwrap follows it
        wrapped = static(called, "__wrapped__", None)
        if wrapped is None or wrapped is called:
            break
        called = wrapped
    if type(called) is types.MethodType:
        called = called.__func__
    if type(called) is not types.FunctionType and callable(called):
        called = static(type(called), "__call__", None)  # a callable instance: its class's
    if type(called) is not types.FunctionType or not own(called.__code__.co_filename):
        return None
    kind = type(function)
    if name not in listed:
        why = "dir() of the plugin does not list it (the module's __dir__)"
    elif type(function) is not types.FunctionType:
        why = (
            f"its type is {kind.__module__}.{kind.__qualname__}, not a function, and "
            "pluggy binds only functions and methods"
        )
    else:
        why = "the host's PluginManager skips it (its parse_hookimpl_opts)"
    specname = dict.get(opts, "specname")
    return (name, specname if type(specname) is str and specname else name, function, why)
