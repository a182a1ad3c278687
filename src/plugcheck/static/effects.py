"""What module-level code does to the outside world when it runs (calls known to act on files,
processes, the network), and which code only imports."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from plugcheck.static.symbols import Symbol, SymbolKind, ValueKind
from plugcheck.static.syntax import dotted_name, walk

_EFFECTFUL = {
    "open",
    "exec",
    "eval",
    "input",
    "print",
    "breakpoint",
    "os.system",
    "os.popen",
    "os.remove",
    "os.unlink",
    "os.makedirs",
    "os.mkdir",
    "os.chdir",
    "os.fork",
    "os.kill",
    "shutil.rmtree",
    "shutil.copy",
    "shutil.copytree",
    "shutil.move",
    "urllib.request.urlopen",
    "socket.socket",
    "socket.create_connection",
    "time.sleep",
}
_EFFECTFUL_MODULES = ("subprocess.", "requests.", "httpx.")

INERT = frozenset(
    {
        "requests.Session",
        "requests.session",
        "requests.Request",
        "requests.PreparedRequest",
        "requests.adapters.HTTPAdapter",
        "requests.auth.HTTPBasicAuth",
        "requests.auth.HTTPDigestAuth",
        "requests.structures.CaseInsensitiveDict",
        "requests.packages.urllib3.util.retry.Retry",
        "httpx.Client",
        "httpx.AsyncClient",
        "httpx.Timeout",
        "httpx.Limits",
        "httpx.URL",
        "httpx.Headers",
        "httpx.Request",
        "httpx.BasicAuth",
        "httpx.HTTPTransport",
        "httpx.AsyncHTTPTransport",
        "urllib.request.Request",
    }
)
"""Calls of network libraries that only build an object (a session, a client, a request):
no connection is made until a method of it is called (Mopidy-RadioNet's class attribute
``session = requests.Session()``)."""


def built_then_used(call: ast.Call, symbols: Mapping[str, Symbol] | None) -> bool:
    """``requests.Session().get(url)``: a method called on an ``INERT`` object as it is built."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Call)
        and canonical_name(dotted_name(func.value.func), symbols) in INERT
    )


def effectful_call(node: ast.AST, symbols: Mapping[str, Symbol] | None = None) -> str | None:
    """The first call in ``node`` to a function known to act on the outside world.

    With the module's ``symbols`` bound so far, names resolve through its imports
    (``import subprocess as sp; sp.run``, ``from time import sleep``), and a name the module
    defines itself (its own ``open``) is not the builtin.
    """
    for sub in walk(node):
        if isinstance(sub, ast.Call):
            name = canonical_name(dotted_name(sub.func), symbols)
            if name in INERT:
                continue
            if built_then_used(sub, symbols):
                assert isinstance(sub.func, ast.Attribute)  # built_then_used checked it
                assert isinstance(sub.func.value, ast.Call)
                built = canonical_name(dotted_name(sub.func.value.func), symbols)
                return f"{built}(...).{sub.func.attr}"
            if name and (name in _EFFECTFUL or name.startswith(_EFFECTFUL_MODULES)):
                return name
            if isinstance(sub.func, ast.Attribute) and isinstance(sub.func.value, ast.Call):
                inner = canonical_name(dotted_name(sub.func.value.func), symbols)
                if inner in {"open", "pathlib.Path", "Path"} and sub.func.attr in _IO_METHODS:
                    return f"{inner}(...).{sub.func.attr}"
            if isinstance(sub.func, ast.Attribute) and sub.func.attr in _PATH_IO_METHODS:
                # Path-only names: `(Path(__file__).parent / "x.json").read_text()`.
                return dotted_name(sub.func) or f"(...).{sub.func.attr}"
    return None


def canonical_name(name: str | None, symbols: Mapping[str, Symbol] | None) -> str | None:
    """``name`` with its first part replaced by the module an import binds it to."""
    head, dot, rest = (name or "").partition(".")
    symbol = symbols.get(head) if symbols else None
    if name is None or symbol is None:
        return name
    if symbol.kind is not SymbolKind.IMPORT:
        return None  # the module's own function or variable, not a library's
    if symbol.import_level or not symbol.import_module:
        return name
    base = symbol.import_module
    if symbol.import_name:
        base = f"{base}.{symbol.import_name}"
    return base + dot + rest


_LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}


def log_record(node: ast.expr, symbols: Mapping[str, Symbol]) -> bool:
    """``log.debug(...)`` on a module-level ``log = logging.getLogger(...)``: it hands a record
    to the host's logging configuration and changes nothing. Not ``logging.debug(...)``, which
    configures the root logger when the host has not yet."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _LOG_METHODS
        and isinstance(node.func.value, ast.Name)
    ):
        return False
    logger = symbols.get(node.func.value.id)
    return (
        logger is not None
        and logger.value_kind is ValueKind.CALL
        and canonical_name(logger.value_name, symbols) == "logging.getLogger"
        and not any(isinstance(n, ast.Call) for a in node.args for n in walk(a))
    )


_IO_METHODS = {"read", "write", "read_text", "write_text", "read_bytes", "write_bytes", "touch"}
_PATH_IO_METHODS = {"read_text", "write_text", "read_bytes", "write_bytes", "touch"}


_IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}


_IMPORT_CALLS = {"__import__", "importlib.import_module"}


def import_call(node: ast.expr, symbols: Mapping[str, Symbol] | None = None) -> bool:
    """A call that imports a module by name (``__import__``, ``importlib.import_module``), with
    plain arguments, or runs a module from its spec (``spec.loader.exec_module(module)``, the
    import system's recipe for a file that is no module name): it does what an import
    statement does."""
    return isinstance(node, ast.Call) and (
        _executes_module(node)
        or (
            canonical_name(dotted_name(node.func), symbols) in _IMPORT_CALLS
            and not any(isinstance(n, ast.Call) for a in node.args for n in walk(a))
        )
    )


_FIND_SPEC = frozenset({"importlib.util.find_spec", "util.find_spec", "find_spec"})


def find_spec_parent(call: ast.Call) -> str | None:
    """The package ``importlib.util.find_spec("a.b")`` imports to look inside it (``a``): a
    missing parent raises ModuleNotFoundError, where a missing module alone gives None."""
    if (dotted_name(call.func) or "") not in _FIND_SPEC or len(call.args) != 1:
        return None
    name = call.args[0].value if isinstance(call.args[0], ast.Constant) else None
    if not isinstance(name, str) or name.startswith(".") or "." not in name:
        return None
    return name.rpartition(".")[0]


def _executes_module(call: ast.Call) -> bool:
    """``<spec>.loader.exec_module(<module>)``."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "exec_module"
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "loader"
        and len(call.args) == 1
        and isinstance(call.args[0], ast.Name)
        and not call.keywords
    )


def imports_only(body: list[ast.stmt]) -> bool:
    """Only imports (also under try/except), ``pass`` and call-free expressions."""
    for stmt in body:
        match stmt:
            case ast.Import() | ast.ImportFrom() | ast.Pass():
                pass
            case ast.Expr() if import_call(stmt.value):
                pass
            case ast.Expr() if not any(isinstance(n, ast.Call) for n in walk(stmt)):
                pass
            case ast.Try():
                parts = [stmt.body, *(h.body for h in stmt.handlers)]
                if stmt.orelse:
                    parts.append(stmt.orelse)
                if not all(map(imports_only, parts)):
                    return False
            case _:
                return False
    return bool(body)


def import_preparation(stmt: ast.Try | ast.TryStar, index: int) -> bool:
    """``try: import gi; gi.require_version("Secret", "1"); from gi.repository import Secret
    except ImportError: ...``: a call that readies a later import in an import-guarding try."""
    call = stmt.body[index]
    if not (isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)):
        return False
    if effectful_call(call) is not None:
        return False
    caught = set()
    for handler in stmt.handlers:
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        caught |= {(dotted_name(t) or "").rsplit(".", 1)[-1] for t in types if t is not None}
    later = stmt.body[index + 1 :]
    return bool(caught & _IMPORT_ERRORS) and any(
        isinstance(s, ast.Import | ast.ImportFrom) for s in later
    )
