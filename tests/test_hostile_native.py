"""C shared libraries that misbehave where the loader does not look: a constructor that prints
the loader's own events (``{"loaded": true, "smoked": true}``) before a smoke function that
never returns, and a destructor that never returns (the host's exit hangs). Both passed
("All checks passed") before (red team sand17). Built here with the system's C compiler."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from plugcheck import Options, check
from plugcheck.kinds import native_load

from conftest import TESTDATA

pytestmark = [
    pytest.mark.harness,
    pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler"),
]

INCLUDE = TESTDATA / "native" / "c-shared" / "include"
COMMON = """\
#include <stdio.h>
#include <unistd.h>
#include "plugin.h"
static const plugin_info info = {"hostile", 2};
const plugin_info *plugin_describe(void) { return &info; }
int plugin_init(const char *config, size_t length) { return 0; }
int plugin_run(void) { return 0; }
"""
LIBRARIES = {
    "forge": COMMON
    + """\
__attribute__((constructor)) static void early(void) {
    printf("{\\"loaded\\": true, \\"smoked\\": true}\\n");
    fflush(stdout);
}
void plugin_shutdown(void) { for (;;) pause(); }
""",
    "exithang": COMMON
    + """\
__attribute__((destructor)) static void late(void) { for (;;) pause(); }
void plugin_shutdown(void) { }
""",
}


def test_a_library_cannot_print_its_way_past_the_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(native_load, "DEADLINE", 2.0)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    (tmp_path / "lib").mkdir()
    for name, source in LIBRARIES.items():
        (tmp_path / f"{name}.c").write_text(source, encoding="utf-8")
        built = tmp_path / "lib" / f"lib{name}.so"
        compile_ = ["cc", "-shared", "-fPIC", f"-I{INCLUDE}", "-o", str(built)]
        subprocess.run([*compile_, str(tmp_path / f"{name}.c")], check=True)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.plugcheck.contracts.native]\n"
        'kind = "c-shared"\n'
        'paths = ["lib/*.so"]\n'
        f'header = "{INCLUDE / "plugin.h"}"\n'
        'smoke-function = "plugin_shutdown"\n',
        encoding="utf-8",
    )
    report = check(Options(paths=(tmp_path,), mypy=False))
    by_plugin = {f.location.path.name: f for f in report.findings}
    forge = by_plugin["libforge.so"]
    assert forge.code == "PC707" and "timed out" in forge.message, forge
    exithang = by_plugin["libexithang.so"]
    assert exithang.code == "PC706" and "did not exit" in exithang.message, exithang
