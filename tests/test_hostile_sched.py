"""Hostile plugins that slow down other processes without a signal. The kernel lets a process
change the scheduling of any process of the same user (``SCHED_IDLE``, nice 19, one CPU, the
idle I/O class), and every plugin process of a run has the same user: a plugin lowered the
plugins running next to it, the setup-function worker, its own helpers and, without a PID
namespace of plugcheck's own, every process of its user on the machine. The seccomp filter
allows these calls only on the calling process (red team sand17)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plugcheck import Options, check
from plugcheck.harness.confine import python_plugins
from plugcheck.harness.worker import pids_cgroup

from conftest import TESTDATA, copy_host, run_cli

pytestmark = [
    pytest.mark.harness,
    pytest.mark.skipif("seccomp" not in python_plugins(), reason="no seccomp filter here"),
]

HOSTILE = TESTDATA / "hostile"


def _messages(tmp_path: Path, *args: str) -> dict[str, str]:
    """Each plugin's findings' messages, one per line."""
    proc = run_cli(*args, "--output-format", "json", env={"XDG_CACHE_HOME": str(tmp_path / "c")})
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    messages: dict[str, str] = {}
    for finding in json.loads(proc.stdout)["findings"]:
        messages[finding["plugin"]] = (
            messages.get(finding["plugin"], "") + finding["message"] + "\n"
        )
    return messages


def test_a_plugin_cannot_slow_down_or_stop_the_plugin_next_to_it(tmp_path: Path) -> None:
    # Before: renice_sibling put the patient plugin on SCHED_IDLE, nice 19, one CPU and the
    # idle I/O class (reached: ['idle', 'nice', 'affinity', 'io']); its own process keeps them.
    root = copy_host(HOSTILE, tmp_path / "hostile")
    messages = _messages(tmp_path, "harness", str(root / "sibling_sched"), "--jobs", "2")
    assert "patient" not in messages, messages["patient"]
    assert "reached: []" in messages["renice_sibling"], messages
    if "landlock-abi-7" in python_plugins() or "landlock-abi-6" in python_plugins():
        # Landlock's signal scoping covers SIGIO (F_SETOWN) and kill(-1) (held).
        assert "stopped: []" in messages["stop_sibling"], messages


@pytest.mark.skipif(not pids_cgroup._candidates("cpu"), reason="no cpu cgroup here")
def test_a_plugin_cannot_starve_the_plugin_next_to_it_past_its_bound(tmp_path: Path) -> None:
    # Before: aaa_hog's 120 busy processes took nearly all of the processors from the healthy
    # plugin next to it, whose init (0.05 s of CPU) then ran past 3x its 0.5 s deadline:
    # PC405, a false error caused by another plugin. Each plugin's processes now weigh as one
    # on the processors (a cpu cgroup per --jobs slot), however many it starts (red55).
    root = copy_host(HOSTILE, tmp_path / "hostile") / "sibling_starve"
    report = check(Options(paths=(root,), static=False, mypy=False, jobs=2))
    assert not [f.message for f in report.findings if f.plugin == "victim"], report.findings


RENICE = """\
import os
import time


def reach():
    helper = os.fork()
    if helper == 0:
        time.sleep(5)
        os._exit(0)
    reached = []
    for name, pid in (("parent", os.getppid()), ("helper", helper)):
        try:
            os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))
            reached.append(name)
        except OSError:
            pass
    os.setpriority(os.PRIO_PROCESS, 0, 5)  # its own process: as in the host
    os.kill(helper, 9)
    return reached
"""


def test_a_setup_function_cannot_slow_down_the_worker(tmp_path: Path) -> None:
    # Before: each plugin's child inherited the filter the launcher put on the worker, which
    # named the worker's pid as its own: it put the worker (every later plugin's check) and its
    # own helper on SCHED_IDLE (reached: ['parent', 'helper']).
    root = copy_host(TESTDATA / "rules" / "PC531" / "good", tmp_path / "host")
    source = RENICE + '\n\ndef setup(app):\n    raise ValueError(f"reached: {reach()}")\n'
    (root / "plugins" / "aaa_renice.py").write_text(source, encoding="utf-8")
    messages = _messages(tmp_path, "check", str(root))
    assert "reached: []" in messages["aaa_renice"], messages
    assert "compat_ext" not in messages, messages


def test_an_exec_plugin_cannot_slow_down_other_processes(tmp_path: Path) -> None:
    # Before: the exec plugin put its helper on SCHED_IDLE (reached: ['helper']).
    root = copy_host(HOSTILE / "exec", tmp_path / "exec")
    (root / "bin" / "hello-steal").unlink()
    plugin = root / "bin" / "hello-renice"
    answer = (
        'import json, sys\nsys.stdin.read()\nprint(json.dumps({"error": f"reached: {reach()}"}))\n'
    )
    plugin.write_text(f"#!/usr/bin/env python3\n{RENICE}\n\n{answer}", encoding="utf-8")
    plugin.chmod(0o755)
    messages = _messages(tmp_path, "check", str(root))
    assert "reached: []" in messages["renice"], messages
