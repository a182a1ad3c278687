"""Plugins that attack what one fork server's children share: the plugins' folder, whose
directory cache the server fills once before the first fork (a 'warm' path entry), and the
server's memory, which every child is a copy of (a running sibling's deadline page). Each case
shows that a plugin changes no other plugin's verdict, nor holds up the run past a bound."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_confine import _kernel_without_landlock

from conftest import TESTDATA, copy_host, user_namespaces

pytestmark = pytest.mark.harness


HOSTILE = TESTDATA / "hostile"
X86_64 = os.uname().machine == "x86_64"


def _harness(root: Path, *args: str, fallback: bool = False) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "harness", str(root), *args, "--output-format", "json"],
        capture_output=True,
        text=True,
        preexec_fn=_kernel_without_landlock if fallback else None,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data: dict[str, object] = json.loads(proc.stdout)
    return data


def _found(data: dict[str, object], root: Path) -> set[tuple[str, int, str]]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return {(Path(f["path"]).relative_to(root).as_posix(), f["line"], f["code"]) for f in findings}


@pytest.mark.parametrize("fallback", [False, True])
def test_a_plugin_cannot_poison_the_shared_plugin_folder(tmp_path: Path, fallback: bool) -> None:
    # The poisoner runs first (--jobs 1) and writes into the folder all three plugins share: a
    # module a later plugin imports but nobody ships, and forged bytecode for a helper that
    # raises. Had either landed, both later plugins would have passed (they do with
    # --no-confinement); confined, each keeps its PC401 and the folder is as it was.
    if fallback and not (X86_64 and user_namespaces()):
        pytest.skip("the fallback needs user namespaces and the x86_64 filter")
    hostile = copy_host(HOSTILE, tmp_path / "hostile")
    root = hostile / "warm_dir"
    before = sorted(p.name for p in (root / "plugins").iterdir())
    data = _harness(root, "--jobs", "1", fallback=fallback)
    confinement = data["confinement"]
    assert isinstance(confinement, list)
    assert ("fs-namespace" in confinement) is fallback
    assert _found(data, root) == {
        ("plugins/p_a_poison.py", 18, "PC411"),  # the write it tried, refused
        ("plugins/p_b_missing.py", 3, "PC401"),
        ("plugins/p_c_broken_helper.py", 3, "PC401"),
    }
    assert sorted(p.name for p in (root / "plugins").iterdir()) == before


def test_a_plugin_cannot_move_a_running_siblings_deadline(tmp_path: Path) -> None:
    # The stretcher, forked while the victim sleeps in init(), used to find the victim's
    # deadline page in its copy of the server (a shared mapping) and write a deadline far in
    # the future: the server never killed the victim, and the run waited as long as it slept
    # (forever, for one that never returns). Now a new child unmaps every other child's page.
    root = copy_host(HOSTILE, tmp_path / "hostile") / "deadline_page"
    data = _harness(root, "--jobs", "2")
    assert _found(data, root) == {("plugins/a_slow_victim.py", 9, "PC405")}
    findings = data["findings"]
    assert isinstance(findings, list)
    (finding,) = findings
    # Killed by the server at its deadline (the stack it dumped), not timed by the plugin's own
    # driver after the 20 s sleep returned.
    assert "(stuck at a_slow_victim.py:10)" in finding["message"]


def _killed_while_stuck(root: Path) -> tuple[float, str]:
    """Seconds the harness run of ``root`` took, and the message of its one finding: a PC401."""
    start = time.monotonic()
    data = _harness(root)
    took = time.monotonic() - start
    findings = data["findings"]
    assert isinstance(findings, list)
    (finding,) = findings
    assert finding["code"] == "PC401"
    return took, str(finding["message"])


def test_a_plugin_cannot_move_its_own_deadline(tmp_path: Path) -> None:
    took, message = _killed_while_stuck(copy_host(HOSTILE, tmp_path / "hostile") / "deadline_own")
    assert "stuck at stretch_own.py:26" in message
    # Far below the plugin's 60 s sleep, with room for a loaded machine (8.4 s was seen at load 7).
    assert took < 30.0


REWRITER = """
import struct, sys, time


def _own_page():
    frame = sys._getframe()
    while frame is not None:
        page = getattr(getattr(frame.f_locals.get("self"), "channel", None), "shared", None)
        if page is not None:
            return page
        frame = frame.f_back


_page = _own_page()
while True:  # moves its deadline again and again, each time before the server's bound
    if _page is not None:
        _page[0:8] = struct.pack("d", time.monotonic() + 1e6)
    time.sleep(0.1)


def new():
    return None
"""


@pytest.mark.slow
def test_a_plugin_rewriting_its_deadline_is_killed_within_its_bound(tmp_path: Path) -> None:
    # The persistent attacker: it never returns and moves its deadline every 0.1 s, well within
    # the server's bound for one step (deadline 1 s + 2.25 s). The server follows 33 moves at
    # most (CLOCK_WRITES, the harness's own writes for every step it may take), so the run ends
    # after about 33 x 0.1 s + one bound instead of never (how often it moves changes only how
    # long the 33 take: every 0.5 s made this test sleep 20 s). (Moving as late as possible, every
    # 3 s, stretches it to 32 x 3.25 s at most, as docs/harness.md says; the cap is the same.)
    root = copy_host(HOSTILE, tmp_path / "hostile") / "deadline_own"
    (root / "plugins" / "stretch_own.py").write_text(REWRITER)
    took, message = _killed_while_stuck(root)
    assert "stuck at stretch_own.py" in message
    assert took < 60.0
