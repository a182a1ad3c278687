"""Load native plugins in an isolated process: ctypes for C libraries, a tiny Go loader for Go.

Both run under :mod:`plugcheck.sandbox` (own process group, rlimits, wall deadline), so a
crashing constructor or smoke function is an outcome, never a crash of plugcheck.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from plugcheck import sandbox
from plugcheck.environment import Environment
from plugcheck.options import Options
from plugcheck.static.gobuild import GoFile

DEADLINE = 10.0

_C_CHILD = r"""
import ctypes, json, sys
path, smoke = sys.argv[1], sys.argv[2]
token = sys.stdin.readline().strip()  # read before the library runs: not its to find there


def say(**event):
    print(json.dumps({"tok": token, **event}), flush=True)


try:
    lib = ctypes.CDLL(path)
except OSError as exc:
    say(load=str(exc))
    sys.exit(0)
say(loaded=True)
if smoke:
    try:
        fn = getattr(lib, smoke)
    except AttributeError as exc:
        say(smoke=f"not exported: {exc}")
        sys.exit(0)
    fn.restype = None
    fn()
    say(smoked=True)
"""
"""The loader's events carry a token it reads on stdin before it loads the library: a line the
library prints (a constructor's ``{"loaded": true, "smoked": true}``) is not one of them.
Before, such a line made a library whose smoke function never returns pass (red team sand17).
The library's code runs in the loader's process and can still find the token in memory: a
library can misreport itself on purpose, never by printing."""


@dataclass(frozen=True, slots=True)
class CLoad:
    load_error: str | None = None
    smoke_error: str | None = None
    exit_error: str | None = None
    """Loaded (and smoked), then the loader's process did not exit."""


def load_c(env: Environment, library: Path, smoke: object) -> CLoad:
    """dlopen ``library`` (RTLD_NOW, as ctypes does) in ``env``'s Python, then call
    ``smoke()``; the process reads only the system's files, that Python's, the library's
    directory and ``LD_LIBRARY_PATH``."""
    name = smoke if isinstance(smoke, str) else ""
    token = secrets.token_hex(16)
    result = sandbox.run(
        [str(env.executable), "-I", "-c", _C_CHILD, str(library.resolve()), name],
        stdin=f"{token}\n".encode(),
        deadline=DEADLINE,
        env_allow=(*sandbox.DEFAULT_ENV_ALLOW, "LD_LIBRARY_PATH"),
        readable=(*sandbox.readable_paths(env, library.resolve().parent), *_library_path()),
    )
    events: dict[str, object] = {}
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        try:
            event = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(event, dict) and event.pop("tok", None) == token:
            events.update(event)
    if "load" in events:
        return CLoad(load_error=str(events["load"]))
    if "smoke" in events:
        return CLoad(smoke_error=str(events["smoke"]))
    if "loaded" not in events:
        return CLoad(load_error=_ended(result))
    if name and "smoked" not in events:
        return CLoad(smoke_error=_ended(result))
    if result.timed_out:
        # Loaded (and smoked), then the process never exited: a destructor or an atexit
        # handler of the library that never returns, which hangs the host's exit. Before,
        # that passed (red team sand17).
        ended = f"{_ended(result)}, after {'its smoke function returned' if name else 'loading'}"
        return CLoad(exit_error=f"{ended}: the process did not exit")
    if result.exit_code not in (0, None):
        return CLoad(load_error=_ended(result))
    return CLoad()


def _ended(result: sandbox.Result, telling: re.Pattern[str] | None = None) -> str:
    """How the process ended, with its stderr's first line ``telling`` matches (a runtime's own
    line about the failure), else its last line."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    told = [line.strip() for line in lines if telling and telling.match(line)][:1]
    line = (told or lines[-1:] or [""])[0]
    return result.describe() + (f": {line}" if line else "")


# --- Go -----------------------------------------------------------------------------------------

_GO_LOADER = """\
package main

import (
	"bufio"
	"encoding/json"
	"os"
	"plugin"
	"strings"
)

func main() {
	// Read before the plugin's init functions run: its lines on stdout cannot carry it.
	token, _ := bufio.NewReader(os.Stdin).ReadString('\\n')
	out := map[string]interface{}{"tok": strings.TrimSpace(token)}
	p, err := plugin.Open(os.Args[1])
	if err != nil {
		out["open"] = err.Error()
	} else {
		missing := map[string]string{}
		for _, name := range os.Args[2:] {
			if _, err := p.Lookup(name); err != nil {
				missing[name] = err.Error()
			}
		}
		out["lookup"] = missing
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
"""


@dataclass(frozen=True, slots=True)
class GoLoad:
    ran: bool
    open_error: str | None = None
    """What ``plugin.Open`` returned as its error."""
    missing: tuple[tuple[str, str], ...] = ()
    reason: str = ""
    """Why it did not run."""
    ended: str | None = None
    """How the loader's process ended before it answered: the plugin's init functions panicked,
    exited, crashed or never returned, which ends (or hangs) the host's process the same way."""


def go_toolchain() -> tuple[str, str] | None:
    """(``go`` executable, ``go1.19.8``) of the Go toolchain on PATH, or ``None``."""
    go = shutil.which("go")
    if go is None:
        return None
    try:
        proc = subprocess.run(
            [go, "env", "GOVERSION"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    version = proc.stdout.strip()
    return (go, version) if proc.returncode == 0 and version.startswith("go") else None


def cache_root(options: Options) -> Path:
    if options.cache_dir is not None:
        return options.cache_dir
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "plugcheck"


def load_go(host: GoFile, plugin: Path, lookups: list[str], options: Options) -> GoLoad:
    """Open ``plugin`` with a loader built like ``host`` (same toolchain and flags)."""
    toolchain = go_toolchain()
    if toolchain is None:
        return GoLoad(False, reason="no Go toolchain on PATH")
    go, version = toolchain
    if host.build.go_version != version:
        return GoLoad(
            False,
            reason=f"the host was built with {host.build.go_version}, the local Go is {version}",
        )
    if not host.elf.segments:
        return GoLoad(False, reason="the host binary has no loadable segments")
    flags = []
    if host.build.settings.get("-trimpath") == "true":
        flags.append("-trimpath")
    if host.race:
        flags.append("-race")
    loader = _build_loader(go, version, flags, cache_root(options))
    if isinstance(loader, str):
        return GoLoad(False, reason=loader)
    token = secrets.token_hex(16)
    result = sandbox.run(
        [str(loader), str(plugin.resolve()), *lookups],
        stdin=f"{token}\n".encode(),
        deadline=DEADLINE,
        limits=sandbox.SandboxLimits(address_space=None),
        env_allow=(*sandbox.DEFAULT_ENV_ALLOW, "LD_LIBRARY_PATH"),
        readable=(str(plugin.resolve().parent), *_library_path()),
    )
    try:
        data = json.loads(result.stdout.decode("utf-8", "replace").strip().splitlines()[-1])
    except (ValueError, IndexError, RecursionError):  # ValueError: not JSON, or too long a number
        return GoLoad(True, ended=_ended(result, _GO_FAILURE))
    if not isinstance(data, dict) or data.pop("tok", None) != token:
        # A line of the plugin's own (an init function's, before it hangs or exits): before,
        # '{"lookup": {}}' printed by an init that then never returned passed (red team sand17).
        return GoLoad(True, ended=_ended(result, _GO_FAILURE))
    if "open" in data:
        return GoLoad(True, open_error=str(data["open"]))
    missing = tuple(sorted((str(k), str(v)) for k, v in dict(data.get("lookup", {})).items()))
    return GoLoad(True, missing=missing)


_GO_FAILURE = re.compile(r"(panic: |fatal error: |SIG[A-Z]+: |unexpected fault)")
"""The Go runtime's own first line about a failure, rather than its goroutine dump's last."""


def _build_loader(go: str, version: str, flags: list[str], cache: Path) -> Path | str:
    key = hashlib.sha256(f"{version} {flags} {_GO_LOADER}".encode()).hexdigest()[:16]
    target = cache / "go-loader" / f"loader-{version}-{key}"
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="plugcheck-go-") as work:
        Path(work, "go.mod").write_text("module plugcheck.invalid/loader\n\ngo 1.16\n")
        Path(work, "main.go").write_text(_GO_LOADER)
        env = {**os.environ, "CGO_ENABLED": "1", "GOFLAGS": "-mod=mod", "GO111MODULE": "on"}
        env.setdefault("GOCACHE", str(cache / "go-build"))
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        try:
            proc = subprocess.run(
                [go, "build", *flags, "-o", str(partial), "."],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"building the Go loader failed: {exc}"
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            return f"building the Go loader failed: {last}"
        os.replace(partial, target)
    return target


def _library_path() -> list[str]:
    """The directories of ``LD_LIBRARY_PATH`` (passed to native loaders), readable to them."""
    return [p for p in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep) if p]


__all__ = ["CLoad", "GoLoad", "cache_root", "go_toolchain", "load_c", "load_go"]
