"""Rebuild the prebuilt C shared libraries under testdata/ from testdata/native/c-shared/*.c.

The per-rule cases (testdata/rules/PC70x) and the showcase run in the default test suite, which
must not need a compiler, so their libraries are committed; this script regenerates them
(``python scripts/build_native_testdata.py``). tests/test_native.py builds the same sources
into tmp_path with gcc to check the rules on fresh builds too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "testdata" / "native" / "c-shared"
FLAGS = ["-shared", "-fPIC", "-O1", "-s", "-Wl,-z,noseparate-code", "-Wl,--build-id=none"]


def build(source: str, out: Path, *extra: str, cc: str = "gcc") -> Path:
    """Compile ``SOURCES/<source>.c`` into the shared library ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    command = [cc, *FLAGS, f"-I{SOURCES / 'include'}", "-o", str(out), str(SOURCES / f"{source}.c")]
    subprocess.run([*command, *extra], check=True, capture_output=True, text=True)
    return out


def build_needs(out: Path) -> Path:
    """A library whose DT_NEEDED names libplugcheck-absent.so.1, which is not shipped."""
    with tempfile.TemporaryDirectory() as tmp:
        helper = Path(tmp) / "libplugcheck-absent.so.1"
        build("helper", helper, "-Wl,-soname,libplugcheck-absent.so.1")
        return build("needs", out, f"-L{tmp}", "-l:libplugcheck-absent.so.1")


def build_withdep(out: Path) -> Path:
    """A library that needs deps/libhelper.so beside it, found through RUNPATH $ORIGIN/deps."""
    deps = out.parent / "deps"
    build("helper", deps / "libhelper.so", "-Wl,-soname,libhelper.so")
    return build(
        "withdep", out, f"-L{deps}", "-lhelper", "-Wl,-rpath,$ORIGIN/deps", "-Wl,--enable-new-dtags"
    )


def build_truncated(out: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        full = build("good", Path(tmp) / "libfull.so")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(full.read_bytes()[:600])
    return out


RULES = ROOT / "testdata" / "rules"
SHOWCASE = ROOT / "testdata" / "showcase" / "native"


def main() -> int:
    if shutil.which("gcc") is None:
        print("gcc not found", file=sys.stderr)
        return 1
    good = [
        RULES / "PC701" / "good" / "lib" / "libgood.so",
        RULES / "PC702" / "good" / "lib" / "libgood.so",
        RULES / "PC703" / "good" / "lib" / "libgood.so",
        RULES / "PC705" / "good" / "lib" / "libgood.so",
        RULES / "PC706" / "good" / "lib" / "libgood.so",
        RULES / "PC707" / "good" / "lib" / "libgood.so",
        SHOWCASE / "lib" / "libgreeter.so",
    ]
    for out in good:
        build("good", out)
    build("missing", RULES / "PC701" / "bad" / "lib" / "libmissing.so")
    build("extra", RULES / "PC702" / "bad" / "lib" / "libextra.so")
    build("good", RULES / "PC703" / "bad" / "lib" / "libgood32.so", "-m32")
    build_needs(RULES / "PC704" / "bad" / "lib" / "libneeds.so")
    build_withdep(RULES / "PC704" / "good" / "lib" / "libwithdep.so")
    build_truncated(RULES / "PC705" / "bad" / "lib" / "libtruncated.so")
    build("undefined", RULES / "PC706" / "bad" / "lib" / "libundefined.so")
    build("crash", RULES / "PC707" / "bad" / "lib" / "libcrash.so")
    build("missing", SHOWCASE / "lib" / "libforgetful.so")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
