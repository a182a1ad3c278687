"""Plugins of the kinds that run outside the fork server (an exec plugin, a setup function in
the setup-function worker) reaching for a CI job's secrets and writing outside their sandbox:
the CI's tokens in plugcheck's environment, the environment of every process they can see
(``/proc/<pid>/environ``), and the host's files, the real home, ``/tmp``, ``/dev/shm``, the
cache home. Red team sand17: held (each attack is refused), kept as tests."""

from __future__ import annotations

import json
import os
import pwd
from pathlib import Path

import pytest

from plugcheck.harness.confine import python_plugins

from conftest import TESTDATA, copy_host, run_cli

pytestmark = [
    pytest.mark.harness,
    pytest.mark.skipif(
        "landlock-reads" not in python_plugins() and "fs-namespace" not in python_plugins(),
        reason="nothing confines what plugin processes read and write here",
    ),
]

HOSTILE = TESTDATA / "hostile"
SECRET = "plugcheck-reach-secret-token"

REACH = """\
import os
import pwd


def reach(host):
    seen = [f"{k}={v}" for k, v in os.environ.items()]
    for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
        try:
            with open(f"/proc/{pid}/environ", "rb") as handle:
                seen.append(handle.read().decode("utf-8", "replace"))
        except OSError:
            pass
    home = pwd.getpwuid(os.getuid()).pw_dir
    wrote = []
    for path in (
        os.path.join(host, "pyproject.toml"),
        os.path.join(home, ".plugcheck-reach-canary"),
        os.path.join(home, ".cache", "plugcheck-reach-canary"),
        "/tmp/plugcheck-reach-canary",
        "/dev/shm/plugcheck-reach-canary",
        "/proc/sys/kernel/core_pattern",  # opened only, as root: what the kernel runs on a crash
    ):
        try:
            with open(path, "a"):
                wrote.append(path)
        except OSError:
            pass
    secret = "plugcheck-reach-" + "secret-token"  # not in its own argv or source as such
    return f"wrote: {wrote}; secret seen: {any(secret in s for s in seen)}; seen: {seen}"
"""


def _run(tmp_path: Path, root: Path) -> dict[str, str]:
    env = {
        "XDG_CACHE_HOME": str(tmp_path / "c"),
        "GITHUB_TOKEN": SECRET,
        "ACTIONS_RUNTIME_TOKEN": SECRET,
    }
    proc = run_cli("check", str(root), "--output-format", "json", env=env)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    messages: dict[str, str] = {}
    for finding in json.loads(proc.stdout)["findings"]:
        said = messages.get(finding["plugin"], "")
        messages[finding["plugin"]] = f"{said}{finding['message']}\n"
    return messages


def _canaries(root: Path) -> list[Path]:
    home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    found = [home / ".plugcheck-reach-canary", home / ".cache" / "plugcheck-reach-canary"]
    found += [Path("/tmp/plugcheck-reach-canary"), Path("/dev/shm/plugcheck-reach-canary")]
    return [p for p in found if p.exists()]


@pytest.mark.parametrize("kind", ["exec", "setup-function"])
def test_a_plugin_outside_the_fork_server_reaches_no_secret_and_writes_nothing(
    tmp_path: Path, kind: str
) -> None:
    if kind == "exec":
        root = copy_host(HOSTILE / "exec", tmp_path / "exec")
        (root / "bin" / "hello-steal").unlink()
        plugin, name = root / "bin" / "hello-reach", "reach"
        answer = "import json, sys\nsys.stdin.read()\n"
        answer += f'print(json.dumps({{"error": reach({str(root)!r})}}))\n'
        plugin.write_text(f"#!/usr/bin/env python3\n{REACH}\n\n{answer}", encoding="utf-8")
        plugin.chmod(0o755)
    else:
        root = copy_host(TESTDATA / "rules" / "PC531" / "good", tmp_path / "host")
        plugin, name = root / "plugins" / "aaa_reach.py", "aaa_reach"
        setup = f"\n\ndef setup(app):\n    raise ValueError(reach({str(root)!r}))\n"
        plugin.write_text(REACH + setup, encoding="utf-8")
    pyproject = (root / "pyproject.toml").read_bytes()
    messages = _run(tmp_path, root)
    written = _canaries(root)
    for path in written:
        path.unlink()
    assert written == []
    assert (root / "pyproject.toml").read_bytes() == pyproject
    assert "wrote: []" in messages[name], messages
    assert "secret seen: False" in messages[name], messages
    assert SECRET not in json.dumps(messages)
