"""Names in host code resolved to ``module`` or ``module:Class`` of the host, with the static
pass's module index (imports and re-exports followed, never imported)."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path

from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind
from plugcheck.static.resolve import resolve_dotted


class HostRefs:
    def __init__(
        self,
        files: Sequence[tuple[Path, str]],
        roots: Sequence[Path],
        index: ModuleIndex | None = None,
    ) -> None:
        self.roots = tuple(roots)
        self.index = index if index is not None else ModuleIndex()
        """The static pass's index (the one that parsed the host's files, when given)."""
        self.index.search_path = self.roots
        self.names = {path: name for path, name in files}
        """The host's own files -> their dotted module names."""

    def info(self, path: Path) -> ModuleInfo | None:
        return self.index.info(path)

    def ref(self, module: ModuleInfo, dotted: str | None) -> str | None:
        """``module`` for a host module, ``module:Class`` for a host class, else ``None``."""
        found = self._ref(module, dotted)
        if found is None and dotted:
            # A name only an import outside the module's top level binds: Sphinx's registry
            # annotates `app: Sphinx` with `from sphinx.application import Sphinx` under
            # `if TYPE_CHECKING:`, which the symbol table leaves out.
            # Flask's cli.py binds Flask twice, `from .app import Flask` under
            # `if t.TYPE_CHECKING:` and `from . import Flask` in a function: one class.
            refs = {self._ref(*each) for each in self._imported_elsewhere(module, dotted)}
            if len(refs) == 1:
                found = refs.pop()
        return found

    def resolved_class(self, module: ModuleInfo, dotted: str) -> Resolved | None:
        """The class ``dotted`` names in ``module``, anywhere it is defined (also outside the
        host), also when only an import under ``if TYPE_CHECKING:`` binds its head."""
        found = resolve_dotted(self.index, module, dotted, self.roots)
        if found is None and dotted.partition(".")[0] not in module.symbols:
            elsewhere = {
                (r.module.path, r.symbol.name): r
                for info, name in self._imported_elsewhere(module, dotted)
                if isinstance(r := resolve_dotted(self.index, info, name, self.roots), Resolved)
            }
            found = next(iter(elsewhere.values())) if len(elsewhere) == 1 else None
        if isinstance(found, Resolved) and found.symbol.kind is SymbolKind.CLASS:
            return found
        return None

    def _imported_elsewhere(self, module: ModuleInfo, dotted: str) -> list[tuple[ModuleInfo, str]]:
        """The modules and names ``dotted``'s head comes from, one per distinct import of the
        module that binds the head (``from m import Head``); ``[]`` when one cannot be read."""
        head, dot, rest = dotted.partition(".")
        here = self.names.get(module.path)
        sources = set()
        for node in module.every_import:
            if not isinstance(node, ast.ImportFrom):
                continue
            for alias in node.names:
                if (alias.asname or alias.name) != head:
                    continue
                base = node.module or ""
                if node.level:
                    if here is None:
                        return []
                    parts = here.split(".")
                    keep = len(parts) - node.level + (module.path.name == "__init__.py")
                    if keep < 1:
                        return []
                    base = ".".join([*parts[:keep], *([base] if base else [])])
                sources.add((base, alias.name))
        found = []
        for base, name in sorted(sources):
            path = self.index.find_module(base, self.roots) if base else None
            info = self.index.info(path) if path is not None else None
            if info is None:
                return []
            found.append((info, name + dot + rest))
        return found

    def _ref(self, module: ModuleInfo, dotted: str | None) -> str | None:
        target = resolve_dotted(self.index, module, dotted, self.roots) if dotted else None
        if isinstance(target, ModuleInfo) and target.path in self.names:
            return self.names[target.path]
        if (
            isinstance(target, Resolved)
            and target.symbol.kind is SymbolKind.CLASS
            and target.module.path in self.names
        ):
            return f"{self.names[target.module.path]}:{target.symbol.name}"
        return None
