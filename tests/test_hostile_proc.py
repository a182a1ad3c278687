"""Hostile plugins that look through ``/proc`` for other processes' command lines: a CI token
another job passes on its command line (``--token=...``). ``cmdline`` has no ptrace check, so
Landlock alone does not guard it; the fork server and the launcher give plugin processes a PID
namespace and a ``/proc`` of their own (red team trust14: found with Landlock, not closed then)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from plugcheck.harness.confine import python_plugins

from conftest import TESTDATA, copy_host, run_cli, settled

pytestmark = [
    pytest.mark.harness,
    pytest.mark.skipif(
        "pid-namespace" not in python_plugins(), reason="no PID namespace and /proc of its own"
    ),
]

HOSTILE = TESTDATA / "hostile"

SCAN = '''\
"""Reads every process's command line it can see for a token."""

import os


def tokens():
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    words = handle.read().split(b"\\0")
            except OSError:
                continue
            found += [w.decode() for w in words if w.startswith(b"--token=")]
    return found
'''

PYTHON_PLUGIN = f"""{SCAN}

class P:
    def init(self, config):
        raise RuntimeError(f"tokens: {{tokens()!r}}")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
"""

EXEC_PLUGIN = f"""#!/usr/bin/env python3
{SCAN}

import json
import sys

sys.stdin.read()
print(json.dumps({{"error": f"tokens: {{tokens()!r}}"}}))
"""


@pytest.fixture
def bystander(tmp_path: Path) -> Iterator[str]:
    """Another job of the same user, with a token on its command line: the token."""
    token = f"plugcheck-bystander-token-{os.getpid()}-{tmp_path.name}"
    argv = [sys.executable, "-c", "import sys; sys.stdin.read()", f"--token={token}"]
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE)
    try:
        assert settled(lambda: _listed(token)), "the bystander never started"
        yield token
    finally:
        proc.kill()
        proc.wait()


def _listed(token: str) -> bool:
    """Whether this (unconfined) process sees the bystander's token: the plugin's baseline."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if token.encode() in Path(f"/proc/{entry}/cmdline").read_bytes():
                    return True
            except OSError:
                continue
    return False


def _messages(tmp_path: Path, *args: str) -> list[str]:
    proc = run_cli(*args, "--output-format", "json", env={"XDG_CACHE_HOME": str(tmp_path / "c")})
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    return [f["message"] for f in data["findings"]]


def test_a_python_plugin_cannot_read_another_jobs_command_line(
    tmp_path: Path, bystander: str
) -> None:
    # Before: with Landlock (no PID namespace of the fork server's own) the plugin raised the
    # bystander's token into its PC405 message, which SARIF uploads.
    root = copy_host(HOSTILE, tmp_path / "hostile")
    plugin = root / "plugins" / "confined_cmdline_scan.py"
    plugin.write_text(PYTHON_PLUGIN, encoding="utf-8")
    config = str(root / "pyproject.toml")
    messages = _messages(tmp_path, "harness", str(plugin), "--config", config)
    (message,) = messages
    assert "tokens: []" in message, message
    assert bystander not in message


def test_an_exec_plugin_cannot_read_another_jobs_command_line(
    tmp_path: Path, bystander: str
) -> None:
    # Before: the launcher's PID namespace kept the machine's /proc, so the exec plugin
    # answered with the bystander's token (its PC601 message).
    root = copy_host(HOSTILE / "exec", tmp_path / "exec")
    plugin = root / "bin" / "hello-steal"
    plugin.write_text(EXEC_PLUGIN, encoding="utf-8")
    plugin.chmod(0o755)
    messages = _messages(tmp_path, "check", str(root))
    assert messages, "the exec plugin's answer was not reported"
    assert not [m for m in messages if bystander in m], messages
    assert [m for m in messages if "tokens: []" in m], messages


# The kernel refuses mount(2) once the probe has found a PID namespace with a /proc of its own
# (as when it runs out of namespaces mid-run): x86_64 numbers.
REFUSED_LATER = """\
import ctypes, struct, sys
from plugcheck.harness.confine import python_plugins
assert "pid-namespace" in python_plugins()
ops = [(0x20, 0, 0, 4), (0x15, 1, 0, 0xC000003E), (0x06, 0, 0, 0x7FFF0000), (0x20, 0, 0, 0),
       (0x15, 0, 1, 165), (0x06, 0, 0, 0x00050000 | 1), (0x06, 0, 0, 0x7FFF0000)]
libc = ctypes.CDLL(None, use_errno=True)
code = b"".join(struct.pack("=HBBI", *op) for op in ops)
program = ctypes.create_string_buffer(code, len(code))
prog = ctypes.create_string_buffer(struct.pack("=HxxxxxxQ", len(ops), ctypes.addressof(program)))
ulong = ctypes.c_ulong
assert libc.prctl(38, ulong(1), ulong(0), ulong(0), ulong(0)) == 0
assert libc.prctl(22, ulong(2), ulong(ctypes.addressof(prog)), ulong(0), ulong(0)) == 0
from plugcheck._entry import main
sys.argv[0] = "plugcheck"
main()
"""


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the filter uses x86_64 numbers")
def test_the_report_never_claims_a_pid_namespace_the_launcher_did_not_get(
    tmp_path: Path, bystander: str
) -> None:
    # Before: the launcher's own_proc() failed silently and the exec plugin listed every
    # process (the bystander's token in its answer) under a report whose confinement said
    # pid-namespace ("no other process visible").
    root = copy_host(HOSTILE / "exec", tmp_path / "exec")
    plugin = root / "bin" / "hello-steal"
    plugin.write_text(EXEC_PLUGIN, encoding="utf-8")
    plugin.chmod(0o755)
    argv = [sys.executable, "-c", REFUSED_LATER, "check", str(root), "--output-format", "json"]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c")}
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    assert "pid-namespace" not in data["confinement"], data["confinement"]
    # Nor the tmpfs over its directory (mount refused too: red53).
    assert "temp-cap" not in data["confinement"], data["confinement"]
    said = [n for n in data["notes"] if n.startswith("plugin processes ran without")]
    assert said == [
        "plugin processes ran without temp-cap, pid-namespace: the kernel refused it after the "
        "probe found it; the report's confinement leaves it out"
    ], data["notes"]
    # What the report now says is what the plugin saw: every process of the machine.
    assert [f for f in data["findings"] if bystander in f["message"]], data["findings"]
