"""The plugcheck side of the harness: start the fork server in the target Python, feed it
plugins, turn its answers into :class:`PluginResult` objects (one per plugin, always)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from plugcheck.environment import Environment
from plugcheck.harness import worker
from plugcheck.harness.results import (
    Failure,
    Frame,
    Outcome,
    PluginResult,
    StepResult,
    failure,
    fault_frame,
    frame,
    signal_name,
)
from plugcheck.model import Contract, Plugin, TypeRef
from plugcheck.pipeline import strict

WORKER = Path(worker.__file__).resolve()
MIB = 1 << 20
BASE_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ")
"""Variables every plugin process keeps; the contract's ``lifecycle.env`` adds more."""
_OWN_DIRS = {WORKER.parent, WORKER.parent.parent}


class HarnessError(Exception):
    """The harness itself failed (the worker could not start or died): not the plugin's fault."""


@dataclass(frozen=True, slots=True)
class Limits:
    address_space: int = 1024 * MIB
    file_size: int = 16 * MIB
    processes: int = 256
    """RLIMIT_NPROC for non-root users (root ignores it; an audit-hook quota applies to all)."""


OnResult = Callable[[PluginResult], None]


def run(
    units: Sequence[tuple[Contract, Sequence[Plugin]]],
    env: Environment,
    *,
    jobs: int | None = None,
    limits: Limits | None = None,
    on_result: OnResult | None = None,
    notes: list[str] | None = None,
) -> list[PluginResult]:
    """Drive every plugin through its lifecycle, each in its own process; ``on_result`` is
    called with each result as soon as it is known (progress bars), in completion order.
    Results come back in input order."""
    results: list[PluginResult] = []
    for contract, plugins in units:
        if not plugins:
            continue
        server = _Server(env, contract, jobs or _cores(), limits or Limits())
        with server:
            preload = server.start()
            for name, problem in sorted(preload.items()):
                if problem and notes is not None:
                    notes.append(
                        f"harness: contract {contract.name}: cannot preload {name} in "
                        f"{env.executable}: {problem}"
                    )
            by_id: dict[int, PluginResult] = {}
            for index, result in server.run(plugins):
                by_id[index] = result
                if on_result is not None:
                    on_result(result)
            results.extend(by_id[i] for i in range(len(plugins)))
    return results


def _cores() -> int:
    """CPUs this process may run on (a container's or taskset's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _refs(contract: Contract) -> list[TypeRef]:
    refs = [e.type for e in contract.exports if e.type is not None]
    if contract.lifecycle and contract.lifecycle.protocol:
        refs.append(contract.lifecycle.protocol)
    if contract.lifecycle and contract.lifecycle.registry:
        refs.append(contract.lifecycle.registry)
    return refs


def _sys_path(env: Environment, contract: Contract) -> list[str]:
    paths = [*contract.search_path, *env.sys_path]
    seen: list[str] = []
    for path in paths:
        text = str(path)
        if path.resolve() in _OWN_DIRS or text in seen:
            continue
        seen.append(text)
    return seen


class _Server:
    """One fork server for one contract (its API preloaded), at most ``jobs`` children at once."""

    def __init__(self, env: Environment, contract: Contract, jobs: int, limits: Limits) -> None:
        self.env = env
        self.contract = contract
        self.jobs = jobs
        self.limits = limits
        self.proc: subprocess.Popen[bytes] | None = None
        self.ctl: IO[bytes] | None = None
        self.res: IO[bytes] | None = None
        self.stderr: IO[bytes] | None = None

    def __enter__(self) -> _Server:
        return self

    def __exit__(self, *exc: object) -> None:
        for stream in (self.ctl, self.res):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.stderr is not None:
            self.stderr.close()

    def start(self) -> dict[str, str | None]:
        ctl_read, ctl_write = os.pipe()
        res_read, res_write = os.pipe()
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__
        try:
            self.proc = subprocess.Popen(
                [str(self.env.executable), "-I", str(WORKER), str(ctl_read), str(res_write)],
                pass_fds=(ctl_read, res_write),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self.stderr,
                start_new_session=True,
            )
        except OSError as exc:
            raise HarnessError(f"cannot start {self.env.executable}: {exc}") from None
        finally:
            os.close(ctl_read)
            os.close(res_write)
        self.ctl = os.fdopen(ctl_write, "wb")
        self.res = os.fdopen(res_read, "rb")
        lifecycle = self.contract.lifecycle
        deadline = lifecycle.deadline if lifecycle else 5.0
        setup = {
            "sys_path": _sys_path(self.env, self.contract),
            "preload": sorted(
                {r.module for r in _refs(self.contract)}
                | ({self.contract.api} if self.contract.api else set())
                | set(self.contract.options.get("preload", ()))
            ),
            "jobs": self.jobs,
            "env_allow": [*BASE_ENV, *(lifecycle.env if lifecycle else ())],
            "limits": {
                "address_space": (
                    lifecycle.memory * MIB if lifecycle else self.limits.address_space
                ),
                "file_size": self.limits.file_size,
                "processes": self.limits.processes,
                "cpu_seconds": int(deadline * 10 + 2),
            },
        }
        self._send(setup)
        ready = self._receive()
        if ready is None or ready.get("t") != "ready":
            raise HarnessError(f"the harness worker did not start: {self._stderr()}")
        preloaded: dict[str, str | None] = ready.get("preloaded", {})
        return preloaded

    def _send(self, message: Mapping[str, Any]) -> None:
        assert self.ctl is not None
        self.ctl.write(json.dumps(message).encode() + b"\n")
        self.ctl.flush()

    def _receive(self) -> dict[str, Any] | None:
        assert self.res is not None
        line = self.res.readline()
        if not line:
            return None
        message: dict[str, Any] = json.loads(line)
        return message

    def _stderr(self) -> str:
        if self.proc is not None:
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        assert self.stderr is not None
        self.stderr.seek(0)
        text = self.stderr.read().decode("utf-8", "replace").strip()
        return (text.splitlines() or ["no output"])[-1]

    def run(self, plugins: Sequence[Plugin]) -> Iterator[tuple[int, PluginResult]]:
        requests = [self._request(i, p) for i, p in enumerate(plugins)]
        writer = threading.Thread(target=self._write_all, args=(requests,), daemon=True)
        writer.start()
        for _ in plugins:
            message = self._receive()
            if message is None:
                raise HarnessError(f"the harness worker died: {self._stderr()}")
            index = int(message["id"])
            yield index, _result(plugins[index], self.contract, message)
        writer.join()

    def _write_all(self, requests: list[dict[str, Any]]) -> None:
        try:
            for request in requests:
                self._send(request)
            self._send({"t": "close"})
        except (OSError, ValueError):
            pass  # the worker died; run() reports it

    def _request(self, index: int, plugin: Plugin) -> dict[str, Any]:
        contract = self.contract
        lifecycle = contract.lifecycle
        roots = sorted({str(plugin.root), str(plugin.root.resolve())})
        path = [str(plugin.import_root)] if plugin.import_root else []
        request: dict[str, Any] = {
            "t": "run",
            "id": index,
            "module": plugin.module,
            "path": path,
            "roots": roots,
            "exports": [
                {"name": e.name, "names": list(e.names), "optional": e.optional}
                for e in contract.exports
            ],
            "deadline": lifecycle.deadline if lifecycle else 5.0,
            "async": bool(lifecycle and lifecycle.is_async),
            "lifecycle": None,
            "register": None,
        }
        if lifecycle is not None and lifecycle.register and lifecycle.registry:
            registry = lifecycle.registry
            request["register"] = {
                "export": lifecycle.register,
                "registry": [registry.module, registry.name],
            }
        if lifecycle is not None and lifecycle.factory:
            protocol = lifecycle.protocol
            request["lifecycle"] = {
                "factory": lifecycle.factory,
                "protocol": [protocol.module, protocol.name] if protocol else None,
                "config": dict(lifecycle.config),
                "invalid_config": (
                    dict(lifecycle.invalid_config) if lifecycle.invalid_config is not None else None
                ),
                "long_running": lifecycle.long_running,
                "reload": lifecycle.reload,
            }
        return request


def _result(plugin: Plugin, contract: Contract, message: Mapping[str, Any]) -> PluginResult:
    steps: list[StepResult] = []
    facts: dict[str, dict[str, Any]] = {}
    roots = (plugin.root.resolve(), plugin.root)
    for raw in message.get("messages", []):
        if raw.get("t") == "facts":
            facts.setdefault(str(raw.get("step")), {}).update(
                {k: v for k, v in raw.items() if k not in ("t", "step")}
            )
            continue
        stdout = raw.get("stdout") or {}
        steps.append(
            StepResult(
                name=str(raw.get("step")),
                outcome=_outcome(raw.get("outcome")),
                seconds=float(raw.get("seconds", 0.0)),
                target=frame(raw.get("target")),
                failure=failure(raw.get("error")),
                stdout_bytes=int(stdout.get("bytes", 0)),
                stdout_where=frame(stdout.get("where")),
                detail=str(raw.get("detail", "")),
            )
        )
    exit_code = message.get("exit")
    fault = str(message.get("fault", ""))
    current = message.get("current")
    if exit_code == worker.HARNESS_EXIT and strict():
        raise HarnessError(f"harness child failed on {plugin.name}: {message.get('stderr')}")
    if current is not None or not message.get("ended"):
        name = str(current.get("step")) if current else (steps[-1].name if steps else "import")
        target = frame(current.get("target")) if current else None
        steps.append(_ended(name, target, message, fault, roots))
    return PluginResult(
        plugin=plugin,
        contract=contract,
        steps=tuple(steps),
        facts=facts,
        exit_code=exit_code if isinstance(exit_code, int) else None,
        stdout_head=str(message.get("stdout_head", "")),
        stdout_bytes=int(message.get("stdout_size", 0)),
        stderr_tail=str(message.get("stderr", "")),
        seconds=float(message.get("seconds", 0.0)),
    )


def _outcome(raw: object) -> Outcome:
    """The worker's outcome name; an unknown one is a plugcheck bug (raised under the test
    suite's PLUGCHECK_STRICT, reported as a lost step otherwise)."""
    try:
        return Outcome(raw)
    except ValueError:
        if strict():
            raise HarnessError(f"unknown step outcome from the worker: {raw!r}") from None
        return Outcome.LOST


def _ended(
    name: str,
    target: Frame | None,
    message: Mapping[str, Any],
    fault: str,
    roots: tuple[Path, ...],
) -> StepResult:
    """The step during which the process stopped without reporting: why, and where it was."""
    code = message.get("exit")
    timed_out = message.get("killed") is True
    main = message.get("main_thread")
    prefer = main if timed_out and isinstance(main, int) else None
    where = fault_frame(fault, roots, prefer) or frame(message.get("exit_where"))
    if timed_out:
        outcome, detail = Outcome.TIMEOUT, ""
    elif isinstance(code, int) and code < 0:
        outcome, detail = Outcome.CRASHED, signal_name(-code)
    elif code == worker.LOST_EXIT:
        outcome, detail = Outcome.LOST, ""
    else:
        outcome, detail = Outcome.EXITED, f"exit status {code}"
    stderr = str(message.get("stderr", "")).strip().splitlines()
    failure_ = None
    if outcome is Outcome.CRASHED and stderr:
        failure_ = Failure(detail, stderr[0][:200])
    return StepResult(name, outcome, target=target, where=where, detail=detail, failure=failure_)


__all__ = ["HarnessError", "Limits", "OnResult", "run"]
