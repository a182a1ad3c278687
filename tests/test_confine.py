"""Confinement of plugin processes (harness/confine): reported, required, and in force."""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from test_hostile import _Bait, _leftovers

from plugcheck.harness.confine import python_plugins

from conftest import ROOT, TESTDATA, copy_host, run_cli, settled, user_namespaces

pytestmark = pytest.mark.harness


HOSTILE = TESTDATA / "hostile"
SCHEMA = json.loads((ROOT / "src" / "plugcheck" / "report" / "report.schema.json").read_text())
AVAILABLE = python_plugins()
needs_confinement = pytest.mark.skipif(not AVAILABLE, reason="no Landlock, no seccomp here")


def _host(tmp_path: Path) -> Path:
    return copy_host(HOSTILE, tmp_path / "hostile")


@needs_confinement
def test_every_output_format_says_which_confinement_was_in_force(tmp_path: Path) -> None:
    root = _host(tmp_path)
    plugin = str(root / "plugins" / "confined_signal_worker.py")
    args = ("harness", plugin, "--config", str(root / "pyproject.toml"), "--require-confinement")
    data = json.loads(run_cli(*args, "--output-format", "json").stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["confinement"] == AVAILABLE
    assert "seccomp" in AVAILABLE
    assert [f["code"] for f in data["findings"]] == ["PC420"]  # the signal was refused
    sarif = json.loads(run_cli(*args, "--output-format", "sarif").stdout)
    assert sarif["runs"][0]["properties"]["confinement"] == AVAILABLE
    text = run_cli(*args).stdout
    (note,) = [line for line in text.splitlines() if "confinement" in line]
    assert note.startswith("note: confinement of plugin processes: ")
    assert "seccomp filter" in note


def test_no_confinement_without_plugin_code(tmp_path: Path) -> None:
    root = _host(tmp_path)
    plugin = str(root / "plugins" / "confined_signal_worker.py")
    proc = run_cli(
        "check", plugin, "--config", str(root / "pyproject.toml"), "--no-dynamic", "--no-mypy",
        "--output-format", "json",
    )  # fmt: skip
    assert json.loads(proc.stdout)["confinement"] is None


# A seccomp filter for the plugcheck process under test that makes this kernel look like one
# without Landlock (landlock_create_ruleset: ENOSYS) and without seccomp (PR_GET_SECCOMP:
# EINVAL): the real probe then finds nothing. x86_64 numbers.
_FILTER = [
    (0x20, 0, 0, 4),  # ld arch
    (0x15, 1, 0, 0xC000003E),  # x86_64?
    (0x06, 0, 0, 0x7FFF0000),  # another ABI: leave it alone
    (0x20, 0, 0, 0),  # ld nr
    (0x15, 0, 1, 444),  # landlock_create_ruleset
    (0x06, 0, 0, 0x00050000 | 38),  # ENOSYS
    (0x15, 0, 3, 157),  # prctl
    (0x20, 0, 0, 16),  # ld option
    (0x15, 0, 1, 21),  # PR_GET_SECCOMP
    (0x06, 0, 0, 0x00050000 | 22),  # EINVAL
    (0x06, 0, 0, 0x7FFF0000),
]


def _kernel_without_landlock() -> None:
    """No Landlock, no seccomp (user namespaces stay): the namespace fallback."""
    _install(_FILTER)


def _kernel_without_confinement() -> None:
    """No Landlock, no seccomp, no user namespaces: nothing confines plugin processes."""
    _install(_NO_USERNS[:-1] + _FILTER[3:])


def _install(ops: list[tuple[int, int, int, int]]) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    program = b"".join(struct.pack("=HBBI", *op) for op in ops)
    filters = ctypes.create_string_buffer(program, len(program))
    prog = ctypes.create_string_buffer(struct.pack("=HxxxxxxQ", len(ops), 0))
    struct.pack_into("=Q", prog, 8, ctypes.addressof(filters))
    ulong = ctypes.c_ulong
    assert libc.prctl(38, ulong(1), ulong(0), ulong(0), ulong(0)) == 0  # no new privs
    assert libc.prctl(22, ulong(2), ulong(ctypes.addressof(prog)), ulong(0), ulong(0)) == 0


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the filter uses x86_64 numbers")
def test_require_confinement_is_a_usage_error_where_nothing_confines(tmp_path: Path) -> None:
    root = _host(tmp_path)
    plugin = str(root / "plugins" / "confined_signal_worker.py")
    argv = [sys.executable, "-m", "plugcheck", "harness", plugin, "--config"]
    argv.append(str(root / "pyproject.toml"))
    proc = subprocess.run(
        [*argv, "--require-confinement"],
        capture_output=True,
        text=True,
        preexec_fn=_kernel_without_confinement,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "plugcheck: error: --require-confinement: plugin processes cannot be confined here "
        "(neither Landlock nor unprivileged user namespaces for the fallback)"
    ]
    # Without the flag the run goes ahead and says so.
    proc = subprocess.run(
        [*argv, "--output-format", "json"],
        capture_output=True,
        text=True,
        preexec_fn=_kernel_without_confinement,
        timeout=300,
        check=False,
    )
    data = json.loads(proc.stdout)
    held = ["memory-cgroup"] if "memory-cgroup" in AVAILABLE else []  # it needs no namespace
    assert data["confinement"] == ["no-new-privs", "no-capabilities", *held]
    assert "confinement of plugin processes: none available" in "\n".join(data["notes"])


# Refuses unshare() (EPERM), as a system without unprivileged user namespaces does. x86_64.
_NO_USERNS = [
    (0x20, 0, 0, 4),  # ld arch
    (0x15, 1, 0, 0xC000003E),  # x86_64?
    (0x06, 0, 0, 0x7FFF0000),  # another ABI: leave it alone
    (0x20, 0, 0, 0),  # ld nr
    (0x15, 0, 1, 272),  # unshare
    (0x06, 0, 0, 0x00050000 | 1),  # EPERM
    (0x06, 0, 0, 0x7FFF0000),
]


def _without_user_namespaces() -> None:
    _install(_NO_USERNS)


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the filter uses x86_64 numbers")
def test_the_report_says_when_temp_dirs_are_bounded_per_file_only(tmp_path: Path) -> None:
    root = _host(tmp_path)
    plugin = str(root / "plugins" / "confined_disk_fill.py")
    argv = [sys.executable, "-m", "plugcheck", "harness", plugin, "--config"]
    argv += [str(root / "pyproject.toml"), "--output-format", "json"]
    said = "plugin temporary directories are bounded per file only"
    runs = [(_without_user_namespaces, False)]
    if user_namespaces():
        runs.append((None, True))
    for preexec, bounded in runs:
        proc = subprocess.run(
            argv, capture_output=True, text=True, preexec_fn=preexec, timeout=300, check=False
        )
        data = json.loads(proc.stdout)
        assert any(said in note for note in data["notes"]) is not bounded, data["notes"]
        if bounded:  # filling the capped directory is ENOSPC: the sandbox's (under load, a timeout)
            assert [f["code"] for f in data["findings"]] in (["PC420"], ["PC405"])


FALLBACK = {"no-capabilities", "temp-cap", "net-namespace", "pid-namespace", "fs-namespace"}


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the filter uses x86_64 numbers")
def test_without_landlock_the_namespace_fallback_contains_the_hostile_plugins(
    tmp_path: Path,
) -> None:
    # A kernel without Landlock and seccomp but with user namespaces: the fork server is the
    # first process of its own PID namespace and gives its children a read-only root that holds
    # only what Landlock's read rules would allow. plugcheck's own environment carries a secret.
    if not user_namespaces():
        pytest.skip("no user namespaces here")
    root = _host(tmp_path)
    bait = _Bait(root)
    segments = _shm_segments()
    argv = [sys.executable, "-m", "plugcheck", "harness", str(root), "--require-confinement"]
    try:
        proc = subprocess.run(
            [*argv, "--output-format", "json", "--jobs", "2"],
            capture_output=True,
            text=True,
            env={**os.environ, "PLUGCHECK_HOSTILE_SECRET": bait.secret},
            preexec_fn=_kernel_without_landlock,
            timeout=300,
            check=False,
        )
        damage = bait.damage()
    finally:
        bait.close()
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    # Its cgroups are made through folders opened before its read-only root (red58; before,
    # none: a plugin there could take the machine's memory or starve its siblings).
    held = {"memory-cgroup"} & set(AVAILABLE)
    assert set(data["confinement"]) == {*FALLBACK, "no-new-privs", *held}
    assert data["errors"] == []
    assert damage == []
    messages = {f["plugin"]: f["message"] for f in data["findings"]}
    assert not [m for m in messages.values() if bait.secret in m]
    assert "found: []" in messages["confined_proc_scan"]  # only its own PID namespace in /proc
    # Its /proc is read-only, yet plugin processes are the kernel's first choice (red55).
    assert "changed: [], own score 1000" in messages["confined_oom_score"]
    if held:
        assert "'memory'" in messages["confined_cgroups"], messages["confined_cgroups"]
    assert "stolen: []" in messages["confined_read_secrets"]
    # The machine's TLS keys are not in its root, /etc/ssl's certificates are (red team red60).
    assert "listed /etc/" not in messages["confined_tls_keys"], messages["confined_tls_keys"]
    for writer in ("confined_real_home", "confined_host_pyproject", "confined_pth"):
        assert "Read-only file system" in messages[writer], writer
    # Neither plugcheck nor the worker is visible: the signal and environ attacks find nothing.
    assert "confined_signal_plugcheck" not in messages
    assert "confined_parent_environ" not in messages
    assert "No space left on device" in messages["confined_disk_fill"]
    # No seccomp filter ends a clone(CLONE_PARENT): the census at the host's exit finds the
    # helper in its process group (before, it was killed unreported: a pass; red team red31).
    assert "clone with CLONE_PARENT" in messages["clone_parent_helper"]
    # Made by init(): not said to be started at import or by the factory (red team red32).
    assert "by the factory or in a later step" in messages["clone_parent_helper"]
    assert settled(lambda: _leftovers() == []), _leftovers()
    # confined_sysv_shm: no seccomp filter refuses its four 16 MiB System V segments here; they
    # went with the fork server's IPC namespace (before, they outlived the run on the machine).
    assert _shm_segments() - segments == set()


def _shm_segments() -> set[str]:
    """The System V shared memory segments on the machine (their ids)."""
    try:
        lines = Path("/proc/sysvipc/shm").read_text().splitlines()[1:]
    except OSError:
        return set()
    return {line.split()[1] for line in lines if line.split()}


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the filter uses x86_64 numbers")
def test_the_report_names_the_namespaces_in_force(tmp_path: Path) -> None:
    if not user_namespaces():
        pytest.skip("no user namespaces here")
    root = _host(tmp_path)
    plugin = str(root / "plugins" / "confined_tmp_canary.py")
    argv = [sys.executable, "-m", "plugcheck", "harness", plugin, "--config"]
    argv += [str(root / "pyproject.toml")]
    proc = subprocess.run(
        argv, capture_output=True, text=True, preexec_fn=_kernel_without_landlock,
        timeout=300, check=False,
    )  # fmt: skip
    (note,) = [line for line in proc.stdout.splitlines() if "confinement" in line]
    assert "a PID namespace of its own" in note
    assert "a read-only root holding only the plugin" in note
    assert "a network namespace of its own" in note
    assert "capped" in note
    assert "Landlock" not in note


@pytest.mark.skipif("landlock-reads" not in AVAILABLE, reason="no Landlock here")
def test_an_exec_plugin_reads_nothing_outside_its_host(tmp_path: Path) -> None:
    # It answers with what it read: before, the secret next to the host and a listing of /tmp.
    host = tmp_path / "host"
    shutil.copytree(HOSTILE / "exec", host)
    secret = f"plugcheck-hostile-secret-{os.getpid()}"
    (tmp_path / "plugcheck-hostile-secret.txt").write_text(secret)
    proc = run_cli("check", str(host), "--no-mypy", "--output-format", "json")
    data = json.loads(proc.stdout)
    (finding,) = data["findings"]
    assert finding["code"] == "PC603"
    assert "read: ['PermissionError'" in finding["message"]
    assert "/tmp: PermissionError" in finding["message"]
    assert secret not in proc.stdout
    _filled_no_more_than_its_cap(finding["message"])


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the filter uses x86_64 numbers")
def test_without_landlock_an_exec_plugin_reads_nothing_outside_its_host(tmp_path: Path) -> None:
    # The launcher's namespace fallback: the program runs as PID 2 of a PID namespace of its
    # own, under a read-only root that holds only what Landlock's read rules would allow.
    if not user_namespaces():
        pytest.skip("no user namespaces here")
    host = tmp_path / "host"
    shutil.copytree(HOSTILE / "exec", host)
    secret = f"plugcheck-hostile-secret-{os.getpid()}"
    (tmp_path / "plugcheck-hostile-secret.txt").write_text(secret)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "plugcheck",
            "check",
            str(host),
            "--no-mypy",
            "--output-format",
            "json",
        ],
        capture_output=True,
        text=True,
        preexec_fn=_kernel_without_landlock,
        timeout=300,
        check=False,
    )
    data = json.loads(proc.stdout)
    (finding,) = data["findings"]
    assert finding["code"] == "PC603"
    assert "read: ['FileNotFoundError'" in finding["message"]
    assert secret not in proc.stdout
    _filled_no_more_than_its_cap(finding["message"])


def _filled_no_more_than_its_cap(message: str) -> None:
    # The launcher's tmpfs over the program's directory (64 MiB): before, it wrote all it
    # tried, 96 MiB, into the system's temp dir (red53).
    if not user_namespaces():
        return
    wrote = re.search(r"wrote (\d+) MiB", message)
    assert wrote, message
    assert int(wrote[1]) <= 64, message


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the filter uses x86_64 numbers")
@pytest.mark.parametrize("fallback", [True, False])
def test_a_plugin_cannot_attach_to_its_sibling(tmp_path: Path, fallback: bool) -> None:
    # With Landlock each child is a domain of its own; in the fallback only the non-dumpable
    # state every child inherits from the server keeps ptrace (and /proc/<pid>/mem) out.
    if fallback and not user_namespaces():
        pytest.skip("no user namespaces here")
    root = _host(tmp_path)
    argv = [sys.executable, "-m", "plugcheck", "harness", str(root / "siblings"), "--jobs", "2"]
    proc = subprocess.run(
        [*argv, "--output-format", "json"],
        capture_output=True,
        text=True,
        preexec_fn=_kernel_without_landlock if fallback else None,
        timeout=300,
        check=False,
    )
    data = json.loads(proc.stdout)
    assert ("fs-namespace" in data["confinement"]) is fallback
    (finding,) = data["findings"]
    assert finding["plugin"] == "attach_sibling"
    assert "refused: Operation not permitted" in finding["message"]


_OWN_NET_PROBE = """
import ctypes, sys
from plugcheck.harness.confine import namespaces, plan
libc = ctypes.CDLL(None, use_errno=True)
if sys.argv[1] == "theirs":  # a network namespace with a loopback that is down, made by another
    assert libc.unshare(0x10000000 | 0x40000000) == 0  # CLONE_NEWUSER | CLONE_NEWNET
else:
    assert namespaces._unshare(net=True)
print(plan.network_isolated())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces")
def test_udp_is_allowed_only_in_a_network_namespace_plugcheck_made(tmp_path: Path) -> None:
    # A loopback that is down in a namespace plugcheck did not make (the machine's, a
    # container's) may be brought up by anyone while plugins run: UDP stays refused there.
    if not user_namespaces():
        pytest.skip("no user namespaces here")
    said = {
        made: subprocess.run(
            [sys.executable, "-c", _OWN_NET_PROBE, made], capture_output=True, text=True
        ).stdout.strip()
        for made in ("theirs", "ours")
    }
    assert said == {"theirs": "False", "ours": "True"}
