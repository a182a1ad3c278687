"""Where a found plugin lives for the host: the dotted name it imports it by, and the files
that stay inside the tree plugcheck checks."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from plugcheck.model import Contract, Origin, Plugin
from plugcheck.namespace_folders import installed_into
from plugcheck.untrusted import RealPaths


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
