"""What plugcheck's sandbox refuses is PC420, never the plugin failing in the host (red team
findings 7, 8 and 28): an optional config outside what plugin processes may read, a local
server's port, multiprocessing's semaphores, more processes at once than the quota. A plugin
that starts many processes one after another passes; one that raises PermissionError itself
keeps its error. One harness run for every case."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_confine import _kernel_without_landlock

from plugcheck import Options, check
from plugcheck.harness.confine import python_plugins

from conftest import TESTDATA, user_namespaces

pytestmark = [
    pytest.mark.harness,
    pytest.mark.skipif("landlock-reads" not in python_plugins(), reason="no Landlock here"),
]

PLUGIN = """
from plugapi import ConfigError, Plugin


class P:
    def init(self, config):
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")
{init}

    def run(self):
{run}

    def shutdown(self, timeout):
        pass


def new() -> Plugin:
    return P()
"""

CASES = {
    # (code at import, init's body, run's body)
    "optional_config": ("import os\nif os.path.exists({conf!r}):\n    open({conf!r}).read()\n",
                        "pass", "pass"),
    "local_server": ("import socket\n",
                     "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(); self.s = s",
                     "pass"),
    "semaphore": ("import multiprocessing\n", "self.lock = multiprocessing.Lock()", "pass"),
    "one_at_a_time": ("import subprocess\n", "pass",
                      "[subprocess.run(['true'], check=True) for _ in range(20)]"),
    "all_at_once": ("import subprocess\n", "pass",
                    "ps = [subprocess.Popen(['sleep', '3']) for _ in range(20)]\n"
                    "        [p.wait() for p in ps]"),
    "says_so_itself": ("", "raise PermissionError(13, 'Permission denied', '/etc/hostname')",
                       "pass"),
    # A metrics client's UDP socket made at import, its sends' errors swallowed (fs.smbfs's
    # NetBIOS socket, a statsd client): in a network namespace of its own, nothing arrives.
    "udp_client": ("import socket\nSOCK = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n",
                   "try:\n            SOCK.sendto(b'x:1|c', ('127.0.0.1', 8125))\n"
                   "        except OSError:\n            pass", "pass"),
    # A client of a local server, connected when it is built (yt-dlp-stash's StashInterface):
    # the host fails the same way wherever no server listens there.
    "server_client": ("import socket\n",
                      "socket.create_connection(('127.0.0.1', 9), timeout=1).close()", "pass"),
    "udp_send": ("import socket\n",
                 "socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('10.0.0.1', 53))",
                 "pass"),
}  # fmt: skip


def _host(tmp_path: Path) -> tuple[Path, Path]:
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC405" / "good", host)
    for old in (host / "plugins").iterdir():
        old.unlink()
    conf = tmp_path / "etc" / "demo.toml"  # outside the host: not readable for plugins
    conf.parent.mkdir()
    conf.write_text('level = "info"\n')
    for name, (top, init, run) in CASES.items():
        source = top.format(conf=str(conf)) + PLUGIN.format(
            init=f"        {init}", run=f"        {run}"
        )
        (host / "plugins" / f"{name}.py").write_text(source)
    return host, conf


def test_what_the_sandbox_refuses_is_not_the_plugins_failure(tmp_path: Path) -> None:
    host, conf = _host(tmp_path)
    report = check(Options(paths=(host,), static=False, mypy=False, jobs=2))
    found = {f.location.path.stem: (f.code, f.message) for f in report.findings}
    isolated = "net-namespace" in (report.confinement or [])
    passing = {"one_at_a_time", "udp_client"} if isolated else {"one_at_a_time"}
    assert set(found) == set(CASES) - passing, found
    assert found["udp_send"][0] == "PC420", found["udp_send"]
    if isolated:  # the socket is made, its send reaches nothing
        assert "sending to ('10.0.0.1', 53) (the sandbox has no network)" in found["udp_send"][1]
    for name in ("optional_config", "local_server", "semaphore", "all_at_once"):
        code, message = found[name]
        assert code == "PC420", (name, message)
        assert "failed in plugcheck's sandbox, not in the host" in message
    assert f"the sandbox refused reading {conf}" in found["optional_config"][1]
    assert "binding a socket to ('127.0.0.1', 0)" in found["local_server"][1]
    assert "POSIX semaphore" in found["semaphore"][1]
    code, message = found["server_client"]
    assert code == "PC420", message
    if "connecting a socket to ('127.0.0.1', 9)" in message:  # Landlock's TCP rules refused it
        assert "not in the host" not in message
        assert "needs a server listening there" in message
        assert "in the host it fails the same way wherever none is" in message
    assert "beyond the 16 alive at once" in found["all_at_once"][1]
    # Its own PermissionError, for a path its process never asked for: the plugin's failure.
    assert found["says_so_itself"][0] == "PC405"


SNOOP = """from pathlib import Path

from plugapi import ConfigError, Plugin

HOST = Path(__file__).resolve().parent.parent


class P:
    def init(self, config):
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")
        raise RuntimeError((HOST / {name!r}).read_text())

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new() -> Plugin:
    return P()
"""


TOKEN = "AUTHORIZATION: basic c2VjcmV0LXRva2Vu"
NAMES = {
    "git_config": ".git/config",
    "dotenv": ".env",
    "dotenv_local": ".env.local",
    # deeper in the tree: a plugin folder's .env, a nested checkout's .git
    "nested_env": "plugins/nested/.env",
    "nested_git": "vendor/lib/.git/config",
}


def _checkout(tmp_path: Path) -> Path:
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC405" / "good", host)
    for old in (host / "plugins").iterdir():
        old.unlink()
    (host / ".git").mkdir()
    (host / ".git" / "config").write_text(
        f'[http "https://github.com/"]\n\textraheader = {TOKEN}\n'
    )
    (host / ".env").write_text("API_KEY=sk-fake-123\n")
    (host / ".env.local").write_text("API_KEY=sk-fake-456\n")
    (host / "plugins" / "nested").mkdir()
    (host / "plugins" / "nested" / ".env").write_text("API_KEY=sk-fake-789\n")
    (host / "vendor" / "lib" / ".git").mkdir(parents=True)
    (host / "vendor" / "lib" / ".git" / "config").write_text(f"extraheader = {TOKEN}\n")
    (host / "data.txt").write_text("shared data\n")
    for plugin, name in {**NAMES, "data": "data.txt"}.items():
        (host / "plugins" / f"{plugin}.py").write_text(SNOOP.format(name=name))
    return host


def test_a_checkouts_git_and_env_files_are_not_readable(tmp_path: Path) -> None:
    # Red team finding 21: the host's directory is a checkout as actions/checkout leaves it
    # (the token in .git/config) with a .env; a plugin read both into its finding's message,
    # which SARIF uploads. The rest of the host's directory stays readable.
    host = _checkout(tmp_path)
    token = TOKEN
    names = NAMES
    report = check(Options(paths=(host,), static=False, mypy=False, jobs=2))
    found = {f.location.path.stem: (f.code, f.message) for f in report.findings}
    assert not [m for _, m in found.values() if token in m or "sk-fake" in m], found
    for plugin, name in names.items():
        assert found[plugin][0] == "PC420", found[plugin]
        assert f"refused reading {host.resolve() / name}" in found[plugin][1]
    assert found["data"][0] == "PC405"  # read, and raised with it: the plugin's own failure
    assert "RuntimeError: shared data" in found["data"][1]


HOOK = """import subprocess

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    {body}
"""


def test_the_registration_worker_counts_processes_as_the_harness_does(tmp_path: Path) -> None:
    # Red team finding 22: as root (RLIMIT_NPROC binds nothing) the pluggy registration's child
    # and its hook-calling grandchild forked 300 processes each where the harness refused the
    # 17th. They have the harness's quota now: processes alive at once. What the sandbox refuses
    # there is PC420, as in the harness's children (not PC519, the hook's own failure).
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC519" / "bad", host)
    for old in (host / "plugins").glob("*.py"):
        old.unlink()
    conf = tmp_path / "etc" / "demo.toml"  # outside the host: not readable for plugins
    conf.parent.mkdir()
    conf.write_text('level = "info"\n')
    bodies = {
        "at_once": "ps = [subprocess.Popen(['sleep', '2']) for _ in range(20)]\n"
        "    [p.wait() for p in ps]",
        "one_at_a_time": "[subprocess.run(['true'], check=True) for _ in range(20)]",
        "optional_config": f"open({str(conf)!r}).read()",
        "says_so_itself": "raise PermissionError(13, 'Permission denied', '/etc/hostname')",
    }
    for name, body in bodies.items():
        (host / "plugins" / f"{name}.py").write_text(HOOK.format(body=body))
    report = check(Options(paths=(host,), mypy=False, cache_dir=tmp_path / "cache"))
    found = {(f.plugin, f.code): f.message for f in report.findings if f.code[:3] in ("PC4", "PC5")}
    assert set(found) == {
        ("at_once", "PC420"),
        ("optional_config", "PC420"),
        ("says_so_itself", "PC546"),  # its own PermissionError: it raises on every path
    }, found
    at_once = found["at_once", "PC420"]
    assert "pluggy: calling demo_startup() failed in plugcheck's sandbox" in at_once
    assert "more than 16 processes running at once (plugcheck's limit" in at_once
    assert f"the sandbox refused reading {conf}" in found["optional_config", "PC420"]


LIMITS = """import os
import signal

from demo_host import hookimpl

{top}


@hookimpl
def demo_startup(config):
    {body}
"""


def test_the_registration_worker_reports_plugchecks_limits_as_the_harness_does(
    tmp_path: Path,
) -> None:
    # The kernel's SIGXCPU (RLIMIT_CPU, which the host does not set) was PC416 "could not be
    # checked" at import and PC519 "demo_startup() ended the process (signal 24)" in a hook,
    # where the harness says PC420 with the limit. Now the same, with the resource, the limit
    # and the contract key that raises it; memory past RLIMIT_AS the same.
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC519" / "bad", host)
    for old in (host / "plugins").glob("*.py"):
        old.unlink()
    xcpu = "os.kill(os.getpid(), signal.SIGXCPU)"  # what the kernel sends past RLIMIT_CPU
    cases = {
        "cpu_at_import": (xcpu, "pass"),
        "cpu_in_hook": ("", xcpu),
        "memory_in_hook": ("", "return bytearray(64 << 30)"),
    }
    for name, (top, body) in cases.items():
        (host / "plugins" / f"{name}.py").write_text(LIMITS.format(top=top, body=body))
    report = check(Options(paths=(host,), mypy=False, cache_dir=tmp_path / "cache"))
    found = {(f.plugin, f.code): f for f in report.findings if f.code[:3] in ("PC4", "PC5")}
    assert set(found) == {(name, "PC420") for name in cases}, found
    for name in ("cpu_at_import", "cpu_in_hook"):
        finding = found[name, "PC420"]
        assert "more CPU time than plugcheck's limit (RLIMIT_CPU" in finding.message
        assert "lifecycle.deadline" in (finding.fix or "")
    hook = found["cpu_in_hook", "PC420"].message
    assert "pluggy: calling demo_startup() failed in plugcheck's sandbox" in hook
    assert "RLIMIT_CPU, " in hook  # the limit in force, in seconds
    memory = found["memory_in_hook", "PC420"]
    assert "memory past its address-space limit (RLIMIT_AS, 2048 MiB)" in memory.message
    assert "lifecycle.memory" in (memory.fix or "")
    notes = [n for n in report.notes if n.startswith("pluggy: cpu_at_import: not checked")]
    assert notes and "see PC420" in notes[0], report.notes


def test_without_landlock_the_checkouts_git_and_env_files_are_not_there(tmp_path: Path) -> None:
    # The namespace fallback binds the host directory's other entries, not the directory.
    if not user_namespaces():
        pytest.skip("no user namespaces here")
    host = _checkout(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "harness", str(host), "--output-format", "json"],
        capture_output=True, text=True, preexec_fn=_kernel_without_landlock, timeout=300,
        check=False, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )  # fmt: skip
    data = json.loads(proc.stdout)
    assert "fs-namespace" in data["confinement"]
    found = {f["plugin"]: f["message"] for f in data["findings"]}
    assert not [m for m in found.values() if TOKEN in m or "sk-fake" in m], found
    for plugin in NAMES:
        assert "No such file or directory" in found[plugin], found[plugin]
    assert "RuntimeError: shared data" in found["data"]
