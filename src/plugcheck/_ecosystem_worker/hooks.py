"""The ``pluggy`` mode: each plugin registered with a fresh ``PluginManager`` holding the host's
hookspecs and those the other plugins add (the census), then its hooks called once."""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import json
import math
import os
import re
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import Any

from . import at_exit, hook_calls, left_running, managers, places, shared
from .own_files import is_own
from .protocol import PluggyWork, Where

_HOOK = re.compile(r"hook '([^']+)'")
_ATTR = re.compile(r"\.(\w+) is not a hookable attribute")


def census(request: PluggyWork) -> dict[str, Any]:
    """The hookspecs each plugin adds through the addhooks hook (the request's plugins and its
    ``census``), each described by a child that imports that plugin alone
    (harness/worker/added_specs.py): no plugin's code decides what another one adds."""

    def work(one: PluggyWork, fd: int) -> None:
        shared.QUOTA.TREE.start()
        shared.QUOTA.audit_fork_exec()
        os.close(shared.OUT.fileno())
        shared.OUT = open(os.devnull, "w")  # noqa: SIM115  # its answers are not taken
        shared.start_up()
        import pluggy

        recorder = managers.maker(one)()
        described = {
            name: shared.ADDED.describe(pluggy, recorder, namespaces)
            for name, namespaces in _recorded(recorder, shared.loaded(one)).items()
        }
        with os.fdopen(fd, "w") as out:
            json.dump(described, out)

    added: dict[str, Any] = {}
    for plugin in [*request["plugins"], *request.get("census", [])]:
        one: PluggyWork = {**request, "plugins": [plugin]}
        output, _ = shared.APART.run(
            functools.partial(work, one), shared.CHILD_SECONDS, shared.OWN_FAILURE
        )
        with contextlib.suppress(ValueError, RecursionError):
            described = shared.ADDED.valid(json.loads(output))
            if plugin["name"] in described:
                added[plugin["name"]] = described[plugin["name"]]
    return added


def register_each(request: PluggyWork) -> None:
    import pluggy

    fresh = managers.maker(request)
    optional = set(request.get("optional_hooks", []))
    shared.bind(request)  # the host's stand-ins and types, before any plugin's import
    loaded = shared.loaded(request)
    left_running.begin()  # what the import left running is the harness's (PC410)
    # What the registration leaves has no frame of its own: at the addhooks hook, if any.
    left_running.during(request.get("addhooks"))
    # Hookspecs the plugins add (through the addhooks hook): this one's recorded here, the
    # others' rebuilt from the census's description (their code does not run in this process).
    added = _recorded(fresh(), loaded) if request.get("addhooks") else {}
    for other, specs in request.get("added_specs", {}).items():
        if other not in added:
            added[other] = [shared.ADDED.namespace(pluggy, request["project"], other, specs)]
    for name, obj in loaded.items():
        manager = fresh()
        own = added.get(name, [])
        seen: list[Any] = []
        for other, namespaces in added.items():
            for namespace in namespaces:
                if other == name or any(namespace is x for x in [*own, *seen]):
                    continue
                seen.append(namespace)
                with contextlib.suppress(Exception):
                    manager.add_hookspecs(namespace)
        listed = None
        refused: shared.Refused = None
        before = _registered(manager)
        try:
            manager.register(obj, name)
        except pluggy.PluginValidationError as exc:
            message = str(exc)
        except Exception as exc:
            # The host's register() failed all the same (pytest's manager: AssertionError
            # "... is not a hookable attribute"): the plugin is refused, not unchecked.
            refused = shared.refusal(exc)
            message = f"register() raised {shared.said(exc)}"
        else:
            pending = request.get("check_pending", True)
            listed = _listed(request, manager, obj)
            message = (shared.PLUGGY.unknown(manager, obj, optional) if pending else None) or ""
        if listed is not None:  # a plugin its plugins-variable lists failed: the host stops
            shared.invalid(name, *listed)
            continue
        if not message:
            for attr, hook, value, why in shared.PLUGGY.unregistered(
                manager, obj, functools.partial(is_own, module_file=hook_calls.module_file_of(obj))
            ):
                # An answer about a plugin pluggy took (the pass keeps its registration).
                shared.invalid(
                    name,
                    f"passed over {attr}, which carries {request['project']}'s hookimpl "
                    f"marker: {why}",
                    places.binding(obj, attr, value),
                    hook=hook,
                    problem="unregistered-hookimpl",
                )
        if not message and _registered_nothing(manager, before):
            # pluggy took the plugin and found no hookimpl in it: the pass tells whether its
            # source has some that never registered (PC567), or it has none to register.
            shared.invalid(name, "pluggy registered no hookimpl of it", problem="no-hookimpls")
            continue
        if not message:
            shared.ok(name)
            if request.get("call_hooks", bool(request.get("stand_ins"))):
                _in_child(
                    functools.partial(hook_calls.call_hooks, request, manager, obj, name),
                    name,
                    functools.partial(shared.PLUGGY.where, manager, obj),
                    hook_calls.module_file_of(obj),
                )
            continue
        match = _HOOK.search(message) or _ATTR.search(message)
        hook = match.group(1) if match else None
        path, line = shared.PLUGGY.where(manager, obj, hook)
        shared.invalid(name, message, Where(path=path, line=line), hook=hook, refused=refused)


def _registered(manager: Any) -> list[int]:
    """The ids of the plugins ``manager`` holds. Not ``get_plugins()``, which builds a set: a
    plugin object that is not hashable (a ``SimpleNamespace`` put in ``sys.modules``) makes it
    raise."""
    try:
        return [id(plugin) for _, plugin in manager.list_name_plugin()]
    except Exception:
        return []


def _registered_nothing(manager: Any, before: list[int]) -> bool:
    """No plugin registered since ``before`` (the plugin, the ones its plugins-variable
    lists) holds a hookimpl; False when the manager cannot say."""
    try:
        callers = manager.get_hookcallers
        new = [p for _, p in manager.list_name_plugin() if id(p) not in before]
        return bool(new) and not any(callers(p) for p in new)
    except Exception:
        return False


def _listed(request: PluggyWork, manager: Any, plugin: Any) -> tuple[str, Where] | None:
    """What the host's ``register`` does with the plugins a module lists in its
    ``plugins-variable`` (pytest's ``consider_module``): import each one not registered yet
    (a builtin name from the ``builtin-plugins`` package) and register it under its name, its
    own list followed in turn. The first failure, at the list's assignment, else ``None``: a
    listed module that is not installed stops pytest at start-up ("Error importing plugin")."""
    variable = request.get("plugins_variable")
    if not variable:
        return None
    builtins, package = set(), ""
    if ref := request.get("builtin_plugins"):
        with contextlib.suppress(Exception):
            builtins, package = set(shared.load(ref)), ref.partition(".")[0].partition(":")[0]
    todo = [plugin]
    while todo:
        module = todo.pop(0)
        if not inspect.ismodule(module):
            continue  # pytest reads the variable of modules only
        names = getattr(module, variable, [])
        where = places.assigned(module, variable)
        if isinstance(names, str):
            names = names.split(",")
        elif not isinstance(names, (list, tuple)):
            return f"{variable} must be a list or a ','-separated string, got {names!r}", where
        for raw in names:
            name = str(raw).strip()
            if not name or manager.get_plugin(name) is not None or manager.is_blocked(name):
                continue
            spec = f"{package}.{name}" if name in builtins and package else name
            try:
                with shared.bounded():
                    listed = importlib.import_module(spec)
                manager.register(listed, name)
            except ImportError as exc:
                return f'Error importing plugin "{name}" (listed in {variable}): {exc}', where
            except Exception as exc:
                return f"{name} (listed in {variable}): {_said(exc)}", where
            todo.append(listed)
    return None


def contract_problems(request: PluggyWork) -> list[str]:
    """(the worker's own process, before any plugin, without the plugins' folders on the path)
    Each ``hookspecs`` entry the host's ``add_hookspecs`` refuses, or whose module has no such
    class: every plugin's check would fail the same way, so it is the contract's error, named
    once (not one PC416 per plugin). A module that cannot be imported here says nothing: the
    host may live beside its plugins (one site-packages, off the path here), and each plugin's
    child tries again."""
    try:
        import pluggy

        manager = shared.PLUGGY.manager_class(pluggy, request.get("prefix"))(request["project"])
    except Exception:
        return []  # not the hookspecs' fault: each plugin's check says what happens
    problems = []
    guard = shared.PRELOAD_GUARD
    for ref in request["hookspecs"]:
        module = ref.partition(":")[0]
        if module in guard.DEFERRED:
            continue  # its import runs plugins' code: each plugin's child imports it first
        before = set(sys.modules)
        try:
            namespace = shared.load(ref)
        except ImportError:
            continue
        except guard.PluginCode:
            # Stopped at a plugin's code here, though its module's preload was not (its class
            # is made lazily, by a module __getattr__): each child loads it, as the host does
            # before its plugin, and says that other plugins' code came first in its process.
            guard.left_to_children(module, before)
            continue
        except Exception as exc:
            problems.append(f"{ref!r} cannot be loaded in {sys.executable}: {_said(exc)}")
            continue
        try:
            manager.add_hookspecs(namespace)
        except Exception as exc:
            problem = f"{ref!r}: pluggy's add_hookspecs refuses it ({_said(exc)})"
            classes = _spec_classes(namespace, request["project"])
            if classes:
                named = ", ".join(repr(f"{ref}:{c}") for c in classes)
                problem += f"; its hookspecs are only inside classes, name them: {named}"
            problems.append(problem)
    return problems


def _said(exc: BaseException) -> str:
    return " ".join(shared.said(exc).split())[:500]


def _spec_classes(namespace: Any, project: str) -> list[str]:
    """The classes a module defines that hold ``project``'s hookspecs (marked functions)."""
    if not inspect.ismodule(namespace):
        return []
    mark = f"{project}_spec"
    return [
        name
        for name, obj in vars(namespace).items()
        if inspect.isclass(obj)
        and obj.__module__ == namespace.__name__
        and any(hasattr(getattr(obj, attr, None), mark) for attr in dir(obj))
    ]


def _recorded(recorder: Any, loaded: dict[str, Any]) -> dict[str, list[Any]]:
    """The hookspec namespaces each plugin adds when registered (through the addhooks hook)."""
    added: dict[str, list[Any]] = {}
    for name, obj in loaded.items():
        recorder.record = added.setdefault(name, [])
        with contextlib.suppress(Exception):
            recorder.register(obj, name)
    recorder.record = None
    return added


def _in_child(
    work: Any,
    name: str,
    where: Callable[[str], tuple[str | None, int | None]],
    module_file: str | None = None,
) -> None:
    """Run ``work`` in a forked child: a plugin that ends or wrecks the process costs only its
    own answers. On a pipe of its own the child names each hook before calling it (``work``
    gets the writer) and says when every call returned: a child that ends without saying so
    (a hook's ``os._exit(0)`` as much as a signal) failed in the hook named last, and one
    whose calls plugcheck's own code could not finish says so (``skipped``): either way never
    a silent pass for the hooks not called."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read)
            # A Landlock scope of its own: a hook cannot stop or kill the child judging it
            # (a SIGSTOP to its parent stalled the whole run until the worker's deadline).
            shared.APART.scoped()
            # What runs now (the registration's) is not the hooks' (its import's: the harness's).
            host_exit = left_running.HostExit(census=True)

            def calling(hook: str) -> None:
                host_exit.calling(hook)
                os.write(write, f"{hook}\n".encode())

            work(calling)
            try:
                os.write(write, b"%s %d\n" % (THREADS, os.getpid()))
            except OSError:
                pass  # a copy a hook forked, whose reader is gone: nobody waits for it
            else:
                _daemons_run()
                # Then the interpreter's exit: the threads and processes the hooks left
                # running, the handlers they registered.
                host_exit.run(name, module_file, where, write)
        except BaseException as exc:
            # plugcheck's side failed (a stand-in that cannot be built, a returned value the
            # checks cannot judge): the hooks not yet called are unchecked, not fine.
            with contextlib.suppress(BaseException):
                shared.skipped(name, f"its hooks' calls could not be finished: {_said(exc)}")
        finally:
            with contextlib.suppress(BaseException):
                shared.OUT.flush()
                # what it leaves (counted above) becomes its parent's, the registration's child
                outside = left_running.CURRENT[0].made_outside() if left_running.CURRENT else set()
                leaves = shared.PROCESSES.known(shared.PROCESSES.children() | outside)
                left = b" ".join(b"%d:%d" % process for process in leaves)
                os.write(write, b"%s %d %s\n" % (LEFT, os.getpid(), left))
                os.write(write, b"%s %d\n" % (FINISHED, os.getpid()))
            os._exit(0)
    os.close(write)
    found = _ended(pid, 4 * shared.STEP_SECONDS + shared.EXIT_SECONDS)
    killed = found is None
    if found is None:
        os.kill(pid, signal.SIGKILL)
        found = os.waitpid(pid, 0)[1]
    status = found
    said = _drained(read).splitlines()
    for told in said:
        if told.startswith(b"%s %d " % (LEFT, pid)):
            left_running.judged(_processes(told.split()[2:]))
    said = [told for told in said if not told.startswith(LEFT + b" ")]
    ended = os.waitstatus_to_exitcode(status)
    # Said by this child, not by a copy a hook forked (whose parent exited in the hook).
    if b"%s %d" % (FINISHED, pid) in said and ended == 0:
        return
    how = f"signal {-ended}" if ended < 0 else f"exit status {ended}"
    limit = shared.DENIED.signalled(status)  # past plugcheck's CPU limit: PC420, not PC519
    handler = at_exit.ended(said, pid, None if killed else status)
    if handler is not None:  # it ended in an atexit handler its hooks registered
        at = Where(path=handler[2], line=handler[3])
        hook = handler[1] or None
        shared.call_failed(name, handler[0], at, hook=hook, problem="at-exit", refused=limit)
        return
    called = [line for line in said if not line.startswith((FINISHED + b" ", at_exit.MARK))]
    # Its own calls all returned (not a copy's, whose parent exited in a hook).
    threads = b"%s %d" % (THREADS, pid) in called
    called = [line for line in called if not line.startswith(THREADS + b" ")]
    hook = called[-1].decode("utf-8", "replace") if called else None
    if hook is None:
        shared.call_failed(name, f"calling its hooks ended the process ({how})", refused=limit)
        return
    path, line = where(hook)
    message = f"{hook}() ended the process ({how}) before it returned"
    if threads:  # the host runs on after the calls: the plugin's threads end it then
        message = (
            f"a thread the plugin started ended the process ({how}) after its hooks returned "
            f"(the last was {hook}()): the host dies while it runs on"
        )
    shared.call_failed(name, message, Where(path=path, line=line), hook=hook, refused=limit)


def _ended(pid: int, seconds: float) -> int | None:
    """Child ``pid``'s wait status once it ends within ``seconds``, else ``None``. Asleep on
    its pidfd, which wakes the moment it exits, where Python and the kernel have them; else a
    look every 10 ms (which made every plugin's hook calls end 5 ms late on average). The
    deadline grows by the time the machine kept the child's tree off the processors."""
    deadline = shared.APART.STARVATION.Deadline(pid, seconds)
    try:
        pidfd: int | None = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pidfd = None
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return status
            left = deadline.left()
            if left <= 0:
                return None
            if pidfd is None:
                time.sleep(min(0.01, left))
                continue
            poller = select.poll()
            poller.register(pidfd, select.POLLIN)
            poller.poll(math.ceil(min(left, shared.APART.STARVATION.LOOK) * 1000))
    finally:
        if pidfd is not None:
            os.close(pidfd)


def _processes(told: list[bytes]) -> set[tuple[int, int]]:
    """The processes a ``LEFT`` line names, ``pid:start`` each (``processes.known``)."""
    found = set()
    for word in told:
        pid, _, start = word.partition(b":")
        if pid.isdigit() and start.lstrip(b"-").isdigit():
            found.add((int(pid), int(start)))
    return found


def _drained(read: int) -> bytes:
    """Everything in the pipe ``read`` (its writers are gone), then closed."""
    os.set_blocking(read, False)
    data = b""
    try:
        while chunk := os.read(read, 65536):
            data += chunk
    except OSError:
        pass
    finally:
        os.close(read)
    return data


FINISHED = b"finished"
"""What the hooks' child writes, with its pid, once every call returned (``_in_child``)."""
LEFT = b"(left)"
"""What it writes, with its pid, before it ends: the processes it leaves to its parent."""
THREADS = b"(threads)"
"""What it writes, with its pid, before the plugin's threads run on (``_daemons_run``)."""
THREAD_GRACE = 1.0
"""Seconds the daemon threads a plugin's hooks started run on after the calls, as in a host
that keeps running (a thread calling ``os._exit`` 0.2 s later kills the host)."""


def _daemons_run() -> None:
    """(child) Let the daemon threads the plugin's hooks started run for ``THREAD_GRACE``
    seconds, as the host's process does after the calls (the non-daemon ones are the exit
    census's, ``left_running``, which waits for them as the interpreter does). A thread that
    ends the process then ends this child before it says it finished."""
    threading = sys.modules.get("threading")
    if threading is None:
        return
    daemons = [t for t in threading.enumerate() if t.daemon and t is not threading.current_thread()]
    start = time.monotonic()
    for thread in daemons:
        thread.join(max(0.0, THREAD_GRACE + start - time.monotonic()))
