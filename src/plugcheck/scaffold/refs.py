"""Names in host code resolved to ``module`` or ``module:Class`` of the host, with the static
pass's module index (imports and re-exports followed, never imported)."""

from __future__ import annotations

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
