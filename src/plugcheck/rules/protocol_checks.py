"""``isinstance``/``issubclass`` against the plugin's own ``typing.Protocol`` that Python refuses,
in the code every call of a function runs: a protocol without ``@runtime_checkable`` raises
``TypeError`` for both, and one with members that are not methods (an annotation, a property)
raises it for ``issubclass``. So do a ``TypedDict`` class of the plugin's (a dict at run time,
whose class refuses both checks) and ``typing.Self`` (a special form, not a class).

A protocol is judged when its class lists ``Protocol`` (or ``Protocol[T]``, or ``Generic[T]``
beside it) as its only bases, has no keywords, and no decorator but ``runtime_checkable``: a
protocol base of its own could hand it ``_is_runtime_protocol`` by inheritance.
"""

from __future__ import annotations

import ast

from plugcheck.rules.raising_calls import RaisingCall, certain_calls
from plugcheck.rules.reached import Function, Reader, local_names
from plugcheck.static.applied import origin_of
from plugcheck.static.bindings import Binding, ClassValue
from plugcheck.static.parse import ModuleInfo

_TYPING = ("typing", "typing_extensions")
_SELF = frozenset((module, "Self") for module in _TYPING)
_CHECKS = frozenset({"isinstance", "issubclass"})


def refused_check(reader: Reader, fn: Function, info: ModuleInfo) -> RaisingCall | None:
    """The first ``isinstance``/``issubclass`` call every call of ``fn`` evaluates that raises
    ``TypeError`` for the plugin's own protocol it names."""
    scope = reader.scope(info)
    local = local_names(fn)
    for call in certain_calls(fn):
        name = call.func.id if isinstance(call.func, ast.Name) else ""
        if name not in _CHECKS or name in scope or name in local:
            continue
        if len(call.args) != 2 or call.keywords:
            continue
        against = call.args[1]
        if isinstance(against, ast.Name) and against.id in local:
            continue
        found = reader.ns.value(info, against, scope)
        if origin_of(found, "").rpartition(".")[::2] in _SELF:
            return RaisingCall(
                call,
                f"TypeError: typing.Self cannot be used with {name}()",
                f"`{ast.unparse(call)[:60]}`, and typing.Self is a special form, not a class",
                "check against the class itself (type(self), or the class's name)",
            )
        if not isinstance(found, ClassValue) or not reader.mine(found.module):
            continue
        refused = _refused(reader, found, name, call)
        if refused is not None:
            return refused
    return None


def _refused(reader: Reader, proto: ClassValue, check: str, call: ast.Call) -> RaisingCall | None:
    node = proto.node
    names = reader.scope(proto.module)
    if _typed_dict(reader, proto, 0):
        return RaisingCall(
            call,
            "TypeError: TypedDict does not support instance and class checks",
            f"`{ast.unparse(call)[:60]}`, and {node.name} is a TypedDict (its values are "
            "plain dicts)",
            f"check for a dict and its keys (isinstance(x, dict) and {node.name}."
            "__required_keys__ <= x.keys())",
        )
    runtime = _runtime(reader, proto, names)
    if runtime is None:
        return None
    shown = f"`{ast.unparse(call)[:60]}`"
    if not runtime:
        return RaisingCall(
            call,
            "TypeError: Instance and class checks can only be used with @runtime_checkable "
            "protocols",
            f"{shown}, and {node.name} is a Protocol without @runtime_checkable",
            f"decorate {node.name} with @typing.runtime_checkable, or check for the members "
            "with hasattr()",
        )
    data = _data_member(node, names) if check == "issubclass" else None
    if data is None:
        return None
    return RaisingCall(
        call,
        "TypeError: Protocols with non-method members don't support issubclass()",
        f"{shown}, and the Protocol {node.name} has a member that is not a method ({data})",
        f"check an instance with isinstance(), or make {data} a method of {node.name}",
    )


def _typed_dict(reader: Reader, cls: ClassValue, depth: int) -> bool:
    """Whether the class statement makes a TypedDict: ``TypedDict`` (typing's or
    typing_extensions') or another TypedDict class of the plugin's among its bases."""
    names = reader.scope(cls.module)
    for base in cls.node.bases:
        found = reader.ns.value(cls.module, base, names)
        if origin_of(found, "").rpartition(".")[::2] in _TYPED_DICT:
            return True
        if isinstance(found, ClassValue) and depth < 8 and _typed_dict(reader, found, depth + 1):
            return True
    return False


_TYPED_DICT = frozenset((module, "TypedDict") for module in _TYPING)


def _runtime(reader: Reader, proto: ClassValue, names: dict[str, Binding]) -> bool | None:
    """Whether the protocol is runtime-checkable; ``None`` when it is not judged (not a
    protocol of the plain shape)."""
    node = proto.node
    if node.keywords or not node.bases:
        return None
    protocol = False
    for base in node.bases:
        head = base.value if isinstance(base, ast.Subscript) else base
        origin = origin_of(reader.ns.value(proto.module, head, names), "")
        module, _, last = origin.rpartition(".")
        if module not in _TYPING or last not in ("Protocol", "Generic"):
            return None
        protocol = protocol or last == "Protocol"
    if not protocol:
        return None
    runtime = False
    for decorator in node.decorator_list:
        origin = origin_of(reader.ns.value(proto.module, decorator, names), "")
        module, _, last = origin.rpartition(".")
        if module not in _TYPING or last not in ("runtime_checkable", "runtime"):
            return None
        runtime = True
    return runtime


def _data_member(node: ast.ClassDef, names: dict[str, Binding]) -> str | None:
    """A member of the protocol's own body that is certainly not callable: an annotated name,
    or a ``@property``."""
    for stmt in node.body:
        target = stmt.target if isinstance(stmt, ast.AnnAssign) else None
        if isinstance(target, ast.Name) and not target.id.startswith("__"):
            return target.id
        if isinstance(stmt, ast.FunctionDef) and any(
            isinstance(d, ast.Name) and d.id == "property" and "property" not in names
            for d in stmt.decorator_list
        ):
            return stmt.name
    return None
