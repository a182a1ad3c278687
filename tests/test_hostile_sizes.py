"""Native and WebAssembly plugins whose files make plugcheck's own process read gigabytes: a
module or a library padded to a sparse 8 GiB (no disk space; the host maps or loads it), and a
library whose ``.dynsym`` section header claims 6 GiB of such a file (the dynamic loader reads
no section header: it loads). plugcheck runs under a 3 GiB address-space limit here, so a
read of the whole is a MemoryError instead of the machine's memory (red team sand19)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TESTDATA, copy_host

pytestmark = pytest.mark.harness

EIGHT_GIB = 8 << 30


def _bounded() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _check(root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plugcheck", "check", str(root), "--no-dynamic"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        preexec_fn=_bounded,
        timeout=300,
        check=False,
    )


def _pad(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(EIGHT_GIB)


def test_a_sparse_wasm_module_is_not_read_whole(tmp_path: Path) -> None:
    root = copy_host(TESTDATA / "rules" / "PC640" / "good", tmp_path / "host")
    module = root / "modules" / "sparse.wasm"
    module.write_bytes(b"\0asm\x01\0\0\0")
    _pad(module)
    proc = _check(root, tmp_path)
    assert "internal error" not in proc.stdout + proc.stderr, proc.stdout[-2000:]
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "PC640 sparse.wasm does not compile: cannot read it: 8,589,934,592 bytes" in proc.stdout


def test_a_sparse_go_plugin_is_not_read_whole(tmp_path: Path) -> None:
    root = copy_host(TESTDATA / "rules" / "PC721" / "good", tmp_path / "host")
    padded = root / "plugins" / "padded.so"
    shutil.copyfile(root / "plugins" / "greeter.so", padded)
    _pad(padded)
    proc = _check(root, tmp_path)
    assert "internal error" not in proc.stdout + proc.stderr, proc.stdout[-2000:]
    # Both are judged: the same plugin path twice (PC729), and nothing else.
    codes = {line.split()[1] for line in proc.stdout.splitlines() if ": PC" in line}
    assert codes == {"PC729"}, proc.stdout[-2000:]


def test_a_section_header_claiming_gigabytes_is_not_read(tmp_path: Path) -> None:
    from elftools.elf.elffile import ELFFile

    root = tmp_path / "host"
    (root / "lib").mkdir(parents=True)
    header = TESTDATA / "native" / "c-shared" / "include" / "plugin.h"
    (root / "pyproject.toml").write_text(
        f'[tool.plugcheck.contracts.native]\nkind = "c-shared"\npaths = ["lib/*.so"]\n'
        f"header = {str(header)!r}\n"
    )
    library = root / "lib" / "libclaims.so"
    shutil.copyfile(TESTDATA / "rules" / "PC701" / "good" / "lib" / "libgood.so", library)
    with library.open("rb") as handle:
        elf = ELFFile(handle)
        index = next(i for i, s in enumerate(elf.iter_sections()) if s.name == ".dynsym")
        where = elf["e_shoff"] + index * elf["e_shentsize"]
    with library.open("r+b") as handle:
        handle.seek(where + 24)  # Elf64_Shdr: sh_offset, sh_size
        handle.write(struct.pack("<QQ", 1 << 30, 6 << 30))
    _pad(library)
    proc = _check(root, tmp_path)
    assert "MemoryError" not in proc.stdout + proc.stderr, proc.stdout[-2000:]
    assert "section .dynsym is 6,442,450,944 bytes, more than the 64 MiB" in proc.stdout
    assert proc.returncode == 1
