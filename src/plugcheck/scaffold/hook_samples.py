"""What a pluggy host's own code passes its hooks, and how often one run calls them, read for
``plugcheck init``'s ``samples`` and ``calls``: literal values at its calls
(``hook.x(page="")`` and ``hook.x(page=None)``), the items of a literal list or tuple, a
``range``, or a module constant holding one that a loop passes (``for fmt in FORMATS:
hook.x(fmt=fmt)``), and the calls one function makes (call sites, loops). Only what the code
shows is proposed: an argument some call passes a value the code does not spell gets no
sample from the others unless the hooks all agree, and hooks that get different values for
one argument name (the contract's stand-ins are per argument name) are left to the author. An
object is proposed as a stand-in only when every call passing that argument builds it right
before, with no arguments, and hands it over as built (``found = Found()`` then
``pm.hook.x(found=found)``): anywhere else the host passes an object of its own, set up first."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from plugcheck.config.fields import MAX_SAMPLES
from plugcheck.scaffold.arguments import built_fresh
from plugcheck.scaffold.hook_types import TypedStandIns, class_ref
from plugcheck.scaffold.pyproject import toml_string
from plugcheck.scaffold.refs import HostRefs
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.resolve import assigned_value
from plugcheck.static.syntax import children, dotted_name, target_names

_SCALARS = (str, int, float, bool, type(None))
_UNKNOWN_LOOP = 2
"""How many calls a loop over something the code does not spell (the pages of a site) is
taken to make: more than one, the least a host that loops calls its hook."""
_LOOPS = ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp


@dataclass(frozen=True, slots=True)
class _Items:
    """What a loop runs over: the literal values (all of them when ``complete``) and how many
    items there are at least (exactly, when ``exact``)."""

    values: tuple[object, ...]
    complete: bool
    count: int
    exact: bool = True


@dataclass(slots=True)
class HookSamples:
    samples: dict[str, list[object]] = field(default_factory=dict)
    """Argument name -> the values the host's calls pass it, in the code's order."""
    where: dict[str, list[str]] = field(default_factory=dict)
    """Argument name -> the calls (``file:line``) the values were read at."""
    partial: dict[str, str] = field(default_factory=dict)
    """Argument name -> a call that also passes values the code does not spell."""
    left: dict[str, str] = field(default_factory=dict)
    """Argument name -> why the values read are not proposed."""
    calls: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Hook -> how many times one function of the host calls it, and where."""
    built: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    """Argument name -> (``module:Class`` every call builds it from right before, the calls)."""
    typed: TypedStandIns = field(default_factory=TypedStandIns)
    """What the hookspecs' annotations say of the arguments with no sample."""

    def lines(self, table: str, stand_ins: bool) -> list[str]:
        """The ``calls`` line of the contract's ``pluggy`` table and its ``stand-ins`` table
        (a sub-table: it ends ``table``). ``stand_ins``: the table already has the key."""
        lines: list[str] = []
        if self.calls:
            lines += [f"# {h}: {w}" for h, (_, w) in sorted(self.calls.items())]
            counts = ", ".join(f"{h} = {n}" for h, (n, _) in sorted(self.calls.items()))
            lines.append(f"calls = {{ {counts} }}  # how many times one run calls each hook")
        typed = self.typed.fresh or self.typed.named
        if stand_ins or not (self.samples or self.built or self.left or self.calls or typed):
            return lines
        # With no stand-in to propose, the table stays a comment: an empty one would read as
        # "the hooks take no arguments" to a reader, and the run would not be partial.
        active = self.samples or self.built
        header = f"[{table}.stand-ins]" if active else f"# [{table}.stand-ins]"
        lines += [
            "",
            header,
            "# What the host's code passes its hooks; a hook taking an argument without a"
            " stand-in is not called (PC519): add a module:callable for each.",
        ]
        for name, values in self.samples.items():
            spelled = ", ".join(_stand_in(v) for v in values)
            value = f"{{ samples = [{spelled}] }}" if len(values) > 1 else spelled
            seen = ", ".join(self.where[name])
            other = self.partial.get(name)
            other = f"; values the code does not spell too, at {other}" if other else ""
            lines.append(f"{name} = {value}  # {seen}{other}")
        for name, (ref, sites) in self.built.items():
            lines.append(
                f"{name} = {toml_string(ref)}  # a fresh {ref.replace(':', '.')}() the host builds"
                f" right before its call{'s' if len(sites) > 1 else ''}: {', '.join(sites)}"
            )
        lines += [f"# {name}: {why}" for name, why in self.left.items()]
        # Never an active stand-in from an annotation alone: the host passes an object of its
        # own, set up before the call (tox's parser holds the commands its own plugins added:
        # tox-uv's hook raised KeyError 'run' on a fresh one), so a fresh one could fail a
        # healthy plugin. Only the call sites' evidence makes one active (``built``).
        for name, (ref, where) in self.typed.fresh.items():
            lines.append(
                f"# {name} = {toml_string(ref)}  # TODO: the host passes its own"
                f" {ref.replace(':', '.')} ({where}); a fresh one builds with no arguments:"
                " uncomment if plugins need nothing the host puts in its own first"
            )
        for name, (spelled, where) in self.typed.named.items():
            lines.append(
                f'# {name} = "module:callable"  # TODO: a function making a {spelled} ({where},'
                " which does not build with no arguments, or whose source cannot be read)"
            )
        return lines


def _stand_in(value: object) -> str:
    if value is None:
        return "{ none = true }"
    if isinstance(value, str):
        return f"{{ value = {toml_string(value)} }}"
    return f"{{ value = {str(value).lower() if isinstance(value, bool) else value!r} }}"


@dataclass(slots=True)
class _Site:
    hook: str
    where: str
    passed: dict[str, _Items]
    fresh: dict[str, str] = field(default_factory=dict)
    """Argument name -> ``module:Class`` the call's scope builds it from right before."""
    spread: bool = False
    """The call passes ``**kwargs``: what it gives each argument is not read."""


def read_samples(
    refs: HostRefs, modules: Sequence[tuple[ModuleInfo, str]], specs: dict[str, tuple[str, ...]]
) -> HookSamples:
    """The samples and calls ``modules`` (each with its path for messages) show for the hooks
    ``specs`` names (hook -> its arguments)."""
    sites: list[_Site] = []
    found = HookSamples()
    for info, where in modules:
        assert info.tree is not None
        for scope in _scopes(info.tree):
            reader = _Reader(refs, info, where, specs, scope)
            counts = reader.statements(_body(scope), {})
            sites += reader.sites
            for hook, times in counts.items():
                if times > found.calls.get(hook, (1, ""))[0]:
                    line = getattr(scope, "lineno", None)
                    name = f"{scope.name}()" if not isinstance(scope, ast.Module) else "the module"
                    at = f"{where}:{line}" if line else where
                    why = f"called {times} times by {name} ({at})"
                    if hook in reader.looped:
                        why += ", in a loop over items the code does not list (counted as 2)"
                    found.calls[hook] = (min(times, MAX_SAMPLES), why)
    _samples(sites, specs, found)
    _built(sites, specs, found)
    for hook, (times, _) in list(found.calls.items()):
        most = max((len(found.samples.get(a, ())) for a in specs[hook]), default=0)
        if times <= most:  # the samples alone call it as often
            del found.calls[hook]
    return found


def _samples(sites: list[_Site], specs: dict[str, tuple[str, ...]], found: HookSamples) -> None:
    """Per argument name, the values every hook taking it gets, when they agree."""
    per_hook: dict[str, dict[str, list[object]]] = {}
    for site in sites:
        for name, items in site.passed.items():
            values = per_hook.setdefault(name, {}).setdefault(site.hook, [])
            values += [v for v in items.values if not any(_same(v, w) for w in values)]
            if items.values:
                found.where.setdefault(name, []).append(site.where)
            if not items.complete:
                found.partial.setdefault(name, site.where)
    for name, hooks in per_hook.items():
        takers = sorted(h for h, args in specs.items() if name in args)
        unseen = [h for h in takers if not hooks.get(h)]
        sets = {tuple(map(repr, v)) for v in hooks.values() if v}
        if not sets:
            continue
        if unseen:
            found.left[name] = (
                f"not proposed: {', '.join(unseen)} also take(s) it, and the host's code shows"
                " no value it passes there"
            )
        elif len(sets) > 1:
            spelled = "; ".join(f"{h}: {', '.join(map(repr, v))}" for h, v in sorted(hooks.items()))
            found.left[name] = f"not proposed: the hooks get different values ({spelled})"
        else:
            found.samples[name] = next(iter(hooks.values()))[:MAX_SAMPLES]
    for name in list(found.where):
        if name not in found.samples:
            del found.where[name]
            found.partial.pop(name, None)


def _built(sites: list[_Site], specs: dict[str, tuple[str, ...]], found: HookSamples) -> None:
    """Per argument name, the class every call of every hook taking it builds it from right
    before the call, when they all do and agree (the contract's stand-ins are per name)."""
    per_name: dict[str, list[_Site]] = {}
    for site in sites:
        for name in site.passed:
            per_name.setdefault(name, []).append(site)
    for name, passing in per_name.items():
        takers = {h for h, args in specs.items() if name in args}
        classes = {site.fresh.get(name) for site in passing}
        if (
            name in found.samples
            or len(classes) != 1
            or None in classes
            or takers - {site.hook for site in passing}
            or any(site.spread and site.hook in takers for site in sites)
        ):
            continue  # a call passes something else, or a hook taking it is never seen called
        (ref,) = classes
        assert ref is not None
        found.built[name] = (ref, [site.where for site in passing])
        found.left.pop(name, None)


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and a == b


def _scopes(tree: ast.Module) -> Iterator[ast.Module | ast.FunctionDef | ast.AsyncFunctionDef]:
    yield tree
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for child in children(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield child
            stack.append(child)


def _body(scope: ast.AST) -> list[ast.stmt]:
    return list(getattr(scope, "body", []))


class _Reader:
    """One scope's hook calls: how many times each hook is called, and what each call passes."""

    def __init__(
        self,
        refs: HostRefs,
        info: ModuleInfo,
        where: str,
        specs: dict[str, tuple[str, ...]],
        scope: ast.AST,
    ) -> None:
        self.refs, self.info, self.where, self.specs = refs, info, where, specs
        self.scope = scope
        self.sites: list[_Site] = []
        self.looped: set[str] = set()
        """Hooks called in a loop over items the code does not list."""
        self.local = _local_names(scope)
        self.hook_names = {
            t
            for node in ast.walk(scope)
            if isinstance(node, ast.Assign) and _is_hook_relay(node.value)
            for target in node.targets
            for t in target_names(target)
        }

    def statements(self, body: Sequence[ast.stmt], loops: dict[str, _Items]) -> dict[str, int]:
        total: dict[str, int] = {}
        for stmt in body:
            _add(total, self.statement(stmt, loops))
        return total

    def statement(self, stmt: ast.stmt, loops: dict[str, _Items]) -> dict[str, int]:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            return {}  # another scope
        if isinstance(stmt, ast.If):
            counts = self.expression(stmt.test, loops)
            arms = [self.statements(stmt.body, loops), self.statements(stmt.orelse, loops)]
            _add(counts, _most(arms))
            return counts
        if isinstance(stmt, ast.Match):
            counts = self.expression(stmt.subject, loops)
            _add(counts, _most([self.statements(c.body, loops) for c in stmt.cases]))
            return counts
        if isinstance(stmt, ast.For | ast.AsyncFor):
            counts = self.expression(stmt.iter, loops)
            items = self.items(stmt.iter)
            inner = dict(loops)
            for name in target_names(stmt.target):
                inner.pop(name, None)
            if isinstance(stmt.target, ast.Name):
                inner[stmt.target.id] = items
            _add(counts, self.looping(self.statements(stmt.body, inner), items))
            _add(counts, self.statements(stmt.orelse, loops))
            return counts
        if isinstance(stmt, ast.While):
            counts = self.expression(stmt.test, loops)
            _add(
                counts,
                self.looping(self.statements(stmt.body, loops), _Items((), False, 0, exact=False)),
            )
            return counts
        if isinstance(stmt, ast.Try | ast.TryStar):
            counts = self.statements([*stmt.body, *stmt.orelse, *stmt.finalbody], loops)
            _add(counts, _most([self.statements(h.body, loops) for h in stmt.handlers]))
            return counts
        if isinstance(stmt, ast.With | ast.AsyncWith):
            counts = {}
            for item in stmt.items:
                _add(counts, self.expression(item.context_expr, loops))
            _add(counts, self.statements(stmt.body, loops))
            return counts
        counts = {}
        for child in children(stmt):
            if isinstance(child, ast.expr):
                _add(counts, self.expression(child, loops))
        return counts

    def expression(self, expr: ast.expr, loops: dict[str, _Items]) -> dict[str, int]:
        if isinstance(expr, ast.Lambda):
            return {}
        if isinstance(expr, _LOOPS):
            inner, times, guessed = dict(loops), 1, False
            counts: dict[str, int] = {}
            for generator in expr.generators:
                _add(counts, _times(self.expression(generator.iter, inner), times))
                items = self.items(generator.iter)
                for name in target_names(generator.target):
                    inner.pop(name, None)
                if isinstance(generator.target, ast.Name):
                    inner[generator.target.id] = items
                times *= _loop_count(items)
                guessed = guessed or not items.exact
            parts = [expr.key, expr.value] if isinstance(expr, ast.DictComp) else [expr.elt]
            for part in parts:
                each = self.expression(part, inner)
                _add(counts, _times(each, times))
                if guessed:
                    self.looped |= set(each)
            return counts
        counts = {}
        if isinstance(expr, ast.Call) and (hook := self.hook_of(expr)) is not None:
            counts[hook] = 1
            passed = {
                k.arg: self.value(k.value, loops)
                for k in expr.keywords
                if k.arg is not None and k.arg in self.specs[hook]
            }
            fresh = {
                k.arg: ref
                for k in expr.keywords
                if k.arg in passed and (ref := self.fresh(k.value, loops)) is not None
            }
            spread = any(k.arg is None for k in expr.keywords)
            self.sites.append(_Site(hook, f"{self.where}:{expr.lineno}", passed, fresh, spread))
        for child in children(expr):
            if isinstance(child, ast.expr):
                _add(counts, self.expression(child, loops))
        return counts

    def fresh(self, expr: ast.expr, loops: dict[str, _Items]) -> str | None:
        """``module:Class`` of an argument the scope builds with no arguments right before the
        call and hands over as built (``found = Found()`` then ``hook.x(found=found)``)."""
        if not isinstance(expr, ast.Name) or expr.id in loops:
            return None
        spelled = built_fresh(self.scope, expr)
        if spelled is None or spelled.partition(".")[0] in self.local:
            return None  # a class the scope itself binds: not the module's name
        return class_ref(self.refs, self.info, spelled)

    def looping(self, body: dict[str, int], items: _Items) -> dict[str, int]:
        """The calls a loop's body makes, once per item."""
        if not items.exact:
            self.looped |= set(body)
        return _times(body, _loop_count(items))

    def hook_of(self, call: ast.Call) -> str | None:
        """``pm.hook.NAME(...)``, ``self.pm.hook.NAME(...)``, ``hook.NAME(...)`` with ``hook =
        pm.hook``: NAME, when the host's manager has such a hookspec."""
        func = call.func
        if not isinstance(func, ast.Attribute) or func.attr not in self.specs:
            return None
        relay = func.value
        if isinstance(relay, ast.Attribute) and relay.attr == "hook":
            return func.attr
        if isinstance(relay, ast.Name) and relay.id in self.hook_names:
            return func.attr
        return None

    def value(self, expr: ast.expr, loops: dict[str, _Items]) -> _Items:
        """The values one argument of a call takes (one per run of the loops around it)."""
        if isinstance(expr, ast.Name) and expr.id in loops:
            return loops[expr.id]
        if isinstance(expr, ast.Name) and expr.id in self.local:
            return _Items((), False, 1)
        value = self.literal(expr)
        if value is _NOTHING:
            return _Items((), False, 1)
        return _Items((value,), True, 1)

    def literal(self, expr: ast.expr, depth: int = 0) -> object:
        if isinstance(expr, ast.Constant):
            return expr.value if isinstance(expr.value, _SCALARS) else _NOTHING
        name = dotted_name(expr)
        if name is None or depth > 4:
            return _NOTHING
        found = assigned_value(self.refs.index, self.info, name, self.refs.roots)
        if found is None:
            return _NOTHING
        return self._at(found[0]).literal(found[1], depth + 1)

    def items(self, expr: ast.expr, depth: int = 0) -> _Items:
        """What ``for x in expr`` runs over."""
        if isinstance(expr, ast.List | ast.Tuple | ast.Set):
            spelled = [e for e in expr.elts if not isinstance(e, ast.Starred)]
            values = [self.literal(e) for e in spelled]
            known = tuple(v for v in values if v is not _NOTHING)
            complete = len(known) == len(expr.elts)
            return _Items(known, complete, len(spelled), len(spelled) == len(expr.elts))
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left, right = self.items(expr.left, depth), self.items(expr.right, depth)
            both = left.complete and right.complete
            count = left.count + right.count
            return _Items(left.values + right.values, both, count, left.exact and right.exact)
        if (
            isinstance(expr, ast.Call)
            and dotted_name(expr.func) == "range"
            and "range" not in self.local
            and 1 <= len(expr.args) <= 2
            and not expr.keywords
        ):
            bounds = [self.literal(a) for a in expr.args]
            if all(type(b) is int for b in bounds):
                numbers = range(*[int(str(b)) for b in bounds])
                return _Items(tuple(numbers), True, len(numbers))
        name = dotted_name(expr)
        if name is not None and depth <= 4 and name.partition(".")[0] not in self.local:
            found = assigned_value(self.refs.index, self.info, name, self.refs.roots)
            if found is not None:
                return self._at(found[0]).items(found[1], depth + 1)
        return _Items((), False, 0, exact=False)

    def _at(self, info: ModuleInfo) -> _Reader:
        """A reader of another module's constants (no scope: nothing is local there)."""
        return _Reader(self.refs, info, self.where, self.specs, ast.Module([], []))


_NOTHING = object()


def _loop_count(items: _Items) -> int:
    return items.count if items.exact else max(items.count, _UNKNOWN_LOOP)


def _local_names(scope: ast.AST) -> set[str]:
    """Names a function binds itself (parameters, assignments): not the module's constants."""
    if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        return set()
    args = scope.args
    names = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    names |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    for node in ast.walk(scope):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _is_hook_relay(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Attribute) and expr.attr == "hook"


def _add(total: dict[str, int], more: dict[str, int]) -> None:
    for hook, times in more.items():
        total[hook] = total.get(hook, 0) + times


def _times(counts: dict[str, int], factor: int) -> dict[str, int]:
    return {hook: times * factor for hook, times in counts.items()}


def _most(arms: list[dict[str, int]]) -> dict[str, int]:
    """Branches of which one runs: each hook as often as the branch calling it most."""
    most: dict[str, int] = {}
    for arm in arms:
        for hook, times in arm.items():
            most[hook] = max(most.get(hook, 0), times)
    return most
