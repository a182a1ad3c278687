"""The registration worker (the classes and the modes: ``__init__``): one run over stdin's request.

Started by path, ``python -I .../_ecosystem_worker/main.py < request.json``, in the target
interpreter; plugcheck need not be installed there. ``__main__`` loads this directory as the
package ``_plugcheck_ecosystem`` first, so its modules import each other relatively and none of
their names shadows a plugin's module.
"""

from __future__ import annotations

import builtins
import contextlib
import functools
import importlib
import json
import os
import sys
import types
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from . import at_exit, classes, entry, hooks, left_running, managers, shared
from .protocol import Where

_T = TypeVar("_T")


def main() -> int:
    request = json.load(sys.stdin)
    shared.set_deadline(float(request.get("step_seconds", shared.STEP_SECONDS)))
    # Plugins may print at import time: keep their output away from the JSON lines.
    shared.OUT = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    sys.path[:0] = request["sys_path"]
    # Started with -S: the target's start-up code runs in each plugin's child (shared.start_up).
    shared.START_CODE.venv_prefix()
    shared.START_CODE.site_builtins()
    shared.PTH_LINES[:] = shared.START_CODE.compiled(shared.START_CODE.import_lines(sys.path))
    shared.ROOTS[:] = request["sys_path"]
    shared.PACKAGE_DIRS.update(request.get("package_dirs", {}))
    warnings.simplefilter("ignore")
    _host_main(request.get("main_file"))
    modes: dict[str, Callable[[Any], None]] = {
        "pluggy": hooks.register_each,
        "subclass": classes.subclass,
        "setup": entry.setup,
        "classes": classes.classes,
    }
    # This process imports the host's modules, never a plugin: each plugin is imported and
    # judged in a child of its own, whose answers name only it (harness/worker/apart.py).
    shared.APART.not_dumpable()
    # The host's sys.modules, not this worker's: the host's modules import back what they need.
    shared.WORKER_ONLY.hide(getattr(sys.modules.get(__package__ or ""), "STARTUP", None))
    # Before any plugin folder is on the path, as in the host (not a plugins/pluggy.py).
    plugin_roots = set(request.get("plugin_roots", []))
    # A host module that loads its plugins as it is imported (papermill's engines) is left to
    # each plugin's child, as in the fork server: in this process, which reads every child's
    # answers, a plugin's code could rewrite them all. Before, an installed plugin the host's
    # preload loaded replaced the answers of every other plugin here, and a hook pluggy
    # rejects (PC501) was withdrawn as "accepted" (red team red47).
    guard = shared.PRELOAD_GUARD
    guard.install(request)
    with shared.APART.without(plugin_roots, sys.path, shared.ROOTS):
        for ref in shared.APART.host_refs(request):
            with contextlib.suppress(Exception):
                guard.preload(ref)
        # The host's session (the harness's fork server reports a call that fails).
        guard.guarded(lambda: shared.PRELOAD_CALLS.call_all(request.get("preload_calls", [])))
        # What each child reads of the host's modules before its plugin (a base class, a
        # stand-in), read once here: where a module attribute made when read loads the
        # plugins, the module is left to each child, whose answers then say so. Before, each
        # child ran the other plugins' code there first unsaid, and a sibling that rewrote a
        # setup function's failure as "ok" had it pass under --untrusted-plugins (red53).
        for ref in shared.APART.host_attributes(request):
            _guarded_once(functools.partial(shared.load, ref), [ref.partition(":")[0]])
        # Still without the plugins' folders: no plugin's file is imported in this process.
        # Where reading the hookspecs runs a plugin's code (a module attribute made lazily that
        # loads the plugins), it is left to each child, as a preload is.
        problems: list[str] = []
        if request["mode"] == "pluggy":
            specs = [r.partition(":")[0] for r in request["hookspecs"]]
            problems = _guarded_once(lambda: hooks.contract_problems(request), specs) or []
            # The manager with the host's hookspecs, once here: only where no plugin's code
            # runs in making it, nor in any preload (a deferred one runs before the specs in
            # each child, as in the host).
            if not problems and not guard.DEFERRED:
                _guarded_once(lambda: managers.prepare(request), specs)
    if problems:
        for problem in problems:
            shared.contract_problem("pluggy.hookspecs", problem)
        return 0
    # No plugin's file stands in for a stdlib module in another plugin's child (a csv.py).
    shared.STDLIB_FIRST.install([p for p in sys.path if p not in plugin_roots])
    shared.QUOTA.install()  # counts in each plugin's child (QUOTA.TREE.start), not here
    # Read and loaded once here, not in every plugin's child: the listing of a folder of N
    # plugins was O(N) in each child, _posixsubprocess a dlopen each (as the fork server does).
    shared.WARM.warm([p for p in sys.path if p])
    shared.WARM.load_fork_exec()
    if request["mode"] == "pluggy" and request.get("addhooks"):
        request["added_specs"] = hooks.census(request)
    # What a plugin's child leaves running outside its process group comes back here: seen
    # from outside, whatever the child's own census said (red team red32).
    shared.APART.subreaper()
    deferred = ", ".join(shared.PRELOAD_GUARD.DEFERRED)
    for plugin in request["plugins"]:
        _swept()  # what came before (the addhooks census's children): no plugin's in particular
        token = os.urandom(8).hex()
        one = {**request, "plugins": [plugin]}
        # A directory of its own (its cwd, HOME, TMPDIR), removed once it is done, as the fork
        # server gives each plugin: before, every plugin of the worker shared the worker's, and
        # one that filled it (the launcher's tmpfs, 64 MiB) failed every plugin after it.
        home = os.path.join(os.getcwd(), f"plugin-{token}")
        os.mkdir(home, 0o700)
        work = functools.partial(_answer, modes[request["mode"]], one, token, home)
        left: list[str] = []
        ended = functools.partial(_note_running, left)
        output, status = shared.APART.run(work, shared.CHILD_SECONDS, shared.OWN_FAILURE, ended)
        shared.REMOVE_TREE.rmtree(home)
        _escaped(plugin["name"], output, sorted({*left, *_swept()}))
        # Its last line, once everything is done: a child that a thread of the plugin ended
        # (os._exit(0) while the census waited) ended with status 0 all the same.
        done = f"\n{token}\n".encode() in b"\n" + output
        own, others = shared.APART.answers(output, plugin["name"])
        if others:
            what = f"it wrote answers naming other plugins ({', '.join(sorted(set(others))[:3])})"
            shared.skipped(plugin["name"], f"{what}: none of its answers is taken")
        elif own:
            for answer in own:
                # Its word is not its own alone where the host's import ran other plugins'
                # code in its child first: said here, whatever the child wrote.
                answer.pop("after_plugins", None)
                if deferred:
                    answer["after_plugins"] = deferred
                print(json.dumps(answer), file=shared.OUT)
            shared.OUT.flush()
            if status is None or os.waitstatus_to_exitcode(status) != 0 or not done:
                # Answers so far (pluggy's "ok" comes before the hooks' calls): the rest of
                # its check never ran, which is not a pass.
                said = shared.APART.unfinished(status, shared.CHILD_SECONDS)
                limit = shared.DENIED.signalled(status)
                # (killed at its deadline, status None, after it began its handlers: one hung)
                handler = at_exit.ended(output.splitlines(), None, status)
                if handler is not None:  # it ended in an atexit handler its calls registered
                    where = Where(path=handler[2], line=handler[3])
                    message, hook = handler[0], handler[1] or None
                    shared.call_failed(
                        plugin["name"], message, where, hook=hook, problem="at-exit", refused=limit
                    )
                elif limit is not None:  # past plugcheck's CPU limit: PC420, as the harness's
                    shared.call_failed(plugin["name"], said, refused=limit)
                else:
                    shared.skipped(plugin["name"], said)
        elif status is None or os.waitstatus_to_exitcode(status) != shared.OWN_FAILURE:
            said = shared.APART.ended(status, shared.CHILD_SECONDS)
            shared.skipped(plugin["name"], said, refused=shared.DENIED.signalled(status))
    return 0


def _guarded_once(work: Callable[[], _T], deferred_as: list[str]) -> _T | None:
    """``work()`` with the preload guard on, for what each plugin's child would otherwise do
    again: where it fails, or steps into a plugin's code (stopped before it runs), the
    modules it imported are dropped and nothing is kept; each child then does it itself. A
    step into a plugin's code leaves the modules ``deferred_as`` to each child, as a preload
    that runs one (``DEFERRED``): other plugins' code runs there before its plugin's check,
    so its answers are not its word alone. Before, they said nothing of it, and a plugin
    whose code a lazy hookspec attribute loaded rewrote another's answer (its PC501 was
    withdrawn as "accepted")."""
    before = set(sys.modules)
    guard = shared.PRELOAD_GUARD
    try:
        return guard.guarded(work)  # type: ignore[no-any-return]  # the guard is untyped
    except guard.PluginCode:
        for name in deferred_as:
            guard.left_to_children(name, before)
    except Exception:
        for added in [m for m in sys.modules if m not in before]:
            del sys.modules[added]
    return None


def _note_running(into: list[str]) -> None:
    """(a plugin's child just ended, before its group kill) Add to ``into`` the commands of
    this process's running children: what that child left running, in its process group or
    outside it (the orphans come back here, the subreaper). Before, only what the group kill
    missed was seen, and a plain child, killed with the group, only while it took to die: a
    PC569 the scheduler decided for a plugin whose census hid it (red team red46)."""
    into.extend(
        shared.PROCESSES.command(pid)
        for pid in shared.PROCESSES.running(shared.PROCESSES.children())
    )


def _swept() -> list[str]:
    """The commands of this process's running children, each killed and reaped: only the
    orphans of a plugin's child (a ``setsid`` daemon the group kill missed) are ever there."""
    left = shared.PROCESSES.running(shared.PROCESSES.children())
    said = sorted(shared.PROCESSES.command(pid) for pid in left)
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, 9)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    return said


_WARNINGS = frozenset(
    {
        "no-hookimpls",
        "unregistered-hookimpl",
        "at-exit-raised",
        "returns-iterable",
        "returns-sized",
        "returns-indexable",
    }
)
"""Answers that are, or may be, warnings, no error of the plugin's already: PC567, PC572
(``rules/_ecosystem.REGISTERED_PROBLEMS``), PC419 for an atexit handler that raised (the
interpreter only prints it: ``rules/_ecosystem.AT_EXIT``), PC542 for another iterable where a
list is declared (a warning where the host only iterates it: ``kinds/pluggy/dynamic._OFFERS``).
A plugin that made one on purpose (a marked ``partial``, red team red45; a raising atexit
handler, red50) had its escaped server's PC569 dropped, one warning left."""


def _escaped(name: str, output: bytes, left: list[str]) -> None:
    """PC569 for processes the plugin's child left running (seen from outside), when
    every answer of its own was a pass: its census (``left_running``) is its own word. Before,
    a hook that started a ``start_new_session=True`` daemon and blanked that census passed."""
    own, others = shared.APART.answers(output, name)
    failed = [a for a in own if a.get("status") != "ok" and a.get("problem") not in _WARNINGS]
    if not left or not own or others or failed:
        return
    shared.call_failed(
        name,
        "left running when its check ended (found by plugcheck's worker, not reported by "
        "the plugin's own process): processes " + ", ".join(f"`{c}`" for c in left),
        problem="left-running",
    )
    shared.OUT.flush()


def _answer(mode: Any, request: dict[str, Any], token: str, home: str, fd: int) -> None:
    """(child) Judge the request's one plugin, in ``home``; the answers go to ``fd`` only,
    then ``token`` (the worker's sign that the child got to its end). Then the host's exit: the
    handlers its calls registered and, with ``leak_census``, what it left running
    (``left_running``)."""
    os.chdir(home)
    os.environ["HOME"] = os.environ["TMPDIR"] = home
    if "tempfile" in sys.modules:  # imported by the host: forget the worker's temp dir
        setattr(sys.modules["tempfile"], "tempdir", None)  # noqa: B010 - untyped on purpose
    shared.QUOTA.TREE.start()
    shared.QUOTA.audit_fork_exec()
    os.close(shared.OUT.fileno())  # the worker's stdout: no child may write there
    shared.OUT = os.fdopen(fd, "w")
    export = request.get("export", "")
    # the function the host calls; its import's handlers are the harness's to run
    # A pluggy registration runs plugin code too (an addhooks hook, the modules a
    # plugins-variable lists): what it leaves, counted from after the import
    # (hooks.register_each), less what its hooks' child counted (hooks._in_child).
    pluggy = request["mode"] == "pluggy"
    shared.start_up()
    for name in shared.PRELOAD_GUARD.DEFERRED:  # the host's, before its plugins (see main)
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    host_exit = left_running.HostExit(
        bool(request.get("leak_census")) or pluggy, export if export.isidentifier() else None
    )
    mode(request)
    plugin = request["plugins"][0]
    module = sys.modules.get(plugin["ref"].partition(":")[0])
    shared.OUT.flush()
    host_exit.run(plugin["name"], getattr(module, "__file__", None), _defined(module), fd)
    print(token, file=shared.OUT)
    shared.OUT.flush()


def _defined(module: Any) -> Callable[[str], tuple[str | None, int | None]]:
    """(child) Where ``module`` defines a function, by its name (its ``def``)."""

    def where(name: str) -> tuple[str | None, int | None]:
        with contextlib.suppress(Exception):
            found = shared.class_where(getattr(module, name))
            return found["path"], found["line"]
        return None, None

    return where


def _host_main(main_file: str | None) -> None:
    """Plugins see a ``__main__`` like a console-script host's (its ``__file__`` and
    ``sys.argv[0]``), not this worker's module (red team finding 9: a plugin taking its program
    name from ``__main__.__file__``); the worker's own code never looks it up."""
    main = types.ModuleType("__main__")
    if main_file:
        main.__file__ = main_file
        sys.argv[:] = [main_file]
    main.__spec__ = None
    main.__builtins__ = builtins  # type: ignore[attr-defined]
    sys.modules["__main__"] = main
