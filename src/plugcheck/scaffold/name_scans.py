"""Hosts that find plugins as the top-level modules whose names match a regular expression:
``pkgutil.iter_modules()`` filtered with ``re.match(pattern, name)`` (lml's
``scan_plugins_regex``, which pyexcel-io calls through its own ``load_plugins(PREFIX_PATTERN,
__path__, BLACK_LIST, WHITE_LIST)``). A function that filters so, or hands its parameter on to
one that does, is a scanner; a call of one with a pattern ``init`` can read (a literal, a
module constant) is the host's scan, proposed as ``module-name-pattern``."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from plugcheck.scaffold.model import Scan
from plugcheck.scaffold.pyproject import toml_string
from plugcheck.scaffold.refs import HostRefs
from plugcheck.scaffold.syntax import dotted
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.resolve import resolve_dotted
from plugcheck.static.syntax import walked

Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True, slots=True)
class _Scanner:
    """How a function scans: its pattern and skip list, each a literal or a parameter."""

    pattern: str | ast.expr
    """The parameter's name (``str``) or the literal pattern (an ``ast.Constant``)."""
    packages_only: bool
    exclude: str | None
    """The parameter holding the names skipped (``if name in black_list: continue``)."""
    qualified: str


def name_scans(
    refs: HostRefs, parsed: list[tuple[Path, str, ast.Module]], host: Path
) -> list[Scan]:
    """Every scan the host's code runs, through its own scanners or installed ones (lml)."""
    found: list[Scan] = []
    cache: dict[int, _Scanner | None] = {}
    for path, module, tree in parsed:
        info = refs.info(path)
        if info is None:
            continue
        where = path.relative_to(host).as_posix()
        for node in walked(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                own = _direct(node, f"{module}:{node.name}")
                if own is not None and isinstance(own.pattern, ast.Constant):
                    top = module.partition(".")[0]
                    at = f"{where}:{node.lineno}"
                    found.append(Scan(str(own.pattern.value), own.packages_only, (), at, None, top))
            if not isinstance(node, ast.Call):
                continue
            scanner = _callee(refs, info, node, cache, 0)
            if scanner is None or isinstance(scanner.pattern, ast.expr):
                continue
            pattern = _string(tree, _argument(node, scanner.pattern, refs, info))
            if pattern is None:
                continue
            names = _argument(node, scanner.exclude, refs, info) if scanner.exclude else None
            exclude = _strings(tree, module, names) if names is not None else ()
            through = scanner.qualified if not scanner.qualified.startswith(module) else None
            at = f"{where}:{node.lineno}"
            top = module.partition(".")[0]
            scan = Scan(pattern, scanner.packages_only, exclude, at, through, top)
            found.append(scan)
    # The outermost call names the scan (pyexcel-io's __init__, not its load_plugins).
    return list({s.pattern: s for s in reversed(found)}.values())[::-1]


def _callee(
    refs: HostRefs, info: ModuleInfo, call: ast.Call, cache: dict[int, _Scanner | None], depth: int
) -> _Scanner | None:
    name = dotted(call.func)
    target = resolve_dotted(refs.index, info, name, refs.roots) if name else None
    if not isinstance(target, Resolved):
        return None
    fn = next(
        (
            n
            for n in target.module.tree.body
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
            and n.name == target.symbol.name
        ),
        None,
    )
    if fn is None:
        return None
    if id(fn) not in cache:
        cache[id(fn)] = None  # a recursion is no scanner
        cache[id(fn)] = _scanner(refs, target.module, fn, cache, depth)
    return cache[id(fn)]


def _scanner(
    refs: HostRefs, info: ModuleInfo, fn: Function, cache: dict[int, _Scanner | None], depth: int
) -> _Scanner | None:
    qualified = f"{_module_of(refs, info)}:{fn.name}"
    own = _direct(fn, qualified)
    if own is not None or depth >= 3:
        return own
    params = _parameters(fn)
    for call in (n for n in walked(fn) if isinstance(n, ast.Call)):
        inner = _callee(refs, info, call, cache, depth + 1)
        if inner is None or isinstance(inner.pattern, ast.expr):
            continue
        given = _argument(call, inner.pattern, refs, info)
        if isinstance(given, ast.Name) and given.id in params:
            handed = _argument(call, inner.exclude, refs, info) if inner.exclude else None
            exclude = handed.id if isinstance(handed, ast.Name) and handed.id in params else None
            return _Scanner(given.id, inner.packages_only, exclude, inner.qualified)
    return None


def _module_of(refs: HostRefs, info: ModuleInfo) -> str:
    if info.path in refs.names:
        return refs.names[info.path]
    for root in refs.roots:
        try:
            parts = info.path.with_suffix("").relative_to(root).parts
        except ValueError:
            continue
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    return info.path.stem


def _direct(fn: Function, qualified: str) -> _Scanner | None:
    """``fn`` iterates ``pkgutil.iter_modules()`` (the whole ``sys.path``) and keeps the names
    ``re.match`` accepts."""
    for node in walked(fn):
        loops: list[tuple[ast.expr, list[ast.AST]]] = []
        if isinstance(node, ast.comprehension):
            loops.append((node.target, [node.iter, *node.ifs]))
        elif isinstance(node, ast.For | ast.AsyncFor):
            loops.append((node.target, [node.iter, *node.body]))
        for target, parts in loops:
            if not _lists_path(parts[0]):
                continue
            matched = [c for p in parts[1:] for c in walked(p) if _is_match(c)]
            if not matched:
                continue
            assert isinstance(matched[0], ast.Call)
            pattern = matched[0].args[0]
            params = _parameters(fn)
            if isinstance(pattern, ast.Name) and pattern.id in params:
                spelled: str | ast.expr = pattern.id
            elif isinstance(pattern, ast.Constant) and isinstance(pattern.value, str):
                spelled = pattern
            else:
                continue
            packages = any(_is_package_test(target, c) for p in parts[1:] for c in walked(p))
            return _Scanner(spelled, packages, _skip_list(fn, params), qualified)
    return None


def _lists_path(node: ast.AST) -> bool:
    """``pkgutil.iter_modules()`` or ``iter_modules(None)``/``(sys.path)``: every folder."""
    if not isinstance(node, ast.Call) or not dotted(node.func).endswith("iter_modules"):
        return False
    arg = node.args[0] if node.args else None
    return (
        arg is None
        or (isinstance(arg, ast.Constant) and arg.value is None)
        or (dotted(arg) == "sys.path")
    )


def _is_match(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and dotted(node.func) in ("re.match", "match", "re.fullmatch", "fullmatch")
        and len(node.args) >= 2
    )


def _is_package_test(target: ast.expr, node: ast.AST) -> bool:
    """``info[2]``, ``info.ispkg`` or the third name of ``_, name, ispkg`` read as a test."""
    if isinstance(node, ast.Attribute) and node.attr == "ispkg":
        return True
    if (
        isinstance(node, ast.Subscript)
        and isinstance(target, ast.Name)
        and isinstance(node.value, ast.Name)
        and node.value.id == target.id
        and isinstance(node.slice, ast.Constant)
        and node.slice.value == 2
    ):
        return True
    if isinstance(target, ast.Tuple) and len(target.elts) == 3:
        third = target.elts[2]
        return isinstance(third, ast.Name) and isinstance(node, ast.Name) and node.id == third.id
    return False


def _skip_list(fn: Function, params: list[str]) -> str | None:
    """The parameter of ``if name in PARAM: continue``."""
    for node in walked(fn):
        if (
            isinstance(node, ast.If)
            and any(isinstance(s, ast.Continue) for s in node.body)
            and isinstance(node.test, ast.Compare)
            and isinstance(node.test.ops[0], ast.In)
            and isinstance(node.test.comparators[0], ast.Name)
            and node.test.comparators[0].id in params
        ):
            return node.test.comparators[0].id
    return None


def _parameters(fn: Function) -> list[str]:
    return [a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)]


def _argument(call: ast.Call, param: str, refs: HostRefs, info: ModuleInfo) -> ast.expr | None:
    """What ``call`` passes for ``param`` of the function it calls."""
    for keyword in call.keywords:
        if keyword.arg == param:
            return keyword.value
    name = dotted(call.func)
    target = resolve_dotted(refs.index, info, name, refs.roots) if name else None
    if not isinstance(target, Resolved):
        return None
    fn = next(
        (n for n in target.module.tree.body if getattr(n, "name", None) == target.symbol.name),
        None,
    )
    if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    index = positional.index(param) if param in positional else len(call.args)
    return call.args[index] if index < len(call.args) else None


def _string(tree: ast.Module, node: ast.expr | None) -> str | None:
    """A literal string, or a module-level constant bound to one."""
    value = _module_value(tree, node)
    return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None


def _strings(tree: ast.Module, module: str, node: ast.expr | None) -> tuple[str, ...] | None:
    """A literal list of names (``__name__`` is the module's own), or a constant bound to one;
    ``None`` when another value is there."""
    value = _module_value(tree, node)
    if not isinstance(value, ast.List | ast.Tuple | ast.Set):
        return None
    names = []
    for element in value.elts:
        if isinstance(element, ast.Constant) and isinstance(element.value, str):
            names.append(element.value)
        elif isinstance(element, ast.Name) and element.id == "__name__":
            names.append(module)
        else:
            return None
    return tuple(names)


def _module_value(tree: ast.Module, node: ast.expr | None) -> ast.expr | None:
    if not isinstance(node, ast.Name):
        return node
    bound = [
        s.value
        for s in tree.body
        if isinstance(s, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == node.id for t in s.targets)
    ]
    return bound[0] if len(bound) == 1 else None


def scan_contract(scan: Scan) -> str:
    """The contract of one scan, introduced by where the host runs it."""
    by = f" (through {scan.through})" if scan.through else ""
    table = ["pattern = " + toml_string(scan.pattern)]
    if scan.packages_only:
        table.append("packages-only = true")
    if scan.exclude:
        table.append(f"exclude = [{', '.join(toml_string(n) for n in scan.exclude)}]")
    lines = [
        "",
        f"# the host imports every top-level module of its path whose name matches the pattern:"
        f" {scan.where}{by}",
        f"[tool.plugcheck.contracts.{_key(scan.pattern)}]",
        'kind = "factory"',
        f"module-name-pattern = {{ {', '.join(table)} }}",
    ]
    if scan.exclude is None:
        lines.append(
            "# TODO: exclude = [...]  # the names the host skips: init could not read its list"
        )
    if scan.package:
        lines.append(
            f"host-packages = [{toml_string(scan.package)}]  # names plugins import from the"
            " host must exist in the installed one"
        )
    return "\n".join(lines) + "\n"


def _key(pattern: str) -> str:
    words = "".join(c if c.isalnum() or c == "_" else " " for c in pattern).split()
    return (words[0].strip("_").replace("_", "-") if words else "") or "scanned"
