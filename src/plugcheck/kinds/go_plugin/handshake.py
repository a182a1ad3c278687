"""The handshake line ``CORE|APP|NETWORK|ADDR|PROTOCOL[|CERT]``, validated field by field the way
go-plugin's client does."""

from __future__ import annotations

import base64
import binascii
import re
import ssl
from dataclasses import dataclass

from plugcheck.kinds.go_plugin.codes import (
    PC621,
    PC622,
    PC623,
    PC624,
)
from plugcheck.kinds.go_plugin.settings import CORE_PROTOCOL_VERSION, GoPluginSettings
from plugcheck.kinds.out_of_process import quoted
from plugcheck.rules.base import Rule

GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)
"""What Go's ``strings.TrimSpace`` removes (``unicode.IsSpace``), which go-plugin's client
applies to the handshake line: Python's ``str.strip`` also removes ``\x1c``-``\x1f``, and a
line ending ``grpc\x1f`` (a protocol go-plugin does not know) passed."""
CERT_MIN = 50
"""go-plugin's client takes the sixth field for a certificate only when it is longer."""


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


def parse_handshake(
    line: str, settings: GoPluginSettings
) -> tuple[Handshake | None, list[Problem]]:
    """Validate each field the way go-plugin's client does; ``None`` when it would abort."""
    parts = line.strip(GO_SPACE).split("|", 5)
    problems: list[Problem] = []
    if len(parts) < 4:
        fix = "print CORE|APP|NETWORK|ADDR|PROTOCOL, e.g. 1|2|tcp|127.0.0.1:1234|grpc"
        return None, [Problem(PC621, f"{quoted(line)} has {len(parts)} field(s), needs 5", fix)]
    core_s, app_s, network, address = parts[:4]
    protocol = parts[4] if len(parts) > 4 else "netrpc"  # go-plugin's default for 4 fields
    cert = parts[5] if len(parts) > 5 else None
    if cert is not None and "|" in cert:
        cert = cert.split("|", 1)[0]  # a trailing multiplexing flag (newer servers)
    if cert is not None and len(cert) <= CERT_MIN:
        # go-plugin's client reads no certificate from it ("unused extra data returned from some
        # older implementations") and speaks plain gRPC: so does plugcheck. Before, any sixth
        # field skipped the health check, and a server that served nothing passed (red59).
        cert = None
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
    elif network == "tcp" and tcp_address(address) is None:
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
    if cert and not _der_certificate(cert):
        problems.append(
            Problem(
                PC621,
                "the certificate field is not base64 (unpadded) of a DER X.509 certificate",
                "print base64.RawStdEncoding of the server certificate's DER bytes",
            )
        )
    if problems or core is None or app is None:
        return None, problems
    return Handshake(core, app, network, address, protocol, cert or None), problems


def _int(text: str) -> int | None:
    """``text`` as Go's ``strconv.Atoi`` reads it: an optional sign, digits, nothing else.
    Before, the field was stripped first: go-plugin's client refuses ``2 `` ("Error parsing
    protocol version"), and a handshake ``1|2 |tcp|...|grpc`` passed (red team red59)."""
    return int(text) if re.fullmatch(r"[+-]?[0-9]+", text) else None


def tcp_address(address: str) -> tuple[str, int] | None:
    host, sep, port = address.rpartition(":")
    if not sep or not host or not re.fullmatch(r"[0-9]{1,5}", port) or int(port) > 65535:
        return None
    return host.strip("[]"), int(port)


def certificate_der(text: str) -> bytes | None:
    """The DER bytes of unpadded standard base64 (go-plugin's ``RawStdEncoding``)."""
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


def _der_certificate(text: str) -> bool:
    """Unpadded standard base64 of an X.509 certificate, as go-plugin's client parses it
    (``x509.ParseCertificate``; here OpenSSL's reading: a DER value of the right framing that
    is no certificate fails there too)."""
    der = certificate_der(text)
    if der is None or len(der) < 4 or der[0] != 0x30:
        return False
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cadata=der)
    except (ssl.SSLError, ValueError):
        return False
    return True
