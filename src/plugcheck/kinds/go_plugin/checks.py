"""``kind = "go-plugin"``: executables served over hashicorp/go-plugin's RPC protocol.

The harness starts each executable the way go-plugin's client does (magic cookie,
``PLUGIN_PROTOCOL_VERSIONS``, ``PLUGIN_MIN_PORT``/``PLUGIN_MAX_PORT``), reads the handshake line
``CORE|APP|NETWORK|ADDR|PROTOCOL[|CERT]``, validates each field, connects, asks the standard gRPC
health service about ``plugin``, stops it (``plugin.GRPCController/Shutdown`` or SIGTERM, then
SIGKILL) — and starts it once more without the cookie, when it must refuse to serve.
"""

from __future__ import annotations

import base64
import binascii
import re
import signal
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from plugcheck import config as _config
from plugcheck import sandbox
from plugcheck.environment import Environment
from plugcheck.kinds import out_of_process as oop
from plugcheck.kinds.out_of_process import quoted, stderr_tail
from plugcheck.model import Contract, Finding, Location, Phase, Plugin, Severity
from plugcheck.options import Options
from plugcheck.passes import Kind, KindPass, need_extra
from plugcheck.rules.base import Rule, rule

PC620 = rule(
    "PC620",
    "goplugin-no-handshake",
    Severity.ERROR,
    "The plugin prints no handshake line within the deadline (it hangs, or exits first).",
    phase=Phase.DYNAMIC,
)
PC621 = rule(
    "PC621",
    "goplugin-malformed-handshake",
    Severity.ERROR,
    "The handshake line is not `CORE|APP|NETWORK|ADDR|PROTOCOL[|CERT]` with valid fields.",
    phase=Phase.DYNAMIC,
)
PC622 = rule(
    "PC622",
    "goplugin-core-version",
    Severity.ERROR,
    "The handshake's core protocol version is not 1.",
    phase=Phase.DYNAMIC,
)
PC623 = rule(
    "PC623",
    "goplugin-app-version",
    Severity.ERROR,
    "The handshake's app protocol version is not one the host accepts.",
    phase=Phase.DYNAMIC,
)
PC624 = rule(
    "PC624",
    "goplugin-protocol",
    Severity.ERROR,
    "The handshake's RPC protocol is not one the host allows (grpc; netrpc when allowed).",
    phase=Phase.DYNAMIC,
)
PC625 = rule(
    "PC625",
    "goplugin-unreachable",
    Severity.ERROR,
    "The address in the handshake does not accept a connection.",
    phase=Phase.DYNAMIC,
)
PC626 = rule(
    "PC626",
    "goplugin-not-serving",
    Severity.ERROR,
    "grpc.health.v1.Health/Check for service `plugin` does not answer SERVING.",
    phase=Phase.DYNAMIC,
)
PC627 = rule(
    "PC627",
    "goplugin-no-graceful-stop",
    Severity.WARNING,
    "The plugin does not exit when asked to stop; the host has to kill it.",
    phase=Phase.DYNAMIC,
)
PC628 = rule(
    "PC628",
    "goplugin-ignores-cookie",
    Severity.ERROR,
    "Started without the magic cookie, the plugin does not refuse (exit non-zero with a message).",
    phase=Phase.DYNAMIC,
)
PC629 = rule(
    "PC629",
    "goplugin-stdout-before-handshake",
    Severity.ERROR,
    "The plugin writes to stdout before its handshake line; the host reads that as the handshake.",
    phase=Phase.DYNAMIC,
)

CORE_PROTOCOL_VERSION = 1
MIN_PORT, MAX_PORT = 10000, 25000
"""go-plugin's client defaults for the port range it offers the plugin."""
DEFAULT_DEADLINE = 5.0
STOP_GRACE = 2.0
"""How long go-plugin's client waits after a graceful stop before it kills the plugin."""
_LOOKS_LIKE_HANDSHAKE = re.compile(rb"^\s*\d+\|")


# --- contract keys --------------------------------------------------------------------


def _cookie(value: Any) -> str | None:
    if (
        not isinstance(value, dict)
        or set(value) != {"key", "value"}
        or not all(isinstance(v, str) and v for v in value.values())
    ):
        return 'must be a table { key = "NAME", value = "..." } with non-empty strings'
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value["key"]):
        return f"key {value['key']!r} is not an environment variable name"
    return None


def _versions(value: Any) -> str | None:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)
    ):
        return f"must be a non-empty list of positive integers, got {value!r}"
    return None


def _protocols(value: Any) -> str | None:
    if _config.string_list(value) or not set(value) <= {"grpc", "netrpc"}:
        return f'must be a non-empty list of "grpc" and/or "netrpc", got {value!r}'
    return None


FIELDS = {
    "magic-cookie": _config.Field(
        _cookie, _config.TABLE, "The handshake cookie: { key, value } as the host sets it."
    ),
    "protocol-versions": _config.Field(
        _versions, {"type": "array"}, "The app protocol versions the host speaks."
    ),
    "protocols": _config.Field(
        _protocols, _config.STRINGS, 'The wire protocols the host accepts ("grpc", "netrpc").'
    ),
    "plugins": _config.Field(
        _config.string_list, _config.STRINGS, "The plugin names the host dispenses."
    ),
    "stop-grace": _config.Field(
        _config.positive_number,
        _config.POSITIVE_NUMBER,
        "Seconds a plugin has to stop after the host asks it to.",
    ),
}


@dataclass(frozen=True, slots=True)
class Settings:
    cookie_key: str
    cookie_value: str
    versions: tuple[int, ...]
    protocols: tuple[str, ...]
    plugins: tuple[str, ...]
    deadline: float
    stop_grace: float = STOP_GRACE
    path: str | None = None
    """``PATH`` for the plugin process (the target interpreter's directory first)."""
    readable: tuple[str, ...] = ()
    """What the plugin process may read (``sandbox.readable_paths``)."""


def _settings(contract: Contract) -> Settings:
    oop.require(contract, "magic-cookie", "protocol-versions")
    cookie = contract.options["magic-cookie"]
    return Settings(
        cookie_key=cookie["key"],
        cookie_value=cookie["value"],
        versions=tuple(contract.options["protocol-versions"]),
        protocols=tuple(oop.option(contract, "protocols", ["grpc"])),
        plugins=tuple(oop.option(contract, "plugins", [])),
        deadline=float(oop.option(contract, "deadline", DEFAULT_DEADLINE)),
        stop_grace=float(oop.option(contract, "stop-grace", STOP_GRACE)),
    )


# --- discovery ------------------------------------------------------------------------


def discover(contract: Contract, env: Environment, explicit_paths: list[Path]) -> list[Plugin]:
    return [
        oop.plugin(path.name, contract, path)
        for path, _ in oop.candidates(contract, explicit_paths, oop.is_executable)
    ]


# --- the handshake --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Handshake:
    core: int
    app: int
    network: str
    address: str
    protocol: str
    cert: str | None


@dataclass(frozen=True, slots=True)
class Problem:
    rule: Rule
    message: str
    fix: str


def parse_handshake(line: str, settings: Settings) -> tuple[Handshake | None, list[Problem]]:
    """Validate each field the way go-plugin's client does; ``None`` when it would abort."""
    parts = line.strip().split("|", 5)
    problems: list[Problem] = []
    if len(parts) < 4:
        fix = "print CORE|APP|NETWORK|ADDR|PROTOCOL, e.g. 1|2|tcp|127.0.0.1:1234|grpc"
        return None, [Problem(PC621, f"{quoted(line)} has {len(parts)} field(s), needs 5", fix)]
    core_s, app_s, network, address = parts[:4]
    protocol = parts[4] if len(parts) > 4 else "netrpc"  # go-plugin's default for 4 fields
    cert = parts[5] if len(parts) > 5 else None
    if cert is not None and "|" in cert:
        cert = cert.split("|", 1)[0]  # a trailing multiplexing flag (newer servers)
    core = _int(core_s)
    app = _int(app_s)
    if core is None:
        problems.append(
            Problem(PC621, f"core protocol version {core_s!r} is not an integer", "print 1")
        )
    elif core != CORE_PROTOCOL_VERSION:
        problems.append(
            Problem(
                PC622,
                f"core protocol version {core}; go-plugin hosts speak {CORE_PROTOCOL_VERSION}",
                "build against a go-plugin release with core protocol 1",
            )
        )
    accepted = ", ".join(map(str, settings.versions))
    if app is None:
        problems.append(
            Problem(PC621, f"app protocol version {app_s!r} is not an integer", "print a number")
        )
    elif app not in settings.versions:
        problems.append(
            Problem(
                PC623,
                f"app protocol version {app}; the host accepts {accepted} "
                f"(it offered PLUGIN_PROTOCOL_VERSIONS={','.join(map(str, settings.versions))})",
                "serve one of the versions listed in PLUGIN_PROTOCOL_VERSIONS",
            )
        )
    if network not in ("tcp", "unix"):
        problems.append(Problem(PC621, f"network {network!r} is not tcp or unix", "use tcp"))
    elif network == "tcp" and _tcp(address) is None:
        problems.append(
            Problem(PC621, f"address {address!r} is not HOST:PORT", "print e.g. 127.0.0.1:1234")
        )
    elif network == "unix" and not address.startswith("/"):
        problems.append(Problem(PC621, f"unix address {address!r} is not absolute", "fix it"))
    if protocol not in settings.protocols:
        allowed = " or ".join(settings.protocols)
        problems.append(
            Problem(
                PC624,
                f"protocol {protocol!r}; the host allows {allowed}",
                f"serve {allowed}" + ("" if protocol else " and print it as the fifth field"),
            )
        )
    if cert and len(cert) > 50 and not _der_certificate(cert):
        problems.append(
            Problem(
                PC621,
                "the certificate field is not base64 (unpadded) of a DER certificate",
                "print base64.RawStdEncoding of the server certificate's DER bytes",
            )
        )
    if problems or core is None or app is None:
        return None, problems
    return Handshake(core, app, network, address, protocol, cert or None), problems


def _int(text: str) -> int | None:
    return int(text) if re.fullmatch(r"[0-9]+", text.strip()) else None


def _tcp(address: str) -> tuple[str, int] | None:
    host, sep, port = address.rpartition(":")
    if not sep or not host or not re.fullmatch(r"[0-9]{1,5}", port) or int(port) > 65535:
        return None
    return host.strip("[]"), int(port)


def _der_certificate(text: str) -> bool:
    """Unpadded standard base64 of a DER SEQUENCE whose length covers the whole value."""
    try:
        der = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    if len(der) < 4 or der[0] != 0x30:
        return False
    size, header = der[1], 2
    if size & 0x80:
        count = size & 0x7F
        if count == 0 or count > 4 or len(der) < 2 + count:
            return False
        size, header = int.from_bytes(der[2 : 2 + count], "big"), 2 + count
    return header + size == len(der)


# --- the check ------------------------------------------------------------------------


def check(
    contract: Contract,
    plugins: list[Plugin],
    env: Environment,
    options: Options,
    notes: list[str],
) -> list[Finding]:
    settings = replace(
        _settings(contract),
        path=sandbox.target_path(env.executable),
        readable=sandbox.readable_paths(env, contract.root),
    )
    rules = (PC620, PC621, PC622, PC623, PC624, PC625, PC626, PC627, PC628, PC629)
    if not options.dynamic or not plugins or not oop.wanted(options, *rules):
        return []
    need_extra(contract, "rpc", "grpc", "grpc_health")
    return oop.each_plugin(plugins, options, lambda p: _conformance(p, settings), notes)


def _environment(settings: Settings, *, cookie: bool) -> dict[str, str]:
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


def _conformance(plugin: Plugin, settings: Settings) -> list[Finding]:
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
    with process:
        handshake = _read_handshake(process, settings, report)
        if handshake is not None:
            reachable = _connect(handshake, settings, report)
            if reachable and handshake.protocol == "grpc" and handshake.cert is None:
                _health(handshake, settings, report)
            if process.poll() is None:
                _stop(process, handshake, settings, report, ask=reachable)
    _without_cookie(argv, settings, report)
    return found


def _read_handshake(
    process: sandbox.Process, settings: Settings, report: Callable[[Problem], None]
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


def _connect(handshake: Handshake, settings: Settings, report: Callable[[Problem], None]) -> bool:
    try:
        if handshake.network == "tcp":
            host_port = _tcp(handshake.address)
            assert host_port is not None
            socket.create_connection(host_port, timeout=settings.deadline).close()
        else:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(settings.deadline)
                sock.connect(handshake.address)
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


def _health(handshake: Handshake, settings: Settings, report: Callable[[Problem], None]) -> None:
    import grpc  # type: ignore[import-untyped]  # grpcio ships no stubs; used as Any
    from grpc_health.v1 import (  # type: ignore[import-untyped]  # generated code, no stubs
        health_pb2,
        health_pb2_grpc,
    )

    dispensed = f" (the host then dispenses {', '.join(settings.plugins)})" * bool(settings.plugins)
    with grpc.insecure_channel(_target(handshake)) as channel:
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
    settings: Settings,
    report: Callable[[Problem], None],
    *,
    ask: bool,
) -> None:
    """go-plugin's client: GRPCController.Shutdown, wait, then kill; SIGTERM when that fails."""
    asked = []
    grace = settings.stop_grace
    if ask and handshake.protocol == "grpc" and handshake.cert is None:
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


def _shutdown_rpc(handshake: Handshake, settings: Settings) -> bool:
    import grpc

    with grpc.insecure_channel(_target(handshake)) as channel:
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


def _without_cookie(argv: list[str], settings: Settings, report: Callable[[Problem], None]) -> None:
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


KIND = Kind(
    "go-plugin",
    {**oop.FIELDS, **FIELDS},
    description="HashiCorp go-plugin processes: handshake, then gRPC or net/rpc.",
    kind_pass=KindPass(discover=discover, check=check),
)
