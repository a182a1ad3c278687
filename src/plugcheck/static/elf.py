"""Read what a loader sees in an ELF file: class, machine, exports, needed libraries, symbols.

pyelftools (the ``native`` extra) is imported lazily. Every reading error, on a truncated,
stripped, corrupt or non-ELF file, becomes :class:`ElfError` with a one-line reason.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any

ELF_MAGIC = b"\x7fELF"


class ElfError(Exception):
    """The file cannot be read as ELF; the message says why in one line."""


class MissingExtra(Exception):
    """pyelftools/pycparser are not installed."""


def require_elftools() -> Any:
    try:
        from elftools.elf import elffile
    except ImportError:
        raise MissingExtra("pyelftools") from None
    return elffile


@dataclass(frozen=True, slots=True)
class Symbol:
    name: str
    value: int
    size: int
    section: int | str


@dataclass(slots=True)
class ElfInfo:
    """What plugcheck compares in an ELF file; ``symbols`` is ``.symtab`` (empty if stripped)."""

    path: Path
    elf_class: int
    machine: str
    little_endian: bool
    elf_type: str
    exported_functions: dict[str, Symbol] = field(default_factory=dict)
    needed: list[str] = field(default_factory=list)
    rpath: list[str] = field(default_factory=list)
    runpath: list[str] = field(default_factory=list)
    soname: str | None = None
    symbols: dict[str, Symbol] = field(default_factory=dict)
    sections: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """name -> (address, file offset, size) of sections with file contents."""
    segments: list[tuple[int, int, int, int]] = field(default_factory=list)
    """PT_LOAD segments: (virtual address, file offset, file size, flags)."""
    dynamic_symbols: dict[str, Symbol] = field(default_factory=dict)
    """Every defined ``.dynsym`` entry (read with ``symbols=True``)."""
    relative: dict[int, int] = field(default_factory=dict)
    """Dynamic relocations to defined symbols: address -> the value the loader stores there."""

    @property
    def arch(self) -> str:
        return describe_arch(self.elf_class, self.machine)


_MACHINES = {
    "EM_X86_64": "x86-64",
    "EM_386": "i386",
    "EM_AARCH64": "aarch64",
    "EM_ARM": "arm",
    "EM_RISCV": "riscv",
    "EM_PPC64": "ppc64",
    "EM_S390": "s390",
}


def describe_arch(elf_class: int, machine: str) -> str:
    return f"ELF{elf_class} {_MACHINES.get(machine, machine.removeprefix('EM_').lower())}"


def read_elf(path: Path, *, symbols: bool = False) -> ElfInfo:
    """Parse ``path``'s headers, dynamic section and dynamic symbols (``.symtab`` on request)."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise ElfError(f"cannot open: {exc.strerror or exc}") from None
    with stream:
        head = stream.read(4)
        if head != ELF_MAGIC:
            raise ElfError("not an ELF file" + (" (empty)" if not head else ""))
        stream.seek(0)
        try:
            return _read(path, stream, symbols)
        except ElfError:
            raise
        except Exception as exc:  # pyelftools raises many types on corrupt input
            raise ElfError(f"truncated or corrupt ELF file ({type(exc).__name__}: {exc})") from None


def _read(path: Path, stream: IO[bytes], want_symbols: bool) -> ElfInfo:
    elffile = require_elftools()
    elf = elffile.ELFFile(stream)
    info = ElfInfo(
        path=path,
        elf_class=int(elf.elfclass),
        machine=str(elf["e_machine"]),
        little_endian=bool(elf.little_endian),
        elf_type=str(elf["e_type"]),
    )
    size = os.fstat(stream.fileno()).st_size
    for section in elf.iter_sections():
        if section["sh_type"] in ("SHT_NOBITS", "SHT_NULL"):
            continue
        if section["sh_offset"] + section["sh_size"] > size:
            raise ElfError(f"truncated ELF file: section {section.name} extends past the end")
        info.sections[section.name] = (
            int(section["sh_addr"]),
            int(section["sh_offset"]),
            int(section["sh_size"]),
        )
    for segment in elf.iter_segments():
        if segment["p_type"] == "PT_LOAD":
            info.segments.append(
                (
                    int(segment["p_vaddr"]),
                    int(segment["p_offset"]),
                    int(segment["p_filesz"]),
                    int(segment["p_flags"]),
                )
            )
    dynamic = elf.get_section_by_name(".dynamic")
    if dynamic is not None:
        for tag in dynamic.iter_tags():
            kind = tag.entry.d_tag
            if kind == "DT_NEEDED":
                info.needed.append(str(tag.needed))
            elif kind == "DT_RPATH":
                info.rpath.extend(p for p in str(tag.rpath).split(":") if p)
            elif kind == "DT_RUNPATH":
                info.runpath.extend(p for p in str(tag.runpath).split(":") if p)
            elif kind == "DT_SONAME":
                info.soname = str(tag.soname)
    dynsym = elf.get_section_by_name(".dynsym")
    if dynsym is not None:
        for sym in _symbols(dynsym):
            entry = sym.entry
            if (
                entry["st_info"]["type"] == "STT_FUNC"
                and entry["st_info"]["bind"] in ("STB_GLOBAL", "STB_WEAK")
                and entry["st_shndx"] != "SHN_UNDEF"
                and entry["st_other"]["visibility"] in ("STV_DEFAULT", "STV_PROTECTED")
                and sym.name
            ):
                info.exported_functions[sym.name] = _symbol(sym)
    if want_symbols:
        for name, table in ((".symtab", info.symbols), (".dynsym", info.dynamic_symbols)):
            section = elf.get_section_by_name(name)
            for sym in _symbols(section) if section is not None else ():
                if sym.name and sym.entry["st_shndx"] != "SHN_UNDEF":
                    table[sym.name] = _symbol(sym)
        relocations = elf.get_section_by_name(".rela.dyn")
        if relocations is not None and hasattr(relocations, "iter_relocations"):
            targets = elf.get_section(relocations["sh_link"])
            for reloc in relocations.iter_relocations():
                if not reloc.is_RELA():
                    continue
                base = 0
                if reloc["r_info_sym"]:
                    target = targets.get_symbol(reloc["r_info_sym"])
                    if target is None or target.entry["st_shndx"] == "SHN_UNDEF":
                        continue
                    base = int(target.entry["st_value"])
                info.relative[int(reloc["r_offset"])] = base + int(reloc["r_addend"])
    return info


def _symbols(section: Any) -> Iterator[Any]:
    if not hasattr(section, "iter_symbols"):
        raise ElfError(f"corrupt ELF file: {section.name} is not a symbol table")
    yield from section.iter_symbols()


def _symbol(sym: Any) -> Symbol:
    entry = sym.entry
    return Symbol(str(sym.name), int(entry["st_value"]), int(entry["st_size"]), entry["st_shndx"])


class Image:
    """Random access to an ELF file's bytes by virtual address."""

    def __init__(self, info: ElfInfo) -> None:
        self.info = info
        self.data = info.path.read_bytes()

    def offset(self, address: int) -> int | None:
        for start, offset, size in self.info.sections.values():
            if start and start <= address < start + size:
                return offset + (address - start)
        for start, offset, size, _ in self.info.segments:
            if start <= address < start + size:
                return offset + (address - start)
        return None

    def read(self, address: int, size: int) -> bytes | None:
        offset = self.offset(address)
        if offset is None or offset + size > len(self.data) or size < 0:
            return None
        return self.data[offset : offset + size]

    def word(self, address: int) -> int | None:
        width = self.info.elf_class // 8
        raw = self.read(address, width)
        if raw is None:
            return None
        value = int.from_bytes(raw, "little" if self.info.little_endian else "big")
        # In a shared object the loader fills pointers in from dynamic relocations.
        return value or self.info.relative.get(address)

    def go_string(self, address: int) -> bytes | None:
        """The bytes of a Go string header ``{ptr, len}`` stored at ``address``."""
        width = self.info.elf_class // 8
        pointer, length = self.word(address), self.word(address + width)
        if not pointer or length is None or length > 1 << 20:
            return None
        return self.read(pointer, length)


# --- resolving DT_NEEDED like the dynamic loader ---------------------------------------------


_DEFAULT_DIRS = {
    64: ("/lib64", "/usr/lib64", "/lib", "/usr/lib"),
    32: ("/lib32", "/usr/lib32", "/lib", "/usr/lib"),
}
_CACHE_LINE = re.compile(r"^\s*(\S+)\s+\(([^)]*)\)\s+=>\s+(\S+)\s*$")


@cache
def ldconfig_cache() -> tuple[tuple[str, str, str], ...]:
    """``ldconfig -p`` entries: (soname, flags such as ``libc6,x86-64``, path)."""
    for ldconfig in ("ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            proc = subprocess.run(
                [ldconfig, "-p"],
                capture_output=True,
                text=True,
                timeout=20,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        entries = []
        for line in proc.stdout.splitlines():
            match = _CACHE_LINE.match(line)
            if match:
                entries.append((match.group(1), match.group(2), match.group(3)))
        return tuple(entries)
    return ()


def _multiarch_dirs(info: ElfInfo) -> tuple[str, ...]:
    triples = {
        ("EM_X86_64", 64): "x86_64-linux-gnu",
        ("EM_386", 32): "i386-linux-gnu",
        ("EM_AARCH64", 64): "aarch64-linux-gnu",
        ("EM_ARM", 32): "arm-linux-gnueabihf",
    }
    triple = triples.get((info.machine, info.elf_class))
    return (f"/lib/{triple}", f"/usr/lib/{triple}") if triple else ()


def _expand(entry: str, origin: Path) -> str:
    for token in ("$ORIGIN", "${ORIGIN}"):
        entry = entry.replace(token, str(origin))
    return entry


def _compatible(path: Path, info: ElfInfo) -> bool:
    """The loader skips a candidate of another class or machine and keeps searching."""
    try:
        with path.open("rb") as stream:
            head = stream.read(20)
    except OSError:
        return False
    if len(head) < 20 or head[:4] != ELF_MAGIC:
        return False
    elf_class = 64 if head[4] == 2 else 32
    machine = int.from_bytes(head[18:20], "little" if head[5] == 1 else "big")
    return elf_class == info.elf_class and machine == _machine_number(info.machine)


def _machine_number(name: str) -> int | None:
    try:
        from elftools.elf.enums import ENUM_E_MACHINE
    except ImportError:
        return None
    value = ENUM_E_MACHINE.get(name)
    return int(value) if isinstance(value, int) else None


def resolve_needed(name: str, needer: ElfInfo) -> Path | None:
    """Where the loader would find ``name`` needed by ``needer``, or ``None``."""
    if "/" in name:
        candidate = Path(_expand(name, needer.path.parent.resolve()))
        return candidate if _compatible(candidate, needer) else None
    origin = needer.path.resolve().parent
    dirs: list[str] = []
    if not needer.runpath:
        dirs.extend(_expand(d, origin) for d in needer.rpath)
    dirs.extend(p for p in os.environ.get("LD_LIBRARY_PATH", "").split(":") if p)
    dirs.extend(_expand(d, origin) for d in needer.runpath)
    for directory in dirs:
        candidate = Path(directory) / name
        if candidate.is_file() and _compatible(candidate, needer):
            return candidate
    for soname, _flags, path in ldconfig_cache():
        if soname == name and _compatible(Path(path), needer):
            return Path(path)
    for directory in (*_multiarch_dirs(needer), *_DEFAULT_DIRS.get(needer.elf_class, ())):
        candidate = Path(directory) / name
        if candidate.is_file() and _compatible(candidate, needer):
            return candidate
    return None


def missing_needed(info: ElfInfo, *, limit: int = 200) -> list[tuple[str, str]]:
    """DT_NEEDED libraries the loader cannot find, transitively: (missing name, needed by)."""
    missing: list[tuple[str, str]] = []
    seen: set[str] = set()
    queue: list[ElfInfo] = [info]
    while queue and len(seen) < limit:
        current = queue.pop(0)
        for name in current.needed:
            if name in seen:
                continue
            seen.add(name)
            found = resolve_needed(name, current)
            if found is None:
                missing.append((name, current.path.name))
                continue
            try:
                queue.append(read_elf(found))
            except ElfError:
                continue
    return missing
