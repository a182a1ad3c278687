"""What a plugin takes from its host's own packages must exist in the installed host (PC53x).

Real ecosystems break this way more than any other: a host release drops a name
(``mkdocs.utils.warning_filter``, ``Sphinx.add_javascript``) and every plugin that still uses
it fails at import or at ``setup(app)``. Names are looked up in the target environment's host
sources, never imported.
"""

from __future__ import annotations

import ast
import enum
import types
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from plugcheck import config as _config
from plugcheck.model import (
    Contract,
    Finding,
    Location,
    Plugin,
    Severity,
)
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.callers import uncalled
from plugcheck.rules.deferred_imports import Deferred
from plugcheck.rules.host_packages import host_package_set as host_package_set  # the rules'
from plugcheck.rules.host_packages import host_packages as host_packages  # the rules' import
from plugcheck.rules.host_uses import How, Use, host_uses
from plugcheck.rules.import_edges import Kind, import_targets, package_of, target_of
from plugcheck.rules.may_run import Guarded, later_import, never_runs
from plugcheck.rules.own_imports import closure, import_walk
from plugcheck.rules.raising import raises_on_import
from plugcheck.rules.setup_spec import setup_contract
from plugcheck.static.bindings import target_of as env_target
from plugcheck.static.index import External, ModuleIndex, module_file
from plugcheck.static.module_getattr import answered_names, replaces_itself
from plugcheck.static.parse import ModuleInfo, Symbol, SymbolKind
from plugcheck.static.resolve import string_value

PC530 = rule(
    "PC530",
    "missing-host-name",
    Severity.ERROR,
    "The plugin imports or uses a name of the host's packages that the installed host lacks.",
    explains=("PC401",),  # a name missing from the installed host is why the import fails
    overruled_by="import",  # only a finding about the import (``step``): not a later call
)


def _validate_packages(raw: Any) -> str | None:
    if not isinstance(raw, list) or not all(
        isinstance(p, str) and _config._DOTTED.match(p) for p in raw
    ):
        return 'must be a list of top-level package names, e.g. ["sphinx"]'
    return None


def with_own_root(contract: Contract) -> Contract:
    """``contract`` with its own directory at the end of its search path when that directory
    holds one of its host packages (a flat layout: ``myhost/`` beside pyproject.toml), as the
    host has it on ``sys.path`` when it runs from there. Only that directory: never the one
    plugcheck was started in."""
    root = contract.root
    if any(p.resolve() == root.resolve() for p in contract.search_path):
        return contract
    if not any(
        (root / top / "__init__.py").is_file() or (root / f"{top}.py").is_file()
        for top in host_packages(contract)
    ):
        return contract
    return replace(contract, search_path=(*contract.search_path, root))


class Lookup(enum.Enum):
    FOUND = "found"
    MISSING = "missing"
    UNKNOWN = "unknown"


_MODULE_ATTRIBUTES = frozenset(dir(types.ModuleType)) | {
    "__builtins__",
    "__cached__",
    "__dict__",
    "__doc__",
    "__file__",
    "__loader__",
    "__name__",
    "__package__",
    "__spec__",
}
"""Attributes every imported module has, whatever its source binds (a package also has
``__path__``)."""


def lookup(
    index: ModuleIndex,
    module: ModuleInfo,
    name: str,
    roots: Sequence[Path],
    *,
    attribute: bool = False,
) -> tuple[Lookup, ModuleInfo | None]:
    """Whether ``module`` provides ``name``; the module ``name`` is, when it is one.

    ``attribute``: ``name`` is read as an attribute of the package (``pkg.name``, the last name
    of ``from pkg import name``), so what the package's ``__init__`` binds to ``name`` wins over
    a submodule file of that name, as in Python (Pelican's ``from pelican import signals`` is
    ``pelican.plugins.signals``, bound in ``pelican/__init__.py``; the file ``pelican/signals.py``
    only raises). Otherwise (``import pkg.name``, ``from pkg.name import x``) the file wins.
    The attributes the import system gives every module (``pkg.__file__``) are always there."""
    if attribute and (
        name in _MODULE_ATTRIBUTES or (name == "__path__" and module.path.name == "__init__.py")
    ):
        return Lookup.FOUND, None
    if not (attribute and name in module.symbols):
        submodule = _submodule(index, module, name)
        if submodule is not None:
            return Lookup.FOUND, submodule
        if module.path.name == "__init__.py" and (module.path.parent / name).is_dir():
            return Lookup.FOUND, None  # a namespace subpackage (pelican.plugins): a folder
    # A module-level __getattr__ (PEP 562) answers attribute reads only: `import pkg.sub` and
    # `from pkg.sub.x import Y` look for a file under pkg's __path__ (IPython 9 defines one;
    # `from IPython.config.configurable import Configurable` still fails).
    # One that answers only names its body lists (Flask's: "__version__", then AttributeError)
    # leaves every other name to the module's own bindings.
    if "__getattr__" in module.symbols and attribute:
        answered = answered_names(module)
        if answered is None:
            return Lookup.UNKNOWN, None
        if name in answered:
            return Lookup.FOUND, None
    if module.all_dynamic:
        return Lookup.UNKNOWN, None
    if module.writes_globals and attribute:  # bandit.core.constants: globals()[rank] = rank
        return Lookup.UNKNOWN, None
    found = index.resolve(module, name, roots)
    if found is None:
        if _has_extension(module.path.parent, name):
            return Lookup.UNKNOWN, None
        if attribute and replaces_itself(index, module, roots):
            return Lookup.UNKNOWN, None  # a lazy module object answers in its place
        return Lookup.MISSING, None
    if isinstance(found, External):
        # `from pkg.ns import sub` where pkg.ns is a namespace package (no __init__.py).
        path = index.find_module(f"{found.module}.{found.name}", roots) if found.name else None
        return (Lookup.FOUND, index.info(path)) if path else (Lookup.UNKNOWN, None)
    symbol = found.symbol
    if symbol.kind is SymbolKind.IMPORT and symbol.import_name is None:
        path = index.find_module(symbol.import_module or "", roots)
        return Lookup.FOUND, index.info(path) if path else None
    if symbol.kind is SymbolKind.IMPORT:  # `from pkg import sub`, sub a submodule of pkg
        return Lookup.FOUND, _imported_submodule(index, found.module, symbol, roots)
    return Lookup.FOUND, None


def _imported_submodule(
    index: ModuleIndex, module: ModuleInfo, symbol: Symbol, roots: Sequence[Path]
) -> ModuleInfo | None:
    source = symbol.import_module or ""
    if symbol.import_level:
        base = module.path.parent
        for _ in range(symbol.import_level - 1):
            base = base.parent
        parts = [*source.split("."), str(symbol.import_name)] if source else [symbol.import_name]
        path = module_file(base.joinpath(*map(str, parts)))
    else:
        path = index.find_module(f"{source}.{symbol.import_name}", roots)
    return index.info(path) if path else None


def _submodule(index: ModuleIndex, package: ModuleInfo, name: str) -> ModuleInfo | None:
    if package.path.name != "__init__.py":
        return None
    base = package.path.parent / name
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return index.info(candidate)
    return None


def _has_extension(directory: Path, name: str) -> bool:
    return any(directory.glob(f"{name}.*.so")) or any(directory.glob(f"{name}.*.pyd"))


@plugin_check(PC530)
def missing_host_names(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    packages = host_package_set(ctx.contract)
    if not packages:
        return
    # A plugin inside a host package (lib.contrib.x.plugin) is judged with its whole package.
    inside = plugin.module.split(".")[0] in packages and plugin.entry_point is None
    roots = ctx.roots(plugin) if inside else ctx.api_roots()
    own = {ctx.index.real(p) for p in plugin.files}
    # Each missing name once, and once more where the real import does not withdraw it (a use
    # in a function, a module only a function imports) outside the module of the one it
    # withdraws, which must not stand for that one.
    reported: set[tuple[tuple[str, ...], bool | Path]] = set()
    # Files of the plugin that only the setup function the host calls imports (pdm-dockerize's
    # plugin() imports .commands, which imports .entrypoint): their names fail that call.
    called = {} if inside else _called_only(ctx, plugin)
    unsure: dict[tuple[str, ...], Finding] = {}
    env = ctx.env
    target = env_target(env)
    for path in plugin.files:
        info = ctx.index.info(path)
        if info is None:
            continue

        def fold(expr: ast.expr, info: ModuleInfo = info) -> str | None:
            return string_value(ctx.index, info, expr, ctx.roots(plugin))

        for use in host_uses(info, packages, target=target, fold=fold):
            found = _missing(ctx.index, use.parts, roots, own, use.how)
            if found is None or _caught(use, found) or not _reached(ctx.index, use, roots, own):
                continue
            if never_runs(ctx, plugin, path):
                break  # a test module, a module only a dead branch imports: never run
            only = called.get(ctx.index.real(path))
            import_error = use.how is not How.ATTRIBUTE and found[1] is None
            later = (
                None
                if only or use.function
                else later_import(ctx, plugin, path, import_error=import_error)
            )
            name = use.parts[: found[0] + 1]
            dead = uncalled(ctx, plugin, info, use.line) if use.function else None
            if dead is not None or (later is not None and later.uncalled):
                made = _finding(plugin, info, use, found, uncalled_by=dead, later=later)
                unsure.setdefault(name, made)
                continue
            withdrawn = not (only or use.function or later)
            if (name, withdrawn) in reported or (name, path) in reported:
                continue
            reported.update([(name, withdrawn), (name, path)] if withdrawn else [(name, False)])
            yield _finding(
                plugin,
                info,
                use,
                found,
                imported_by=only[0] if only else None,
                step=only[1] if only else None,
                later=later,
                fallback_for=_failed(ctx.index, use, roots, own),
            )
    # A use that only a function nothing calls runs, as a warning, unless an error above that
    # no import withdraws predicts the same failure.
    for name, finding in unsure.items():
        if (name, False) not in reported:
            yield finding
    if inside:
        return
    # The modules of its own package that importing the plugin imports too (a mypy plugin
    # `lib.contrib.mypy.plugin` importing `lib.contrib.mypy.features`): what they take from the
    # host at import time fails the host's import of the plugin just the same.
    for info, via, step in imported_with(ctx, plugin):
        for use in host_uses(info, packages, target=target):
            if use.function is not None:
                continue
            found = _missing(ctx.index, use.parts, roots, own, use.how)
            if found is None or _caught(use, found):
                continue
            if (use.parts[: found[0] + 1], step is None) in reported:
                continue
            if not _reached(ctx.index, use, roots, own):
                continue
            reported.add((use.parts[: found[0] + 1], step is None))
            failed = _failed(ctx.index, use, roots, own)
            yield _finding(
                plugin, info, use, found, imported_by=via, step=step, fallback_for=failed
            )


def imported_with(ctx: Context, plugin: Plugin) -> Iterator[tuple[ModuleInfo, str, str | None]]:
    """The modules of the plugin's own top-level package, outside its files, that importing the
    plugin surely imports: its parent packages, and what unguarded module-level imports reach
    from there (not imports in functions, ``if`` branches or import-guarding ``try`` bodies);
    then those the unguarded imports at the top of the setup function the host calls on every
    load reach (pdm's ``plugin.load()(core)``: ``def plugin(core): from .commands import
    ...``). Each with what imports it, for the message."""
    if plugin.module_path is None or plugin.import_root is None:
        return
    # In the order Python imports them, so the first missing name reported is the one the
    # host's import fails on.
    walk = import_walk(ctx, plugin)
    for reached in walk.reached:
        info = ctx.index.info(reached.path)
        if reached.kind is Kind.SURE and not reached.own and info is not None and info.tree:
            yield info, f"importing {plugin.module}", None
    called = _called_imports(ctx, plugin)
    if called is not None:
        seen = walk.modules()
        function, targets = called
        via = f"calling {function}(), as the host does on every load,"
        for _, info in closure(ctx, plugin, targets[::-1], seen):
            yield info, via, f"{function}()"


def _called_only(ctx: Context, plugin: Plugin) -> dict[Path, tuple[str, str]]:
    """The plugin's own files that only the setup function's imports reach (not its module's
    import), each with the message's words and the step it fails."""
    called = _called_imports(ctx, plugin)
    if called is None or plugin.module_path is None or plugin.import_root is None:
        return {}
    seen = import_walk(ctx, plugin).modules()
    function, targets = called
    via = f"calling {function}(), as the host does on every load,"
    return {
        ctx.index.real(info.path): (via, f"{function}()")
        for _, info in closure(ctx, plugin, targets[::-1], seen, own_too=True)
    }


def _called_imports(ctx: Context, plugin: Plugin) -> tuple[str, list[tuple[str, Path]]] | None:
    """The setup function the host calls (the contract's ``setup-function``), a module-level
    ``def`` of the plugin's module, and the modules its unguarded top-level imports name."""
    setup = setup_contract(ctx.contract)
    function = setup.function_of(plugin) if setup else None
    info = ctx.index.info(plugin.module_path) if plugin.module_path else None
    if not function or info is None or info.tree is None:
        return None
    node = next(
        (
            n
            for n in info.tree.body
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == function
        ),
        None,
    )
    if node is None:
        return None
    package = package_of(plugin.module, info.path)
    roots = ctx.roots(plugin)
    found = [
        (t, f)
        for t in import_targets(node.body, package, target_of(ctx))
        if (f := ctx.index.find_module(t, roots))
    ]
    return function, found


def _caught(use: Use, found: tuple[int, str | None]) -> bool:
    """A ``from m import name`` guarded only by ModuleNotFoundError handlers fails uncaught
    when ``m`` lacks ``name`` (ImportError); anything else missing, they catch."""
    return use.module_guarded and found != (len(use.parts) - 1, None)


def _missing(
    index: ModuleIndex,
    parts: tuple[str, ...],
    roots: Sequence[Path],
    own: set[Path],
    how: How = How.ATTRIBUTE,
) -> tuple[int, str | None] | None:
    """The index of the first part the installed host lacks, or ``None``; with the statement
    that always raises when that part is a module whose import always fails (a module left
    in the host only to raise: ``raise ImportError("pkg.old is gone, use pkg.new")``)."""
    start = 1
    path = index.find_module(parts[0], roots)
    while path is None and start < len(parts):
        # A namespace package (no __init__.py, perhaps spread over several roots): its
        # submodules are files and folders, a missing one is missing everywhere.
        folders = [r.joinpath(*parts[:start]) for r in roots]
        if not any(index.is_dir(f) for f in folders):
            return None if start == 1 else (start - 1, None)
        start += 1
        path = index.find_module(".".join(parts[:start]), roots)
        name = parts[start - 1]
        present = [f for f in folders if index.is_dir(f)]
        if any(_has_extension(f, name) for f in present):
            return None
        if path is None and not any(index.is_dir(f / name) for f in present):
            return start - 1, None
    current = index.info(path) if path else None
    if current is None or index.real(current.path) in own:
        return None  # the host is not installed as source here, or the plugin ships the name
    for i, part in enumerate(parts[start:], start=start):
        # Each name but the last of an import is a module file; the others are attributes.
        attribute = how is How.ATTRIBUTE or (how is How.FROM and i == len(parts) - 1)
        state, sub = lookup(index, current, part, roots, attribute=attribute)
        if state is Lookup.MISSING:
            return i, None
        if state is Lookup.UNKNOWN or sub is None:
            return None  # an object, not a module: its attributes are the type checker's
        if (raised := raises_on_import(sub)) is not None:
            return i, raised
        current = sub
    return None


def _reached(index: ModuleIndex, use: Use, roots: Sequence[Path], own: set[Path]) -> bool:
    """Whether ``use`` runs: an ``except ImportError:`` fallback runs where an import it stands
    in for is missing from the installed host (the try body then surely fails)."""
    return not use.after or bool(_failed(index, use, roots, own))


def _failed(index: ModuleIndex, use: Use, roots: Sequence[Path], own: set[Path]) -> list[str]:
    """The imports ``use`` is the fallback for that the installed host lacks."""
    return [".".join(u.parts) for u in use.after if _missing(index, u.parts, roots, own, u.how)]


def _finding(
    plugin: Plugin,
    info: ModuleInfo,
    use: Use,
    found: tuple[int, str | None],
    *,
    imported_by: str | None = None,
    step: str | None = None,
    later: Deferred | Guarded | None = None,
    uncalled_by: str | None = None,
    fallback_for: Sequence[str] = (),
) -> Finding:
    """``imported_by``: the plugin module whose import imports ``info``'s module (a module of
    the plugin's own package, outside its files); ``later``: how a function of the plugin
    imports that module, which importing the plugin does not; ``uncalled_by``: the function
    around the use, which nothing can be shown to call (the finding is a warning)."""
    missing, raised = found
    owner = ".".join(use.parts[:missing])
    name = use.parts[missing]
    last = missing == len(use.parts) - 1
    # The subject is what the import error names (see dynamic._subject): the module Python
    # cannot find, or the module a `from ... import name` cannot take the name from.
    subject: str | None = None
    if use.how is How.IMPORT or (use.how is How.FROM and not last):
        error = "ModuleNotFoundError"
        subject = ".".join(use.parts[: missing + 1])
    elif use.how is How.FROM:
        error = "ImportError"
        subject = owner
    else:
        error = "AttributeError"
        subject = f"{owner}.{name}"  # `module 'owner' has no attribute 'name'`
    when = f"when {use.function}() runs" if use.function else "when the host imports the plugin"
    if step and step != "import":
        when = "when the host calls it"
    if imported_by is not None:
        when += f" ({imported_by} imports this module)"
    if later is not None:
        when, step = later.words(), later.step
    if uncalled_by is not None:
        when = (
            f"if anything calls {uncalled_by}() (nothing in the plugin, its contract or the "
            "host's packages does)"
        )
    if fallback_for:
        when += f" (the fallback for {' and '.join(fallback_for)}, which it lacks too)"
    where = Location(info.path, use.line, use.col)
    step = step or (f"{use.function}()" if use.function else "import")
    uncalled = uncalled_by is not None or (later is not None and later.uncalled)
    severity = Severity.WARNING if uncalled else None
    if raised is not None:
        module = ".".join(use.parts[: missing + 1])
        return PC530.at(
            plugin,
            where,
            f"the installed {module} only raises when imported ({raised}); the plugin fails {when}",
            fix=f"use the host's replacement for {module} (its error message names it), or "
            "guard the import for older host versions",
            subject=module,
            step=step,
            severity=severity,
        )
    return PC530.at(
        plugin,
        where,
        f"the installed {owner} has no {name!r}; the plugin fails with {error} {when}",
        fix=f"use the host's replacement for {owner}.{name} (see the host's changelog), or "
        "guard the use for older host versions",
        subject=subject,
        step=step,
        severity=severity,
    )


FIELDS = {
    "host-packages": _config.Field(
        _validate_packages,
        {"type": "array", "items": {"type": "string"}},
        "The host's top-level packages, when the kind does not name them (PC530).",
    ),
}
"""Contract keys of the host-name rule (any Python kind)."""
