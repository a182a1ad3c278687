"""Plugin code never runs in the fork server: a host module the server preloads that loads
plugins while it is imported (papermill imports every ``papermill.engine`` entry point) is left
to each plugin's own process, which imports it confined, before its plugin.

The server is not confined (it mounts, makes cgroups, holds every child's result) and every
child is forked from it: a plugin's import there could write anywhere its user may, read the
real home, and patch the server or the children it makes, so as to forge every plugin's result
(red team red32). An audit hook, on only while the preloads and the preload calls run, stops
the first step into a plugin's code (its module imported by name, or a code object from one of
its files executed: ``spec_from_file_location``, ``runpy``) before it runs; the server then
drops what that preload had imported. Standard library only, no relative imports.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Set
    from typing import Any


class PluginCode(BaseException):
    """Raised where a preload was about to run a plugin's code in the server (a
    ``BaseException``: a host's ``except Exception`` around its plugin loading must not go on
    as if that plugin had merely failed)."""


class _Guard:
    def __init__(self) -> None:
        self.active = False
        self.modules: frozenset[str] = frozenset()
        self.files: frozenset[str] = frozenset()
        self.hit: str | None = None
        self.watched: tuple[str, ...] = ()
        """(child) The plugin's roots while the deferred preloads run: a code object of its
        files executed there is noted in ``ran``, never stopped (this is its own process). Only
        guarded files count: a plugin the host itself ships (``host_own``: commitizen's
        ``pep440`` scheme in ``commitizen.version_schemes``) runs as the host's own code."""
        self.ran = False
        self.own_files: frozenset[str] = frozenset()
        """The plugins' own files, not the others their distributions installed (guarded in
        the server all the same): only these count as the plugin's code having run."""
        self.suffixes: tuple[str, ...] = ()
        """The endings of the guarded files (``.py``): an opened file is looked up only then."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        """(first on ``sys.meta_path`` while on) A plugin's module imported by name, also by
        ``importlib.import_module`` (which raises no ``import`` audit event): stopped before it
        is even found (an extension module's code runs as it loads)."""
        parts = name.split(".")
        if any(".".join(parts[:i]) in self.modules for i in range(1, len(parts) + 1)):
            self._stop(f"module {name}")

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "exec" and args and (self.active or self.watched):
            filename = getattr(args[0], "co_filename", None)
            if type(filename) is not str:
                return
            # The cheap prefix test first: only a file under the plugin's roots is resolved.
            if (
                self.watched
                and filename.startswith(self.watched)
                and self._plugins_file(filename, self.own_files)
            ):
                self.ran = True
            if self.active and self._plugins_file(filename):
                self._stop(filename)
        elif self.active and event == "import" and args and type(args[0]) is str:
            self.find_spec(args[0])
            if len(args) > 1 and args[1] is not None:
                # An extension module's load names its file (before it is loaded): a host
                # that loads a plugin's `.so` under a name of its own (a spec from its path
                # for `hostplugins.evil`) ran its initialiser in the server (red team red47).
                self._opened(args[1], "loaded")
        elif self.active and event in ("open", "ctypes.dlopen") and args:
            self._opened(args[0], "opened" if event == "open" else "loaded")

    def _opened(self, path: object, how: str) -> None:
        """A plugin's file opened by a preload (``open``, ``os.open``, ``io.open_code``), or
        loaded as a shared library (an extension module, ``ctypes``): a
        host that runs ``exec(open(path).read())`` executes the plugin's code under the
        filename ``<string>``, which no ``exec`` test above knows; before, such a plugin ran
        in the server, unconfined, and wrote outside its sandbox (red team red46). Reading a
        plugin's file is left to the children too. Only a name with a guarded file's suffix is
        looked at further (an import opens hundreds of ``.pyc`` files)."""
        if type(path) is bytes:
            path = os.fsdecode(path)
        elif type(path) is not str:
            if not isinstance(path, os.PathLike):
                return  # a descriptor: its file was opened (and looked at) before
            path = os.fspath(path)
            if type(path) is bytes:
                path = os.fsdecode(path)
        if type(path) is not str or not path.endswith(self.suffixes):
            return
        if not path.startswith("/"):
            path = os.path.join(os.getcwd(), path)
        if self._plugins_file(path):
            self._stop(f"{path} ({how})")

    def _plugins_file(self, filename: str, files: Set[str] | None = None) -> bool:
        """Whether ``filename`` is a plugin's file however the host spelled it: a host that
        loads ``os.path.join(HERE, "..", "plugins", name)`` by path, or through a linked folder,
        ran that plugin in the server (red team red45). Only what the preloads execute is
        resolved (a few hundred files), never the plugins' files (discovery's spelling)."""
        files = self.files if files is None else files
        if filename in files:
            return True
        if not filename.startswith("/"):
            return False  # <string>, <frozen ...>
        return os.path.normpath(filename) in files or os.path.realpath(filename) in files

    def _stop(self, what: str) -> None:
        self.hit = self.hit or what
        raise PluginCode(f"plugcheck: a plugin's code ({what}) is run in its own process only")


GUARD = _Guard()
DEFERRED: dict[str, str] = {}
"""The preloads left to each child (in order), with the plugin code each would have run: the
server dropped them."""
FAILED: list[Any] = []
"""(child) What the deferred preload that raised outside the plugin's files raised, as
``host_first``'s ``said`` described it right then (``describe.preload_failure``)."""


def install(setup: dict[str, Any]) -> None:
    """Arm the guard (the server, before its preloads) with the run's plugins' module names
    and source files."""
    GUARD.modules = frozenset(setup.get("plugin_modules", ()))
    GUARD.files = frozenset(setup.get("plugin_files", ()))
    GUARD.own_files = frozenset(setup.get("plugin_own_files", GUARD.files))
    GUARD.suffixes = tuple({os.path.splitext(f)[1] or f for f in GUARD.files})
    sys.addaudithook(GUARD)


def preload(name: str) -> None:
    """Import ``name`` in the server unless that runs a plugin's code: then every module it
    imported is dropped again and it is left to the children (``DEFERRED``). ``None``, or
    raises what the import raised."""
    before = set(sys.modules)
    with _on():
        try:
            importlib.import_module(name)
        except BaseException:
            if GUARD.hit is None:
                raise
    if GUARD.hit is not None:
        left_to_children(name, before)
    return None


def left_to_children(name: str, before: Set[str]) -> None:
    """(just after a guarded import of ``name``, or a guarded call that imported it, was stopped
    at a plugin's code) Every module imported since ``before`` is dropped and ``name`` is left
    to each child, which imports it before its plugin (``DEFERRED``): what the stopped import
    had done (a host's plugin manager that it gave its hookspecs, in a module it completed)
    is not kept for the child's import to do again, and each answer says that other plugins'
    code came first in its process."""
    for added in [m for m in sys.modules if m not in before]:
        del sys.modules[added]
    DEFERRED.setdefault(name, GUARD.hit or "")
    GUARD.hit = None  # the next stop is its own


def guarded(calls: Any) -> Any:
    """``calls()`` with the guard on (the contract's preload calls)."""
    with _on():
        return calls()


@contextlib.contextmanager
def _on() -> Iterator[None]:
    GUARD.hit = None
    GUARD.active = True
    sys.meta_path.insert(0, GUARD)
    try:
        yield
    finally:
        GUARD.active = False
        while GUARD in sys.meta_path:
            sys.meta_path.remove(GUARD)


def host_first(
    module: str,
    inside: Callable[[BaseException], bool],
    said: Callable[[str, BaseException], Any],
    state: Any,
    before: Callable[[], Any] | None = None,
) -> Any:
    """(child, confined: the import step) The preloads the server left to this process, as
    the host imports them before its plugins, then the plugin's own module. A preload that
    raised in the plugin's own files is the plugin's failure; one that raised elsewhere (the
    host's own import fails inside another plugin) is noted in ``FAILED`` as ``said``
    describes it at once (whether the sandbox refused it is read from the process's last
    request to the kernel, which the plugin's own import changes: read later, another plugin's
    refused write was the host's failure, PC422), and the plugin is imported all the same, as
    where the server's own preload failed. What the preloads do is
    not recorded as the plugin's import-time work (``state.recording``).

    The host's own import may replace ``sys.stdout`` (commitizen's ``colorama.init()`` wraps
    it): where none of the plugin's code ran in these preloads, the stream they leave is the
    host's (``state.host_stdout``), not the plugin's tampering (PC414); where its code ran (the
    host loads its plugins as it is imported), the plugin is held to the stream it was given."""
    GUARD.watched, GUARD.ran = state.roots, False
    try:
        for name in DEFERRED:
            state.recording = False
            try:
                importlib.import_module(name)
            except BaseException as exc:
                if inside(exc):
                    raise
                FAILED.append(said(name, exc))
                break
            finally:
                state.events = []
                state.recording = True
    finally:
        GUARD.watched = ()
    if DEFERRED and not GUARD.ran:
        state.host_stdout = sys.stdout
    if before is not None:  # what the host binds before it loads plugins: not the plugin's work
        state.recording = False
        try:
            before()
        finally:
            state.events = []
            state.recording = True
    host_imported = getattr(state, "host_imported", None)
    if (DEFERRED or before is not None) and not GUARD.ran and host_imported is not None:
        host_imported()  # what the host's own code changed here is the host's (PC430)
    return importlib.import_module(module)
