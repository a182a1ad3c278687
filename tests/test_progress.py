"""The harness progress bar: drawn on stderr when it is a terminal, nothing otherwise."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from demo_host import GOOD, cli_on_tty, demo_host

from plugcheck.progress import ProgressBar

from conftest import run_cli


@pytest.mark.harness
def test_bar_on_a_terminal_only(tmp_path: Path) -> None:
    host = demo_host(tmp_path, {f"p{i}": GOOD for i in range(3)})
    drawn, stdout = cli_on_tty("check", str(host), "--no-mypy", stream="stderr")
    assert b"harness [" in drawn and b"3/3" in drawn
    assert drawn.endswith(b"\r\x1b[K"), "the bar erases itself before the report"
    assert "3 plugins in 1 contract" in stdout.decode()
    quiet, _ = cli_on_tty("check", str(host), "--no-mypy", "--no-progress", stream="stderr")
    assert quiet == b""
    piped = run_cli("check", str(host), "--no-mypy")
    assert piped.returncode in (0, 1) and piped.stderr == "", "no bar when stderr is a pipe"


def test_bar_rendering() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, total=4)

    class Result:
        class plugin:  # shaped like harness.PluginResult
            name = "greeter"

    bar(Result())
    assert bar.line("greeter", 80) == "harness [#####...............] 1/4 greeter"
    assert len(bar.line("x" * 200, 40)) < 40, "never wraps the terminal line"
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")
    assert ProgressBar(io.StringIO(), total=None).line("a", 80) == "harness 0 done a"
