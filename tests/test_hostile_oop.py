"""Out-of-process plugins (exec) that attack the run from outside plugcheck's fork server: each is a
real executable run through the CLI."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import TESTDATA, copy_host, settled, user_namespaces

pytestmark = pytest.mark.harness

DAEMON = '''\
#!/usr/bin/env python3
"""Answers every request as the host wants, and leaves a process in a session of its own that
holds its stdout and stderr open for two minutes."""

import json
import os
import socket
import sys
import time


def main():
    request = json.loads(sys.stdin.read())
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(120)
        os._exit(0)
    if request.get("method") == "greet":
        print(json.dumps({"result": {"text": "hello " + request["params"]["name"]}}))
    else:
        print(json.dumps({"error": "unknown method"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
'''


def _alive(marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline:
            found.append(int(entry))
    return found


@pytest.mark.skipif(not user_namespaces(), reason="a PID namespace needs user namespaces")
def test_an_exec_plugins_daemon_does_not_outlive_the_run(tmp_path: Path) -> None:
    # Before: the daemon, out of the plugin's session, outlived plugcheck (one per call of the
    # plugin) and held the pipes of the call, so each call waited for its deadline. Now each
    # launched program is PID 2 of a PID namespace of its own: when it ends, the kernel kills
    # what it left behind.
    root = copy_host(TESTDATA / "rules" / "PC600" / "good-unprefixed-files-ignored", tmp_path / "h")
    plugin = root / "bin" / "hello-daemon"
    plugin.write_text(DAEMON, encoding="utf-8")
    plugin.chmod(0o755)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "plugcheck", "check", str(root), "--output-format", "json"],
            capture_output=True,
            text=True,
            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
            timeout=300,
            check=False,
        )
        assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
        data = json.loads(proc.stdout)
        assert data["findings"] == [], data["findings"]
        assert proc.returncode == 0
        assert settled(lambda: _alive(str(plugin)) == [], timeout=5.0), _alive(str(plugin))
    finally:
        for pid in _alive(str(plugin)):  # left by a harness that failed to contain them
            with contextlib.suppress(OSError):
                os.kill(pid, 9)


PLUGCHECK = (sys.executable, "-m", "plugcheck", "check")

TABLE_BOMB = """\
;; Grows a table by 150 million elements and fills it: 1.2 GB of plugcheck's own memory, where
;; wasmtime runs the module (max-memory bounds linear memories only).
(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "memory") 1)
  (table 1 funcref)
  (func (export "compute") (param $x i32) (result i32)
    (drop (table.grow 0 (ref.null func) (i32.const 150000000)))
    (table.fill 0 (i32.const 0) (ref.null func) (i32.const 150000000))
    (i32.mul (local.get $x) (i32.const 2))))
"""


def test_a_wasm_module_cannot_grow_a_table_in_plugchecks_memory(tmp_path: Path) -> None:
    pytest.importorskip("wasmtime")
    root = copy_host(TESTDATA / "rules" / "PC640" / "good", tmp_path / "h")
    (root / "modules" / "table_bomb.wat").write_text(TABLE_BOMB, encoding="utf-8")
    # A Python of its own runs plugcheck, so that its children's peak memory is plugcheck's.
    measure = (
        "import json, resource, subprocess, sys;"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "print(json.dumps([resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.stdout]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", measure, *PLUGCHECK, str(root), "--output-format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        timeout=300,
        check=True,
    )
    peak_kib, stdout = json.loads(proc.stdout)
    findings = json.loads(stdout)["findings"]
    assert [(f["plugin"], f["code"]) for f in findings] == [("table_bomb", "PC644")], findings
    assert "out of bounds table access" in findings[0]["message"]
    assert peak_kib < 400 * 1024, f"plugcheck peaked at {peak_kib // 1024} MiB"


ELSEWHERE = """\
#!/usr/bin/env python3
\"\"\"A go-plugin whose handshake names an address that is not its own: a listener elsewhere
(in the test, the machine's own non-loopback address), as it could name a cloud's metadata
service or a host of the CI's network.\"\"\"

import os
import socket
import sys
import time

if os.environ.get("HELLO_PLUGIN") != "d5a3b1c0":
    sys.exit(1)
print("1|2|tcp|ADDRESS|grpc", flush=True)
time.sleep(30)
"""


def _outward_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent
        except OSError:
            return None
        address: str = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def _check_json(root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PLUGCHECK, str(root), "--output-format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        timeout=300,
        check=False,
    )


def _naming_a_listener(address: str, tmp_path: Path) -> list[dict[str, Any]]:
    """The findings of a go-plugin that serves nothing and names, in its handshake, a port
    where a listener of this test's listens on ``address``; plugcheck must never connect."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind((address, 0))
        listener.listen(4)
        listener.setblocking(False)
        root = copy_host(TESTDATA / "rules" / "PC620" / "good", tmp_path / "h")
        plugin = root / "bin" / "hello"
        text = ELSEWHERE.replace("ADDRESS", f"{address}:{listener.getsockname()[1]}")
        plugin.write_text(text, encoding="utf-8")
        plugin.chmod(0o755)
        proc = _check_json(root, tmp_path)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected
    findings: list[dict[str, Any]] = json.loads(proc.stdout)["findings"]
    return findings


def test_a_go_plugin_cannot_make_plugcheck_connect_elsewhere(tmp_path: Path) -> None:
    # Before: plugcheck (not confined) connected to whatever address the handshake named and
    # spoke gRPC to it. Now only loopback addresses and sockets in the plugin's own directory.
    address = _outward_address()
    if address is None:
        pytest.skip("no address but loopback")
    findings = _naming_a_listener(address, tmp_path)
    assert any(
        f["code"] == "PC625" and "does not connect to it" in f["message"] for f in findings
    ), findings


def test_a_go_plugin_cannot_name_another_servers_loopback_port(tmp_path: Path) -> None:
    # The loopback is the machine's: a plugin that served nothing and named another gRPC
    # server's port (a sibling plugin's, a CI service's) passed, plugcheck's health check
    # answered by that server (red team red31). Now the listener must be the plugin's own.
    findings = _naming_a_listener("127.0.0.1", tmp_path)
    assert any(
        f["code"] == "PC625" and "plugin's own processes listen on" in f["message"]
        for f in findings
    ), findings


SWAPPER = """\
#!/usr/bin/env python3
\"\"\"A go-plugin that serves on a unix socket in its own directory, as go-plugin's server
does, and once plugcheck has connected to it replaces the socket with a link to another one
(in the test, a listener outside its directory; in CI, /var/run/docker.sock).\"\"\"

import os
import socket
import sys
import time

if os.environ.get("HELLO_PLUGIN") != "d5a3b1c0":
    sys.exit(1)
path = os.path.join(os.getcwd(), "plugin.sock")
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(path)
server.listen(8)
print(f"1|2|unix|{path}|grpc", flush=True)
server.accept()
os.rename(path, path + ".away")
os.symlink("BAIT", path)
time.sleep(30)
"""


def test_a_go_plugin_cannot_swap_its_socket_for_another(tmp_path: Path) -> None:
    # plugcheck checked that the handshake's unix socket lay in the plugin's own directory,
    # then connected to the path again (and gRPC once more): in between, the plugin replaced
    # its socket with a link to one elsewhere, and plugcheck (not confined) connected there.
    # Now every connection goes to the socket checked, through its descriptor.
    proc = _beside_a_bait(tmp_path, SWAPPER)
    assert json.loads(proc.stdout)["findings"], proc.stderr


def _beside_a_bait(tmp_path: Path, plugin_text: str) -> subprocess.CompletedProcess[str]:
    """The run of PC620/good with ``plugin_text`` as its go-plugin, ``BAIT`` in it a listening
    unix socket outside the host (docker.sock in CI), which nobody may have connected to."""
    bait_dir = tmp_path / "elsewhere"
    bait_dir.mkdir()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(str(bait_dir / "docker.sock"))
        listener.listen(4)
        listener.setblocking(False)
        root = copy_host(TESTDATA / "rules" / "PC620" / "good", tmp_path / "h")
        plugin = root / "bin" / "hello"
        plugin.write_text(plugin_text.replace("BAIT", str(bait_dir / "docker.sock")))
        plugin.chmod(0o755)
        proc = _check_json(root, tmp_path)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected
    return proc


CALLER = """\
#!/usr/bin/env python3
\"\"\"A go-plugin server, which may use unix sockets (to serve on one), that first connects to
one outside its directory (in the test, a listener in a folder it may not read; in CI,
/var/run/docker.sock: the host's root) and says what it could.\"\"\"

import socket
import sys

try:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as peer:
        peer.connect("BAIT")
        peer.sendall(b"POST /containers/create HTTP/1.0\\r\\n\\r\\n")
    print("connected", file=sys.stderr)
except OSError as exc:
    print(f"refused: {exc.strerror}", file=sys.stderr)
sys.exit(1)
"""


@pytest.mark.skipif(not user_namespaces(), reason="the private root needs user namespaces")
def test_a_go_plugin_cannot_connect_to_a_unix_socket_outside_what_it_reads(
    tmp_path: Path,
) -> None:
    # Landlock has no right for connect() on a socket file, and a go-plugin server keeps
    # AF_UNIX: it reached a socket anywhere its user may write one (docker.sock, whose group
    # CI runners' users are in). Now it runs in the private root, where such a file is absent.
    proc = _beside_a_bait(tmp_path, CALLER)
    (finding,) = json.loads(proc.stdout)["findings"]
    assert finding["code"] == "PC620" and "refused: No such file" in finding["message"], finding


DEEP = """\
#!/bin/sh
# Answers every request with an array nested 900,000 deep: the host's json.loads raises
# RecursionError, and so did plugcheck's own reading of the answer.
cat >/dev/null
head -c 900000 /dev/zero | tr '\\0' '['
"""

LONG = """\
#!/bin/sh
# Answers every request with a number of 100,000 digits: the host's json.loads raises
# ValueError (Python's limit of 4,300 digits), and so did plugcheck's own reading of it.
cat >/dev/null
printf '{"result": {"text": 1'
head -c 100000 /dev/zero | tr '\\0' '9'
printf '}}\\n'
"""


@pytest.mark.parametrize(("answer", "start"), [(DEEP, "[[[["), (LONG, '{"result": {"text": 1999')])
def test_an_exec_plugin_cannot_crash_its_own_check_into_a_pass(
    tmp_path: Path, answer: str, start: str
) -> None:
    # Before: the RecursionError in plugcheck's parsing of the answer was a note ("checking
    # deep (...) crashed, a plugcheck bug") and the run said "All checks passed", exit 0; the
    # ValueError of a number too long made the run incomplete (exit 2; red team sand17).
    root = copy_host(TESTDATA / "rules" / "PC600" / "good-unprefixed-files-ignored", tmp_path / "h")
    plugin = root / "bin" / "hello-deep"
    plugin.write_text(answer, encoding="utf-8")
    plugin.chmod(0o755)
    proc = subprocess.run(
        [*PLUGCHECK, str(root), "--output-format", "json"],
        capture_output=True, text=True, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c")},
        timeout=300, check=False,
    )  # fmt: skip
    data = json.loads(proc.stdout)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert not [n for n in data["notes"] if "crashed" in n], data["notes"]
    codes = sorted({f["code"] for f in data["findings"] if f["plugin"] == "deep"})
    assert codes == ["PC603", "PC604", "PC605"], data["findings"]
    assert all(f"stdout is not JSON: '{start}" in f["message"] for f in data["findings"])


def test_a_check_that_crashes_on_a_plugin_never_lets_the_run_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever else an answer may still crash in plugcheck's checks: the crash is the run's
    # (exit 2, "the run did not complete"), never a note under "All checks passed".
    from plugcheck import Options, check
    from plugcheck.kinds.exec import checks
    from plugcheck.report import text

    def crash(stdout: bytes) -> None:
        raise RecursionError("a bug in reading the answer")

    monkeypatch.delenv("PLUGCHECK_STRICT", raising=False)
    monkeypatch.setattr(checks, "_parse", crash)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    root = copy_host(TESTDATA / "rules" / "PC600" / "good-unprefixed-files-ignored", tmp_path / "h")
    report = check(Options(paths=(root,), mypy=False))
    assert report.crashes, report.notes
    assert "crashed, a plugcheck bug: RecursionError" in report.crashes[0]
    assert not [n for n in report.notes if "crashed" in n]
    assert not text.summary(report).startswith("All checks passed")


FORKS = '''\
#!/usr/bin/env python3
"""Starts up to 1,000 processes that stay alive, then answers with how many it got."""

import json
import os
import sys
import time

started = 0
for _ in range(1000):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        time.sleep(3)
        os._exit(0)
    started += 1
sys.stdin.read()
print(json.dumps({"error": f"started {started}"}))
'''


def _pid_max_of_its_own() -> bool:
    release = os.uname().release.split(".")
    return (int(release[0]), int(release[1].split("-")[0])) >= (6, 14)


def test_an_exec_plugin_cannot_fill_the_process_table(tmp_path: Path) -> None:
    # Before, as root (RLIMIT_NPROC binds nothing there), the plugin had 1,000 processes alive
    # at once, and an exponential fork bomb had no bound but its deadline. The launcher's PID
    # namespace now numbers them below its pid_max (confine.namespaces.PID_MAX).
    if os.getuid() == 0 and not (user_namespaces() and _pid_max_of_its_own()):
        pytest.skip("as root the bound needs a PID namespace with a pid_max of its own")
    root = copy_host(TESTDATA / "hostile" / "exec", tmp_path / "exec")
    (root / "bin" / "hello-steal").unlink()
    plugin = root / "bin" / "hello-forks"
    plugin.write_text(FORKS, encoding="utf-8")
    plugin.chmod(0o755)
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "check", str(root), "--output-format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c")},
        timeout=300,
        check=False,
    )
    messages = [f["message"] for f in json.loads(proc.stdout)["findings"]]
    counts = [int(m.split("started ")[1].split("'")[0]) for m in messages if "started " in m]
    assert counts, messages
    assert max(counts) < 600, messages
