"""What the plugin's own imports do, read from source: which imports of a ``try``/``with
suppress`` body fail in the target (the part of the body that runs, whether the ``except
ImportError`` handlers do), which package attribute a submodule's import rebinds, and what
an imported host module's source says of the attributes ``if`` tests probe."""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from pathlib import Path

from plugcheck.static.applied import IMPORT_ERRORS
from plugcheck.static.bindings import ModuleRef
from plugcheck.static.host_probe import host_attribute, read_whole
from plugcheck.static.index import ModuleIndex
from plugcheck.static.parse import ModuleInfo, catches
from plugcheck.static.probed_values import HostAttribute
from plugcheck.static.resolve import module_file
from plugcheck.static.submodule_load import first_load
from plugcheck.static.syntax import quiet_definition


class ImportOutcomes:
    """Mixed into ``Namespaces``: the import outcomes of the plugin's own files."""

    index: ModuleIndex
    roots: Sequence[Path]
    own: set[Path]
    missing: Callable[[str], bool] | None

    def _import_outcome(
        self, info: ModuleInfo, handlers: list[ast.ExceptHandler], body: list[ast.stmt]
    ) -> tuple[list[ast.stmt], bool] | None:
        """(The part of ``body`` that runs, whether ``handlers`` catching ImportError run): all
        of a body of imports and definitions, no handler, when every import is found; what
        precedes an import certainly not installed, and the handlers. Else ``None``."""
        if not handlers or not all(
            h.type is not None and catches([h], IMPORT_ERRORS) for h in handlers
        ):
            return None
        found = True
        for at, node in enumerate(body):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                if not quiet_definition(node):
                    return None
                continue
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if self.missing is not None and self.missing(alias.name):
                        return body[:at], True
                    found = found and self.index.find_module(alias.name, self.roots) is not None
            elif isinstance(node, ast.ImportFrom):
                if not node.level and self.missing is not None and self.missing(node.module or ""):
                    return body[:at], True
                if self._own_import_fails(info, node):
                    return body[:at], True
                if self._lacks_name(info, node):
                    # ImportError, not ModuleNotFoundError: only a handler of ImportError runs
                    return (body[:at], True) if catches(handlers, {"ImportError"}) else None
                found = found and self._names_found(info, node)
        return (body, False) if found else None

    def _own_import_fails(self, info: ModuleInfo, node: ast.ImportFrom) -> bool:
        """Whether importing from the plugin's own module (``from ._fast import impl``, or a
        submodule ``from . import _fast``) certainly raises ImportError: that module imports,
        unguarded at its top level, a module not installed in the target (or one of its own
        modules that does)."""
        if self.missing is None:
            return False
        source = self._import_source(info, node)
        if source is None or self.index.real(source.path) not in self.own:
            return False
        modules = [source]
        if source.path.name == "__init__.py":
            modules += [
                sub
                for alias in node.names
                if (sub := module_file(self.index, source.path.parent / alias.name)) is not None
            ]
        return any(self._import_fails(m, set()) for m in modules if m is not info)

    def _import_fails(self, info: ModuleInfo, seen: set[Path]) -> bool:
        key = self.index.real(info.path)
        if info.tree is None or key in seen or key not in self.own:
            return False
        seen.add(key)
        assert self.missing is not None
        for stmt in info.tree.body:
            if isinstance(stmt, ast.Import):
                if any(self.missing(alias.name) for alias in stmt.names):
                    return True
            elif isinstance(stmt, ast.ImportFrom):
                if not stmt.level and self.missing(stmt.module or ""):
                    return True
                source = self._import_source(info, stmt) if stmt.level else None
                if source is not None and self._import_fails(source, seen):
                    return True
        return False

    def _lacks_name(self, info: ModuleInfo, node: ast.ImportFrom) -> bool:
        """Whether ``from m import name`` certainly raises ImportError: ``m`` is a Python source
        file source reads whole (no star import, no ``__getattr__``, nothing bound through
        ``globals()`` or ``setattr``) that binds no ``name`` and has no submodule of that name
        (a host API without the newer name a plugin probes for: ``from host import new_api``)."""
        source = self._import_source(info, node)
        if source is None or not read_whole(source):
            return False
        for alias in node.names:
            if alias.name == "*" or alias.name in source.symbols:
                continue
            if self._has_submodule(source, alias.name):
                continue
            return True
        return False

    def _has_submodule(self, source: ModuleInfo, name: str) -> bool:
        package = source.path.parent if source.path.name == "__init__.py" else None
        return package is not None and (
            module_file(self.index, package / name) is not None or self.index.is_dir(package / name)
        )

    def host_attribute(self, module: str, name: str) -> HostAttribute | None:
        """What the installed (not the plugin's own) module's source says of its ``name``:
        the ``probe`` of ``branches.decide``."""
        path = self.index.find_module(module, self.roots)
        source = self.index.info(path) if path else None
        if source is None or self.index.real(source.path) in self.own:
            return None
        return host_attribute(source, name, has_submodule=self._has_submodule(source, name))

    def _names_found(self, info: ModuleInfo, node: ast.ImportFrom) -> bool:
        source = self._import_source(info, node)
        if source is None or source.all_dynamic:
            return False
        for alias in node.names:
            sub = module_file(self.index, source.path.parent / alias.name)
            if alias.name not in source.symbols and not (
                source.path.name == "__init__.py" and sub is not None
            ):
                return False
        return True

    def _import_source(self, info: ModuleInfo, node: ast.ImportFrom) -> ModuleInfo | None:
        if node.level:
            base = info.path.parent
            for _ in range(node.level - 1):
                base = base.parent
            source = base.joinpath(*(node.module or "").split(".")) if node.module else base
            return module_file(self.index, source)
        path = self.index.find_module(node.module or "", self.roots)
        return self.index.info(path) if path else None

    def submodule_bound(
        self, info: ModuleInfo, node: ast.ImportFrom, *, in_class: bool
    ) -> dict[str, ModuleRef]:
        """The name a package's ``__init__`` loses to its submodule: the first ``from .sub
        import x`` loads ``pkg.sub`` and sets the package's attribute ``sub`` to it (before
        binding ``x``), whatever ``sub`` held (a hookimpl, the factory)."""
        if in_class or node.level != 1 or not node.module:
            return {}
        first = node.module.partition(".")[0]
        sub = module_file(self.index, info.path.parent / first)
        if sub is None or first_load(info, first) is not node:
            return {}
        return {first: ModuleRef(f"{info.path.parent.name}.{first}", sub)}
