"""``kind = "go-plugin"``: executables served over hashicorp/go-plugin's RPC protocol.

The harness starts each executable the way go-plugin's client does (magic cookie,
``PLUGIN_PROTOCOL_VERSIONS``, ``PLUGIN_MIN_PORT``/``PLUGIN_MAX_PORT``), reads the handshake line
``CORE|APP|NETWORK|ADDR|PROTOCOL[|CERT]``, validates each field, connects, asks the standard gRPC
health service about ``plugin``, stops it (``plugin.GRPCController/Shutdown`` or SIGTERM, then
SIGKILL) — and starts it once more without the cookie, when it must refuse to serve.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import re
import signal
import socket
import ssl
import stat
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from plugcheck import sandbox
from plugcheck.environment import Environment
from plugcheck.kinds import out_of_process as oop
from plugcheck.kinds.go_plugin.codes import (
    PC620,
    PC621,
    PC622,
    PC623,
    PC624,
    PC625,
    PC626,
    PC627,
    PC628,
    PC629,
)
from plugcheck.kinds.go_plugin.handshake import (
    Handshake,
    Problem,
    certificate_der,
    parse_handshake,
    tcp_address,
)
from plugcheck.kinds.go_plugin.listener import held_by
from plugcheck.kinds.go_plugin.settings import (
    MAX_PORT,
    MIN_PORT,
    GoPluginSettings,
    settings_of,
)
from plugcheck.kinds.out_of_process import quoted, stderr_tail
from plugcheck.model import Contract, Finding, Location, Partial, Plugin
from plugcheck.options import Options
from plugcheck.passes import KindPass, need_extra

_LOOKS_LIKE_HANDSHAKE = re.compile(rb"^\s*\d+\|")
SCANNER_LIMIT = 64 * 1024
"""Go's ``bufio.MaxScanTokenSize``: a line (its newline included) must fit in that buffer.
Before, a handshake after 70,000 spaces passed (plugcheck trims them, as go-plugin's
``strings.TrimSpace`` would, had its scanner read the line; red team red59)."""


def discover(contract: Contract, env: Environment, explicit_paths: list[Path]) -> list[Plugin]:
    return [
        oop.plugin(path.name, contract, path)
        for path, _ in oop.candidates(contract, explicit_paths, _listed)
    ]


def _listed(path: Path) -> bool:
    """An executable, or a FIFO, socket, device or broken link the host's listing takes for a
    plugin (its start fails or blocks: a finding, never skipped without a word)."""
    return oop.is_executable(path) or oop.not_regular(path) is not None


def check(
    contract: Contract,
    plugins: list[Plugin],
    env: Environment,
    options: Options,
    notes: list[str],
) -> list[Finding]:
    settings = replace(
        settings_of(contract),
        path=sandbox.target_path(env.executable),
        readable=sandbox.readable_paths(env, contract.root),
    )
    rules = (PC620, PC621, PC622, PC623, PC624, PC625, PC626, PC627, PC628, PC629)
    if not options.dynamic or not plugins or not oop.wanted(options, *rules):
        return []
    need_extra(contract, "rpc", "grpc", "grpc_health")
    return oop.each_plugin(plugins, options, lambda p: _conformance(p, settings, notes), notes)


def _environment(settings: GoPluginSettings, *, cookie: bool) -> dict[str, str]:
    env = {
        "PLUGIN_MIN_PORT": str(MIN_PORT),
        "PLUGIN_MAX_PORT": str(MAX_PORT),
        "PLUGIN_PROTOCOL_VERSIONS": ",".join(map(str, settings.versions)),
    }
    if cookie:
        env[settings.cookie_key] = settings.cookie_value
    if settings.path is not None:
        env["PATH"] = settings.path
    return env


def _conformance(plugin: Plugin, settings: GoPluginSettings, notes: list[str]) -> list[Finding]:
    at = Location(plugin.root)
    found: list[Finding] = []

    def report(problem: Problem) -> None:
        found.append(problem.rule.at(plugin, at, problem.message, fix=problem.fix))

    argv = [str(plugin.root.absolute())]
    try:
        process = sandbox.Process(  # it serves on loopback TCP (or a unix socket)
            argv,
            env=_environment(settings, cookie=True),
            deadline=settings.deadline * 4,
            tcp_listen=True,
            readable=settings.readable,
        )
    except sandbox.SpawnError as exc:
        report(Problem(PC620, f"cannot start: {exc}", "make it an executable that exists"))
        return found
    with process, contextlib.ExitStack() as pins:
        handshake = _read_handshake(process, settings, report)
        if handshake is not None:
            dial = _its_own(handshake, process, report, pins)
            reachable = dial is not None and _connect(handshake, dial, settings, report)
            # Every later connection goes to the socket checked here, not to its path again.
            dialing = replace(handshake, address=dial) if dial is not None else handshake
            if reachable and handshake.protocol == "grpc":
                _health(dialing, settings, report)
            elif reachable:  # net/rpc: never called (plugcheck speaks no gob over yamux)
                notes.append(
                    Partial(
                        f"{plugin.contract}: {plugin.name} serves net/rpc: connected to, never "
                        "called (plugcheck speaks no net/rpc, so its Control.Ping is not asked)"
                    )
                )
            if process.poll() is None:
                _stop(process, dialing, settings, report, ask=reachable)
    _without_cookie(argv, settings, report)
    return found


def _read_handshake(
    process: sandbox.Process, settings: GoPluginSettings, report: Callable[[Problem], None]
) -> Handshake | None:
    first = process.next_line(settings.deadline)
    if first is None:
        # Stdout closed: give the exit a moment to be reaped, so we can say how it ended.
        if process.wait(0.5) is not None:
            result = process.result()
            report(
                Problem(
                    PC620,
                    f"{result.describe()} before printing the handshake"
                    + stderr_tail(result.stderr),
                    "serve: print the handshake line, then keep running",
                )
            )
        else:
            report(
                Problem(
                    PC620,
                    f"no handshake line on stdout within {settings.deadline:g} s"
                    f"{stderr_tail(process.stderr)}",
                    "print the handshake line as soon as the listener is open, and flush stdout",
                )
            )
        return None
    if len(first) >= SCANNER_LIMIT:
        report(
            Problem(
                PC621,
                f"the first line on stdout is {len(first):,} bytes: go-plugin's client reads "
                f"stdout with a bufio.Scanner, which gives up on a line of {SCANNER_LIMIT:,} "
                "bytes or more, so it never reads the handshake",
                "print the handshake line alone, as go-plugin's server does",
            )
        )
        return None
    if _LOOKS_LIKE_HANDSHAKE.match(first):
        handshake, problems = parse_handshake(first.decode("utf-8", "replace"), settings)
        for problem in problems:
            report(problem)
        return handshake
    # Not a handshake: a log line printed first (go-plugin aborts on it), or no handshake at all.
    later = process.next_line(settings.deadline)
    while later is not None and not _LOOKS_LIKE_HANDSHAKE.match(later):
        later = process.next_line(settings.deadline)
    text = first.decode("utf-8", "replace")
    if later is not None:
        report(
            Problem(
                PC629,
                f"stdout starts with {quoted(text)} before the handshake line; the host takes the "
                "first line as the handshake and refuses the plugin",
                "write logs to stderr; the handshake must be the first line on stdout",
            )
        )
    else:
        report(
            Problem(
                PC621,
                f"{quoted(text)} is not a handshake line (CORE|APP|NETWORK|ADDR|PROTOCOL)",
                "print e.g. 1|2|tcp|127.0.0.1:1234|grpc as the first line on stdout",
            )
        )
    return None


def _its_own(
    handshake: Handshake,
    process: sandbox.Process,
    report: Callable[[Problem], None],
    pins: contextlib.ExitStack,
) -> str | None:
    """The handshake names an address on this machine's loopback, or a unix socket in the
    plugin's own directory (go-plugin serves on 127.0.0.1 or in ``TMPDIR``, which is that
    directory). plugcheck's own process is not confined: before, a plugin that named
    ``169.254.169.254:80`` (a cloud's metadata service), a host of the CI's network or
    ``/var/run/docker.sock`` made plugcheck connect there and speak gRPC to it.

    The address to dial, or ``None``: for a unix socket, ``/proc/self/fd/N`` of the socket
    itself, held open by ``pins`` (:func:`_pinned`). The plugin runs on and its directory is
    its own: a path checked and then connected to again (and again by gRPC) let it swap the
    socket for a link to ``/var/run/docker.sock`` in between (red team trust14)."""
    if handshake.network == "tcp":
        host_port = tcp_address(handshake.address)
        assert host_port is not None
        try:
            own = host_port[0] == "localhost" or ipaddress.ip_address(host_port[0]).is_loopback
        except ValueError:
            own = False
        where = "an address on this machine's loopback"
        dial: str | None = handshake.address
        # The loopback is the machine's: another's server may listen there (red team red31).
        if own and held_by(process.pid, *host_port) is False:
            own, where = False, "a socket the plugin's own processes listen on"
    else:
        dial = _pinned(handshake.address, process.cwd, pins, process.reach(handshake.address))
        own = dial is not None
        where = f"a socket in its own directory ({process.cwd})"
    if not own:
        report(
            Problem(
                PC625,
                f"{handshake.network} address {handshake.address} is not {where}; plugcheck "
                "does not connect to it",
                "serve on 127.0.0.1 (or a unix socket in TMPDIR), as go-plugin's server does",
            )
        )
    return dial if own else None


def _pinned(
    address: str, directory: Path, pins: contextlib.ExitStack, reach: list[str]
) -> str | None:
    """``/proc/self/fd/N`` of the unix socket ``address`` when the socket it names (not
    through a final link) lies below ``directory``, its descriptor (``O_PATH``) held open by
    ``pins``: connecting there reaches that very socket whatever the path names later. It is
    opened by the first of ``reach`` that opens (``sandbox.Process.reach``: the directory is a
    tmpfs in the server's mount namespace, seen through its ``/proc/<pid>/root``), and must be
    the socket below ``directory`` there too (its own name for its path, not plugcheck's)."""
    o_path = getattr(os, "O_PATH", None)
    if o_path is None:  # not Linux: the path, checked once (a plugin may still swap it)
        inside = Path(address).resolve().is_relative_to(directory.resolve())
        return address if inside else None
    for path in reach:
        try:
            fd = os.open(path, o_path | os.O_NOFOLLOW | os.O_CLOEXEC)
        except (OSError, ValueError):
            continue
        pins.callback(os.close, fd)
        try:
            real = Path(os.readlink(f"/proc/self/fd/{fd}"))
            if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                return None
        except OSError:
            return None
        return f"/proc/self/fd/{fd}" if real.is_relative_to(directory.resolve()) else None
    return None


def _connect(
    handshake: Handshake,
    dial: str,
    settings: GoPluginSettings,
    report: Callable[[Problem], None],
) -> bool:
    try:
        if handshake.network == "tcp":
            host_port = tcp_address(handshake.address)
            assert host_port is not None
            socket.create_connection(host_port, timeout=settings.deadline).close()
        else:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(settings.deadline)
                sock.connect(dial)
    except OSError as exc:
        report(
            Problem(
                PC625,
                f"{handshake.network} address {handshake.address} refuses connections "
                f"({exc.strerror or exc})",
                "print the address the server actually listens on, after it listens",
            )
        )
        return False
    return True


def _target(handshake: Handshake) -> str:
    return handshake.address if handshake.network == "tcp" else f"unix:{handshake.address}"


def _channel(handshake: Handshake) -> Any:
    """A gRPC channel to the plugin as go-plugin's client dials it: plain, or over TLS when the
    handshake announced a certificate, trusting that certificate, for the server name
    ``localhost`` (go-plugin's AutoMTLS). Before, a plugin that announced one was never asked:
    a server that served nothing passed (red team red59)."""
    import grpc  # type: ignore[import-untyped]  # grpcio ships no stubs; used as Any

    if handshake.cert is None:
        return grpc.insecure_channel(_target(handshake))
    der = certificate_der(handshake.cert) or b""
    credentials = grpc.ssl_channel_credentials(
        root_certificates=ssl.DER_cert_to_PEM_cert(der).encode()
    )
    options = (("grpc.ssl_target_name_override", "localhost"),)
    return grpc.secure_channel(_target(handshake), credentials, options=options)


def _health(
    handshake: Handshake, settings: GoPluginSettings, report: Callable[[Problem], None]
) -> None:
    import grpc
    from grpc_health.v1 import (  # type: ignore[import-untyped]  # generated code, no stubs
        health_pb2,
        health_pb2_grpc,
    )

    dispensed = f" (the host then dispenses {', '.join(settings.plugins)})" * bool(settings.plugins)
    with _channel(handshake) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            response = stub.Check(
                health_pb2.HealthCheckRequest(service="plugin"), timeout=settings.deadline
            )
        except grpc.RpcError as exc:
            code = exc.code() if isinstance(exc, grpc.Call) else None
            detail = exc.details() if isinstance(exc, grpc.Call) else str(exc)
            why = {
                grpc.StatusCode.UNIMPLEMENTED: "the server has no grpc.health.v1.Health service",
                grpc.StatusCode.NOT_FOUND: "the health service does not know service 'plugin'",
            }.get(code, f"{code.name if code else 'error'}: {detail}")
            report(
                Problem(
                    PC626,
                    f"Health/Check(service='plugin') failed: {why}{dispensed}",
                    "register the standard health service and set 'plugin' to SERVING, as "
                    "go-plugin's server does",
                )
            )
            return
        if response.status != health_pb2.HealthCheckResponse.SERVING:
            status = health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)
            report(
                Problem(
                    PC626,
                    f"Health/Check(service='plugin') answered {status}, not SERVING{dispensed}",
                    "set the 'plugin' service to SERVING once the plugin is ready",
                )
            )


def _stop(
    process: sandbox.Process,
    handshake: Handshake,
    settings: GoPluginSettings,
    report: Callable[[Problem], None],
    *,
    ask: bool,
) -> None:
    """go-plugin's client: GRPCController.Shutdown, wait, then kill; SIGTERM when that fails."""
    asked = []
    grace = settings.stop_grace
    if ask and handshake.protocol == "grpc":
        asked.append("plugin.GRPCController/Shutdown")
        if _shutdown_rpc(handshake, settings) and process.wait(grace) is not None:
            return
    asked.append("SIGTERM")
    process.send_signal(signal.SIGTERM)
    if process.wait(grace) is None:
        process.kill()
        report(
            Problem(
                PC627,
                f"still running {grace:g} s after {' and '.join(asked)}; the host has to kill it",
                "exit when GRPCController/Shutdown is called or on SIGTERM",
            )
        )


def _shutdown_rpc(handshake: Handshake, settings: GoPluginSettings) -> bool:
    import grpc

    with _channel(handshake) as channel:
        # plugin.Empty encodes to no bytes: call it without the generated messages.
        shutdown = channel.unary_unary(
            "/plugin.GRPCController/Shutdown",
            request_serializer=lambda b: b,
            response_deserializer=lambda b: b,
        )
        try:
            shutdown(b"", timeout=settings.deadline)
        except grpc.RpcError as exc:
            # A server may exit before it answers: only "no such method" means it was not asked.
            return isinstance(exc, grpc.Call) and exc.code() is not grpc.StatusCode.UNIMPLEMENTED
    return True


def _without_cookie(
    argv: list[str], settings: GoPluginSettings, report: Callable[[Problem], None]
) -> None:
    fix = (
        f"exit non-zero with a message on stderr when {settings.cookie_key} is not "
        f"{settings.cookie_value!r}, as go-plugin's Serve does"
    )
    try:
        process = sandbox.Process(
            argv,
            env=_environment(settings, cookie=False),
            tcp_listen=True,
            readable=settings.readable,
        )
    except sandbox.SpawnError:
        return
    with process:
        started = time.monotonic()
        line = process.next_line(settings.deadline)
        if line is not None and _LOOKS_LIKE_HANDSHAKE.match(line):
            report(
                Problem(
                    PC628,
                    f"started without {settings.cookie_key}, it still serves "
                    f"(printed {quoted(line.decode('utf-8', 'replace'))})",
                    fix,
                )
            )
            return
        if process.wait(max(0.5, settings.deadline - (time.monotonic() - started))) is None:
            report(
                Problem(
                    PC628,
                    f"started without {settings.cookie_key}, it keeps running "
                    f"({settings.deadline:g} s)",
                    fix,
                )
            )
            return
        result = process.result()
        if result.exit_code == 0 or result.signal is not None or not result.stderr.strip():
            report(
                Problem(
                    PC628,
                    f"started without {settings.cookie_key}: {result.describe()}"
                    + ("" if result.stderr.strip() else " with nothing on stderr"),
                    fix,
                )
            )


PASS = KindPass(discover=discover, check=check)
