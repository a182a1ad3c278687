"""The go-plugin rules (PC620-PC629)."""

from __future__ import annotations

from plugcheck.model import Phase, Severity
from plugcheck.rules.base import rule

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
