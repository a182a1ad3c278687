"""A step's deadline grows by the time others kept it off the processors, never by the time its
own threads and processes took (harness/worker/starvation.py): three steps on one CPU, each
needing 0.2 s of CPU, beside a busy process of another tree, beside two of its own, and after
lowering its own priority (``tests/starved_steps.py``, about 1.5 s of CPU in all)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
EXTRA = ("sandbox", "silence")


@pytest.mark.harness
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="schedstat is Linux's")
def test_starved_step_is_granted_what_others_took_never_its_own() -> None:
    if not Path("/proc/self/schedstat").exists():
        pytest.skip("this kernel keeps no scheduler statistics")
    out = subprocess.run(
        [sys.executable, str(HERE / "starved_steps.py"), "outside", "own", "lowered", *EXTRA],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    steps = json.loads(out)
    sandboxed, silent = steps.pop("sandbox"), steps.pop("silence")
    # A sandboxed program (an exec plugin's call, a native loader, the setup-function worker)
    # that meets its deadline alone is not timed out for sharing its CPU (red55; before,
    # sandbox.run's deadline was plain wall time). A fork server kept waiting gets more time to
    # speak; a stopped one gets none.
    assert not sandboxed["timed_out"] and sandboxed["code"] == 0, sandboxed
    assert silent["starved"] > 0.05 and silent["stopped"] < 0.05, silent
    for mode, step in steps.items():
        # On one CPU, the time nothing of the tree ran is wall - tree: never granted more
        # (0.1 s: the kernel adds a wait to the delay when it ends).
        assert step["kept"] <= step["wall"] - step["tree"] + 0.1, (mode, step)
    outside = steps["outside"]
    # Kept waiting by a process of another tree: granted most of it (a healthy step passes).
    assert outside["kept"] >= 0.5 * (outside["wall"] - outside["tree"]) - 0.1, outside
    # A tree that lowered its own priority forfeits every extension.
    assert steps["lowered"]["kept"] == 0.0, steps["lowered"]
