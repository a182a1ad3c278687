"""What the target environment can import, judged from the files on its ``sys.path`` (plus the
contract's search-path and the plugin's import root) without importing anything: packages,
namespace packages, modules, extension modules with the target's suffixes, zip archives,
setuptools' editable finders."""

from __future__ import annotations

import ast
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from plugcheck.model import Plugin
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.rules.site_hooks import hooks, in_zip
from plugcheck.rules.vendored import path_extended_roots

_ALWAYS = frozenset(sys.builtin_module_names) | frozenset(sys.stdlib_module_names)
_ALWAYS |= {"__future__", "__main__"}  # __main__: the running program's module, importable


class Installed:
    """Top-level module names (and package directories) importable from ``roots``."""

    def __init__(self, ctx: Context, roots: Sequence[Path], suffixes: Sequence[str]) -> None:
        self.index, self.env = ctx.index, ctx.env
        self.roots = [r for r in roots if self.index.is_dir(r) or self.index.is_file(r)]
        self.suffixes = tuple(suffixes) or (".so", ".pyd")
        self.editable: set[str] = set()
        self.opaque = False
        """A .pth file runs code we cannot read: any name may be importable."""
        for root in self.roots:
            if self.index.is_dir(root):
                # Once per run: a plugin's root is often the directory all plugins share.
                editable, opaque = memo(ctx, ("pc309-hooks", root), partial(hooks, root))
                self.editable |= editable
                self.opaque = self.opaque or opaque

    def has(self, module: str) -> bool:
        parts = module.split(".")
        if parts[0] in _ALWAYS or parts[0] in self.editable or self.opaque:
            return True
        return any(self.under(root, parts) for root in self.roots)

    def tree_of(self, module: str) -> tuple[ast.Module, bool] | None:
        """The parsed source of ``module`` in the first root that has it, and whether it is a
        package."""
        parts = module.split(".")
        for root in self.roots:
            if not self.index.is_dir(root):
                continue
            for path in (
                root.joinpath(*parts).with_suffix(".py"),
                root.joinpath(*parts, "__init__.py"),
            ):
                if self.index.is_file(path):
                    info = self.index.info(path)
                    tree = info.tree if info is not None else None
                    return (tree, path.name == "__init__.py") if tree is not None else None
        return None

    def under(self, root: Path, parts: list[str]) -> bool:
        """Whether ``root`` (a directory or a zip archive) holds the module ``parts``."""
        if self.index.is_file(root):
            return in_zip(root, parts)
        self.index.looked_up(root.joinpath(*parts))
        base = root.joinpath(*parts[:-1])
        last = parts[-1]
        index = self.index
        if index.is_dir(base / last) and all(
            index.is_dir(root.joinpath(*parts[: i + 1])) for i in range(len(parts) - 1)
        ):
            return True
        if not index.is_dir(base):
            return self._made_by_module(root, parts)
        if index.is_file(base / f"{last}.py") or index.is_file(base / f"{last}.pyc"):
            return True
        return any(index.is_file(base / f"{last}{suffix}") for suffix in self.suffixes)

    def _made_by_module(self, root: Path, parts: list[str]) -> bool:
        """Whether a parent of the submodule ``parts`` is a plain module file, no package: the
        files cannot tell then, as that module makes its submodules itself (six's meta path
        importer serves ``six.moves``; a module may put ``name.sub`` into sys.modules)."""
        index = self.index
        for i in range(1, len(parts)):
            head = root.joinpath(*parts[: i - 1])
            if index.is_dir(head / parts[i - 1]):
                continue
            name = parts[i - 1]
            return index.is_dir(head) and any(
                index.is_file(head / f"{name}{suffix}")
                for suffix in (".py", ".pyc", *self.suffixes)
            )
        return False


def installed_for(ctx: Context, plugin: Plugin) -> Installed:
    """What ``plugin``'s imports can find, made once per plugin: its own import root, the host's
    paths, the folder the host adds to its package's ``__path__`` (beets: to sys.path too), last
    the folders its packages put on sys.path (setuptools' _vendor)."""
    roots = [*ctx.roots(plugin), *path_extended_roots(ctx, plugin)]
    key = ("installed", ctx.contract.name, plugin.key)
    return memo(ctx, key, lambda: Installed(ctx, roots, ctx.env.extension_suffixes))


def first_missing(module: str, installed: Installed) -> str:
    parts = module.split(".")
    for i in range(1, len(parts) + 1):
        if not installed.has(".".join(parts[:i])):
            return ".".join(parts[:i])
    return module
