"""Hostile plugins are findings: each yields its marker, one result per plugin, bounded time."""

from __future__ import annotations

import ast
import contextlib
import ctypes
import math
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import pytest

from plugcheck import Options, Report, Severity, check
from plugcheck.harness import PluginResult
from plugcheck.harness.worker import constants, pids_cgroup, starvation

from conftest import ROOT, TESTDATA, copy_host, expectations, observed, settled, user_namespaces

pytestmark = pytest.mark.harness


HOSTILE = TESTDATA / "hostile"
JOBS = 2


def _leftovers() -> list[int]:
    """Processes still sitting in harness temporary directories that were already removed
    (live plugin processes of other, concurrent runs have theirs still)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cwd = os.readlink(f"/proc/{entry}/cwd")
        except OSError:
            continue
        if constants.TEMP_PREFIX in cwd and cwd.endswith(" (deleted)"):
            found.append(int(entry))
    return found


class _Bait:
    """Listeners on 127.0.0.1 (TCP and UDP) and an abstract unix socket that hostile plugins
    try to send secrets to, and canary paths they try to write; ``damage()`` says what they
    got (empty: contained)."""

    def __init__(self, host: Path) -> None:
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen(16)
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.abstract = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.abstract.bind(f"\0plugcheck-hostile-{os.getpid()}-{id(self)}")
        self.abstract.listen(16)
        # A filesystem socket (an ssh agent's, docker.sock) outside the plugin's temp dir.
        self.sockets = Path(tempfile.mkdtemp(prefix="plugcheck-bait-"))
        self.unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.unix.bind(str(self.sockets / "plugcheck-bait.sock"))
        self.unix.listen(16)
        for listener in (self.tcp, self.udp, self.abstract, self.unix):
            listener.setblocking(False)
        # A secret in the CI workspace next to the checkout (outside the host and the venv).
        self.secret = f"plugcheck-hostile-secret-{os.getpid()}-{id(self)}"
        (host.parent / "plugcheck-hostile-secret.txt").write_text(self.secret)
        home = Path(pwd.getpwuid(os.getuid()).pw_dir)
        self.host = host
        self.pyproject = (host / "pyproject.toml").read_bytes()
        self.canaries = [
            home / ".plugcheck-hostile-canary",
            home / ".cache" / "plugcheck" / "hostile-cache.db",
            host / ".plugcheck_cache" / "hostile-cache.db",
            Path(sysconfig.get_paths()["purelib"]) / "plugcheck_hostile.pth",
        ]
        self.globs = [
            (Path("/dev/shm"), "plugcheck-hostile-*"),
            (Path("/tmp"), "plugcheck-hostile-*"),
        ]
        for path in self._written():
            path.unlink()  # left by an earlier, broken run: start clean

    def _written(self) -> list[Path]:
        found = [p for p in self.canaries if p.exists()]
        return found + [p for directory, glob in self.globs for p in directory.glob(glob)]

    def damage(self) -> list[str]:
        found = [f"wrote {p}" for p in self._written()]
        if (self.host / "pyproject.toml").read_bytes() != self.pyproject:
            found.append("rewrote the host's pyproject.toml")
        for listener in (self.tcp, self.abstract, self.unix):
            with contextlib.suppress(BlockingIOError):
                connection, _ = listener.accept()
                found.append(f"connected to {listener.getsockname()!r}")
                connection.close()
        with contextlib.suppress(BlockingIOError):
            found.append(f"sent {self.udp.recv(100)!r} over UDP")
        for path in self._written():
            if path.is_file():
                path.unlink()
        return found

    def leaked(self, report: Report) -> list[str]:
        """Findings that carry the workspace secret (a plugin read it)."""
        return [f"{f.code} {f.message}" for f in report.findings if self.secret in f.message]

    def close(self) -> None:
        for listener in (self.tcp, self.udp, self.abstract, self.unix):
            listener.close()
        shutil.rmtree(self.sockets, ignore_errors=True)


def _shm_segments() -> set[str]:
    """The System V shared memory segments on the machine (their ids)."""
    try:
        lines = Path("/proc/sysvipc/shm").read_text().splitlines()[1:]
    except OSError:
        return set()
    return {line.split()[1] for line in lines if line.split()}


def _remove_segments(ids: set[str]) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for shmid in ids:
        libc.shmctl(int(shmid), 0, None)  # IPC_RMID


OUT_OF_SIGHT = ("confined_parent_environ", "confined_signal_plugcheck")
"""Plugins that attack plugcheck itself (its environment, a signal) through ``/proc``."""


def test_every_hostile_plugin_yields_its_finding(tmp_path: Path) -> None:
    # A copy: a plugin that got out of its sandbox must not damage the repository.
    root = copy_host(HOSTILE, tmp_path / "hostile")
    bait = _Bait(root)
    results: list[PluginResult] = []
    segments = _shm_segments()
    start = time.monotonic()
    try:
        report = check(
            Options(paths=(root,), static=False, mypy=False, jobs=JOBS, on_result=results.append)
        )
        elapsed = time.monotonic() - start
        damage = bait.damage()
        leaked = bait.leaked(report)
    finally:
        bait.close()
    assert damage == []
    assert leaked == []
    # confined_sysv_shm: no System V segment outlives the run (before: four of 16 MiB).
    left = _shm_segments() - segments
    _remove_segments(left)
    assert left == set()
    by_plugin = {f.location.path.stem: f.message for f in report.findings}
    # What a plugin's leftover work writes after the harness's `end` is not its verdict:
    # before, late_facts' forged facts turned its PC410 into an empty warning.
    (late,) = [f for f in report.findings if f.location.path.stem == "late_facts"]
    assert late.severity is Severity.ERROR and "non-daemon thread 'left'" in late.message
    assert "\x1b" not in by_plugin["escape_leak_names"]
    assert "\\x1b[2K\\r\\nAll checks passed" in by_plugin["escape_leak_names"]
    assert "Permission denied" in by_plugin["confined_read_secrets"]
    # The exception it raised, at its line, not a timeout in its __str__.
    stuck = by_plugin["hang_str_exception"]
    assert "raised hang_str_exception.Stuck: <unprintable: str() did not return" in stuck
    assert stuck.endswith("at hang_str_exception.py:20"), stuck
    # A hang with SIGUSR1 blocked, or stopped, still has its location (red team sand17).
    assert "(stuck at sigmask_hang.py:10)" in by_plugin["sigmask_hang"]
    # Stopped at line 10; after the server's SIGCONT it may already be on the next lines (11:
    # blocking SIGUSR1, 12: waiting) when its stacks are taken: any of them is where it hangs.
    assert re.search(r"\(stuck at sigstop_hang\.py:1[012]\)", by_plugin["sigstop_hang"]), by_plugin[
        "sigstop_hang"
    ]
    assert "opened: []" in by_plugin["confined_proc_sys_write"]
    assert "reached: []" in by_plugin["confined_server_proc"]
    assert "got: [], hard limits [0, 0]" in by_plugin["confined_realtime"]
    assert "changed: [], own score 1000" in by_plugin["confined_oom_score"]
    # Names of preloaded modules and of the host's classes it replaced by computed names (red58).
    patched = " ".join(f.message for f in report.findings if f.location.path.stem == "shared_patch")
    # json.loads is put back by shutdown(): seen after run(), as the host's other plugins see it.
    for name in ("'json.dumps'", "'posixpath.join'", "'hostile_api.Plugin.run'", "'json.loads'"):
        assert name in patched, patched
    assert "(stuck at gil_sleep.py:10)" in by_plugin["gil_sleep"]
    assert "(stuck at late_return.py:9)" in by_plugin["late_return"]  # returned late
    # Its own busy processes starving its main thread buy no time: a timeout at its loop.
    # `while True: pass` is lines 15 and 16: its stacks may be taken on either.
    assert re.search(r"\(stuck at busy_helpers\.py:1[56]\)", by_plugin["busy_helpers"]), by_plugin[
        "busy_helpers"
    ]
    assert "did not finish within 1 s" in by_plugin["endless_fault"]  # its grace is bounded
    if "seccomp" in (report.confinement or []):  # setsockopt(SO_SNDBUF) changes nothing
        assert "grown: False" in by_plugin["confined_socket_buffers"]
        assert "reached: []" in by_plugin["confined_kernel_interfaces"]
    if {"landlock-abi-6", "landlock-abi-7"} & set(report.confinement or []):
        assert "sent: False" in by_plugin["confined_pidfd_signal"]
    if user_namespaces():  # its directory is a tmpfs of its own, of Limits.temp_size
        assert "No space left on device" in by_plugin["confined_disk_fill"]
    expected = expectations(root)
    if "pid-namespace" in (report.confinement or []):
        # Its own /proc lists neither plugcheck nor its worker: these attacks find no target.
        expected -= {e for e in expected if Path(e[0]).stem in OUT_OF_SIGHT}
    # survivor_writes_later's survivor sleeps 0.5 s before it forges; on a loaded machine the
    # plugin's own process can be held off the processor longer than that, and its forged records
    # then come before the harness's own `end`, where PC425 rightly reports them (beside PC408).
    # (Held off longer still, the survivor was counted as what the finalizers left running,
    # PC421, until the census before the object is dropped waited for shutdown()'s forks to
    # settle: late_double_fork.)
    raced = {("plugins/survivor_writes_later.py", 1, "PC425")}
    assert observed(report, root) - raced == expected
    assert len(report.plugins) >= 15
    names = [r.plugin.name for r in results]
    assert sorted(names) == sorted(p.name for p in report.plugins), "one result per plugin"
    assert report.crashes == []
    # Each plugin spends at most one deadline (CAP of them where the machine kept it waiting,
    # + the server's grace and the leak settle time) in a step that never returns; everything
    # else is fast.
    contract = report.config.contracts[0]
    assert contract.lifecycle is not None
    deadline = starvation.CAP * contract.lifecycle.deadline
    per_plugin = deadline + constants.GRACE_MOST + constants.SETTLE + 1.0
    bound = math.ceil(len(report.plugins) / JOBS) * per_plugin + 5.0
    assert elapsed < bound, f"{elapsed:.1f} s > {bound:.1f} s"
    assert settled(lambda: _leftovers() == []), (
        f"a plugin process outlived the harness: {_leftovers()}"
    )


def test_hostile_results_carry_the_step_that_failed() -> None:
    results: list[PluginResult] = []
    check(
        Options(
            paths=(HOSTILE / "plugins" / "loop_run.py", HOSTILE / "plugins" / "segfault.py"),
            config=HOSTILE / "pyproject.toml",
            static=False,
            on_result=results.append,
        )
    )
    outcomes = {r.plugin.name: [(s.name, s.outcome.value) for s in r.steps] for r in results}
    assert outcomes["loop_run"][-1] == ("run", "timeout")
    assert outcomes["segfault"][-1] == ("run", "crashed")
    assert outcomes["loop_run"][0] == ("import", "ok")


def test_worker_is_stdlib_only() -> None:
    # Started by path in the target interpreter, where plugcheck need not be installed; its
    # modules import each other relatively and it loads the confine package by path too. The
    # protocol's types are imported for mypy only, under `if TYPE_CHECKING:`.
    import sys

    harness = ROOT / "src" / "plugcheck" / "harness"
    files = [
        *sorted((harness / "worker").glob("*.py")),
        *sorted((harness / "confine").glob("*.py")),
    ]
    assert (harness / "worker" / "__main__.py") in files
    for path in files:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
                node.body = []
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
        }
        allowed = set(sys.stdlib_module_names) | {"__future__", "_plugcheck_worker"}
        assert imported <= allowed, (path.name, imported)


def test_without_landlock_or_seccomp_the_network_namespace_still_contains(tmp_path: Path) -> None:
    # --no-confinement is what a kernel without Landlock and seccomp gives; the fork server's
    # own network namespace (user namespaces allowed) still keeps every listener out of reach.
    if not user_namespaces():
        pytest.skip("no user namespaces here")
    root = copy_host(HOSTILE, tmp_path / "hostile")
    bait = _Bait(root)
    attackers = ("confined_tcp_exfil", "confined_udp_exfil", "confined_abstract_socket")
    try:
        report = check(
            Options(
                paths=tuple(root / "plugins" / f"{name}.py" for name in attackers),
                config=root / "pyproject.toml",
                static=False,
                mypy=False,
                confine=False,
            )
        )
        damage = bait.damage()
    finally:
        bait.close()
    assert damage == []
    assert len(report.plugins) == len(attackers)


def test_folders_left_by_killed_runs_are_removed_safely(tmp_path: Path) -> None:
    # A fork server killed with SIGKILL leaves its directory; the next run removes it when its
    # owner (pid and start time in the name) no longer runs. Never another user's, never a live
    # run's, never through a symbolic link, never one whose owner it cannot see.
    from plugcheck.harness.worker import scratch

    tmp = tmp_path / "tmp"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep").write_text("x")
    namespace = scratch.OWNER.rpartition(".")[2]
    sleeper = subprocess.Popen(["sleep", "60"])
    dead = f"{sleeper.pid}.{scratch._started(str(sleeper.pid))}.{namespace}"
    sleeper.kill()
    sleeper.wait()
    me = f"{os.getpid()}.{scratch._started('self')}.{namespace}"
    prefix = constants.TEMP_PREFIX
    gone = [f"{prefix}{dead}-1", f"{prefix}{os.getpid()}.1.{namespace}-2", f"{prefix}0123abcd"]
    kept = [f"{prefix}{me}-3", f"{prefix}{dead.rpartition('.')[0]}.1-4", f"{prefix}4567cdef"]
    for name in gone + kept:
        (tmp / name / "home").mkdir(parents=True)
        (tmp / name / "home" / "link").symlink_to(outside)
    old = time.time() - 2 * 86400
    os.utime(tmp / gone[2], (old, old))  # made before directories were named for their owner
    (tmp / f"{prefix}{dead}-5").symlink_to(outside)
    if os.getuid() == 0:  # another user's: never touched
        (tmp / f"{prefix}{dead}-6").mkdir()
        os.chown(tmp / f"{prefix}{dead}-6", 65534, 65534)
        kept.append(f"{prefix}{dead}-6")
    plugin, config = HOSTILE / "plugins" / "loop_run.py", HOSTILE / "pyproject.toml"
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "harness", str(plugin), "--config", str(config)],
        env={**os.environ, "TMPDIR": str(tmp)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert sorted(p.name for p in tmp.iterdir()) == sorted([*kept, f"{prefix}{dead}-5"])
    assert (outside / "keep").read_text() == "x"


def test_a_plugins_directory_is_removed_at_any_depth_without_following_links(
    tmp_path: Path,
) -> None:
    # What deep_directory_chain leaves, and a link out of the directory at the bottom: before,
    # the removal recursed by path (RecursionError ended the fork server; past PATH_MAX the
    # files stayed). Links are removed, never followed.
    from plugcheck.harness.worker.remove_tree import rmtree

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep").write_text("kept")
    top = tmp_path / "plugin-dir"
    top.mkdir()
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(3000):
            os.mkdir("dd", dir_fd=fd)
            deeper = os.open("dd", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = deeper
        os.symlink(outside, "out", dir_fd=fd)
        os.close(os.open("file", os.O_CREAT | os.O_WRONLY, 0o600, dir_fd=fd))
    finally:
        os.close(fd)
    try:
        rmtree(str(top))
        assert not top.exists()
        assert (outside / "keep").read_text() == "kept"
    finally:  # a tree this deep would fail pytest's own clean-up (shutil.rmtree recurses)
        subprocess.run(["rm", "-rf", "--", str(top)], check=False)


@pytest.mark.skipif(not pids_cgroup._candidates("memory"), reason="no memory cgroup here")
def test_a_plugins_processes_together_hold_no_more_than_its_bound(tmp_path: Path) -> None:
    # Before, each process had its own RLIMIT_AS (lifecycle.memory, 192 MiB here) and nothing
    # bounded them together: the plugin's eight processes held 512 MiB at once (and 16 of
    # them, or 1,024 through ctypes, could each take their limit). Its slot's memory cgroup
    # now holds them to twice that and its tmpfs, 448 MiB, in all (red53).
    # A plugin process the cgroup's OOM killer ends passed plugcheck's bound, not the host's:
    # PC420 naming it (red55; before, PC401 "killed the process with SIGKILL", its own crash).
    # The report names the cgroup among what confined the plugin processes.
    root = copy_host(HOSTILE, tmp_path / "hostile") / "memory_tree"
    report = check(Options(paths=(root,), static=False, mypy=False, jobs=1))
    found = {(f.plugin, f.code): f.message for f in report.findings if f.code != "PC411"}
    assert set(found) == {("memory_hoard", "PC401"), ("memory_burst", "PC420")}, found
    held = re.search(r"held (\d+) MiB at once", found["memory_hoard", "PC401"])
    assert held, found
    assert int(held[1]) <= 448, found
    bound = "plugcheck's memory bound: 448 MiB for the plugin's processes together"
    assert bound in found["memory_burst", "PC420"], found
    assert "memory-cgroup" in report.confinement
