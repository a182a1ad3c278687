"""What a Go binary or ``-buildmode=plugin`` file says about how it was built, in pure Python.

Two sources, as the Go runtime and ``go version -m`` use them:

* the build information blob (``\\xff Go buildinf:``, what ``debug/buildinfo`` reads): Go
  version, main module, dependency modules with versions and sums, build settings. Go 1.19
  writes it into executables only; for a plugin the Go version comes from the DWARF producer
  and module versions from the ``module@version`` source paths in the line tables;
* the package hashes ``plugin.Open`` compares: ``go.link.pkghash.<import path>`` symbols,
  each a Go string header pointing at the hash (in ``.symtab`` and ``.dynsym``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from plugcheck.static.elf import ElfError, ElfInfo, FileBytes, Image, read_elf, section_data

MAGIC = b"\xff Go buildinf:"
_PKGHASH = "go.link.pkghash."
_PKGHASHBYTES = "go.link.pkghashbytes."
_PF_W = 2


@dataclass(frozen=True, slots=True)
class Module:
    path: str
    version: str
    sum: str = ""
    replace: Module | None = None

    @property
    def effective(self) -> tuple[str, str, str]:
        used = self.replace or self
        return (used.path, used.version, used.sum)

    def __str__(self) -> str:
        text = f"{self.path} {self.version}"
        if self.replace is not None:
            text += f" => {self.replace.path} {self.replace.version}".rstrip()
        return text


@dataclass(slots=True)
class BuildInfo:
    go_version: str | None = None
    path: str | None = None
    main: Module | None = None
    deps: dict[str, Module] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    source: str = "none"
    """Where it came from: "buildinfo", "debug info", or "none"."""


@dataclass(slots=True)
class GoFile:
    elf: ElfInfo
    build: BuildInfo
    pkghashes: dict[str, bytes]
    """Import path -> the package hash ``plugin.Open`` compares."""
    plugin: bool
    """Built with ``-buildmode=plugin``."""
    plugin_path: str | None = None

    @property
    def is_go(self) -> bool:
        return self.build.source != "none" or bool(self.pkghashes)

    @property
    def race(self) -> bool:
        return (
            self.build.settings.get("-race") == "true"
            or "runtime/race" in self.pkghashes
            or any(s.startswith("__tsan_") for s in self.elf.symbols)
        )


def read_go(path: Path) -> GoFile:
    """Read ``path``; raises :class:`ElfError` for a non-ELF, truncated or corrupt file."""
    info = read_elf(path, symbols=True)
    image = Image(info)
    try:
        build = _buildinfo(image) or _from_debug_info(info, image) or BuildInfo()
        hashes = _pkghashes(info, image)
        path_of_plugin = _plugin_path(info, image)
    finally:
        image.close()
    tables = info.symbols.keys() | info.dynamic_symbols.keys()
    # A stripped plugin keeps only .dynsym, where its package hashes are exported for the host
    # to bind; a -buildmode=c-shared library has none there.
    plugin = (
        "go.plugin.tabs" in tables
        or "go.link.thispluginpath" in tables
        or build.settings.get("-buildmode") == "plugin"
        or (info.elf_type == "ET_DYN" and any(n.startswith(_PKGHASH) for n in info.dynamic_symbols))
    )
    return GoFile(info, build, hashes, plugin, path_of_plugin)


# --- build information ------------------------------------------------------------------------


def _buildinfo(image: Image) -> BuildInfo | None:
    data = image.data
    start = _find_magic(image)
    if start is None or start + 32 > len(data):
        return None
    ptr_size, flags = data[start + 14], data[start + 15]
    if flags & 2:
        version, rest = _varint_string(data, start + 32)
        mod, _ = _varint_string(data, rest) if rest >= 0 else (b"", -1)
    else:
        if ptr_size not in (4, 8):
            return None
        order: Literal["big", "little"] = "big" if flags & 1 else "little"
        first = int.from_bytes(data[start + 16 : start + 16 + ptr_size], order)
        second = int.from_bytes(data[start + 16 + ptr_size : start + 16 + 2 * ptr_size], order)
        version = image.go_string(first) or b""
        mod = image.go_string(second) or b""
    if not version:
        return None
    if len(mod) >= 33 and mod[-17:-16] == b"\n":
        mod = mod[16:-16]
    build = parse_modinfo(mod.decode("utf-8", "replace"))
    build.go_version = version.decode("utf-8", "replace")
    build.source = "buildinfo"
    return build


def _find_magic(image: Image) -> int | None:
    info = image.info
    if ".go.buildinfo" in info.sections:
        _, offset, size = info.sections[".go.buildinfo"]
        if image.data[offset : offset + len(MAGIC)] == MAGIC:
            return offset
    for _, offset, size, flags in info.segments:
        if not flags & _PF_W:
            continue
        # Searched in place: a segment of a mapped file is not copied (a crafted one is GiBs).
        end = offset + size
        at = image.data.find(MAGIC, offset, end)
        while at >= 0:
            if (at - offset) % 16 == 0:
                return at
            at = image.data.find(MAGIC, at + 1, end)
    return None


def _varint_string(data: FileBytes, at: int) -> tuple[bytes, int]:
    length, shift = 0, 0
    while at < len(data):
        byte = data[at]
        at += 1
        length |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            end = at + length
            return (data[at:end], end) if end <= len(data) else (b"", -1)
        if shift > 63:
            break
    return b"", -1


def parse_modinfo(text: str) -> BuildInfo:
    """Parse what ``go version -m`` prints after the version line."""
    build = BuildInfo()
    last: Module | None = None
    for line in text.splitlines():
        fields = line.split("\t")
        match fields:
            case ["path", value, *_]:
                build.path = value
            case ["mod", path, version, *rest]:
                build.main = last = Module(path, version, rest[0] if rest else "")
            case ["dep", path, version, *rest]:
                last = Module(path, version, rest[0] if rest else "")
                build.deps[path] = last
            case ["=>", path, version, *rest] if last is not None:
                replaced = Module(
                    last.path,
                    last.version,
                    last.sum,
                    Module(path, version, rest[0] if rest else ""),
                )
                if build.main is last:
                    build.main = replaced
                else:
                    build.deps[last.path] = replaced
            case ["build", setting, *_]:
                key, _, value = setting.partition("=")
                build.settings[key] = value
    return build


_PRODUCER = re.compile(r"Go cmd/compile (go[\w.+-]+)(?:; (.*))?")
_MODULE_PATH = re.compile(
    rb"(?:^|[/\x00])((?:[a-z0-9][\w.-]*\.[a-z]+)(?:/[\w.~-]+)*)@(v[\w.+-]+?)(?=[/\x00])"
)


def _from_debug_info(info: ElfInfo, image: Image) -> BuildInfo | None:
    """Go version from the DWARF producer; module versions from module-cache source paths."""
    producer = _producer(info)
    if producer is None:
        return None
    match = _PRODUCER.match(producer)
    if match is None:
        return None
    build = BuildInfo(go_version=match.group(1), source="debug info")
    flags = (match.group(2) or "").split()
    if "-race" in flags:
        build.settings["-race"] = "true"
    lines = _line_tables(info)
    for path, version in sorted(set(_MODULE_PATH.findall(lines))):
        name = path.decode("utf-8", "replace")
        build.deps[name] = Module(name, version.decode("utf-8", "replace"))
    if _GO_FILE.search(lines):
        # Without -trimpath the runtime's directory is $GOROOT/src/runtime, absolute; with it,
        # "runtime". (Directories of cgo's C parts stay absolute either way.)
        build.settings["-trimpath"] = "false" if _GOROOT_RUNTIME.search(lines) else "true"
    return build


_GO_FILE = re.compile(rb"[\w.+-]+\.go\x00")
_GOROOT_RUNTIME = re.compile(rb"\x00/(?:[\w.+~@-]+/)*src/runtime\x00")


def _producer(info: ElfInfo) -> str | None:
    try:
        from elftools.elf.elffile import ELFFile

        with info.path.open("rb") as stream:
            elf = ELFFile(stream)
            if not elf.has_dwarf_info():
                return None
            for cu in elf.get_dwarf_info(relocate_dwarf_sections=False).iter_CUs():
                value = cu.get_top_DIE().attributes.get("DW_AT_producer")
                if value is not None:
                    raw = value.value
                    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    except Exception:  # corrupt or unusual DWARF: no version from here
        return None
    return None


def _line_tables(info: ElfInfo) -> bytes:
    try:
        from elftools.elf.elffile import ELFFile

        with info.path.open("rb") as stream:
            elf = ELFFile(stream)
            chunks = []
            for name in (".debug_line", ".debug_line_str", ".debug_str"):
                section = elf.get_section_by_name(name)
                if section is not None:
                    chunks.append(section_data(section))
            return b"\x00".join(chunks)
    except Exception:  # corrupt DWARF: no module versions from here
        return b""


# --- package hashes ---------------------------------------------------------------------------


def _pkghashes(info: ElfInfo, image: Image) -> dict[str, bytes]:
    hashes: dict[str, bytes] = {}
    for table in (info.dynamic_symbols, info.symbols):
        for name, symbol in table.items():
            if not name.startswith(_PKGHASH) or name in hashes:
                continue
            package = name.removeprefix(_PKGHASH)
            if package in hashes:
                continue
            value = image.go_string(symbol.value)
            if value is None:
                raw = table.get(_PKGHASHBYTES + package)
                value = image.read(raw.value, raw.size) if raw else None
            if value is not None:
                hashes[package] = value
    return hashes


def _plugin_path(info: ElfInfo, image: Image) -> str | None:
    symbol = info.symbols.get("go.link.thispluginpath")
    if symbol is None:
        return None
    raw = image.read(symbol.value, symbol.size)
    return raw.decode("utf-8", "replace") if raw else None


__all__ = ["MAGIC", "BuildInfo", "ElfError", "GoFile", "Module", "parse_modinfo", "read_go"]
