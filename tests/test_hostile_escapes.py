"""Hostile plugins that reach past the fork server: the ecosystem worker, the static pass,
siblings under the namespace fallback. Each test shows containment (what it did before is in
the plugin's docstring and the commit that fixed it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from test_confine import _kernel_without_landlock

from conftest import TESTDATA, user_namespaces

HOSTILE = TESTDATA / "hostile"
X86_64 = os.uname().machine == "x86_64"


def _plugcheck(
    *args: str, preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plugcheck", *args],
        capture_output=True,
        text=True,
        preexec_fn=preexec,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("fallback", [False, True])
def test_the_ecosystem_worker_reads_nothing_outside_its_host(
    tmp_path: Path, fallback: bool
) -> None:
    # The setup-function worker runs plugin code; it used to read whatever its user could, and
    # the plugin raised what it read into its own PC532 finding (the secret, /tmp, the home).
    if fallback and not (X86_64 and user_namespaces()):
        pytest.skip("the fallback needs user namespaces and the x86_64 filter")
    host = tmp_path / "host"
    shutil.copytree(HOSTILE / "ecosystem", host)
    secret = f"plugcheck-hostile-secret-{os.getpid()}"
    (tmp_path / "plugcheck-hostile-secret.txt").write_text(secret)
    proc = _plugcheck(
        "check",
        str(host),
        "--no-mypy",
        "--output-format",
        "json",
        preexec=_kernel_without_landlock if fallback else None,
    )
    data = json.loads(proc.stdout)
    (finding,) = [f for f in data["findings"] if f["code"] == "PC532"]
    if fallback:  # a root holding only what it may read: the host, the environment
        assert "read: FileNotFoundError; /tmp: [" in finding["message"]
    else:
        assert (
            "read: PermissionError; /tmp: PermissionError; home: PermissionError"
            in (finding["message"])
        )
    assert secret not in proc.stdout


def _bounded() -> None:
    """plugcheck's address space capped at 3 GiB: a run that reads a sparse 8 GiB file whole
    fails here with MemoryError instead of taking the machine's memory."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def test_a_sparse_8_gib_plugin_is_not_read_whole(tmp_path: Path) -> None:
    # A hostile repository: a plugin module of 8 GiB that takes no disk space (a sparse file
    # in an sdist or a generated tree), and a FIFO named like a plugin. Before, the static pass
    # read the whole file (the parser, the suppression comments, the result cache's hash):
    # MemoryError and a traceback, or the machine's memory.
    host = tmp_path / "host"
    shutil.copytree(HOSTILE / "api", host / "api")
    shutil.copy(HOSTILE / "pyproject.toml", host)
    (host / "plugins").mkdir()
    shutil.copy(HOSTILE / "plugins" / "loop_run.py", host / "plugins" / "fine.py")
    with (host / "plugins" / "huge.py").open("wb") as handle:
        handle.truncate(8 << 30)
    os.mkfifo(host / "plugins" / "fifo.py")
    proc = _plugcheck(
        "check",
        str(host),
        "--no-mypy",
        "--no-dynamic",
        "--output-format",
        "json",
        preexec=_bounded,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    by_plugin = {f["plugin"]: f for f in data["findings"] if f["code"] == "PC001"}
    assert set(by_plugin) == {"huge"}
    assert (
        "8,589,934,592 bytes, more than the 32 MiB plugcheck reads"
        in (by_plugin["huge"]["message"])
    )
    assert proc.returncode == 1


def test_a_sparse_8_gib_pyproject_is_a_one_line_error(tmp_path: Path) -> None:
    host = tmp_path / "host"
    host.mkdir()
    with (host / "pyproject.toml").open("wb") as handle:
        handle.truncate(8 << 30)
    proc = _plugcheck("check", str(host), "--no-mypy", preexec=_bounded)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert "more than the 32 MiB plugcheck reads" in proc.stderr


@pytest.mark.parametrize("fallback", [True, False])
def test_a_plugin_cannot_reach_its_siblings_directory(tmp_path: Path, fallback: bool) -> None:
    # Without Landlock every child's directory lay in the fork server's one writable root:
    # the meddler wrote into the victim's captured stdout (a false PC412 for the victim) and
    # listed its files. Now each child has a mount namespace where that root holds only its
    # own slot; with Landlock, its domain allows its own directory only.
    if fallback and not (X86_64 and user_namespaces()):
        pytest.skip("the fallback needs user namespaces and the x86_64 filter")
    root = tmp_path / "hostile"
    shutil.copytree(HOSTILE, root, ignore=shutil.ignore_patterns("__pycache__", ".plugcheck_cache"))
    proc = _plugcheck(
        "harness",
        str(root / "sibling_files"),
        "--jobs",
        "2",
        "--output-format",
        "json",
        preexec=_kernel_without_landlock if fallback else None,
    )
    data = json.loads(proc.stdout)
    assert ("fs-namespace" in data["confinement"]) is fallback
    (finding,) = data["findings"]
    assert finding["plugin"] == "meddle_sibling"
    expected = "reached: []" if fallback else "refused: Permission denied"
    assert expected in finding["message"]
