"""A zero-argument ``super()`` in a method of a ``@dataclass(slots=True)`` class, in the code every
call of the method runs.

``dataclass(slots=True)`` returns a new class (``__slots__`` cannot be added to a class once it
is made); the methods' ``__class__`` cell, which zero-argument ``super()`` reads, still holds the
class the ``class`` statement made. Before Python 3.14 (gh-90562) every such call raises
``TypeError: super(type, obj): obj must be an instance or subtype of type``. attrs rewrites the
cell for the slotted classes it makes; the standard library's dataclass does not.
"""

from __future__ import annotations

import ast

from plugcheck.rules.generated_slots import dataclass_helper
from plugcheck.rules.raising_calls import RaisingCall, certain_calls
from plugcheck.rules.reached import Function, Reader, local_names
from plugcheck.static.applied import origin_of
from plugcheck.static.parse import ModuleInfo

_FIXED = (3, 14)
_DATACLASS = frozenset({"dataclasses.dataclass"})


def stale_super(
    reader: Reader, cls: ast.ClassDef, fn: Function, info: ModuleInfo
) -> RaisingCall | None:
    """The first zero-argument ``super()`` every call of ``fn``, a method of ``cls`` (in
    ``info``), evaluates, when a standard dataclass decorator with ``slots=True`` remakes
    ``cls`` and the target runs a Python before 3.14."""
    version = reader.ns.target.version
    if version is None or version[:2] >= _FIXED or not _slotted_dataclass(reader, cls, info):
        return None
    if "super" in reader.scope(info) or "super" in local_names(fn):
        return None
    for call in certain_calls(fn):
        if isinstance(call.func, ast.Name) and call.func.id == "super" and not call.args:
            return RaisingCall(
                call,
                "TypeError: super(type, obj): obj must be an instance or subtype of type",
                f"`super()` in a method of {cls.name}, which @dataclass(slots=True) replaces "
                "by a new class: the method's zero-argument super() still names the class the "
                "class statement made",
                f"name the class (`super({cls.name}, self)`), or drop slots=True (Python 3.14 "
                "fixes the cell)",
            )
    return None


def _slotted_dataclass(reader: Reader, cls: ast.ClassDef, info: ModuleInfo) -> bool:
    return bool((dataclass_options(reader, cls, info) or {}).get("slots"))


def dataclass_options(
    reader: Reader, cls: ast.ClassDef, info: ModuleInfo
) -> dict[str, bool] | None:
    """The literal boolean options of the standard library's ``dataclass`` decorating ``cls``
    (called, or through a helper of the module's own); ``None`` when no such decorator is there
    or an option is not a literal."""
    scope = reader.scope(info)
    for deco in cls.decorator_list:
        call = dataclass_helper(deco, info) or deco
        func = call.func if isinstance(call, ast.Call) else call
        if origin_of(reader.ns.value(info, func, scope), "") not in _DATACLASS:
            continue
        options: dict[str, bool] = {}
        for keyword in call.keywords if isinstance(call, ast.Call) else ():
            value = keyword.value
            if keyword.arg is None or not isinstance(value, ast.Constant):
                return None
            if isinstance(value.value, bool):
                options[keyword.arg] = value.value
        return options
    return None
