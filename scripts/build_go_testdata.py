"""Write the small synthetic Go ELF files of testdata/rules/PC72x (``python scripts/...``).

A real Go host and plugin weigh megabytes and need a Go toolchain of one exact version, so the
per-rule cases use files that carry exactly what plugcheck reads and nothing else: an ELF header
and section table, a ``.go.buildinfo`` blob in Go 1.18+'s inline format, and in ``.symtab`` the
``go.link.pkghash.<import path>`` string headers pointing at the hashes (as Go's linker lays
them out), ``go.plugin.tabs``/``go.link.thispluginpath`` for plugins and the plugin's exported
symbols. tests/test_native_go.py checks the same rules on real Go builds (slow, needs Go).
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "testdata" / "rules"

EM_X86_64, EM_AARCH64 = 62, 183
ET_EXEC, ET_DYN = 2, 3
_MAGIC = b"\xff Go buildinf:"
_START = bytes.fromhex("3077af0c9274080241e1c107e6d618e6")
_END = bytes.fromhex("f932433186182072008242104116d8f2")
_RODATA, _DATA, _BUILDINFO = 0x10000, 0x20000, 0x30000


@dataclass
class GoElf:
    """What one synthetic file says; ``hashes`` maps import path -> package hash bytes."""

    plugin: bool = True
    machine: int = EM_X86_64
    go_version: str | None = "go1.21.6"
    modinfo: str | None = None
    hashes: dict[str, bytes] = field(default_factory=dict)
    plugin_path: str = "plugin/unnamed-0123456789ab"
    exports: tuple[str, ...] = ("New",)
    symbols: bool = True
    """Write ``.symtab`` (False: a stripped file)."""
    inline: bool = True
    """Go 1.18+ inline build information; False: the older pointers to string headers."""
    imports_plugin: bool = True
    """A host: links package plugin (its ``plugin.Open`` symbol)."""


def package_hash(package: str, variant: str = "") -> bytes:
    return hashlib.sha256(f"{package}{variant}".encode()).digest()[:8]


STD = ("runtime", "internal/abi", "sync", "errors")


def std_hashes(variant: str = "") -> dict[str, bytes]:
    return {p: package_hash(p, variant) for p in STD}


def modinfo(
    path: str, deps: dict[str, str] | None = None, settings: dict[str, str] | None = None
) -> str:
    lines = [f"path\t{path}", "mod\texample.com/app\t(devel)\t"]
    for dep, version in sorted((deps or {}).items()):
        lines.append(f"dep\t{dep}\t{version}\th1:{hashlib.sha256(dep.encode()).hexdigest()[:8]}=")
    base = {"-compiler": "gc", "CGO_ENABLED": "1", "GOARCH": "amd64", "GOOS": "linux"}
    lines += [f"build\t{k}={v}" for k, v in {**base, **(settings or {})}.items()]
    return "\n".join(lines) + "\n"


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def render(spec: GoElf) -> bytes:
    """The ELF64 little-endian bytes of ``spec``."""
    rodata, data = bytearray(), bytearray()
    symbols: list[tuple[str, int, int, int]] = []  # name, section index, value, size

    def string_header(name: str, payload: bytes) -> None:
        pointer = _RODATA + len(rodata)
        rodata.extend(payload)
        symbols.append((name, 4, _DATA + len(data), 16))
        data.extend(struct.pack("<QQ", pointer, len(payload)))

    for package, digest in sorted(spec.hashes.items()):
        string_header(f"go.link.pkghash.{package}", digest)
    if spec.plugin:
        symbols.append(("go.link.thispluginpath", 3, _RODATA + len(rodata), len(spec.plugin_path)))
        rodata.extend(spec.plugin_path.encode())
        symbols.append(("go.plugin.tabs", 4, _DATA + len(data), 8))
        data.extend(bytes(8))
        for name in spec.exports:
            symbols.append((f"{spec.plugin_path}.{name}", 3, _RODATA + len(rodata), 1))
            rodata.append(0xC3)
    if not spec.plugin and spec.imports_plugin:
        symbols.append(("plugin.Open", 3, _RODATA + len(rodata), 1))
        rodata.append(0xC3)
    buildinfo = b""
    if spec.go_version is not None:
        mod = _START + (spec.modinfo or "").encode() + _END if spec.modinfo else b""
        version = spec.go_version.encode()
        if spec.inline:
            header = _MAGIC + bytes([8, 2]) + bytes(16)
            buildinfo = header + _varint(len(version)) + version + _varint(len(mod)) + mod
        else:
            headers = []
            for payload in (version, mod):
                headers.append(_DATA + len(data))
                data.extend(struct.pack("<QQ", _RODATA + len(rodata), len(payload)))
                rodata.extend(payload)
            buildinfo = _MAGIC + bytes([8, 0]) + struct.pack("<QQ", *headers)
    strtab = bytearray(b"\x00")
    symtab = bytearray(bytes(24))
    for name, section, value, size in symbols:
        symtab += struct.pack("<IBBHQQ", len(strtab), 0x11, 0, section, value, size)
        strtab += name.encode() + b"\x00"
    sections: list[tuple[str, int, int, bytes, int, int, int]] = [
        # name, type, address, contents, link, info, entry size
        (".shstrtab", 3, 0, b"", 0, 0, 0),
        (".strtab", 3, 0, bytes(strtab), 0, 0, 0),
        (".rodata", 1, _RODATA, bytes(rodata), 0, 0, 0),
        (".data", 1, _DATA, bytes(data), 0, 0, 0),
    ]
    if buildinfo:
        sections.append((".go.buildinfo", 1, _BUILDINFO, buildinfo, 0, 0, 0))
    if spec.symbols:
        sections.append((".symtab", 2, 0, bytes(symtab), 2, 1, 24))
    names = bytearray(b"\x00")
    offsets = []
    for name, *_ in sections:
        offsets.append(len(names))
        names += name.encode() + b"\x00"
    sections[0] = (".shstrtab", 3, 0, bytes(names), 0, 0, 0)
    body, placed = bytearray(), []
    for _, _, _, contents, *_ in sections:
        placed.append(64 + len(body))
        body += contents + bytes(-len(contents) % 8)
    shoff = 64 + len(body)
    elf_type = ET_DYN if spec.plugin else ET_EXEC
    ident = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    header = ident + struct.pack(
        "<HHIQQQIHHHHHH",
        elf_type,
        spec.machine,
        1,
        0,
        0,
        shoff,
        0,
        64,
        0,
        0,
        64,
        len(sections) + 1,
        1,
    )
    table = bytearray(bytes(64))
    for (_name, kind, address, contents, link, info, entsize), name_at, offset in zip(
        sections, offsets, placed, strict=True
    ):
        flags = 2 if address else 0
        table += struct.pack(
            "<IIQQQQIIQQ",
            name_at,
            kind,
            flags,
            address,
            offset,
            len(contents),
            link,
            info,
            8,
            entsize,
        )
    return header + bytes(body) + bytes(table)


def write(path: Path, spec: GoElf) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(spec))
    return path


API = "example.com/app/api"


def host(**changes: object) -> GoElf:
    spec = GoElf(
        plugin=False,
        modinfo=modinfo("example.com/app/host", {"example.com/util": "v1.3.0"}),
        hashes={**std_hashes(), API: package_hash(API), "example.com/util/text": package_hash("u")},
    )
    for key, value in changes.items():
        setattr(spec, key, value)
    return spec


def plugin(**changes: object) -> GoElf:
    spec = GoElf(
        modinfo=modinfo("example.com/app/greeter", {"example.com/util": "v1.3.0"}),
        hashes={**std_hashes(), API: package_hash(API), "example.com/app/greeter": b"greeter!"},
    )
    for key, value in changes.items():
        setattr(spec, key, value)
    return spec


def main() -> int:
    def case(code: str, name: str, host_spec: GoElf, plugins: dict[str, GoElf]) -> None:
        base = RULES / code / name
        write(base / "host" / "app", host_spec)
        for file, spec in plugins.items():
            write(base / "plugins" / file, spec)

    for code in ("PC721", "PC722", "PC723", "PC724", "PC725", "PC726", "PC727", "PC728"):
        case(code, "good", host(), {"greeter.so": plugin()})
    path = "example.com/app/greeter"
    twins = {"greeter.so": plugin(plugin_path=path), "greeter2.so": plugin(plugin_path=path)}
    case("PC729", "bad", host(), twins)
    distinct = {**twins, "greeter2.so": plugin(plugin_path="example.com/app/greeter2")}
    case("PC729", "good", host(), distinct)
    case(
        "PC721",
        "bad",
        host(),
        {
            "greeter.so": plugin(
                go_version="go1.21.5", hashes={**plugin().hashes, **std_hashes("5")}
            )
        },
    )
    case(
        "PC722",
        "bad",
        host(),
        {"greeter.so": plugin(machine=EM_AARCH64, hashes={**plugin().hashes, **std_hashes("a")})},
    )
    trimmed = modinfo(
        "example.com/app/greeter", {"example.com/util": "v1.3.0"}, {"-trimpath": "true"}
    )
    case("PC723", "bad", host(), {"greeter.so": plugin(modinfo=trimmed)})
    nocgo = modinfo("example.com/app/host", {"example.com/util": "v1.3.0"}, {"CGO_ENABLED": "0"})
    case("PC723", "bad-host-without-cgo", host(modinfo=nocgo), {"greeter.so": plugin()})
    older = modinfo("example.com/app/greeter", {"example.com/util": "v1.2.0"})
    case("PC724", "bad", host(), {"greeter.so": plugin(modinfo=older)})
    edited = {**plugin().hashes, API: package_hash(API, "edited")}
    case("PC725", "bad", host(), {"greeter.so": plugin(hashes=edited)})
    bad726 = RULES / "PC726" / "bad"
    write(bad726 / "host" / "app", host())
    (bad726 / "plugins").mkdir(parents=True, exist_ok=True)
    (bad726 / "plugins" / "notes.so").write_text("go build -buildmode=plugin failed, see log\n")
    (bad726 / "plugins" / "truncated.so").write_bytes(render(plugin())[:200])
    write(bad726 / "plugins" / "tool.so", host())
    case("PC727", "bad", host(symbols=False), {"greeter.so": plugin()})
    case("PC728", "bad", host(), {"greeter.so": plugin(exports=("NewV1",))})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
