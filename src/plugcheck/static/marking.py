"""What a decorator or a marker makes of what it is applied to, for the namespaces pass: the
contract's ``HookimplMarker`` (imported under any name, configured by a call or
``functools.partial``), context managers and dispatchers, ``functools.wraps``, C wrappers, the
plugin's own decorators; a name another project's marker marks is not the contract's."""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from plugcheck.static.applied import (
    C_WRAPPERS,
    CLASS_KEEPING,
    CONTEXT_MANAGERS,
    DISPATCH,
    DISPATCH_METHOD,
    NO_FUNCTION,
    WRAPS,
    call_keywords,
    decorated_by,
    imported_as,
    is_none,
    keeps_function,
    marked_with,
    marker_decorator,
    origin_of,
    wrapped_as,
)
from plugcheck.static.bindings import (
    Binding,
    ClassValue,
    Foreign,
    Instance,
    Mark,
    ModuleRef,
    NotFunction,
    Preset,
    Routine,
    Skipped,
    Target,
)
from plugcheck.static.index import ModuleIndex
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.picked import picked
from plugcheck.static.resolve import IMPL_MARKER, is_marker_class, marker_project, string_value


class Marking:
    """Mixed into ``Namespaces``: decorators and markers applied to the names it reads."""

    index: ModuleIndex
    roots: Sequence[Path]
    project: str
    target: Target

    lookup: Callable[[dict[str, Binding], str], Binding | None]
    value: Callable[[ModuleInfo, ast.expr, dict[str, Binding]], Binding]

    def _class_mark(
        self, info: ModuleInfo, stmt: ast.ClassDef, scope: dict[str, Binding]
    ) -> Mark | None:
        """The contract's marker among a class's decorators, when each of them is a marker
        (another decorator may return something other than the class)."""
        mark = None
        for decorator in stmt.decorator_list:
            called = decorator.func if isinstance(decorator, ast.Call) else decorator
            if imported_as(dotted_name(called) or "", scope) in CLASS_KEEPING:
                continue
            applied = self.apply(info, decorator, Routine(NO_FUNCTION, info), scope)
            if not isinstance(applied, Routine) or applied.opaque or applied.kind != "function":
                return None
            mark = applied.mark or mark
        return mark

    def marker_application(
        self, info: ModuleInfo, call: ast.Call, scope: dict[str, Binding]
    ) -> tuple[Mark | None, ast.expr] | None:
        """``hookimpl(f, **opts)`` or ``hookimpl(**opts)(f)``: the mark (``None`` for another
        project's marker) and the function it is applied to."""
        if len(call.args) != 1:
            return None
        project = self.marker(info, call.func, scope)
        if project is not None:
            return (Mark(call_keywords(call)) if project == self.project else None), call.args[0]
        inner = call.func
        if isinstance(inner, ast.Call) and not inner.args:
            project = self.marker(info, inner.func, scope)
            if project is not None:
                return (Mark(call_keywords(inner)) if project == self.project else None), call.args[
                    0
                ]
        return None

    def marker(
        self, info: ModuleInfo, expr: ast.expr, scope: dict[str, Binding] | None = None
    ) -> str | None:
        """The project of the ``HookimplMarker`` instance ``expr`` evaluates to. A name the
        module imported from outside its files (``scope``) is judged where it comes from: a
        fallback defined under ``except ImportError`` does not hide the import that wins."""
        name = dotted_name(expr)
        head, _, rest = (name or "").partition(".")
        found = scope.get(head) if scope is not None and name else None
        if isinstance(found, Foreign | ModuleRef) and found.module_name() is not None:
            path = self.index.find_module(found.module_name() or "", self.roots)
            source = self.index.info(path) if path else None
            dotted = f"{found.name}.{rest}" if isinstance(found, Foreign) else rest
            if source is None or not dotted:
                return None
            return marker_project(self.index, source, dotted.strip("."), self.roots, IMPL_MARKER)
        if isinstance(found, Routine | ClassValue):
            return None
        if isinstance(expr, ast.Call):
            name = dotted_name(expr.func)
            if name and is_marker_class(self.index, info, name, self.roots, IMPL_MARKER):
                args = [*expr.args, *(k.value for k in expr.keywords if k.arg == "project_name")]
                return string_value(self.index, info, args[0], self.roots) if args else None
            return None
        name = dotted_name(expr)
        if name is None:
            return None
        return marker_project(self.index, info, name, self.roots, IMPL_MARKER)

    def apply(
        self, info: ModuleInfo, decorator: ast.expr, routine: Binding, scope: dict[str, Binding]
    ) -> Binding:
        """``decorator(routine)``: what the decorated name holds."""
        if is_none(routine) and self.marker(info, decorator, scope) is not None:
            return marker_decorator(decorator, info)  # `@hookimpl` over None
        if isinstance(routine, Instance | Skipped):  # `@hookimpl` over `@Counted`
            marked = self.apply(info, decorator, Routine(NO_FUNCTION, info), scope)
            return marked_with(routine, marked.mark) if isinstance(marked, Routine) else routine
        if not isinstance(routine, Routine | NotFunction):
            return routine
        chosen = picked(decorator, scope, self.target)  # `@MARKS["first"]`
        if chosen is not None:
            return self.apply(info, chosen, routine, scope)
        if isinstance(decorator, ast.Call) and not decorator.args:
            project = self.marker(info, decorator.func, scope)
            if project is not None:
                return marked_with(
                    routine, Mark(call_keywords(decorator)) if project == self.project else None
                )
        project = self.marker(info, decorator, scope)
        if project is not None:
            return marked_with(routine, Mark({}) if project == self.project else None)
        if isinstance(routine, NotFunction):
            return routine
        name = dotted_name(decorator)
        if name in ("staticmethod", "classmethod") and name not in scope:
            return replace(routine, kind=name)
        found = self.lookup(scope, name or "")
        if isinstance(found, Preset):
            return marked_with(routine, found.mark)
        if isinstance(found, ClassValue):
            return Instance(found)  # a class used as a decorator: the name holds an instance
        if name is None and isinstance(decorator, ast.Call):
            # `@functools.lru_cache(maxsize=None)`: what the call returns decorates
            called = dotted_name(decorator.func) or ""
            origin = origin_of(self.lookup(scope, called), called)
            if origin in WRAPS and isinstance(routine, Routine):
                source = self.value(info, decorator.args[0], scope) if decorator.args else None
                return wrapped_as(decorator, routine, source, origin)
            if origin in C_WRAPPERS:
                return NotFunction(f"a {origin} wrapper", routine)
            return replace(routine, opaque=True)
        if isinstance(found, Foreign | ModuleRef) or name is None or found is None:
            head, _, rest = (name or "").partition(".")
            module = scope.get(head) if found is None and rest else None
            # `import functools as ft` ... `@ft.singledispatch`: the module's own name
            origin = (
                f"{module.name}.{rest}"
                if isinstance(module, ModuleRef)
                else origin_of(found, name or "")
            )
            if (
                origin in CONTEXT_MANAGERS
                or origin in DISPATCH
                or (origin == DISPATCH_METHOD and isinstance(routine, Routine) and routine.in_class)
            ):
                return replace(routine, wrapped_by=origin, wrapper_generator=False)
            if keeps_function(origin, routine):
                return routine
            if origin in C_WRAPPERS:
                return NotFunction(f"a {origin} wrapper", routine)
            return replace(routine, opaque=True)
        if isinstance(found, Routine) and isinstance(found.node, ast.FunctionDef):
            return decorated_by(found, routine)
        return replace(routine, opaque=True)
