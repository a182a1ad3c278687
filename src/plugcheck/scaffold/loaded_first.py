"""What the host has imported by the time it loads its plugins, for ``init``'s proposal: the
module whose code loads them (and, with it, everything that module imports), proposed as
``preload``. A plugin that reaches ``mkdocs.plugins`` through ``import mkdocs`` alone works in
the host only because the host's loader imported that submodule first."""

from __future__ import annotations

from plugcheck.scaffold.model import Lookup, Survey
from plugcheck.scaffold.module_names import module_name
from plugcheck.scaffold.pyproject import toml_string


def preload_line(found: Survey, lookup: Lookup | None, package: str | None) -> list[str]:
    """The ``preload`` line for the module holding ``lookup`` (where the host loads or calls
    what each plugin provides), when it is a module of the host's ``package``."""
    if lookup is None or package is None:
        return []
    path = found.host / lookup.where.rpartition(":")[0]
    if path.suffix != ".py" or not path.is_file():
        return []
    module = module_name(path)[0]
    if module.partition(".")[0] != package or not all(p.isidentifier() for p in module.split(".")):
        return []
    return [
        f"preload = [{toml_string(module)}]  # the host loads its plugins there"
        f" ({lookup.where}): it and what it imports are loaded first"
    ]
