"""The ``subclass`` mode (``issubclass`` against the host's class object) and the ``classes``
mode (the plugin classes a module defines, found and instantiated as beets does)."""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from typing import Any

from . import host_calls, shared
from .protocol import ClassesWork, SetupCall, SubclassWork
from .shared import origin


def subclass(request: SubclassWork) -> None:
    base = shared.load(request["base"])
    base_file = getattr(sys.modules.get(base.__module__), "__file__", None)
    refs = {plugin["name"]: plugin["ref"] for plugin in request["plugins"]}
    for name, obj in shared.loaded(request).items():
        if isinstance(obj, type) and issubclass(obj, base):
            shared.ok(name)
            continue
        where = shared.class_where(obj)
        if not isinstance(obj, type):
            # Named by the export it is about (None or an instance tells no place): a static
            # finding about that export (PC210, a class decorator) explains it.
            export = refs.get(name, "").partition(":")[2] or None
            message = f"{origin(obj)} is a {type(obj).__name__}, not a class"
            shared.invalid(name, message, where, hook=export)
            continue
        twins = [c for c in obj.__mro__ if c.__name__ == base.__name__ and c is not base]
        if twins:
            message = (
                f"issubclass({obj.__qualname__}, {base.__qualname__}) is False: its MRO has "
                f"{origin(twins[0])}, a different class object from the host's {origin(base)}"
            )
            clones = sorted(
                m
                for m, mod in list(sys.modules.items())
                if base_file
                and getattr(mod, "__file__", None) == base_file
                and m != base.__module__
            )
            if clones:
                message += f"; the host module is loaded twice, also as {clones[0]!r}"
        else:
            mro = ", ".join(origin(c) for c in obj.__mro__[1:-1]) or "object only"
            message = f"issubclass({obj.__qualname__}, {base.__qualname__}) is False (bases: {mro})"
        shared.invalid(name, message, where)


def _defined(module: Any, here: bool = True) -> list[type]:
    """The classes the module binds that it or its submodules define, in binding order; with
    ``here`` false every class it binds (a host that tests no ``__module__``: a class made by
    ``type(...)`` over an ``abc.ABC`` base says ``abc``, an imported one its own module)."""
    own = module.__name__
    return [
        obj
        for obj in list(vars(module).values())
        if inspect.isclass(obj)
        and (
            not here
            or (
                isinstance(getattr(obj, "__module__", None), str)
                and (obj.__module__ == own or obj.__module__.startswith(own + "."))
            )
        )
    ]


def _concrete(classes: list[type], base: type) -> list[type]:
    return [
        c for c in classes if issubclass(c, base) and c is not base and not inspect.isabstract(c)
    ]


def _by_name(module: Any, classes: list[type], names: str) -> list[type]:
    """The public classes whose names fully match ``names`` (yt-dlp's ``*IE``): no leading
    underscore, and in the module's ``__all__`` when it has one."""
    public = getattr(module, "__all__", None)
    picked: list[type] = []
    for cls in classes:
        name = cls.__name__
        if not isinstance(name, str) or name.startswith("_") or not re.fullmatch(names, name):
            continue
        if (public is None or name in public) and cls not in picked:
            picked.append(cls)
    return picked


def classes(request: ClassesWork) -> None:
    """Find the plugin classes as the host does (beets: concrete subclasses of the base
    defined in the module or its submodules, in definition order; yt-dlp: public classes
    named ``*IE``) and instantiate those the host picks."""
    base = shared.load(request["base"]) if request["base"] else None
    names = request.get("names", "")
    makers = [shared.load(ref) for ref in request.get("stand_ins", [])]
    pick = request.get("pick", "every")
    here = request.get("defined_here", True)
    shared.bind(request)
    walked = request.get("submodules", {})
    for name, module in shared.loaded(request).items():
        defined = _defined(module, here)
        unread = False
        for sub in walked.get(name, []):
            imported = _submodule(name, module, sub)
            unread = unread or imported is None
            fresh = [c for c in _defined(imported, True) if c not in defined] if imported else []
            defined.extend(fresh)
        if names:
            found = _by_name(module, defined, names)
            if not found:
                # Nothing the host picks: a helper module, unless it defines public plugin
                # classes the name rule passes over (a class renamed, a suffix misspelt); a
                # private one is kept from the host on purpose (yt-dlp's overrides), and a
                # class the module's own classes subclass is a base they build on (the mixin
                # of yt-dlp-youtube-oauth2's overrides), not a plugin class that lost its name.
                public = [c for c in defined if not c.__name__.startswith("_")]
                built_on = {b for c in defined for b in inspect.getmro(c)[1:]}
                missed = [
                    c
                    for c in (_concrete(public, base) if base is not None else [])
                    if c not in built_on
                ]
                if not missed:
                    if not unread:
                        shared.ok(name)
                    continue
                listed = ", ".join(c.__name__ for c in missed)
                shared.invalid(name, listed, shared.class_where(missed[0]), problem="no-class")
                continue
        else:
            assert base is not None  # the contract's validation: a base or a name rule
            found = _concrete(defined, base)
            if not found and unread:
                continue  # a module users import it from failed, said: nothing more to say
            if not found:
                # Bound here but made elsewhere (imported, or by type() over an abc.ABC base,
                # whose __module__ is "abc"): the host's __module__ test skips them.
                strays = [c for c in _concrete(_defined(module, False), base) if c not in defined]
                shown = ", ".join(f"{c.__qualname__} (__module__ {c.__module__!r})" for c in strays)
                shared.invalid(name, shown, problem="no-class")
                continue
        chosen = found if pick == "every" else [found[0] if pick == "first" else found[-1]]
        if base is not None and names:
            strays = [c for c in chosen if not issubclass(c, base)]
            if strays:
                # The host picks it by its name and uses it as the base's subclass.
                dotted = [f"{c.__module__}.{c.__qualname__}" for c in strays[0].__mro__[1:-1]]
                message = (
                    f"{strays[0].__qualname__} is picked by its name but is not a subclass of "
                    f"{base.__module__}.{base.__qualname__} (bases: "
                    f"{', '.join(dotted) or 'object only'})"
                )
                shared.invalid(name, message, shared.class_where(strays[0]), problem="not-base")
                continue
        _build(name, module, chosen, makers, request, unread)


def _submodule(name: str, module: Any, sub: str) -> Any:
    """A module of the plugin's package its users import plugin classes from (``submodules``),
    imported; ``None`` when its import failed, said as the plugin's (its classes go unchecked)."""
    try:
        with shared.bounded():
            return importlib.import_module(sub)
    except BaseException as exc:
        refused = shared.refusal(exc)
        frame = shared.plugin_frame(exc, getattr(module, "__file__", None))
        message = f"importing {sub} raised {shared.said(exc)}"
        shared.invalid(name, message, frame, hook=sub, problem="submodule", refused=refused)
        return None


def _accepted(name: str, module: Any, cls: type, built: Any, ref: str) -> bool | None:
    """The host's own code given the object built (``accepted-by``): whether it took it;
    ``None`` when the callable failed to load, the contract's failure (PC418), said."""
    module_file = getattr(module, "__file__", None)
    try:
        problem, at, refused = host_calls.accepted(
            ref, built, f"{cls.__qualname__}()", module_file, module, cls
        )
    except host_calls.StandInFailed as exc:
        shared.skipped(name, f"stand-in failed: {exc}", "plugin-classes")
        return None
    if problem is not None:
        where = at or shared.class_where(cls)
        shared.invalid(name, problem, where, problem="accepted", refused=refused)
        return False
    return True


def _build(
    name: str,
    module: Any,
    chosen: list[type],
    makers: list[Any],
    request: ClassesWork,
    failed: bool = False,
) -> None:
    """Each chosen class built as the host builds it, the ``attributes`` the host reads from
    what it built, then the host's ``calls`` on it: a generator method's body runs only when
    the host iterates its result."""
    module_file = getattr(module, "__file__", None)
    calls: list[SetupCall] = request.get("calls", [])
    try:
        attributes = host_calls.attribute_types(request.get("attributes", []))
    except host_calls.StandInFailed as exc:
        shared.skipped(name, f"stand-in failed: attributes: {exc}", "plugin-classes")
        return
    for cls in chosen:
        try:
            arguments = [make() for make in makers]
        except BaseException as exc:
            # No frame of the plugin's: the contract's stand-in, one PC418 for it.
            own = shared.plugin_frame(exc, module_file)["path"]
            reason = f"stand-in failed: {shared.said(exc)}"
            shared.skipped(name, reason, None if own else "plugin-classes")
            return
        try:
            with shared.bounded():
                built = cls(*arguments)
        except BaseException as exc:
            refused = shared.refusal(exc)
            frame = shared.plugin_frame(exc, module_file)
            message = f"{cls.__qualname__}() raised {shared.said(exc)}"
            where = frame if frame["path"] else shared.class_where(cls)
            shared.invalid(name, message, where, refused=refused)
            failed = True
            continue
        problem, at, refused, read = host_calls.read(
            built, f"{cls.__qualname__}()", attributes, module_file
        )
        if problem is not None:
            where = at or shared.class_where(cls)
            shared.invalid(name, problem, where, hook=read, problem="attribute", refused=refused)
            failed = True
            continue
        for call in calls:
            try:
                problem, at, refused = host_calls.run(
                    call, built, f"{cls.__qualname__}()", module_file, calls
                )
            except host_calls.StandInFailed as exc:
                own = shared.plugin_frame(exc.__cause__, module_file)["path"]
                reason = f"stand-in failed: {exc}"
                shared.skipped(name, reason, None if own else "plugin-classes")
                return
            if problem is not None:
                where = at or shared.class_where(cls)
                shared.invalid(name, problem, where, hook=call["method"], refused=refused)
                failed = True
                break
        else:
            accepted_by = request.get("accepted_by")
            took = _accepted(name, module, cls, built, accepted_by) if accepted_by else True
            if took is None:
                return
            failed = failed or not took
    if not failed:
        shared.ok(name)
