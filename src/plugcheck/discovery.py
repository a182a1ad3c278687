"""Find the plugins of a contract: directories, installed entry points, explicit paths.

Nothing here imports plugin code.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

from plugcheck import module_scan, projectmeta, source_tree
from plugcheck._query import EntryPointFacts
from plugcheck.config import parse_toml
from plugcheck.entry_values import as_dotted_path, dotted_value
from plugcheck.entry_values import module_file_under as _module_file
from plugcheck.environment import Environment
from plugcheck.model import Contract, EntryPoint, Origin, Plugin, Project
from plugcheck.namespace_folders import METADATA_DIRS, installed_into, namespace
from plugcheck.untrusted import RealPaths, read_source


class DiscoveryError(Exception):
    """A path given on the command line is not a plugin (usage error)."""


_SKIP_DIRS = {
    "__pycache__",
    "tests",
    "test",
    "Tests",
    "Test",
    "docs",
    "doc",
    "build",
    "dist",
    "examples",
    "benchmarks",
    "node_modules",
    "venv",
}
"""Folders no host imports plugin code from. A capitalised test folder is one too (Cython's
``Tests/``); a capitalised ``Build/`` is not build output (Cython's ``Cython.Build``)."""
_SKIP_FILES = {"setup.py", "conftest.py", "noxfile.py", "fabfile.py"}


def discover(contract: Contract, env: Environment) -> list[Plugin]:
    """Every plugin of ``contract``: its ``paths`` globs, then its entry-point group."""
    plugins: list[Plugin] = []
    seen: set[Path] = set()
    roots = import_roots(contract, env.sys_path)  # once, not once per plugin
    real = RealPaths()
    for pattern in contract.paths:
        matches = sorted(glob.glob(str(contract.root / pattern), recursive=True))
        for match in matches:
            if not os.path.exists(match) and not _module_name(match, env.extension_suffixes):
                continue  # a dangling symlink or a symlink loop: nothing the host can import
            # Overlapping globs (`plugins/*` and `plugins/greeter`) find one plugin once.
            if real(match) in seen:
                continue
            found = plugins_at(
                Path(match), contract, Origin.PATH, env.sys_path, env.extension_suffixes
            ) or _folder(Path(match), pattern, contract)
            for plugin in found:
                if namespace(plugin, pattern, env.extension_suffixes):
                    plugin = replace(plugin, namespace_package=True)
                plugin = dotted(plugin, contract, env.sys_path, roots, real)
                plugin = contained(plugin, contract, roots, real)
                plugins.append(plugin)
                seen.add(real(plugin.root))
                if plugin.module_path is not None:
                    seen.add(real(plugin.module_path))
    # Top-level modules of the host's path named as the contract's pattern says (lml).
    scan = module_scan.name_pattern(contract.options.get("module-name-pattern"))
    path = (*contract.search_path, *env.sys_path)
    for listed in module_scan.matching(scan, path, env.extension_suffixes) if scan else ():
        scanned = plugin_at(listed.path, contract, Origin.PATH, env.extension_suffixes)
        if scanned is not None and real(listed.path) not in seen:  # a glob may list it too
            plugins.append(contained(scanned, contract, roots, real))
            seen.add(real(scanned.root))
    if contract.entry_point_group:
        for raw in sorted(
            selected_entry_points(env, contract), key=lambda e: (e["name"], e["value"])
        ):
            plugin = contained(from_entry_point(raw, contract), contract, roots, real)
            # An editable install of a plugin already found by path is the same plugin.
            same = (
                {plugin.root.resolve(), plugin.module_path.resolve()} if plugin.module_path else ()
            )
            if plugin.module_path is None or not seen.intersection(same):
                plugins.append(plugin)
    return plugins


def _folder(path: Path, pattern: str, contract: Contract) -> list[Plugin]:
    """A folder the glob lists with no ``__init__.py`` and no ``.py`` file at its top: data,
    a README, a stray cache, a compiled module only, or a grouping folder of packages
    (``plugins/group/a/__init__.py``). The host still imports it by name (:func:`namespace`).
    Before, discovery skipped it and the run could pass. Not under ``**``, which lists every
    folder of every plugin too, nor a folder no host imports (hidden, ``__pycache__``,
    ``tests``, metadata)."""
    name = path.name
    if "**" in pattern or name.startswith(".") or name in _SKIP_DIRS:
        return []
    if name.endswith(METADATA_DIRS) or not path.is_dir() or _is_project(path):
        return []
    return [_package(path, name, contract, Origin.PATH, name=name)]


def covers_name(contract: Contract, name: str) -> bool:
    """Whether the contract covers an entry point of this name (``entry-point-names``)."""
    names = contract.options.get("entry-point-names")
    return names is None or name in names


def selected_entry_points(env: Environment, contract: Contract) -> list[EntryPointFacts]:
    if not contract.group_pattern:
        group = contract.entry_point_group or ""
        return [raw for raw in env.entry_points_for(group) if covers_name(contract, raw["name"])]
    return [
        raw
        for raw in env.entry_points
        if contract.in_group(raw["group"]) and covers_name(contract, raw["name"])
    ]


def explicit(
    paths: Iterable[Path],
    contract: Contract,
    sys_path: Sequence[Path] = (),
    suffixes: Sequence[str] = (),
) -> list[Plugin]:
    plugins: list[Plugin] = []
    for path in paths:
        if not path.exists():
            raise DiscoveryError(f"{path}: no such file or directory")
        found = plugins_at(path, contract, Origin.EXPLICIT, sys_path, suffixes)
        if not found:
            raise DiscoveryError(
                f"{path}: not a plugin (expected a .py module, a package directory, "
                "or a project directory with pyproject.toml, setup.cfg or setup.py)"
            )
        plugins.extend(contained(p, contract, import_roots(contract, sys_path)) for p in found)
    return plugins


def import_roots(contract: Contract, sys_path: Sequence[Path]) -> list[Path]:
    return [r.resolve() for r in (*contract.search_path, *sys_path)]


def contained(
    plugin: Plugin, contract: Contract, roots: Sequence[Path], real: RealPaths | None = None
) -> Plugin:
    """``plugin`` without the source files whose real path leaves the tree plugcheck checks:
    the project and the contract's search path; for an installed plugin also the target's
    ``sys.path`` (``roots``); for one found by a ``paths`` glob or named on the command line
    the directory it was found or named in (``paths = ["../sibling/*"]`` is the project's
    choice). A hostile repository's ``plugins/leak.py -> ~/.aws/credentials`` would otherwise
    be read by the static pass and mypy and imported by the harness, and its text would reach
    findings. Those files go to ``outside`` (PC427, after which the harness does not run the
    plugin)."""
    real = real or RealPaths()
    allowed = [real(contract.root), *(real(r) for r in contract.search_path)]
    if plugin.origin is Origin.ENTRY_POINT:
        allowed.extend(roots)
    else:
        allowed.append(real(plugin.root.absolute().parent))
    tops = {str(a) for a in allowed}
    below = tuple(os.path.join(top, "") for top in tops)
    outside = []
    project = plugin.project.source if plugin.project else None
    for path in dict.fromkeys((*plugin.files, plugin.module_path, project)):
        if path is None:
            continue
        found = real.text(path)
        if found not in tops and not found.startswith(below):
            outside.append((path, Path(found)))
    if not outside:
        return plugin
    links = {path for path, _ in outside}
    return replace(
        plugin,
        files=tuple(f for f in plugin.files if f not in links),
        module_path=None if plugin.module_path in links else plugin.module_path,
        # No check reads it again, and no fix writes it (red team sand21: `--fix` added a
        # dependency to the file a plugin's pyproject.toml linked to, outside the host's tree).
        project=replace(plugin.project, source=None)
        if plugin.project and project in links
        else plugin.project,
        outside=tuple(outside),
    )


def dotted(
    plugin: Plugin,
    contract: Contract,
    sys_path: Sequence[Path],
    roots: Sequence[Path] | None = None,
    real: RealPaths | None = None,
) -> Plugin:
    """``plugin`` under the dotted name the host imports it by, when it lives inside a package.

    A plugin in a folder of a package (``host/plugins/<name>``, ``lib/contrib/x/plugin.py``) is
    ``host.plugins.<name>`` to the host: its relative imports reach the package, and the folder is
    never on ``sys.path`` (its other modules would shadow the standard library). The package is
    the contract's ``namespace``, or found from the import roots (the contract's ``search-path``,
    then the target's ``sys.path``) when the outermost folder below the root is a regular package.
    A folder not named after the contract's ``namespace`` joins that package's ``__path__``
    (``Plugin.package_dir``), as beets' ``pluginpath`` folders join ``beetsplug``.
    """
    if plugin.entry_point is not None or plugin.project is not None:
        return plugin
    where = (real or RealPaths())(plugin.root)
    stem = where.stem if where.suffix == ".py" else where.name
    namespace = contract.options.get("namespace")
    if isinstance(namespace, str):
        parts = namespace.split(".")
        base = where.parent
        if tuple(base.parts[-len(parts) :]) == tuple(parts):
            root = base.parents[len(parts) - 1]
            return replace(plugin, module=f"{namespace}.{stem}", import_root=root)
        if not stem.isidentifier():
            return plugin
        # A folder not named after the package (beets' `pluginpath`): the host adds it to the
        # package's `__path__` and imports `<namespace>.<stem>`; it is never first on
        # `sys.path` (beets appends it, after the standard library: rules/base.py `roots`).
        return replace(
            plugin,
            module=f"{namespace}.{stem}",
            import_root=None,
            package_dir=plugin.root.absolute().parent,
        )
    depth = len(where.parts)
    for root in import_roots(contract, sys_path) if roots is None else roots:
        # Below the root, in a folder of it: `where.parents` holds it, `where.parent` is not it.
        if not depth > len(root.parts) + 1 or where.parts[: len(root.parts)] != root.parts:
            continue
        folders = where.parent.relative_to(root).parts
        # The outermost folder must be a regular package: under a plain folder (`plugins/pkg/`)
        # the host imports `pkg`, never `plugins.pkg`, and `pkg`'s own imports say so. In an
        # installation folder of the target (site-packages: it holds distributions' metadata)
        # a plain folder is a namespace package, the only way in: `sphinxcontrib.mermaid`.
        packaged = (root / folders[0] / "__init__.py").is_file() or installed_into(root, sys_path)
        if packaged and all(f.isidentifier() for f in (*folders, stem)):
            return replace(plugin, module=".".join((*folders, stem)), import_root=root)
    return plugin


def plugins_at(
    path: Path,
    contract: Contract,
    origin: Origin,
    sys_path: Sequence[Path] = (),
    suffixes: Sequence[str] = (),
) -> list[Plugin]:
    """The plugins at ``path``: a project directory registering several entry points in the
    contract's group is one plugin per entry point (the host loads each); else what
    :func:`plugin_at` finds. A project's dynamic entry points are read from its installed
    metadata on ``sys_path``; ``suffixes`` are the target's extension-module suffixes."""
    if path.is_dir() and _is_project(path):
        return _project_plugins(path, contract, origin, sys_path)
    plugin = plugin_at(path, contract, origin, suffixes)
    return [] if plugin is None else [plugin]


def _is_project(path: Path) -> bool:
    name = path.name
    if name.startswith(".") or name in _SKIP_DIRS:
        return False
    return (path / "pyproject.toml").is_file() or projectmeta.read(path) is not None


def plugin_at(
    path: Path, contract: Contract, origin: Origin, suffixes: Sequence[str] = ()
) -> Plugin | None:
    """The plugin at ``path``, or ``None`` when it holds no Python code."""
    name = path.name
    if name.startswith(".") or name in _SKIP_DIRS or name in _SKIP_FILES:
        return None
    if origin is Origin.EXPLICIT and name == "__init__.py" and path.is_file():
        # A package's `__init__.py` (what an editor names) is the package: the host imports
        # `pkg`, never `pkg.__init__` (before: a second module object, and false errors).
        return plugin_at(path.parent, contract, origin, suffixes)
    # A FIFO, a device or a socket named like a module (or a link to one) is the host's import
    # of it, which blocks or never ends: a plugin whose file cannot be read (PC001), not none.
    # So is a dangling link or a link loop named like one: the host lists the name and its
    # import fails (before, discovery skipped it and the run said "All checks passed").
    named = _module_name(str(path), suffixes) and (path.exists() or path.is_symlink())
    if path.is_file() or (named and not path.is_dir()):
        if path.suffix == ".py":
            module: str | None = path.stem
        elif path.is_file():
            module = source_tree.compiled_module(path, suffixes)
        else:  # a FIFO named x.so: its name says what the host imports (opening it blocks)
            module = source_tree.compiled_name(path.name, suffixes)
        if module is None:
            return None
        import_root = path.parent
        if origin is Origin.EXPLICIT:
            # A module inside a package (`sphinx_tabs/tabs.py`) is imported, and named, by its
            # dotted name: two paths ending in `main.py` are two plugins.
            module, import_root = _dotted(module, import_root)
        return Plugin(
            name=module,
            contract=contract.name,
            origin=origin,
            root=path,
            module=module,
            module_path=path,
            import_root=import_root,
            files=(path,),
        )
    if not path.is_dir():
        return None
    if _is_project(path):
        return _project_plugins(path, contract, origin)[0]
    if (path / "__init__.py").is_file() or any(path.glob("*.py")):
        if origin is Origin.EXPLICIT and (path / "__init__.py").is_file():
            module, above = _dotted(path.name, path.parent)
            return _package(path, module, contract, origin, name=module, import_root=above)
        return _package(path, path.name, contract, origin, name=path.name)
    return None


def _module_name(path: str, suffixes: Sequence[str]) -> bool:
    """Whether a file named like ``path`` is a module the host imports: a ``.py``, an
    extension module or a ``.pyc`` (:func:`source_tree.compiled_name`)."""
    name = os.path.basename(path)
    return name.endswith(".py") or source_tree.compiled_name(name, suffixes) is not None


def _dotted(module: str, directory: Path) -> tuple[str, Path]:
    """``module`` in ``directory`` as its full dotted name, and the import root above the
    packages that hold it."""
    directory = directory.absolute()
    while (directory / "__init__.py").is_file():
        module, directory = f"{directory.name}.{module}", directory.parent
    return module, directory


def _package(
    package: Path,
    module: str,
    contract: Contract,
    origin: Origin,
    *,
    name: str,
    project: Project | None = None,
    root: Path | None = None,
    entry_point: EntryPoint | None = None,
    import_root: Path | None = None,
) -> Plugin:
    init = package / "__init__.py"
    files, cut_off = _tree(package)
    return Plugin(
        name=name,
        contract=contract.name,
        origin=origin,
        root=root or package,
        module=module,
        module_path=init if init.is_file() else None,
        import_root=import_root or package.parent.absolute(),
        files=files,
        project=project,
        entry_point=entry_point,
        cut_off=cut_off,
    )


def python_files(directory: Path) -> list[Path]:
    """The ``.py`` files under ``directory``, skipping caches, hidden and test directories."""
    return source_tree.walk(directory, _SKIP_DIRS)[0]


def _tree(directory: Path) -> tuple[tuple[Path, ...], tuple[tuple[Path, str], ...]]:
    """The ``.py`` files under ``directory`` and the folders plugcheck did not walk (PC001)."""
    files, cut = source_tree.walk(directory, _SKIP_DIRS)
    return tuple(files), tuple(cut)


def project_table(data: dict[str, Any]) -> dict[str, Any]:
    """``data["project"]`` when it is a table (a hostile or broken pyproject may set anything)."""
    table = data.get("project")
    return table if isinstance(table, dict) else {}


def read_project(pyproject: Path) -> tuple[Project | None, dict[str, Any]]:
    """The ``[project]`` table of ``pyproject`` and the whole document (empty when unreadable)."""
    try:
        text = read_source(pyproject).decode("utf-8")
        data = parse_toml(text)
    except (OSError, ValueError):  # UnicodeDecodeError and TOMLDecodeError too
        return None, {}
    table = data.get("project")
    if not isinstance(table, dict) or not isinstance(table.get("name"), str):
        return None, data
    deps = table.get("dependencies", [])
    dynamic = table.get("dynamic", [])
    return (
        Project(
            name=table["name"],
            version=table.get("version") if isinstance(table.get("version"), str) else None,
            requires=tuple(d for d in deps if isinstance(d, str)) if isinstance(deps, list) else (),
            dynamic=tuple(d for d in dynamic if isinstance(d, str))
            if isinstance(dynamic, list)
            else (),
            source=pyproject,
            name_line=_line_of(text, r"^\s*name\s*="),
        ),
        data,
    )


def _line_of(text: str, pattern: str) -> int:
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _project_plugins(
    path: Path, contract: Contract, origin: Origin, sys_path: Sequence[Path] = ()
) -> list[Plugin]:
    """One plugin per entry point the project registers in the contract's group (at least
    one: the project's own module)."""
    meta = projectmeta.read(path)
    if meta is None:  # a pyproject.toml without a [project] name
        return [_project_plugin(path, contract, origin, None, None)]
    if meta.unread and sys_path:
        meta, _ = projectmeta.with_installed(meta, sys_path)
    # "dependencies" is dynamic for the rules exactly when no file nor metadata states them.
    dynamic = [d for d in meta.dynamic if d != "dependencies"]
    if meta.requires.value is None:
        dynamic.append("dependencies")
    project = Project(
        name=meta.name,
        version=meta.version,
        requires=tuple(meta.requires.value or ()),
        dynamic=tuple(dynamic),
        source=meta.requires.source or meta.source,
        name_line=meta.name_line,
    )
    found: list[EntryPoint | None] = [
        EntryPoint(
            name, group, dotted_value(value, contract), meta.name, meta.entry_points.source, line
        )
        for group, declared in (meta.entry_points.value or {}).items()
        if contract.in_group(group)
        for name, (value, line) in declared.items()
        if covers_name(contract, name)
    ]
    return [
        _project_plugin(path, contract, origin, project, entry_point)
        for entry_point in found or [None]
    ]


def _project_plugin(
    path: Path,
    contract: Contract,
    origin: Origin,
    project: Project | None,
    entry_point: EntryPoint | None,
) -> Plugin:
    name = project.name if project else path.name
    module = entry_point.module if entry_point else None
    candidates = top_level_modules(path)
    if module is None:
        wanted = canonicalize_name(name).replace("-", "_")
        exact = [c for c in candidates if c[0] == wanted]
        module = exact[0][0] if exact else (candidates[0][0] if len(candidates) == 1 else None)
    top = module.partition(".")[0] if module else None
    location = next((loc for mod, loc in candidates if mod == top), None)
    if module is None or location is None:
        # A project whose module cannot be found is still a plugin: rules report it.
        return Plugin(
            name=entry_point.name if entry_point else name,
            contract=contract.name,
            origin=origin,
            root=path,
            module=module or canonicalize_name(name).replace("-", "_"),
            module_path=None,
            import_root=None,
            project=project,
            entry_point=entry_point,
        )
    module_path = _module_file(location, module)
    files, cut_off = _tree(location) if location.is_dir() else ((location,), ())
    return Plugin(
        name=entry_point.name if entry_point else name,
        contract=contract.name,
        origin=origin,
        root=path,
        module=module,
        module_path=module_path,
        # Absolute: a path given on the command line is relative to plugcheck's working
        # directory, never to the plugin process's (red team finding 20: `check plugins/ccc`
        # of a src-layout project was PC401 'No module named ccc').
        import_root=location.parent.absolute(),
        files=files,
        project=project,
        entry_point=entry_point,
        cut_off=cut_off,
    )


def top_level_modules(project: Path) -> list[tuple[str, Path]]:
    """Importable top-level modules of a project: from the folders its build configuration
    names (``lib/``), else ``src/`` layout first, then flat."""
    for base in (*projectmeta.source_roots(project), project / "src", project):
        if not base.is_dir():
            continue
        found = []
        for entry in sorted(base.iterdir()):
            if entry.name.startswith((".", "_")) and entry.name != "__init__.py":
                continue
            if entry.name in _SKIP_DIRS or entry.name in _SKIP_FILES:
                continue
            if entry.is_dir() and (entry / "__init__.py").is_file():
                found.append((entry.name, entry))
            elif entry.is_file() and entry.suffix == ".py" and entry.name != "__init__.py":
                found.append((entry.stem, entry))
        if found:
            return found
    return []


def _entry_point_line(text: str, group: str, name: str, value: str) -> int:
    """The line of ``name = value`` in the ``[group]`` section of an entry_points.txt.

    The section matters (a console script may share the name) and so does the value (one
    file may list a name twice); without an exact match, the name's first line in the section.
    """
    section = None
    first = None
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
            continue
        key, eq, rest = stripped.partition("=")
        if section != group or not eq or key.strip() != name:
            continue
        if rest.strip() == value.strip():
            return number
        first = first or number
    return first or 1


def from_entry_point(raw: EntryPointFacts, contract: Contract) -> Plugin:
    raw = as_dotted_path(raw, contract)
    dist_path = Path(raw["dist_path"]) if raw["dist_path"] else None
    ep_file = dist_path / "entry_points.txt" if dist_path else None
    line = 1
    if ep_file and ep_file.is_file():
        with contextlib.suppress(OSError):  # a FIFO, a device, a huge file: the first line
            text = read_source(ep_file).decode("utf-8", errors="replace")
            line = _entry_point_line(text, raw["group"], raw["name"], raw["value"])
    entry_point = EntryPoint(
        raw["name"], raw["group"], raw["value"], raw.get("dist_name"), ep_file, line
    )
    metadata = dist_path / "METADATA" if dist_path else None
    project = Project(
        name=raw.get("dist_name") or raw["name"],
        version=raw.get("dist_version"),
        requires=tuple(raw.get("requires", [])),
        source=metadata if metadata and metadata.is_file() else None,
    )
    module_file = Path(raw["module_file"]) if raw["module_file"] else None
    if module_file is not None and module_file.is_dir():
        module_file = (
            module_file / "__init__.py" if (module_file / "__init__.py").is_file() else None
        )
    root = module_file.parent if module_file else Path(raw["dist_path"] or ".")
    package_dir = root if module_file and module_file.name == "__init__.py" else None
    files, cut_off = (
        _tree(package_dir) if package_dir else ((module_file,) if module_file else (), ())
    )
    depth = entry_point.module.count(".")
    import_root = root
    for _ in range(depth + (1 if package_dir else 0)):
        import_root = import_root.parent
    return Plugin(
        name=raw["name"],
        contract=contract.name,
        origin=Origin.ENTRY_POINT,
        root=root,
        module=entry_point.module,
        module_path=module_file,
        import_root=import_root if module_file else None,
        files=files,
        project=project,
        entry_point=entry_point,
        cut_off=cut_off,
    )
