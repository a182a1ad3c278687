"""The target's verdict on a plugin's shipped bytecode (``_pyc_check``), on real files."""

from __future__ import annotations

import importlib.util
import marshal
from pathlib import Path

from plugcheck import _pyc_check


def _timestamp_pyc(source: Path, code: object) -> Path:
    """A timestamp ``.pyc`` the import would load for ``source``, holding ``code``."""
    found = source.stat()
    header = importlib.util.MAGIC_NUMBER + (0).to_bytes(4, "little")
    header += (int(found.st_mtime) & 0xFFFFFFFF).to_bytes(4, "little")
    header += (found.st_size & 0xFFFFFFFF).to_bytes(4, "little")
    pyc = source.parent / "__pycache__" / "mod.pyc"
    pyc.parent.mkdir()
    pyc.write_bytes(header + marshal.dumps(code))
    return pyc


def test_a_source_too_large_to_compile_is_uncompared_not_different(tmp_path: Path) -> None:
    # A source whose compile runs out of memory (faker-education ships a 17 MB table that needs
    # 1.2 GiB, past the child's 1 GiB) says nothing about the bytecode beside it.
    source = tmp_path / "mod.py"
    source.write_text("x = " + "-" * 200_000 + "1\n")
    pyc = _timestamp_pyc(source, compile("x = 1\n", str(source), "exec"))
    assert _pyc_check.judge(str(source), str(pyc)) == "uncompared timestamp"


def test_other_code_beside_a_source_differs(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text("x = 1\n")
    pyc = _timestamp_pyc(source, compile("x = 2\n", str(source), "exec"))
    assert _pyc_check.judge(str(source), str(pyc)) == "differs timestamp"
