"""Run an untrusted executable in its own process group under rlimits, a deadline and a clean env,
confined as the harness confines plugin processes (:mod:`plugcheck.harness.confine`).

``run`` is the one-shot form (send stdin, wait, collect); :class:`Process` is a live child
(a context manager) for long-running ones (a go-plugin server: read its handshake line, talk to
it, stop it). Either way the child gets a scrubbed environment, a private temporary cwd (also its
``HOME``), bounded stdout/stderr capture, and its whole process group is killed at the end.
Where the kernel offers Landlock or seccomp, the child is started through the small launcher
``python -I -S harness/confine/__main__.py``, which sets the rlimits (soft = hard), confines itself
(writable: only the temporary cwd, a tmpfs of ``SandboxLimits.temp_size`` that plugcheck reaches
through ``/proc/<pid>/root``; no TCP but, with ``tcp_listen``, a listening socket) then runs the
program; elsewhere ``prlimit`` or a pre-exec hook sets the rlimits alone. POSIX only.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

from plugcheck import _exited, sandbox_limits, sandbox_memory
from plugcheck.harness.confine import NAMESPACES, ran_without
from plugcheck.harness.worker import starvation
from plugcheck.sandbox_launch import (
    CONFINE,
    LIMITS,
    confinement,
    launcher_argv,
    own_paths,
    readable_paths,
    target_path,
)
from plugcheck.sandbox_limits import MIB, NO_MORE_THAN, SandboxLimits

DEFAULT_ENV_ALLOW = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "SYSTEMROOT")
"""Variables passed through from the parent; everything else is dropped."""


@dataclass(frozen=True, slots=True)
class Result:
    """How a sandboxed run ended and what it printed (each stream capped at ``max_output``)."""

    argv: tuple[str, ...]
    exit_code: int | None
    """The exit status, or ``None`` when killed by a signal or never started."""
    signal: int | None
    timed_out: bool
    stdout: bytes
    stderr: bytes
    stdout_size: int
    """Bytes the child wrote to stdout, including those past the cap."""
    stderr_size: int
    duration: float
    spawn_error: str | None = None
    """Why the executable could not be started (not found, not executable, bad interpreter)."""
    memory_bound: int = 0
    """Where its memory cgroup's OOM killer ended one of its processes: what they may hold
    together, in MiB (a bound of plugcheck's, not of the host)."""

    @property
    def stdout_truncated(self) -> bool:
        return self.stdout_size > len(self.stdout)

    @property
    def stderr_truncated(self) -> bool:
        return self.stderr_size > len(self.stderr)

    @property
    def started(self) -> bool:
        return self.spawn_error is None

    def describe(self) -> str:
        """``exit status 3`` / ``killed by SIGSEGV`` / ``timed out after 2.0 s``, for messages."""
        if self.spawn_error is not None:
            return f"could not start: {self.spawn_error}"
        if self.timed_out:
            return f"timed out after {self.duration:.1f} s"
        if self.signal is not None and self.memory_bound and self.signal == signal.SIGKILL:
            return (
                f"killed by SIGKILL: plugcheck's memory bound, {self.memory_bound} MiB for its "
                "processes together, was reached (its memory cgroup's OOM killer)"
            )
        if self.signal is not None:
            return f"killed by {_signame(self.signal)}"
        return f"exit status {self.exit_code}"


class SpawnError(Exception):
    """The executable could not be started; the message is one line for the user."""


class _Capture:
    """Drains one pipe in a thread into a bounded buffer, so the child never blocks on it."""

    def __init__(self, pipe: IO[bytes], limit: int, changed: threading.Condition) -> None:
        self._pipe = pipe
        self._limit = limit
        self._changed = changed
        self.data = bytearray()
        self.size = 0
        self.closed = False
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        try:
            while True:
                try:
                    chunk = self._pipe.read(65536) or b""
                except (OSError, ValueError):
                    chunk = b""
                with self._changed:
                    if not chunk:
                        self.closed = True
                        self._changed.notify_all()
                        return
                    self.size += len(chunk)
                    room = self._limit - len(self.data)
                    if room > 0:
                        self.data += chunk[:room]
                    self._changed.notify_all()
        finally:
            with contextlib.suppress(OSError):
                self._pipe.close()

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)


class Process:
    """A live sandboxed child. Use as a context manager: leaving kills its process group."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        stdin: bytes | None = None,
        env: Mapping[str, str] | None = None,
        env_allow: Sequence[str] = DEFAULT_ENV_ALLOW,
        limits: SandboxLimits = NO_MORE_THAN,
        cwd: Path | None = None,
        deadline: float = 10.0,
        max_output: int = MIB,
        tcp_listen: bool = False,
        readable: Sequence[str] | None = None,
    ) -> None:
        """``tcp_listen``: the program may open TCP sockets and listen on them (a go-plugin
        server); connecting anywhere stays refused. ``readable``: where Landlock confines, the
        program reads only below these paths (:func:`readable_paths`), the program's own
        directory, the directories on its ``PATH`` and the system's files
        (``confine.SYSTEM``); ``None``: wherever its user may."""
        self.argv = tuple(str(a) for a in argv)
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if cwd is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="plugcheck-sandbox-")
            cwd = Path(self._tmp.name)
        self.cwd = cwd
        """Its working directory (its ``HOME`` and ``TMPDIR`` too)."""
        child_env = {k: os.environ[k] for k in env_allow if k in os.environ}
        child_env.setdefault("PATH", os.defpath)
        child_env["HOME"] = str(cwd)
        child_env["TMPDIR"] = str(cwd)
        child_env.update(env or {})
        self._changed = threading.Condition()
        wanted = sandbox_limits.wanted(limits, deadline)
        if readable is not None:
            readable = [*readable, *own_paths(self.argv[0], child_env["PATH"], cwd)]
        # The launcher says on this pipe which namespaces the program runs in (_heard).
        said = os.pipe() if confinement() else None
        self._said = said[0] if said else -1
        if said:
            os.set_blocking(said[0], False)
        # A go-plugin server's too: plugcheck dials its socket there through /proc (reach).
        temp = limits.temp_size or 0
        self._uncapped = set() if temp else {"temp-cap"}
        launcher = launcher_argv(wanted, cwd, tcp_listen, readable, said[1] if said else -1, temp)
        # Its processes' memory together, where the launcher runs it (sandbox_memory).
        total = 2 * limits.address_space + (limits.temp_size or 0) if limits.address_space else 0
        self._memory = sandbox_memory.make(total) if launcher and total else None
        self._bound = total >> 20
        if not launcher:  # no memory cgroup (the launcher joins it), whatever the probe found
            ran_without({"memory-cgroup"})
        joins = sandbox_memory.entry(self._memory)
        if joins >= 0:
            launcher[LIMITS] += f",CGROUP_FD={joins}"
        # And on the processors its processes together weigh as one (sandbox_memory.weighed).
        self._cpu = sandbox_memory.weighed() if launcher else None
        weighs = sandbox_memory.entry(self._cpu)
        if weighs >= 0:
            launcher[LIMITS] += f",CPU_CGROUP_FD={weighs}"
        passed = (*(said[1:] if said else ()), *(fd for fd in (joins, weighs) if fd >= 0))
        try:
            self._start(
                launcher or sandbox_limits.prlimit_argv(wanted),
                stdin,
                cwd,
                child_env,
                wanted,
                max_output,
                passed,
            )
        finally:
            for fd in passed:
                os.close(fd)

    def _start(
        self,
        launcher: list[str],
        stdin: bytes | None,
        cwd: Path,
        child_env: dict[str, str],
        wanted: list[tuple[int, tuple[int, int]]],
        max_output: int,
        passed: tuple[int, ...],
    ) -> None:
        if launcher:
            # The launcher execs the program itself: find it first, to fail the way Popen would.
            self._check_program(child_env["PATH"], cwd)
        self._launcher = bool(launcher)
        self.started_at = time.monotonic()
        try:
            self._popen = subprocess.Popen(
                [*launcher, *self.argv],
                bufsize=0,
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=cwd,
                env=child_env,
                start_new_session=True,
                close_fds=True,
                pass_fds=passed,
                # Only without prlimit (not thread-safe in general, and it forces a slow fork of
                # the whole parent); it calls setrlimit on precomputed values and nothing else.
                preexec_fn=None if launcher else sandbox_limits.limiter(wanted),
            )
        except (OSError, subprocess.SubprocessError) as exc:
            self._cleanup_tmp()
            self._heard()
            raise SpawnError(_spawn_message(self.argv[0], exc)) from None
        self.pid = self._popen.pid
        assert self._popen.stdout is not None and self._popen.stderr is not None
        self._out = _Capture(self._popen.stdout, max_output, self._changed)
        self._err = _Capture(self._popen.stderr, max_output, self._changed)
        self._writer: threading.Thread | None = None
        if stdin is not None:
            assert self._popen.stdin is not None
            self._writer = threading.Thread(
                target=_feed, args=(self._popen.stdin, stdin), daemon=True
            )
            self._writer.start()
        self.timed_out = False
        self._cursor = 0

    def _check_program(self, path: str, cwd: Path) -> None:
        program = self.argv[0]
        if "/" in program:
            found: str | None = str(cwd / program) if not os.path.isabs(program) else program
        else:
            found = shutil.which(program, path=path)
        if found is None or not os.path.exists(found):
            self._cleanup_tmp()
            self._heard()
            raise SpawnError(_spawn_message(program, FileNotFoundError()))
        if os.path.isdir(found) or not os.access(found, os.X_OK):
            self._cleanup_tmp()
            self._heard()
            raise SpawnError(_spawn_message(program, PermissionError()))

    # --- waiting ----------------------------------------------------------------------------

    def wait(self, timeout: float | None) -> int | None:
        """The return code once the child exits within ``timeout`` seconds, else ``None``."""
        try:
            return _exited.wait(self._popen, timeout)
        except subprocess.TimeoutExpired:
            return None

    def within(self, seconds: float) -> int | None:
        """The return code once the child exits within its deadline of ``seconds``, later by
        the time the machine kept its processes off the processors (``starvation``: at most
        ``CAP`` times ``seconds`` in all; its own busy threads and processes buy nothing), else
        ``None``. A starved machine is not the program's failure."""
        deadline = starvation.Deadline(self.pid, seconds)
        while (left := deadline.left()) > 0:
            if (code := self.wait(min(left, starvation.LOOK))) is not None:
                return code
        return self.poll()

    def poll(self) -> int | None:
        return self._popen.poll()

    def reach(self, path: str) -> list[str]:
        """Where plugcheck's process may open ``path`` as the program names it: through
        ``/proc/<pid>/root`` of the program and the launcher's processes above it (its
        directory is a tmpfs in their mount namespace, ``temp-cap``, which plugcheck's does not
        see), the program's first; then ``path`` itself (no launcher, no tmpfs)."""
        found, pid = [], self.pid
        for _ in range(3):  # the launcher, the first process of its PID namespace, the program
            found.append(f"/proc/{pid}/root{path}")
            try:
                with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
                    pid = int(children.read().split()[0])
            except (OSError, ValueError, IndexError):
                break
        return [*reversed(found), path]

    def wait_for_line(self, timeout: float) -> bytes | None:
        """The first complete stdout line (without its newline), waiting up to ``timeout``.

        ``None`` when the deadline passes, or stdout closes, before a newline arrives; what was
        printed so far stays in :attr:`stdout`.
        """
        end = time.monotonic() + timeout
        with self._changed:
            while True:
                newline = self._out.data.find(b"\n")
                if newline >= 0:
                    return bytes(self._out.data[:newline]).rstrip(b"\r")
                left = end - time.monotonic()
                if self._out.closed or left <= 0:
                    return None
                self._changed.wait(left)

    def next_line(self, timeout: float) -> bytes | None:
        """The next stdout line not yet returned by this method, waiting up to ``timeout``
        seconds, later by the time the machine kept the child off the processors (as
        :meth:`within`)."""
        deadline = starvation.Deadline(self.pid, timeout)
        with self._changed:
            while True:
                newline = self._out.data.find(b"\n", self._cursor)
                if newline >= 0:
                    line = bytes(self._out.data[self._cursor : newline]).rstrip(b"\r")
                    self._cursor = newline + 1
                    return line
                left = deadline.left()
                if self._out.closed or left <= 0:
                    return None
                self._changed.wait(min(left, starvation.LOOK))

    @property
    def stdout(self) -> bytes:
        with self._changed:
            return bytes(self._out.data)

    @property
    def stderr(self) -> bytes:
        with self._changed:
            return bytes(self._err.data)

    # --- ending -----------------------------------------------------------------------------

    def send_signal(self, sig: int) -> None:
        """Send ``sig`` to the child itself (not its group)."""
        if self._popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)

    def stop(self, grace: float, sig: int = signal.SIGTERM) -> bool:
        """Ask the child to exit with ``sig``, then kill the group after ``grace`` seconds.

        True when it exited by itself within the grace period.
        """
        self.send_signal(sig)
        graceful = self.wait(grace) is not None
        self.kill()
        return graceful

    def kill(self) -> None:
        """SIGKILL the whole process group (grandchildren included) and reap the child."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            _exited.wait(self._popen, 5.0)

    def _heard(self) -> None:
        """Read the launcher's ``confined: ...`` line (written before its ``exec``, so it is in
        the pipe once the program runs) and note what the program ran without."""
        if self._said < 0:
            return
        try:
            line = os.read(self._said, 4096)
        except OSError:
            line = b""
        finally:
            os.close(self._said)
            self._said = -1
        if line.startswith(b"confined:") and line.endswith(b"\n"):
            said = set(line[9:].decode("ascii", "replace").split())
            ran_without(NAMESPACES - said - self._uncapped)

    def result(self) -> Result:
        """Kill what is left and collect how the child ended."""
        self.kill()
        self._heard()
        duration = time.monotonic() - self.started_at
        # The pipes close once every holder exited; grandchildren were killed with the group.
        self._out.join(2.0)
        self._err.join(2.0)
        code = self._popen.returncode
        with self._changed:
            failed = _PRLIMIT_FAILED.match(bytes(self._err.data)) if self._launcher else None
            if failed is not None and code in (126, 127):
                # prlimit could not exec the program (a missing #! interpreter, ENOEXEC).
                reason = failed.group(1).decode("utf-8", "replace").strip()
                return Result(
                    self.argv, None, None, False, b"", b"", 0, 0, duration, self._failed(reason)
                )
            return Result(
                argv=self.argv,
                exit_code=code if code is not None and code >= 0 else None,
                signal=-code if code is not None and code < 0 else None,
                timed_out=self.timed_out,
                stdout=bytes(self._out.data),
                stderr=bytes(self._err.data),
                stdout_size=self._out.size,
                stderr_size=self._err.size,
                duration=duration,
                memory_bound=self._bound if sandbox_memory.oom_kills(self._memory) else 0,
            )

    def _failed(self, reason: str) -> str:
        if reason == "No such file or directory":
            return _spawn_message(self.argv[0], FileNotFoundError())
        return f"{self.argv[0]}: {reason}"

    def _cleanup_tmp(self) -> None:
        """Remove its directory and its memory cgroup (its processes are gone, or never ran)."""
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                self._tmp.cleanup()
            self._tmp = None
        sandbox_memory.release(self._memory)
        sandbox_memory.release(self._cpu)
        self._memory = self._cpu = None

    def close(self) -> None:
        self.kill()
        self._heard()
        self._cleanup_tmp()

    def __enter__(self) -> Process:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def run(
    argv: Sequence[str],
    *,
    stdin: bytes | None = None,
    deadline: float = 5.0,
    env: Mapping[str, str] | None = None,
    env_allow: Sequence[str] = DEFAULT_ENV_ALLOW,
    limits: SandboxLimits = NO_MORE_THAN,
    cwd: Path | None = None,
    max_output: int = MIB,
    readable: Sequence[str] | None = None,
) -> Result:
    """Run ``argv`` to completion within ``deadline`` wall seconds, later by the time the machine
    kept its processes off the processors (:meth:`Process.within`). Never raises for the
    child. ``readable``: as for :class:`Process`."""
    try:
        process = Process(
            argv,
            stdin=stdin,
            env=env,
            env_allow=env_allow,
            limits=limits,
            cwd=cwd,
            deadline=deadline,
            max_output=max_output,
            readable=readable,
        )
    except SpawnError as exc:
        return Result(tuple(map(str, argv)), None, None, False, b"", b"", 0, 0, 0.0, str(exc))
    with process:
        if process.within(deadline) is None:
            process.timed_out = True
        return process.result()


def _feed(pipe: IO[bytes], data: bytes) -> None:
    with contextlib.suppress(OSError, ValueError):
        pipe.write(data)
    with contextlib.suppress(OSError, ValueError):
        pipe.close()


_PRLIMIT_FAILED = re.compile(rb"(?:prlimit|plugcheck-confine): failed to execute [^\n]*?: ([^\n]*)")


def _spawn_message(program: str, exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"{program}: no such file (or its #! interpreter does not exist)"
    if isinstance(exc, PermissionError):
        return f"{program}: permission denied (not executable?)"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{program}: {exc.strerror}"
    return f"{program}: {exc}"


def _signame(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


__all__ = [
    "CONFINE",
    "DEFAULT_ENV_ALLOW",
    "MIB",
    "Process",
    "Result",
    "SandboxLimits",
    "SpawnError",
    "confinement",
    "readable_paths",
    "run",
    "target_path",
]
