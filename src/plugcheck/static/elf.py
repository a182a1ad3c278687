"""Read what a loader sees in an ELF file: class, machine, exports, needed libraries, symbols.

pyelftools (the ``native`` extra) is imported lazily. Every reading error, on a truncated,
stripped, corrupt or non-ELF file, becomes :class:`ElfError` with a one-line reason.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any, overload

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
class ElfSymbol:
    name: str
    value: int
    size: int
    section: int
    """Section index; 0 is SHN_UNDEF (an undefined, imported symbol)."""
    info: int = 0
    other: int = 0

    @property
    def type(self) -> int:
        return self.info & 0xF

    @property
    def bind(self) -> int:
        return self.info >> 4

    @property
    def visibility(self) -> int:
        return self.other & 0x3


@dataclass(slots=True)
class ElfInfo:
    """What plugcheck compares in an ELF file; ``symbols`` is ``.symtab`` (empty if stripped)."""

    path: Path
    elf_class: int
    machine: str
    little_endian: bool
    elf_type: str
    exported_functions: dict[str, ElfSymbol] = field(default_factory=dict)
    exported_objects: dict[str, ElfSymbol] = field(default_factory=dict)
    """Defined data symbols (variables, thread-locals) in ``.dynsym``."""
    needed: list[str] = field(default_factory=list)
    rpath: list[str] = field(default_factory=list)
    runpath: list[str] = field(default_factory=list)
    soname: str | None = None
    symbols: dict[str, ElfSymbol] = field(default_factory=dict)
    sections: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """name -> (address, file offset, size) of sections with file contents."""
    segments: list[tuple[int, int, int, int]] = field(default_factory=list)
    """PT_LOAD segments: (virtual address, file offset, file size, flags)."""
    dynamic_symbols: dict[str, ElfSymbol] = field(default_factory=dict)
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


def _open_regular(path: Path) -> int:
    """A descriptor of the regular file ``path`` (:class:`ElfError` for anything else: opening
    a FIFO to read blocks until a writer comes, for ever; ``O_NONBLOCK`` returns at once)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError as exc:
        raise ElfError(f"cannot open: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ElfError("cannot open: not a regular file")
    return fd


def read_elf(path: Path, *, symbols: bool = False) -> ElfInfo:
    """Parse ``path``'s headers, dynamic section and dynamic symbols (``.symtab`` on request)."""
    stream = os.fdopen(_open_regular(path), "rb")
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
    endian = "<" if info.little_endian else ">"
    dynsym = elf.get_section_by_name(".dynsym")
    dynamic_table = _symbol_table(elf, dynsym, endian) if dynsym is not None else []
    for sym in dynamic_table:
        if (
            sym.bind in (_STB_GLOBAL, _STB_WEAK)
            and sym.visibility in (_STV_DEFAULT, _STV_PROTECTED)
            and sym.section != 0
            and sym.name
        ):
            if sym.type in (_STT_FUNC, _STT_GNU_IFUNC):
                info.exported_functions[sym.name] = sym
            elif sym.type in (_STT_OBJECT, _STT_TLS):
                info.exported_objects[sym.name] = sym
    if want_symbols:
        symtab = elf.get_section_by_name(".symtab")
        for table, entries in (
            (info.symbols, _symbol_table(elf, symtab, endian) if symtab is not None else []),
            (info.dynamic_symbols, dynamic_table),
        ):
            for sym in entries:
                if sym.name and sym.section != 0:
                    table[sym.name] = sym
        relocations = elf.get_section_by_name(".rela.dyn")
        if relocations is not None and relocations["sh_type"] == "SHT_RELA":
            _relocations(info, section_data(relocations), dynamic_table, endian)
    return info


# Symbol tables and relocations are unpacked with struct: pyelftools' per-entry parsing takes
# seconds on a Go binary with 100k symbols.
_STT_OBJECT, _STT_FUNC, _STT_TLS, _STT_GNU_IFUNC = 1, 2, 6, 10
_STB_GLOBAL, _STB_WEAK, _STV_DEFAULT, _STV_PROTECTED = 1, 2, 0, 3


SECTION_LIMIT = 64 * 1024 * 1024
"""Most bytes plugcheck reads of one section of a plugin's ELF file (a large library's
``.dynstr`` is tens of MiB): the dynamic loader reads no section header, so a library whose
``.dynsym`` header claims 6 GiB of a sparse file loads in the host, and plugcheck read all of
it, then built a symbol for every 24 bytes (red team sand19)."""


def section_data(section: Any) -> bytes:
    """The bytes of ``section`` (uncompressed); :class:`ElfError` past :data:`SECTION_LIMIT`."""
    size = int(getattr(section, "data_size", None) or section["sh_size"])
    if size > SECTION_LIMIT:
        raise ElfError(
            f"section {section.name} is {size:,} bytes, more than the"
            f" {SECTION_LIMIT >> 20} MiB plugcheck reads of one section"
        )
    data: bytes = section.data()
    return data


def _symbol_table(elf: Any, section: Any, endian: str) -> list[ElfSymbol]:
    if section["sh_type"] not in ("SHT_SYMTAB", "SHT_DYNSYM"):
        raise ElfError(f"corrupt ELF file: {section.name} is not a symbol table")
    strings = section_data(elf.get_section(section["sh_link"]))
    data = section_data(section)
    if elf.elfclass == 64:
        layout, width = f"{endian}IBBHQQ", 24
        rows = ((n, i, o, x, v, z) for n, i, o, x, v, z in _unpack(layout, width, data))
    else:
        layout, width = f"{endian}IIIBBH", 16
        rows = ((n, i, o, x, v, z) for n, v, z, i, o, x in _unpack(layout, width, data))
    symbols = []
    for name_at, st_info, st_other, shndx, value, size in rows:
        end = strings.find(b"\0", name_at)
        name = strings[name_at : end if end >= 0 else len(strings)]
        symbols.append(
            ElfSymbol(name.decode("utf-8", "replace"), value, size, shndx, st_info, st_other)
        )
    return symbols


def _unpack(layout: str, width: int, data: bytes) -> Iterator[tuple[int, ...]]:
    usable = len(data) - len(data) % width
    return struct.iter_unpack(layout, data[:usable])


def _relocations(info: ElfInfo, data: bytes, dynsym: list[ElfSymbol], endian: str) -> None:
    if info.elf_class == 64:
        rows = _unpack(f"{endian}QQq", 24, data)
        shift = 32
    else:
        rows = _unpack(f"{endian}IIi", 12, data)
        shift = 8
    for offset, r_info, addend in rows:
        index = r_info >> shift
        base = 0
        if index:
            if index >= len(dynsym) or dynsym[index].section == 0:
                continue
            base = dynsym[index].value
        info.relative[offset] = base + addend


class Image:
    """Random access to an ELF file's bytes by virtual address."""

    def __init__(self, info: ElfInfo) -> None:
        self.info = info
        self.data = FileBytes(info.path)

    def close(self) -> None:
        self.data.close()

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
        if offset is None or offset + size > len(self.data) or not 0 <= size <= SECTION_LIMIT:
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


class FileBytes:
    """A file's bytes, read where asked (``os.pread``), never whole: a Go plugin padded to a
    sparse 8 GiB loads in the host (which maps it) and took 8 GiB of plugcheck's memory when
    read whole (red team sand19); a mapping would take 8 GiB of its address space."""

    _CHUNK = 1 << 20

    def __init__(self, path: Path) -> None:
        fd = _open_regular(path)
        try:
            self._size = os.fstat(fd).st_size
            self._fd: int | None = fd
        except OSError:
            os.close(fd)
            raise

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, key: int) -> int: ...

    @overload
    def __getitem__(self, key: slice) -> bytes: ...

    def __getitem__(self, key: int | slice) -> int | bytes:
        if isinstance(key, int):
            if not 0 <= key < self._size:
                raise IndexError(key)
            return self._read(key, 1)[0]
        start, stop, _ = key.indices(self._size)
        return self._read(start, stop - start) if stop > start else b""

    def find(self, sub: bytes, start: int, end: int) -> int:
        """The first ``sub`` in ``[start, end)``, read a MiB at a time; -1 when none."""
        end = min(end, self._size)
        at = max(start, 0)
        while at < end:
            chunk = self._read(at, min(self._CHUNK + len(sub) - 1, end - at))
            found = chunk.find(sub)
            if found >= 0:
                return at + found
            at += self._CHUNK
        return -1

    def _read(self, offset: int, size: int) -> bytes:
        if self._fd is None:
            raise ValueError("closed")
        if size > SECTION_LIMIT:
            raise ElfError(f"a read of {size:,} bytes, more than plugcheck reads at once")
        return os.pread(self._fd, size, offset)


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


def _needed_closure(
    start: ElfInfo, seen: set[str], limit: int
) -> Iterator[tuple[str, ElfInfo, Path | None, ElfInfo | None]]:
    """Walk DT_NEEDED breadth-first from ``start``: (name, needed by, file, its ELF info).

    Names in ``seen`` (which the walk extends, and callers may too) are not visited again; the
    walk stops after ``limit`` names. A file that is found but unreadable is not descended into.
    """
    queue = [start]
    while queue and len(seen) < limit:
        current = queue.pop(0)
        for name in current.needed:
            if name in seen:
                continue
            seen.add(name)
            found = resolve_needed(name, current)
            dependency = None
            if found is not None:
                try:
                    dependency = read_elf(found)
                except ElfError:
                    dependency = None
            yield name, current, found, dependency
            if dependency is not None:
                queue.append(dependency)


def missing_needed(
    info: ElfInfo, *, loaded: frozenset[str] = frozenset(), limit: int = 200
) -> list[tuple[str, str]]:
    """DT_NEEDED libraries the loader cannot find, transitively: (missing name, needed by).

    ``loaded`` holds the sonames already in the host process (the interpreter's own
    dependencies): ld.so reuses those whatever its search path says.
    """
    missing: list[tuple[str, str]] = []
    for name, needer, found, _ in _needed_closure(info, set(loaded), limit):
        if found is None:
            missing.append((name, needer.path.name))
    return missing


def loaded_sonames(executable: ElfInfo, *, limit: int = 200) -> frozenset[str]:
    """The libraries a process of ``executable`` has loaded at start-up, by name and soname."""
    names: set[str] = set()
    for _, _, _, dependency in _needed_closure(executable, names, limit):
        if dependency is not None and dependency.soname:
            names.add(dependency.soname)  # the walk skips it too: ld.so has it by soname
    return frozenset(names)
