"""The ``subclass`` mode (``issubclass`` against the host's class object) and the ``classes``
mode (the plugin classes a module defines, found and instantiated as beets does)."""

from __future__ import annotations

import inspect
import sys

from . import shared
from .protocol import ClassesWork, SubclassWork
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


def classes(request: ClassesWork) -> None:
    """Find the plugin classes as beets does (concrete subclasses of the base defined in the
    module or its submodules, in definition order) and instantiate those the host picks."""
    base = shared.load(request["base"])
    makers = [shared.load(ref) for ref in request.get("stand_ins", [])]
    pick = request.get("pick", "every")
    for name, module in shared.loaded(request).items():
        own = module.__name__
        found = [
            obj
            for obj in list(vars(module).values())
            if inspect.isclass(obj)
            and issubclass(obj, base)
            and obj is not base
            and not inspect.isabstract(obj)
            and (obj.__module__ == own or obj.__module__.startswith(own + "."))
        ]
        if not found:
            shared.invalid(name, "no plugin class", problem="no-class")
            continue
        chosen = found if pick == "every" else [found[0] if pick == "first" else found[-1]]
        module_file = getattr(module, "__file__", None)
        failed = False
        for cls in chosen:
            try:
                arguments = [make() for make in makers]
            except BaseException as exc:
                # No frame of the plugin's: the contract's stand-in, one PC418 for it.
                own = shared.plugin_frame(exc, module_file)["path"]
                reason = f"stand-in failed: {shared.said(exc)}"
                shared.skipped(name, reason, None if own else "plugin-classes")
                failed = True
                break
            try:
                with shared.bounded():
                    cls(*arguments)
            except BaseException as exc:
                refused = shared.refusal(exc)
                frame = shared.plugin_frame(exc, module_file)
                message = f"{cls.__qualname__}() raised {shared.said(exc)}"
                where = frame if frame["path"] else shared.class_where(cls)
                shared.invalid(name, message, where, refused=refused)
                failed = True
        if not failed:
            shared.ok(name)
