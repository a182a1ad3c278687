"""PC423: a step that failed where the host's session was missing. A host like xonsh starts a
session before it loads its plugins, and the session puts names in ``builtins`` (the contract's
``host-builtins``) and fills the host's objects (``XSH.env``); a plugin reads them at import.
When no preload or ``preload-calls`` entry starts the session, the server reports which of the
contract's host-builtins are absent, and a step that failed on what the session would have
provided is not the plugin's failure in the host: it is this warning, never a pass. Failures
that are the plugin's own whatever the session (a module it imports is missing, a syntax error,
a name bound nowhere that is no host-builtin) keep their error."""

from __future__ import annotations

import ast
import re

from plugcheck import untrusted
from plugcheck.harness.results import Failure, Frame, Outcome, PluginResult, StepResult
from plugcheck.model import Finding, Location, Phase, Severity
from plugcheck.rules.base import rule
from plugcheck.rules.host_packages import host_package_set
from plugcheck.rules.import_names import HOST_BUILTINS, HOST_BUILTINS_COMPUTED
from plugcheck.untrusted import read_source

PC423 = rule(
    "PC423",
    "not-checked-without-host-session",
    Severity.WARNING,
    "A harness step failed while the builtins the contract says the host's session provides "
    "(host-builtins) were absent, on what that session provides (one of those names, or a host "
    "object left unset): the plugin is not checked past that step.",
    phase=Phase.DYNAMIC,
    fix="start the host's session before the plugins load, as the host does: name the host's "
    'function that starts it in preload-calls (xonsh: "xonsh.main:setup"), or a module that '
    "starts it in preload; a failure that is the plugin's own is then its error",
)

_NAME_ERROR = re.compile(r"name '([^']+)' is not defined")
_UNSET = re.compile(r"'NoneType' object|argument of type 'NoneType'|NoneType")


def without_session(result: PluginResult, step: StepResult) -> bool:
    """Whether ``step`` failed on what the host's missing session provides: a NameError on an
    absent host-builtin (any name, where the host also puts names it computes there), or an
    AttributeError or TypeError on ``None`` in a plugin file that reads the host (a host object
    the session fills, left unset), or any exception the host's own packages raised while the
    plugin called them. The exception is the plugin's to shape: what it says only narrows
    this, and a plugin not checked is never a pass (:attr:`Report.failed`)."""
    failure = step.failure
    if not result.absent_builtins or failure is None or step.outcome is not Outcome.RAISED:
        return False
    if failure.type == "NameError":
        named = _NAME_ERROR.search(failure.message)
        computed = bool(result.contract.options.get(HOST_BUILTINS_COMPUTED))
        return named is not None and (computed or named.group(1) in result.absent_builtins)
    hosts = host_package_set(result.contract)
    if failure.type in ("AttributeError", "TypeError") and _UNSET.search(failure.message):
        return _takes_from_host(result, failure, hosts)
    return _in_host(failure.origin, hosts) and not _own(failure.type)


def _in_host(origin: Frame | None, hosts: frozenset[str]) -> bool:
    """Whether the exception was raised in the host's own packages: a file of a folder, or a
    module, named after one. The standard library's and other libraries' code raising on what
    the plugin passed it (``os.environ["X"]``'s KeyError in os.py) is the plugin's failure."""
    if origin is None:
        return False
    return any(part in hosts for part in origin.path.parent.parts) or origin.path.stem in hosts


def _takes_from_host(result: PluginResult, failure: Failure, hosts: frozenset[str]) -> bool:
    """Whether the plugin's file where ``None`` was used reads the host: it imports one of the
    host's packages or names a host-builtin. A ``None`` of the plugin's own making in a module
    that takes nothing from the host (``re.match(...).group()``) fails whatever the session."""
    frame = failure.frames[-1] if failure.frames else None
    if frame is None or frame.path not in result.plugin.files:
        return False
    try:
        tree = untrusted.parse(read_source(frame.path))
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    builtins = set(result.contract.options.get(HOST_BUILTINS, ()))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.split(".")[0] in hosts:
                return True
        elif isinstance(node, ast.Import):
            if any(alias.name.split(".")[0] in hosts for alias in node.names):
                return True
        elif isinstance(node, ast.Name) and node.id in builtins:
            return True
    return False


def _own(kind: str) -> bool:
    """Failures that are the plugin's whatever the session: its imports and its syntax."""
    return kind in ("ModuleNotFoundError", "ImportError", "SyntaxError", "IndentationError")


def session_missing(
    result: PluginResult, step: StepResult, described: str, location: Location
) -> Finding:
    """PC423 for ``step`` (``described``: what the harness was doing, ``importing x``)."""
    failure = step.failure
    frame = failure.frames[-1] if failure is not None and failure.frames else None
    at = f" at {frame.path.name}:{frame.line}" if frame is not None else ""
    absent = ", ".join(result.absent_builtins)
    return PC423.at(
        result.plugin,
        location,
        f"{described} could not be checked without the host's session: it raised "
        f"{failure}{at}, and the builtins the host's session provides ({absent}) were absent "
        "(no preload or preload-call started it); the plugin is not checked past this step",
    )
