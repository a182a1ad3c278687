"""PC218: a lifecycle method reads ``self.name`` that nothing ever sets.

The class the factory returns is read with its bases (the plugin's own classes, in Python's
method resolution order, up to ``object``): when no class body binds the name, no code in the
plugin's modules assigns an attribute of that name on any object, and nothing could add it
unseen (``__getattr__``, ``setattr``, ``vars``/``__dict__``, a class decorator, a metaclass, a
base outside the plugin), the read in code every call runs raises AttributeError.
"""

from __future__ import annotations

import ast
from pathlib import Path

from plugcheck.model import Severity
from plugcheck.rules.base import rule
from plugcheck.rules.instance_state import _decorator, chain, names_bound
from plugcheck.rules.reached import Function, Reader, certain, shallow
from plugcheck.static.bindings import ClassValue

PC218 = rule(
    "PC218",
    "attribute-never-set",
    Severity.ERROR,
    "A lifecycle method of the plugin the factory returns reads `self.<name>` in code every "
    "call runs, and nothing sets that attribute: no class of the plugin binds it and no code "
    "assigns it, so the call raises AttributeError.",
    explains=("PC405", "PC407", "PC408"),
)

_OBJECT = frozenset(dir(object)) | {
    "__dataclass_fields__",
    "__dataclass_params__",
    "__match_args__",
}
_DYNAMIC = frozenset({"setattr", "vars", "__dict__", "__setattr__", "__getattr__", "globals"})
"""Names whose use may add attributes source does not spell out."""
_OPEN = frozenset({"__getattr__", "__getattribute__", "__setattr__", "__dict__", "__slots__"})


def never_set(reader: Reader, cls: ClassValue, method: Function) -> ast.Attribute | None:
    """The first ``self.<name>`` read the method certainly runs whose name nothing sets."""
    params = [*method.args.posonlyargs, *method.args.args]
    if not params or method.decorator_list:
        return None
    found = chain(reader.ns, cls, reader.own)
    if not found.complete or any(
        _decorator(d) != "dataclass" for c in found.classes for d in c.node.decorator_list
    ):
        return None
    known = set(_OBJECT)
    for c in found.classes:
        bound = names_bound(c.node) - _unset_fields(c.node)
        if bound & _OPEN:
            return None
        known |= bound
    stored = _stored(reader)
    if stored is None:
        return None
    known |= stored
    me = params[0].arg
    for part in certain(method.body):
        for node in shallow(part):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Load)
                and isinstance(node.value, ast.Name)
                and node.value.id == me
                and node.attr not in known
            ):
                return node
    return None


def _stored(reader: Reader) -> set[str] | None:
    """Every attribute name the plugin's modules assign or delete on any object; ``None`` when
    a module may set attributes by a name source does not spell out."""
    names: set[str] = set()
    for path in sorted(reader.own):
        info = reader.ctx.index.info(Path(path))
        if info is None:
            return None
        if any(node.id in _DYNAMIC for node in info.nodes(ast.Name)):
            return None
        for node in info.nodes(ast.Attribute):
            if not isinstance(node.ctx, ast.Load):
                names.add(node.attr)
            elif node.attr in _DYNAMIC:
                return None
    return names


def _unset_fields(node: ast.ClassDef) -> set[str]:
    """Fields of a ``@dataclass`` declared ``field(init=False)`` with no default: the class
    attribute is deleted and ``__init__`` never sets it, so the instance has none until code
    assigns it."""
    if not node.decorator_list:
        return set()
    unset = set()
    for stmt in node.body:
        match stmt:
            case ast.AnnAssign(target=ast.Name(id=name), value=ast.Call() as call) if (
                _decorator(call) == "field"
                and any(
                    k.arg == "init" and isinstance(k.value, ast.Constant) and k.value.value is False
                    for k in call.keywords
                )
                and not {k.arg for k in call.keywords} & {"default", "default_factory"}
                and not call.args
            ):
                unset.add(name)
    return unset
