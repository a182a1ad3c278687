"""Describing exceptions and code without trusting them: a plugin's objects may raise from
``str()``, lie about their type, or be huge."""

from __future__ import annotations

import _thread
import inspect  # bound at import: worker_only drops it from sys.modules (accepts has it too)
import linecache
import os
import sys

from .audit import STATE
from .refusal import refusal
from .reserve import RESERVE

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    from plugcheck.harness.protocol import (
        ErrorDict,
        FrameDict,
        PreloadRaised,
    )

    Msg = dict[str, Any]

_isinstance = isinstance
_type = type
_traceback = BaseException.__dict__["__traceback__"].__get__
"""An exception's traceback as the interpreter keeps it: a plugin's exception class may shadow
``__traceback__`` with a property that raises (before, that failed the harness's child:
exit 70, 'harness child failed', an internal error)."""
_getattr = getattr
_hasattr = hasattr
_issubclass = issubclass
_module_type: type = _type(sys)
_module_dict = _module_type.__dict__["__dict__"].__get__
_attribute_obj = AttributeError.__dict__["obj"].__get__
_import_path = ImportError.__dict__["path"].__get__
_class_module = _type.__dict__["__module__"].__get__
_dict_get = dict.get
# Bound now: a plugin may replace threading's and _thread's names before it fails.
_start_thread = _thread.start_new_thread
_allocate_lock = _thread.allocate_lock


SAID_SECONDS = 1.0
"""How long reading a plugin object's text (``str()``: its own ``__str__``) may take."""


def safe_str(obj: object, limit: int = 500) -> str:
    """``str(obj)``, cut to ``limit``, without trusting it: a plugin's ``__str__`` may raise,
    return no string, or never return. It runs in a thread of its own for at most
    :data:`SAID_SECONDS`; one that does not return by then is left running and named
    ``<unprintable: ...>`` (before, a plugin's exception whose ``__str__`` never returned made
    the step a timeout at ``__str__``, not the failure it raised: PC405 'did not finish')."""
    if _type(obj) is str:
        text: str = obj
    else:
        said: list[str] = []
        done = _allocate_lock()
        done.acquire()

        def read() -> None:
            try:
                said.append(str_here(obj))
            finally:
                done.release()

        try:
            _start_thread(read, ())
        except BaseException:  # no thread to be had (the thread limit): read it here
            return str_here(obj, limit)
        if not done.acquire(True, SAID_SECONDS):
            return f"<unprintable: str() did not return within {SAID_SECONDS:g} s>"
        text = said[0] if said else "<unprintable>"
    return text if len(text) <= limit else text[:limit] + "..."


def str_here(obj: object, limit: int | None = None) -> str:
    """``str(obj)`` in this thread (the fork server's: no thread of its own before it forks),
    whatever it raises or returns."""
    try:
        text = str(obj)
    except BaseException as exc:  # plugin objects may raise anything
        try:
            return f"<unprintable: str() raised {_type(exc).__name__}>"
        except BaseException:
            return "<unprintable>"
    if not _isinstance(text, str):
        return "<unprintable>"
    return text if limit is None or len(text) <= limit else text[:limit] + "..."


def qualname(cls: Any) -> str:
    """A class's dotted name, bounded: a plugin chooses its classes' names and modules (a 1 MB
    exception class name would otherwise push the step's record past MESSAGE_LIMIT). Longer
    than the reports' own cap, so they still say how much was cut."""
    try:
        module = _type.__getattribute__(cls, "__module__")
        name = _type.__getattribute__(cls, "__qualname__")
        text = f"{module}.{name}" if module not in ("builtins", None) else str(name)
    except BaseException:
        return "<unknown type>"
    return safe_str(text, 4000)


def _in_plugin(filename: str) -> bool:
    return filename.startswith(STATE.roots)


def raised_inside(exc: BaseException) -> bool:
    """Whether ``exc`` went through a frame of the plugin's own files."""
    return any(_in_plugin(frame["path"]) for frame in raised_through(exc))


def raised_through(exc: BaseException) -> list[FrameDict]:
    """The frames of ``exc``'s traceback, outermost first: the last 200 (where it was raised,
    and what led there)."""
    frames: list[FrameDict] = []
    tb = _traceback(exc)
    for _ in range(10_000):
        if tb is None:
            break
        frames.append({"path": tb.tb_frame.f_code.co_filename, "line": tb.tb_lineno})
        frames = frames[-200:]
        tb = tb.tb_next
    return frames


def subject_of(exc: BaseException) -> str | None:
    """The file of the module an exception is about, read through the interpreter's own slots
    (never an attribute or property a plugin's class defines): the module, class or instance
    an ``AttributeError`` found no attribute on (``module 'ext.plugin' has no attribute
    'API_NAME'``, raised in the host's code that read it), the file an ``ImportError`` could
    not import a name from. ``None`` when there is none. A plugin can shape what its own
    exceptions carry: plugcheck blames what this names only where it fails on its own too."""
    try:
        if _isinstance(exc, ImportError):
            path = _import_path(exc)
            return path if _type(path) is str else None
        if not _isinstance(exc, AttributeError):
            return None
        obj = _attribute_obj(exc)
        if not _issubclass(_type(obj), _module_type):
            cls = obj if _issubclass(_type(obj), _type) else _type(obj)
            name = _class_module(cls)
            modules = sys.modules
            if _type(name) is not str or _type(modules) is not dict:
                return None
            obj = _dict_get(modules, name)
            if not _issubclass(_type(obj), _module_type):
                return None
        path = _dict_get(_module_dict(obj), "__file__")
        return path if _type(path) is str else None
    except BaseException:
        return None


def preload_failure(module: str, exc: BaseException) -> PreloadRaised:
    """What a preload the server left to this child raised outside the plugin's files: the
    frames, the exception, and the module it is about (``rules/host_start`` blames with them)."""
    said: PreloadRaised = {
        "module": module,
        "frames": raised_through(exc),
        "error": f"{qualname(_type(exc))}: {safe_str(exc)}",
    }
    subject = subject_of(exc)
    if subject is not None:
        said["subject"] = subject[:4000]
    refused = refusal(exc)
    if refused is not None:  # the sandbox's refusal (plugcheck checks the host allows it)
        said["refused"] = refused
    return said


def error_of(exc: BaseException) -> ErrorDict:
    """Type, message and the traceback trimmed to the plugin's own frames, the innermost frame
    when it is not the plugin's (where the exception was raised), and what the sandbox refused,
    when the exception carries its refusal (read first: describing the exception makes audit
    events of its own)."""
    if _isinstance(exc, MemoryError):  # the plugin still holds what it took: make room
        RESERVE.release()
    refused = refusal(exc)
    frames: list[FrameDict] = []
    tb = _traceback(exc)
    count = 0
    origin: FrameDict | None = None
    while tb is not None and count < 500:
        code = tb.tb_frame.f_code
        origin = {"path": code.co_filename, "line": tb.tb_lineno}
        if _in_plugin(code.co_filename):
            try:
                source = linecache.getline(code.co_filename, tb.tb_lineno).strip()
            except BaseException:
                source = ""
            frames.append(
                {
                    "path": code.co_filename,
                    "line": tb.tb_lineno,
                    "function": code.co_name[:200],
                    "source": source[:200],
                }
            )
        tb = tb.tb_next
        count += 1
    if len(frames) > 20:
        frames = frames[:5] + frames[-15:]
    error: ErrorDict = {
        "type": qualname(_type(exc)),
        "message": safe_str(exc),
        "frames": frames,
    }
    if origin is not None and not _in_plugin(origin["path"]):
        error["origin"] = origin
    if refused is not None:
        error["refused"] = refused
    subject = subject_of(exc)
    if subject is not None:
        error["subject"] = subject[:4000]
    return error


def defined_at(fn: Any) -> FrameDict | None:
    """Where ``fn`` (a function, bound method or class) is defined."""
    try:
        target = fn
        for _ in range(100):  # inspect.unwrap, without importing inspect
            wrapped = _getattr(target, "__wrapped__", None)
            if wrapped is None:
                break
            target = wrapped
        target = _getattr(target, "__func__", target)
        code = _getattr(target, "__code__", None)
        if code is not None:
            return {
                "path": code.co_filename,
                "line": code.co_firstlineno,
                "function": code.co_qualname if _hasattr(code, "co_qualname") else code.co_name,
            }
        if _isinstance(target, type):
            path = inspect.getsourcefile(target)
            line = inspect.getsourcelines(target)[1]
            if path:
                return {"path": path, "line": line, "function": target.__qualname__}
    except BaseException:
        return None
    return None


def module_aliases(name: str, path: str | None) -> list[str]:
    """Other names under which the module file ``path`` sits in sys.modules."""
    if path is None:
        return []
    base = os.path.basename(path)
    found = []
    for other, module in list(sys.modules.items()):
        candidate = _getattr(module, "__file__", None)
        if other == name or not isinstance(candidate, str):
            continue
        if os.path.basename(candidate) == base and os.path.realpath(candidate) == path:
            found.append(other)
    return sorted(found)


def module_file(name: str) -> str | None:
    module = sys.modules.get(name)
    path = _getattr(module, "__file__", None) if module is not None else None
    return os.path.realpath(path) if isinstance(path, str) else None
