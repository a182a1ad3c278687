"""What a plugin does, seen from inside its process: the audit hook (process quota, effects at
import) and the state it shares with the child driver. Installed once in the server, switched
on in a child."""

from __future__ import annotations

import mmap
import os
import sys

from .denied import ASKED
from .quota import SPAWNING, over, refused

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    from plugcheck.harness.protocol import Effect

    Msg = dict[str, Any]

_isinstance = isinstance


_SPAWN_EVENTS = SPAWNING
_EFFECT_EVENTS = {
    "os.system": "os.system",
    "subprocess.Popen": "subprocess",
    "os.posix_spawn": "subprocess",
    "os.spawn": "subprocess",
    "os.exec": "exec",
    "os.fork": "fork",
    "socket.connect": "socket connect",
    "socket.sendto": "socket send",
    "os.remove": "file delete",
    "os.rmdir": "file delete",
    "shutil.rmtree": "file delete",
    "os.rename": "file rename",
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

# --- child state, shared with the audit hook ----------------------------------------------


class State:
    """What the audit hook needs: installed once in the server, switched on in a child."""

    def __init__(self) -> None:
        self.active = False
        self.recording = False
        self.events: list[Effect] = []
        self.roots: tuple[str, ...] = ()
        self.host_roots: tuple[str, ...] = ()
        """The host's own package directories (each ending in a separator)."""
        self.quota: mmap.mmap | None = None
        self.home = ""
        self.snapshot: tuple[dict[str, Any], dict[str, Any]] = ({}, {})
        self.last: tuple[str, Any] = ("", ())
        """The last audit event in the plugin's process that asks the kernel for something
        (``denied.ASKED``), and its arguments: what the kernel refused when an ``OSError``
        follows it (``refusal.py``)."""
        self.refusal: BaseException | None = None
        """The process quota's own exception, once raised."""
        self.root_pid = 0
        """The plugin's first process (a subreaper: its tree holds every process it started)."""
        self.host_stdout: Any = None
        """``sys.stdout`` as the host's own deferred preloads left it, where no plugin code ran
        in them (``preload_guard.host_first``): the host's stream, not the plugin's tampering."""
        self.host_imported: Any = None
        """Called there too: what those preloads changed of the preloaded modules is the
        host's (``shared_modules.Shared.rebase``)."""

    def stdout_kept(self, recorder: Any) -> bool:
        """Whether ``sys.stdout`` is still the recorder the child gave the plugin, or the
        stream the host's own deferred preloads left (``host_stdout``). By identity: a
        plugin's stream may define ``__eq__``."""
        stdout = sys.stdout
        return stdout is recorder or (self.host_stdout is not None and stdout is self.host_stdout)


STATE = State()


def plugin_frame(frame: Any) -> tuple[str, int] | None:
    """The innermost frame (from ``frame`` outwards) whose file is inside the plugin."""
    roots = STATE.roots
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(roots):
            return filename, frame.f_lineno
        frame = frame.f_back
    return None


def host_import(frame: Any) -> bool:
    """Whether, from ``frame`` outwards and before any frame of the plugin, a module of the
    host's own packages is running its body: the work is that module's import-time work, the
    host's whoever imported it first. A host function the plugin calls is not (its frame is no
    module body): what the plugin makes it do at import is the plugin's."""
    roots, hosts = STATE.roots, STATE.host_roots
    while frame is not None and hosts:
        filename = frame.f_code.co_filename
        if filename.startswith(roots):
            return False
        if frame.f_code.co_name == "<module>" and filename.startswith(hosts):
            return True
        frame = frame.f_back
    return False


def quota_exceeded() -> RuntimeError:
    """The process quota's refusal, remembered so that the step that fails with it is told
    apart from a plugin raising the same words (``refusal.py``)."""
    error = refused()
    STATE.refusal = error
    return error


def audit_hook(event: str, args: tuple[Any, ...]) -> None:
    state = STATE
    if not state.active:
        return
    if event in ASKED:
        state.last = (event, args)
    if event in _SPAWN_EVENTS and state.quota is not None:
        count = int.from_bytes(state.quota[:8], "little") + 1
        state.quota[:8] = count.to_bytes(8, "little")
        if over(count, state.root_pid):
            raise quota_exceeded()
    if not state.recording or len(state.events) >= 50:
        return
    kind = _EFFECT_EVENTS.get(event)
    detail = ""
    if event == "open":
        path, mode, flags = ([*list(args), None, None, None])[:3]
        writing = (
            _isinstance(mode, str) and any(c in mode for c in "wax+")
            if mode is not None
            else _isinstance(flags, int) and bool(flags & _WRITE_FLAGS)
        )
        if not writing or not _isinstance(path, (str, bytes)):
            return
        text = os.fsdecode(path)
        kind, detail = "file write", text
    elif kind is None:
        return
    elif event == "socket.connect" and len(args) > 1:
        detail = str(args[1])
    elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"):
        command = args[1] if event != "os.system" else args[0]
        if _isinstance(command, bytes):  # os.system's audit event passes the encoded command
            command = os.fsdecode(command)
        detail = str(command)[:200]
    elif args:
        detail = str(args[0])[:200]
    if "__pycache__" in detail:
        return  # the import system caching bytecode, not the plugin
    if host_import(sys._getframe(1)):
        return  # a host module's own import-time work
    if state.home:
        detail = detail.replace(state.home, "$HOME")  # the same text on every run
    where = plugin_frame(sys._getframe(1))
    state.events.append({"kind": kind, "detail": detail, "where": where})
