"""What import-time work the host itself sees: writes to its output, its environment variables,
import path, loaded modules, logging and warning configuration, signal handlers, interpreter
settings, the file system outside the plugin, processes and the network, or its exit.

Work that only builds and configures the plugin's own objects (a pyparsing grammar's
``set_parse_action``), loops over the plugin's data, or reads a file the plugin ships (next to
its ``__file__``) costs the host an import and nothing else: PC110 reports it as information,
and the harness (PC411, PC412) still reports what the import really does to files, sockets,
processes and standard output.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping

from plugcheck.static.effects import INERT, built_then_used, canonical_name
from plugcheck.static.symbols import Symbol
from plugcheck.static.syntax import dotted_name, walk

OUTPUT = _OUTPUT = "writes to the host's output"
"""The reason :class:`HostEffects` gives for a write to ``sys.stdout`` or ``sys.stderr``."""
_REDIRECT = "replaces the host's output"
ENVIRONMENT = _ENV = "changes the host's environment variables"
"""The reason :class:`HostEffects` gives for a change of ``os.environ``."""
_PATH = "changes the host's import path"
MODULES = _MODULES = "changes the host's loaded modules"
"""The reason :class:`HostEffects` gives for a change of ``sys.modules``."""
_LOGGING = "configures the host's logging"
_PROCESS = "starts or signals a process"
_NETWORK = "uses the network"
_FILES = "changes files"
_SETTINGS = "changes interpreter-wide settings"
_FILTERS = "changes the host's warning filters"

_CALLS = {
    "print": _OUTPUT,
    "sys.stdout.write": _OUTPUT,
    "sys.stderr.write": _OUTPUT,
    "input": "waits for input from the terminal",
    "breakpoint": "stops in the debugger",
    "os.system": _PROCESS,
    "os.popen": _PROCESS,
    "os.fork": _PROCESS,
    "os.kill": _PROCESS,
    "os.remove": _FILES,
    "os.unlink": _FILES,
    "os.rename": _FILES,
    "os.replace": _FILES,
    "os.rmdir": _FILES,
    "os.makedirs": _FILES,
    "os.mkdir": _FILES,
    "os.chdir": "changes the host's working directory",
    "os.putenv": _ENV,
    "os.unsetenv": _ENV,
    "os.environ.update": _ENV,
    "os.environ.pop": _ENV,
    "os.environ.popitem": _ENV,
    "os.environ.setdefault": _ENV,
    "os.environ.clear": _ENV,
    "sys.path.insert": _PATH,
    "sys.path.append": _PATH,
    "sys.path.extend": _PATH,
    "sys.path.remove": _PATH,
    "sys.path.clear": _PATH,
    "sys.path.pop": _PATH,
    "sys.modules.pop": _MODULES,
    "sys.modules.popitem": _MODULES,
    "sys.modules.update": _MODULES,
    "sys.modules.setdefault": _MODULES,
    "sys.modules.clear": _MODULES,
    "logging.basicConfig": _LOGGING,
    "logging.disable": _LOGGING,
    "logging.captureWarnings": _LOGGING,
    # Records on the module (not on a logger) configure the root logger when the host has not.
    **{
        f"logging.{m}": _LOGGING
        for m in ("debug", "info", "warning", "warn", "error", "exception", "critical", "log")
    },
    "warnings.filterwarnings": _FILTERS,
    "warnings.simplefilter": _FILTERS,
    "warnings.resetwarnings": _FILTERS,
    "signal.signal": "replaces the host's signal handlers",
    "sys.exit": "exits the host",
    "exit": "exits the host",
    "quit": "exits the host",
    "os._exit": "exits the host",
    "time.sleep": "sleeps",
    "sys.setrecursionlimit": _SETTINGS,
    "sys.settrace": _SETTINGS,
    "sys.setprofile": _SETTINGS,
    "sys.setswitchinterval": _SETTINGS,
    "sys.set_int_max_str_digits": _SETTINGS,
    "sys.addaudithook": _SETTINGS,
    "threading.settrace": _SETTINGS,
    "threading.setprofile": _SETTINGS,
    "gc.disable": _SETTINGS,
    "locale.setlocale": _SETTINGS,
    "os.umask": _SETTINGS,
}
_PREFIXES = {
    "subprocess.": _PROCESS,
    "requests.": _NETWORK,
    "httpx.": _NETWORK,
    "socket.": _NETWORK,
    "urllib.request.": _NETWORK,
    "shutil.": _FILES,
    "tempfile.": _FILES,
    "logging.root.": _LOGGING,
}
_TARGETS = {  # what an assignment to (or `del` of) it, or of an item of it, changes
    "os.environ": _ENV,
    "sys.path": _PATH,
    "sys.modules": _MODULES,
    "sys.stdout": _REDIRECT,
    "sys.stderr": _REDIRECT,
    "sys.stdin": "replaces the host's input",
    "sys.excepthook": _SETTINGS,
    "sys.displayhook": _SETTINGS,
}
_ROOT_LOGGER = {"setLevel", "addHandler", "removeHandler", "addFilter"}
_WRITES = {"write_text", "write_bytes", "touch"}  # pathlib-only names
_READS = {"read_text", "read_bytes"}


def state_target(target: ast.expr, symbols: Mapping[str, Symbol]) -> str | None:
    """What assigning to (or deleting) ``target`` changes in the host: ``os.environ["X"]``,
    ``sys.modules[name]``, ``sys.path``, ``sys.stdout``; ``None`` for the plugin's own names,
    including its own entry ``sys.modules[__name__]`` (a module putting an object in its own
    place: the host imports that object, the lazy-module and instance idioms)."""
    if isinstance(target, ast.Subscript):
        if isinstance(target.slice, ast.Name) and target.slice.id == "__name__":
            return None
        target = target.value
    name = canonical_name(dotted_name(target), symbols)
    return _TARGETS.get(name) if name else None


def restores_warnings(stmt: ast.With | ast.AsyncWith, symbols: Mapping[str, Symbol]) -> bool:
    """``with warnings.catch_warnings():``: the block restores the warning filters on exit."""
    return any(
        isinstance(item.context_expr, ast.Call)
        and canonical_name(dotted_name(item.context_expr.func), symbols)
        == "warnings.catch_warnings"
        for item in stmt.items
    )


def only_filters(stmt: ast.stmt, symbols: Mapping[str, Symbol]) -> bool:
    """``stmt`` is a call that changes the warning filters (and nothing else)."""
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Call)
        and _CALLS.get(canonical_name(dotted_name(stmt.value.func), symbols) or "") == _FILTERS
    )


def _own_filter(call: ast.Call, own: str | None) -> bool:
    """``warnings.filterwarnings(..., module=r"pkg\\..*")``: the filter applies only to warnings
    raised in modules of ``own`` (the pattern is matched from the start of a module's name)."""
    module = call.args[3] if len(call.args) > 3 else None
    module = next((k.value for k in call.keywords if k.arg == "module"), module)
    if own is None or not (isinstance(module, ast.Constant) and isinstance(module.value, str)):
        return False
    literal, rest = "", module.value  # the pattern's literal start, and what follows it
    while rest:
        if rest[:2] in ("\\.", "\\_"):  # an escaped dot or underscore: that character
            literal, rest = literal + rest[1], rest[2:]
        elif rest[0] not in ".^$*+?{}[]|()\\":
            literal, rest = literal + rest[0], rest[1:]
        else:
            break
    return literal.startswith(own + ".") or (literal == own and rest in ("$", "\\Z"))


_PACKAGE_FILES = {
    *(
        f"{module}.{name}"
        for module in ("importlib.resources", "importlib_resources")
        for name in ("files", "path", "open_text", "open_binary", "read_text", "read_binary")
    ),
    # The older spellings of the same (Tutor's plugins before 16: `for path in glob(os.path.join(
    # pkg_resources.resource_filename("tutormfe", "patches"), "*"))`), and pkgutil's.
    *(
        f"pkg_resources.resource_{name}"
        for name in ("filename", "string", "stream", "listdir", "exists", "isdir")
    ),
    "pkgutil.get_data",
}
"""What reads the plugin's own package data (the path is the package's)."""


class HostEffects:
    """Why a module-level statement of one module touches the host (see the module's doc)."""

    def __init__(
        self, tree: ast.Module, symbols: Mapping[str, Symbol], own: str | None = None
    ) -> None:
        self.symbols = symbols
        self.own = own
        """The plugin's top-level package: a warning filter for its modules only is its own."""
        self.functions = {
            s.name: s for s in tree.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        self.own_paths = _own_paths(tree, symbols)

    def reason(self, node: ast.AST, depth: int = 0) -> str | None:
        """Why running ``node`` touches the host, or ``None`` when it builds only the plugin's
        own objects; a call of the module's own function is followed (three deep). A write
        to the host's output is the reason only when nothing else is (:func:`_weightiest`)."""
        return _weightiest(self._reasons(node, depth))

    def _reasons(self, node: ast.AST, depth: int) -> Iterator[str | None]:
        restored = self._restored(node)
        for sub in _run_nodes(node):
            if isinstance(sub, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Delete):
                targets = sub.targets if isinstance(sub, ast.Assign | ast.Delete) else [sub.target]
                yield next((r for t in targets if (r := state_target(t, self.symbols))), None)
            elif isinstance(sub, ast.Call):
                found = self._call(sub, depth)
                yield None if found == _FILTERS and id(sub) in restored else found

    def _restored(self, node: ast.AST) -> set[int]:
        """The nodes in the bodies of ``with warnings.catch_warnings():`` blocks ``node`` runs:
        the block restores the host's warning filters when it exits (cloudflare's plugin
        silencing one warning of an import), so filter changes there are the plugin's own."""
        inside: set[int] = set()
        for sub in _run_nodes(node):
            if isinstance(sub, ast.With | ast.AsyncWith) and restores_warnings(sub, self.symbols):
                inside.update(id(n) for stmt in sub.body for n in ast.walk(stmt))
        return inside

    def _call(self, call: ast.Call, depth: int) -> str | None:
        if built_then_used(call, self.symbols):
            return _NETWORK
        spelled = dotted_name(call.func)
        name = canonical_name(spelled, self.symbols)
        if name is not None:
            if name in _PACKAGE_FILES:
                return None  # `resources.read_text("pkg", ...)`: the package's own data
            if name in _CALLS:
                if name == "warnings.filterwarnings" and _own_filter(call, self.own):
                    return None  # it filters only the warnings of the plugin's own modules
                return _CALLS[name]
            if name.startswith(tuple(_PREFIXES)) and name not in INERT:
                return next(r for p, r in _PREFIXES.items() if name.startswith(p))
            if name in {"open", "io.open", "os.open"}:
                return self._open(call)
        elif spelled in self.functions and depth < 3:
            function = self.functions[spelled]
            return _weightiest(self.reason(stmt, depth + 1) for stmt in function.body)
        func = call.func
        if isinstance(func, ast.Attribute):
            if func.attr in _WRITES:
                return _FILES
            if func.attr in _READS and not self._own(func.value):
                return "reads a file the plugin does not ship"
            if (
                func.attr in _ROOT_LOGGER
                and isinstance(func.value, ast.Call)
                and canonical_name(dotted_name(func.value.func), self.symbols)
                == "logging.getLogger"
                and not func.value.args
            ):
                return _LOGGING
        return None

    def _open(self, call: ast.Call) -> str | None:
        mode = call.args[1] if len(call.args) > 1 else None
        mode = next((k.value for k in call.keywords if k.arg == "mode"), mode)
        if mode is not None and not (
            isinstance(mode, ast.Constant)
            and isinstance(mode.value, str)
            and not set(mode.value) & set("wax+")
        ):
            return _FILES
        if call.args and self._own(call.args[0]):
            return None
        return "reads a file the plugin does not ship"

    def _own(self, path: ast.expr) -> bool:
        """``path`` is built from the module's ``__file__`` (directly or through a module-level
        name that is) or from its package (``importlib.resources.files(__name__)``): a file
        the plugin ships."""
        return any(
            (isinstance(n, ast.Name) and (n.id == "__file__" or n.id in self.own_paths))
            or (
                isinstance(n, ast.Call)
                and canonical_name(dotted_name(n.func), self.symbols) in _PACKAGE_FILES
            )
            for n in walk(path)
        )


def _own_paths(tree: ast.Module, symbols: Mapping[str, Symbol]) -> set[str]:
    """Module-level names assigned from ``__file__`` (or from such a name), and the targets of
    module-level ``for`` loops over paths built from them or from the package's files (Tutor's
    plugins: ``for path in glob(str(importlib_resources.files("tutorx") / "patches" / "*"))``)."""
    own: set[str] = set()

    def owned(value: ast.expr) -> bool:
        return any(
            (isinstance(n, ast.Name) and (n.id == "__file__" or n.id in own))
            or (
                isinstance(n, ast.Call)
                and canonical_name(dotted_name(n.func), symbols) in _PACKAGE_FILES
            )
            for n in walk(value)
        )

    stack: list[ast.stmt] = list(reversed(tree.body))
    while stack:  # in source order, into loops, branches and `with` (not functions, classes)
        stmt = stack.pop()
        if isinstance(stmt, ast.Assign) and owned(stmt.value):
            own.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None and owned(stmt.value):
            if isinstance(stmt.target, ast.Name):
                own.add(stmt.target.id)
        elif isinstance(stmt, ast.For) and isinstance(stmt.target, ast.Name) and owned(stmt.iter):
            own.add(stmt.target.id)
        if isinstance(stmt, ast.For | ast.If | ast.With | ast.Try):
            nested = [*stmt.body, *stmt.orelse] if not isinstance(stmt, ast.With) else stmt.body
            stack.extend(reversed(nested))
    return own


def _run_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and what running it runs: not the bodies of functions, lambdas and classes it
    defines (a class body is judged statement by statement)."""
    yield node
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        yield from _run_nodes(child)


def _weightiest(reasons: Iterable[str | None]) -> str | None:
    """The first of ``reasons`` other than a write to the host's output, else that write: a
    print beside an environment change is no less than the change (under ``output-is-log``
    a print is information, and a helper that printed first hid what it did next)."""
    output = None
    for reason in reasons:
        if reason == _OUTPUT:
            output = reason
        elif reason:
            return reason
    return output
