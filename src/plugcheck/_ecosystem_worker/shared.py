"""What every mode of the registration worker shares: plugcheck's by-path helpers, the
plugin loader, the answers (one function per status, each building its ``protocol`` type),
the step deadline, where a failure is."""

from __future__ import annotations

import ast
import atexit
import contextlib
import functools
import importlib
import importlib.util
import inspect
import json
import math
import os
import signal
import sys
import time
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from .own_files import is_own
from .protocol import (
    Answer,
    CallFailedAnswer,
    ContractProblem,
    InvalidAnswer,
    OkAnswer,
    Placement,
    SkippedAnswer,
    Where,
)

_Failed = TypeVar("_Failed", InvalidAnswer, CallFailedAnswer)


def _sibling(path: str) -> Any:
    """A module of plugcheck's by its file (plugcheck itself is not importable here)."""
    spec = importlib.util.spec_from_file_location(
        "_plugcheck_" + os.path.basename(path)[:-3],
        os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), path),
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ACCEPTS = _sibling(os.path.join("harness", "worker", "accepts.py"))
"""What a host accepts back from a plugin's function, shared with the harness's calls."""
APART = _sibling(os.path.join("harness", "worker", "apart.py"))
"""Each plugin in a forked child of its own, its answers taken only for itself."""
REMOVE_TREE = _sibling(os.path.join("harness", "worker", "remove_tree.py"))
"""Each plugin's own directory removed after its child, whatever it left there."""
ADDED = _sibling(os.path.join("harness", "worker", "added_specs.py"))
"""Hookspecs other plugins add, described as data (their code never runs beside a plugin's)."""
PLUGGY = _sibling(os.path.join("harness", "worker", "pluggy_manager.py"))
"""The host's PluginManager (a pytest-style prefix), where a hook is, which hooks are unknown."""
QUOTA = _sibling(os.path.join("harness", "worker", "quota.py"))
"""The harness's process quota for each plugin's child and the processes it starts (hook calls
included): as root ``RLIMIT_NPROC`` binds nothing, and 300 forks passed here."""
DENIED = _sibling(os.path.join("harness", "worker", "denied.py"))
"""Whether an exception carries the sandbox's refusal (with ``QUOTA.TREE``'s last event)."""
QUOTA.TREE.asked = DENIED.ASKED
PROCESSES = _sibling(os.path.join("harness", "worker", "processes.py"))
"""This process's children, from ``/proc`` (the leak census's, shared with the harness's)."""
UNRAISABLE = _sibling(os.path.join("harness", "worker", "unraisable.py"))
"""What the interpreter only prints (an ``atexit`` handler's exception), kept to judge it."""
WORKER_ONLY = _sibling(os.path.join("harness", "worker", "worker_only.py"))
"""The modules this worker imported for itself, dropped before the host's (``importlib.util``)."""


STDLIB_FIRST = _sibling(os.path.join("harness", "worker", "stdlib_first.py"))
"""A standard-library name means the standard library in a plugin's child, not a plugin's file."""
PACKAGE_PATH = _sibling(os.path.join("harness", "worker", "package_path.py"))
"""A plugin folder joins its already imported package's ``__path__`` (beets' pluginpath)."""
WARM = _sibling(os.path.join("harness", "worker", "warm.py"))
"""Directory listings and an extension module read once before the first plugin's fork."""
PRELOAD_CALLS = _sibling(os.path.join("harness", "worker", "preload_calls.py"))
PRELOAD_GUARD = _sibling(os.path.join("harness", "worker", "preload_guard.py"))
"""The fork server's guard: no plugin's code in the worker's own process (``main``)."""
START_CODE = _sibling(os.path.join("harness", "worker", "startup.py"))
PTH_LINES: list[Any] = []
"""The target's ``.pth`` import lines, compiled in the worker's own process (``main``), run in
each plugin's child (:func:`start_up`)."""


def start_up() -> None:
    """(a plugin's child, confined) The interpreter's start-up code, ``.pth`` import lines and
    ``sitecustomize``, as the host's interpreter ran it before the host. The worker starts with
    ``-S``, as the fork server does: before, an installed distribution's ``.pth`` line ran in
    the worker's own process, which reads every child's answers, and rewrote them all ("All
    checks passed" for two setup functions that fail; red team red47)."""
    START_CODE.run(PTH_LINES)


"""The host functions the contract calls before any plugin loads (its session)."""
ROOTS: list[str] = []
"""The request's ``sys_path``: the import roots of the plugins."""
PACKAGE_DIRS: dict[str, list[str]] = {}  # per module: folders added to its package's __path__


_BOUND: dict[str, Any] = {}
"""The contract's references looked up before any plugin code ran (:func:`bind`)."""


def bind(request: Mapping[str, Any]) -> None:
    """Look up, before any plugin's import, the host's own objects the contract names for use
    after it (its stand-ins and their samples, ``accepted-by``, the classes results and hook
    returns are judged against, the stand-ins and result types of the host's ``calls``, the
    types of the attributes it reads): :func:`load` then gives those objects, as the host holds
    the references it bound before it loaded plugins. Before, they were looked up after the
    plugin's import, so a plugin that set ``demo_host.accept = lambda converters: None`` had
    its refused result accepted, and one that put the stand-in of a page with text in the place
    of the empty page's had its hook, which fails on an empty page, pass: "All checks passed",
    with ``--untrusted-plugins`` too (red team red59). One that fails to load now is looked up
    again when used, as before."""
    for ref in _refs({k: v for k, v in request.items() if k in _REF_KEYS}):
        if ":" in ref and not ref.startswith(":") and ref not in _BOUND:  # a literal: afresh
            with contextlib.suppress(Exception):
                _BOUND[ref] = load(ref)


_REF_KEYS = frozenset(
    {
        "accepted_by",
        "argument_types",
        "attributes",
        "calls",
        "hook_returns",
        "instantiate_with",
        "keyword_samples",
        "keyword_stand_ins",
        "return_type",
        "samples",
        "stand_ins",
        "type",
    }
)
"""The request's keys whose values hold the contract's references (``module:name``; the other
strings there, a ``returns`` or a method's name, have no colon)."""


def _refs(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


def load(ref: str) -> Any:
    if ref in _BOUND:
        return _BOUND[ref]
    module, _, attr = ref.partition(":")
    if not module:  # a literal stand-in (``:<json>``): a fresh copy of the value per call
        return lambda: json.loads(attr)
    PACKAGE_PATH.join_package_path(module, ROOTS, PACKAGE_DIRS.get(module, []))
    obj: Any = importlib.import_module(module)
    for part in filter(None, attr.split(".")):
        obj = getattr(obj, part)
    return obj


def named(value: Any, name: str) -> Any:
    """A stand-in's value, or the plugin's entry-point ``name`` for ``{ entry-point = "name"
    }`` (the literal ``{"$entry-point": "name"}``, config.fields.ENTRY_POINT_NAME)."""
    return name if value == {"$entry-point": "name"} else value


OUT: Any = None
"""Where answers go: the worker's own stdout, in a plugin's child the pipe made for it."""


STEP_SECONDS = 30
"""One plugin's import (or setup call, or hook call) may not hold up the others' checks for
longer: the harness's step deadline (the contract's ``lifecycle.deadline``, else 30 s for a host
that times nothing), set from the request by :func:`set_deadline`."""
EXIT_SECONDS = 7
"""Room for the host's exit in a child (``left_running``): up to 2 s for what the calls left
asleep, 2 s for what the handlers started, the watchdog's second, and some slack."""
CHILD_SECONDS = 5 * STEP_SECONDS + 5 + EXIT_SECONDS
"""One plugin's child (its import, its check, its hooks' calls, the host's exit), at most."""


def set_deadline(seconds: float) -> None:
    """The request's step deadline (whole seconds, at least 1) for every step of this run."""
    global STEP_SECONDS, CHILD_SECONDS
    STEP_SECONDS = max(1, math.ceil(seconds))
    CHILD_SECONDS = 5 * STEP_SECONDS + 5 + EXIT_SECONDS


class StepTimeout(Exception):
    pass


@contextlib.contextmanager
def bounded(seconds: int | None = None) -> Iterator[None]:
    """Interrupt Python code that runs too long (a hang in C is the process deadline's): later
    by the time the machine kept this process's tree off the processors (``starvation``)."""
    limit = STEP_SECONDS if seconds is None else seconds
    starvation = APART.STARVATION
    looked, start = starvation.look(os.getpid(), alone=True), time.monotonic()

    def expire(signum: int, frame: Any) -> None:
        if not starvation.late(looked, os.getpid(), time.monotonic() - start, limit):
            signal.setitimer(signal.ITIMER_REAL, starvation.LOOK)  # kept waiting: look again
            return
        raise StepTimeout(f"did not finish within {limit} s (plugcheck's limit per step)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(limit)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


SAID_SECONDS = 2.0
"""How long describing a plugin's exception may take (its ``__str__`` is the plugin's code)."""


def said(exc: BaseException) -> str:
    """``Type: message`` of an exception a plugin raised, without trusting it: its ``__str__``
    may never return (before, the setup-function child hung there until its whole deadline,
    155 s, and the plugin was PC416 'could not be checked'), raise, return no string or a
    huge one. A timer interrupts it every 0.1 s after ``SAID_SECONDS`` (a ``__str__`` that
    swallows one interruption gets the next)."""
    try:
        name = type.__getattribute__(type(exc), "__name__")
    except BaseException:
        name = "<unknown type>"

    def expire(signum: int, frame: Any) -> None:
        raise StepTimeout(f"str() did not return within {SAID_SECONDS:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    start = time.monotonic()
    remaining = signal.setitimer(signal.ITIMER_REAL, SAID_SECONDS, 0.1)
    try:
        try:
            text = str(exc)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if not isinstance(text, str):
            text = "<unprintable: str() returned no string>"
    except BaseException as failure:
        why = failure if isinstance(failure, StepTimeout) else type(failure).__name__
        text = f"<unprintable: {why}>"
    finally:
        signal.signal(signal.SIGALRM, previous)
        if remaining[0] > 0:  # an enclosing bounded() keeps what it had left
            left = remaining[0] - (time.monotonic() - start)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.01))
    return f"{name}: {text[:4000]}"


def loaded(request: Placement) -> dict[str, Any]:
    for name in request.get("preload", []):  # what the host imported before its plugins
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    loaded: dict[str, Any] = {}
    for plugin in request["plugins"]:
        try:
            with bounded():
                loaded[plugin["name"]] = load(plugin["ref"])
        except BaseException as exc:  # the harness reports import failures; here: skipped
            refused = refusal(exc)  # first: describing it makes audit events of its own
            skipped(plugin["name"], said(exc), refused=refused)
    # The atexit handlers its import registered are the harness's to run (its at-exit step,
    # PC419); this worker runs those its calls register (``at_exit``).
    atexit._clear()
    return loaded


OWN_FAILURE = 70
"""A child's exit status when the worker itself failed (a stand-in that cannot be loaded): not
the plugin's doing, so not a failed call."""


def origin(obj: Any) -> str:
    module = getattr(obj, "__module__", "?")
    file = getattr(sys.modules.get(module), "__file__", None)
    return f"{module}.{getattr(obj, '__qualname__', obj)}" + (f" ({file})" if file else "")


def class_where(obj: Any) -> Where:
    try:
        # a wrapper keeping its function as __wrapped__ (functools.wraps, lru_cache) or a
        # functools.partial: where that function is (getsourcefile does not unwrap)
        obj = obj.func if isinstance(obj, functools.partial) else obj
        obj = obj if isinstance(obj, type) else inspect.unwrap(obj)
        path = inspect.getsourcefile(obj)
        line = inspect.getsourcelines(obj)[1]
    except (TypeError, OSError, ValueError):
        return Where(path=None, line=None)
    if isinstance(obj, type) and path:
        line = _kept_class_line(obj, path) or line
    return Where(path=path, line=line)


def _kept_class_line(cls: type, path: str) -> int | None:
    """The ``class`` statement that made ``cls`` when its module defines the name more than
    once: the one holding its own methods' code (``inspect`` names the first, which Python
    discarded); ``None`` when the methods do not tell."""
    firsts = []
    for value in vars(cls).values():
        code = getattr(getattr(value, "__func__", value), "__code__", None)
        if code is not None and code.co_filename == path:
            firsts.append(code.co_firstlineno)
    if not firsts:
        return None
    try:
        with open(path, encoding="utf-8") as file:
            tree = ast.parse(file.read(), path)
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return None
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ClassDef)
            and node.name == cls.__name__
            and node.lineno <= min(firsts) <= (node.end_lineno or node.lineno)
        ):
            return node.decorator_list[0].lineno if node.decorator_list else node.lineno
    return None


def plugin_frame(exc: BaseException | None, module_file: str | None) -> Where:
    """The innermost traceback frame in the plugin's own files (:mod:`.own_files`)."""
    found = Where(path=None, line=None)
    # As the interpreter keeps it: a plugin's exception class may shadow it with a property.
    tb = BaseException.__dict__["__traceback__"].__get__(exc) if exc is not None else None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if is_own(filename, module_file):
            found = Where(path=filename, line=tb.tb_lineno)
        tb = tb.tb_next
    return found


def send(answer: Answer) -> None:
    """One answer as a JSON line (every answer of the worker goes through here)."""
    print(json.dumps(answer), file=OUT)
    OUT.flush()


def contract_problem(key: str, message: str) -> None:
    """The contract's ``key`` is wrong whatever the plugins (the worker's own process only)."""
    print(json.dumps(ContractProblem(contract=key, message=message)), file=OUT)
    OUT.flush()


def ok(name: str, *, proves: bool | None = None) -> None:
    """The host accepts the plugin (``proves=False``: the call used stand-ins that are not the
    host's objects)."""
    answer = OkAnswer(plugin=name, status="ok", message="")
    if proves is not None:
        answer["proves"] = proves
    send(answer)


def skipped(
    name: str, message: str, problem: str | None = None, *, refused: Refused = None
) -> None:
    """The plugin could not be checked (``problem``: ``stand-in``, the contract's stand-in
    failed before any of the plugin's code ran; ``refused``: what the sandbox refused it)."""
    answer = SkippedAnswer(plugin=name, status="skipped", message=message)
    if problem:
        answer["problem"] = problem
    send(_refused(answer, refused))


_Told = TypeVar("_Told", InvalidAnswer, CallFailedAnswer, SkippedAnswer)


Refused = dict[str, Any] | None
"""What the sandbox refused the plugin's process (``denied.carried``), if anything."""


def refusal(exc: BaseException) -> Refused:
    """(child) What the sandbox refused, when ``exc`` carries its refusal: called first thing
    where the exception is caught, before the worker's own code asks the kernel for anything
    (listing the plugin's files for a frame) and so replaces the last request."""
    tree = QUOTA.TREE
    found: Refused = DENIED.carried(exc, tree.last, tree.error, QUOTA.LIMIT)
    return found


def _refused(answer: _Told, found: Refused) -> _Told:
    """``answer`` with what the sandbox refused (PC420 on plugcheck's side, as in the harness's
    children). Flat scalars: ``apart`` keeps no others."""
    if found:
        answer["refused"] = str(found["what"])
        if found.get("path"):
            answer["refused_path"] = str(found["path"])
            answer["refused_write"] = bool(found.get("write"))
        if found.get("limit"):
            answer["refused_limit"] = str(found["limit"])
    return answer


def invalid(
    name: str,
    message: str,
    where: Where | None = None,
    *,
    hook: str | None = None,
    problem: str | None = None,
    refused: Refused = None,
) -> None:
    """The host refuses the plugin: ``message``, where in its files, the hook it is about
    (``refused``: what the sandbox refused the call that failed)."""
    answer = InvalidAnswer(plugin=name, status="invalid", message=message)
    send(_refused(_failed(answer, where, hook, problem), refused))


def call_failed(
    name: str,
    message: str,
    where: Where | None = None,
    *,
    hook: str | None = None,
    problem: str | None = None,
    refused: Refused = None,
) -> None:
    """A call of the plugin after it loaded raised (``refused``: what the sandbox refused it),
    or the host refuses what it returned."""
    answer = CallFailedAnswer(plugin=name, status="call-failed", message=message)
    send(_refused(_failed(answer, where, hook, problem), refused))


def _failed(answer: _Failed, where: Where | None, hook: str | None, problem: str | None) -> _Failed:
    if hook is not None:
        answer["hook"] = hook
    if problem is not None:
        answer["problem"] = problem
    if where is not None:
        answer["path"], answer["line"] = where["path"], where["line"]
    return answer
