"""``importlib.import_module`` of a module named from the caller's own ``__name__``.

``importlib.import_module(".hooks", __name__)`` and ``importlib.import_module(f"{__name__}.hooks")``
import a submodule of the calling module (which must be a package for it to work); ``"..x"``
climbs from there as a relative import does. ``importlib.import_module(".hooks", __package__)``
anchors at the caller's package instead: a sibling of a plain module, a submodule of a
package's ``__init__``, as ``from . import hooks`` does. Other spellings (a name built at run
time, another anchor) are not read.
"""

from __future__ import annotations

import ast
from pathlib import Path

from plugcheck.static.syntax import dotted_name

_SPELLINGS = frozenset({"importlib.import_module", "import_module"})


def _relative(call: ast.Call) -> tuple[int, str, str] | None:
    """``(levels up from the anchor, the dotted rest, the anchor)`` the call imports; the
    anchor is ``__name__`` or ``__package__``."""
    if call.keywords or (dotted_name(call.func) or "") not in _SPELLINGS:
        return None
    match call.args:
        case [ast.Constant(value=str(name)), ast.Name(id="__name__" | "__package__" as anchor)] if (
            name.startswith(".")
        ):
            rest = name.lstrip(".")
            return len(name) - len(rest) - 1, rest, anchor
        case [
            ast.JoinedStr(
                values=[
                    ast.FormattedValue(value=ast.Name(id="__name__")),
                    ast.Constant(value=str(tail)),
                ]
            )
        ] if tail.startswith(".") and len(tail) > 1:
            return 0, tail[1:], "__name__"
    return None


def imported_base(call: ast.AST, path: Path) -> Path | None:
    """``dir/name`` of the module the call in the module at ``path`` imports (its file is
    ``dir/name.py`` or ``dir/name/__init__.py``), when the call is one of the spellings read."""
    found = _relative(call) if isinstance(call, ast.Call) else None
    if found is None:
        return None
    up, rest, anchor = found
    package = (
        path.parent
        if path.name == "__init__.py" or anchor == "__package__"
        else path.with_suffix("")
    )
    for _ in range(up):
        package = package.parent
    return package.joinpath(*rest.split(".")) if rest else package
