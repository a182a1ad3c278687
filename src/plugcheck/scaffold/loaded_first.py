"""What the host has imported by the time it loads its plugins, for ``init``'s proposal: the
module whose code loads them (and, with it, everything that module imports), proposed as
``preload``. A plugin that reaches ``mkdocs.plugins`` through ``import mkdocs`` alone works in
the host only because the host's loader imported that submodule first."""

from __future__ import annotations

from collections.abc import Sequence

from plugcheck.scaffold.distributions import script_modules
from plugcheck.scaffold.model import Lookup, Survey
from plugcheck.scaffold.module_names import module_name
from plugcheck.scaffold.pyproject import toml_string


def preload_line(
    found: Survey,
    lookup: Lookup | None,
    package: str | None,
    group: str | None,
    exports: Sequence[Lookup] = (),
) -> list[str]:
    """The ``preload`` line for the module holding ``lookup`` (where the host loads or calls
    what each plugin provides), else the one module where the host reads every one of a
    plugin's ``exports`` (OctoPrint's ``plugin/core.py``), when it is a module of the host's
    ``package``; for the module that loads ``group`` while it is imported
    (:func:`loaded_at_import`); and for the modules of the host's command, unless a module
    already listed is inside them (importing it imports them)."""
    modules: list[str] = []
    why: list[str] = []
    does = "loads its plugins"
    if lookup is None and len({_module(found, lk.where) for lk in exports}) == 1:
        lookup, does = exports[0], "reads what each plugin exports"
    if lookup is not None and package is not None:
        module = _module(found, lookup.where)
        if module is not None and module.partition(".")[0] == package:
            modules.append(module)
            why.append(
                f"the host {does} there ({lookup.where}): it and what it imports are loaded first"
            )
    at_import = loaded_at_import(found, group)
    if at_import and at_import[0] not in modules:
        modules.append(at_import[0])
        why.append(at_import[1])
    root = found.roots.get(package) if package else None
    scripts = script_modules(found, root, package) if root and package else []
    # A command's module that is a package of one already listed is imported with it anyway
    # (OctoPrint's ``octoprint``, the package of ``octoprint.plugin.core``).
    scripts = [m for m in scripts if not any(_inside(listed, m) for listed in modules)]
    if scripts:
        modules += scripts
        why.append(
            f"{', '.join(scripts)}: the module{'s' if len(scripts) > 1 else ''} of the host's"
            " command, imported before any plugin"
        )
    if not modules:
        return []
    return [f"preload = [{', '.join(map(toml_string, modules))}]  # {'; '.join(why)}"]


def loaded_at_import(found: Survey, group: str | None) -> tuple[str, str] | None:
    """The host module that loads ``group``'s plugins while it is itself being imported
    (papermill's ``engines.py``), and why it is preloaded: imported first, a plugin that
    imports the host would start that import, which imports the plugin again half-way (a
    circular import the host never meets)."""
    module, where = found.loaded_at_import.get(group or "", (None, ""))
    if module is None or not all(p.isidentifier() for p in module.split(".")):
        return None
    return module, (
        f"the host loads this group while {module} is imported ({where}): a plugin imported"
        " before it would start a circular import the host never meets"
    )


def _inside(module: str, package: str) -> bool:
    """``module`` is ``package`` or one of its submodules (its import imports ``package``)."""
    return module == package or module.startswith(f"{package}.")


def _module(found: Survey, where: str) -> str | None:
    path = found.host / where.rpartition(":")[0]
    if path.suffix != ".py" or not path.is_file():
        return None
    module = module_name(path)[0]
    return module if all(p.isidentifier() for p in module.split(".")) else None
