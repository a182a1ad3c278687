"""The harness progress bar: drawn on stderr when it is a terminal, nothing otherwise."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from plugcheck.progress import ProgressBar

from conftest import run_cli

CONTRACT = """\
[tool.plugcheck]
search-path = ["api"]

[tool.plugcheck.contracts.demo]
kind = "factory"
api = "demo_api"
paths = ["plugins/*"]

[tool.plugcheck.contracts.demo.exports]
new = "demo_api:Factory"
"""


def _host(root: Path, count: int) -> Path:
    (root / "api" / "demo_api").mkdir(parents=True)
    (root / "api" / "demo_api" / "__init__.py").write_text(
        "from collections.abc import Callable\n\n\nclass Plugin:\n    def run(self) -> None: ...\n"
        "\n\nFactory = Callable[[], Plugin]\n"
    )
    (root / "pyproject.toml").write_text(CONTRACT)
    for i in range(count):
        (root / "plugins" / f"p{i}").mkdir(parents=True)
        (root / "plugins" / f"p{i}" / "__init__.py").write_text(
            "from demo_api import Plugin\n\n\ndef new() -> Plugin:\n    return Plugin()\n"
        )
    return root


def _stderr_on_tty(*args: str) -> tuple[bytes, str]:
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "plugcheck", *args],
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    stdout, _ = proc.communicate(timeout=300)
    os.close(leader)
    return b"".join(chunks), stdout.decode()


def test_bar_on_a_terminal_only(tmp_path: Path) -> None:
    host = _host(tmp_path, 3)
    drawn, stdout = _stderr_on_tty("check", str(host), "--no-mypy")
    assert b"harness [" in drawn and b"3/3" in drawn
    assert drawn.endswith(b"\r\x1b[K"), "the bar erases itself before the report"
    assert "All checks passed: 3 plugins" in stdout
    quiet, _ = _stderr_on_tty("check", str(host), "--no-mypy", "--no-progress")
    assert quiet == b""
    piped = run_cli("check", str(host), "--no-mypy")
    assert piped.returncode == 0 and piped.stderr == ""


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
