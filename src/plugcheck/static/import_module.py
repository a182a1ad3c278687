"""``importlib.import_module`` of a module named from the caller's own ``__name__``.

``importlib.import_module(".hooks", __name__)`` and ``importlib.import_module(f"{__name__}.hooks")``
import a submodule of the calling module (which must be a package for it to work); ``"..x"``
climbs from there as a relative import does. Other spellings (a name built at run time, another
anchor) are not read.
"""

from __future__ import annotations

import ast
from pathlib import Path

from plugcheck.static.syntax import dotted_name

_SPELLINGS = frozenset({"importlib.import_module", "import_module"})


def _relative(call: ast.Call) -> tuple[int, str] | None:
    """``(levels up from __name__, the dotted rest)`` the call imports."""
    if call.keywords or (dotted_name(call.func) or "") not in _SPELLINGS:
        return None
    match call.args:
        case [ast.Constant(value=str(name)), ast.Name(id="__name__")] if name.startswith("."):
            rest = name.lstrip(".")
            return len(name) - len(rest) - 1, rest
        case [
            ast.JoinedStr(
                values=[
                    ast.FormattedValue(value=ast.Name(id="__name__")),
                    ast.Constant(value=str(tail)),
                ]
            )
        ] if tail.startswith(".") and len(tail) > 1:
            return 0, tail[1:]
    return None


def imported_base(call: ast.AST, path: Path) -> Path | None:
    """``dir/name`` of the module the call in the module at ``path`` imports (its file is
    ``dir/name.py`` or ``dir/name/__init__.py``), when the call is one of the spellings read."""
    found = _relative(call) if isinstance(call, ast.Call) else None
    if found is None:
        return None
    up, rest = found
    package = path.parent if path.name == "__init__.py" else path.with_suffix("")
    for _ in range(up):
        package = package.parent
    return package.joinpath(*rest.split(".")) if rest else package
