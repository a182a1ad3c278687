"""A tiny factory host built in a temporary directory, and a CLI run on a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from conftest import write_host

CONTRACT = """\
[tool.plugcheck]
search-path = ["api"]

[tool.plugcheck.contracts.demo]
kind = "factory"
api = "demo_api"
paths = ["plugins/*"]
{extra}
[tool.plugcheck.contracts.demo.exports]
new = "demo_api:Factory"
"""

API = """\
from collections.abc import Callable


class Plugin:
    def run(self) -> None: ...


Factory = Callable[[], Plugin]
"""

GOOD = "from demo_api import Plugin\n\n\ndef new() -> Plugin:\n    return Plugin()\n"


def demo_host(root: Path, plugins: dict[str, str], extra: str = "") -> Path:
    """``root`` with the demo contract (plus ``extra`` contract keys), its API, and one package
    per ``plugins`` entry (name -> ``__init__.py`` source) under ``plugins/``."""
    packages = {f"plugins/{name}/__init__.py": source for name, source in plugins.items()}
    return write_host(
        root, {"demo_api": API}, pyproject=CONTRACT.format(extra=extra), files=packages
    )


def cli_on_tty(
    *args: str, stream: str = "stdout", env: dict[str, str] | None = None
) -> tuple[bytes, bytes]:
    """Run the CLI with ``stream`` (stdout or stderr) on a pseudo-terminal: (terminal, other)."""
    leader, follower = pty.openpty()
    base = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    proc = subprocess.Popen(
        [sys.executable, "-m", "plugcheck", *args],
        stdout=follower if stream == "stdout" else subprocess.PIPE,
        stderr=follower if stream == "stderr" else subprocess.PIPE,
        env={**base, **(env or {})},
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
    out, err = proc.communicate(timeout=300)
    os.close(leader)
    return b"".join(chunks), (err if stream == "stdout" else out) or b""
