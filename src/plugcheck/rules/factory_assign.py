"""PC216: a method the host calls on the factory's plugin assigns an attribute the instance
cannot hold (a frozen dataclass, ``__slots__`` without the name), on every call."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import rule
from plugcheck.rules.instance_state import Refusal
from plugcheck.rules.reached import Function
from plugcheck.rules.straight_code import certain
from plugcheck.static.parse import ModuleInfo, dotted_name

STEP_FAILURES = ("PC403", "PC405", "PC407", "PC408")
"""The harness's failures of the factory and lifecycle steps a static PC216/PC217 predicts."""

PC216 = rule(
    "PC216",
    "attribute-cannot-be-set",
    Severity.ERROR,
    "A method the host calls on the factory's plugin (its constructor, init, run or shutdown) "
    "always assigns an attribute the instance cannot hold: the class is a frozen dataclass, or "
    "its `__slots__` lack the name.",
    explains=STEP_FAILURES,
)


def assignments(
    plugin: Plugin,
    info: ModuleInfo,
    method: Function,
    refusals: tuple[Refusal | None, ...],
    subject: str,
    deletes: Refusal | None = None,
    past_frozen: Refusal | None = None,
) -> Iterator[Finding]:
    """PC216 at the first ``self.name = ...`` (``refusals``: why a store fails, per name),
    ``del self.name`` (``deletes``) or ``object.__setattr__(self, "name", value)``
    (``past_frozen``) of the method's certain code that always fails."""
    params = [*method.args.posonlyargs, *method.args.args]
    if not params:
        return
    me = params[0].arg
    checks: tuple[Refusal | None, ...]
    for part in certain(method.body):
        if isinstance(part, ast.Expr) and past_frozen is not None:
            stored = _object_setattr(part.value, me)
            why = past_frozen(str(stored.value)) if stored is not None else None
            if stored is not None and why is not None:
                yield PC216.at(
                    plugin,
                    Location(info.path, stored.lineno, stored.col_offset + 1),
                    f"{why}, on every call of {_step(method)} by the host (object.__setattr__ "
                    "passes a frozen class's __setattr__ by, not its slots)",
                    fix="add the name to the class's fields or __slots__, or hold it elsewhere",
                    subject=subject,
                )
                return
            continue
        if isinstance(part, ast.Delete):
            targets, checks = part.targets, (deletes,)
        elif isinstance(part, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = part.targets if isinstance(part, ast.Assign) else [part.target]
            checks = refusals
        else:
            continue
        for target in targets:
            if not (isinstance(target, ast.Attribute) and dotted_name(target.value) == me):
                continue
            why = next((w for r in checks if r is not None and (w := r(target.attr))), None)
            if why is None:
                continue
            step = _step(method)
            yield PC216.at(
                plugin,
                Location(info.path, target.lineno, target.col_offset + 1),
                f"{why.replace(f'`{target.attr}`', f'`{me}.{target.attr}`', 1)}, on every "
                f"call of {step} by the host",
                fix="keep the state where it can be set (drop frozen=True, add the name to "
                "__slots__, or hold it in another object)",
                subject=subject,
            )
            return


def _step(method: Function) -> str:
    return "its constructor" if method.name.startswith("__") else f"{method.name}()"


def _object_setattr(expr: ast.expr, me: str) -> ast.Constant | None:
    """The literal name ``object.__setattr__(<me>, "name", value)`` stores."""
    match expr:
        case ast.Call(
            func=ast.Attribute(value=ast.Name(id="object"), attr="__setattr__"),
            args=[ast.Name(id=target), ast.Constant(value=str()) as name, _],
            keywords=[],
        ) if target == me:
            return name
    return None
