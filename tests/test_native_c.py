"""kind = "c-shared": libraries built with gcc by the tests, checked through the public surface."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plugcheck import Options, check

from conftest import TESTDATA, load_script, run_cli, write_host

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc is not installed")

HEADER = TESTDATA / "native" / "c-shared" / "include" / "plugin.h"


BUILD = load_script("build_native_testdata")


def _host(tmp_path: Path, extra: str = "") -> Path:
    return write_host(
        tmp_path,
        pyproject="[tool.plugcheck.contracts.native]\n"
        'kind = "c-shared"\n'
        'paths = ["lib/*.so"]\n'
        f'header = "{HEADER}"\n' + extra,
    )


def _codes(root: Path, **options: object) -> list[tuple[str, str]]:
    report = check(Options(paths=(root,), **options))  # type: ignore[arg-type]
    return sorted((f.location.path.name, f.code) for f in report.findings)


@pytest.mark.harness
def test_good_library_is_clean(tmp_path: Path) -> None:
    BUILD.build("good", tmp_path / "lib" / "libgood.so")  # type: ignore[attr-defined]
    host = _host(tmp_path, 'interface-prefix = "plugin_"\nsmoke-function = "plugin_run"\n')
    assert _codes(host) == []


@pytest.mark.harness
def test_missing_symbol_points_at_the_prototype(tmp_path: Path) -> None:
    BUILD.build("missing", tmp_path / "lib" / "libmissing.so")  # type: ignore[attr-defined]
    report = check(Options(paths=(_host(tmp_path),)))
    [finding] = report.findings
    assert finding.code == "PC701"
    assert finding.location.path == HEADER.resolve()
    line = HEADER.read_text().splitlines()[finding.location.line - 1]
    assert line.startswith("int plugin_run(void);")
    assert "libmissing.so does not export plugin_run()" in finding.message
    assert finding.plugin == "libmissing.so"


@pytest.mark.harness
def test_extra_symbol_with_the_prefix(tmp_path: Path) -> None:
    BUILD.build("extra", tmp_path / "lib" / "libextra.so")  # type: ignore[attr-defined]
    assert _codes(_host(tmp_path)) == []  # no prefix: nothing to compare
    host = _host(tmp_path, 'interface-prefix = "plugin_"\n')
    report = check(Options(paths=(host,)))
    assert [(f.code, f.severity.value) for f in report.findings] == [("PC702", "warning")]
    assert "plugin_debug()" in report.findings[0].message


@pytest.mark.harness
def test_wrong_architecture(tmp_path: Path) -> None:
    try:
        BUILD.build("good", tmp_path / "lib" / "libgood32.so", "-m32")  # type: ignore[attr-defined]
    except subprocess.CalledProcessError:
        pytest.skip("gcc -m32 needs gcc-multilib, which is not installed")
    report = check(Options(paths=(_host(tmp_path),)))
    assert [f.code for f in report.findings] == ["PC703"]
    assert "ELF32 i386" in report.findings[0].message


@pytest.mark.harness
def test_missing_needed_library_and_origin_runpath(tmp_path: Path) -> None:
    BUILD.build_needs(tmp_path / "lib" / "libneeds.so")  # type: ignore[attr-defined]
    BUILD.build_withdep(tmp_path / "lib" / "libwithdep.so")  # type: ignore[attr-defined]
    report = check(Options(paths=(_host(tmp_path),)))
    assert [(f.plugin, f.code) for f in report.findings] == [("libneeds.so", "PC704")]
    assert "libplugcheck-absent.so.1" in report.findings[0].message


@pytest.mark.harness
def test_needed_library_found_through_ld_library_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    BUILD.build_needs(tmp_path / "lib" / "libneeds.so")  # type: ignore[attr-defined]
    extra = tmp_path / "extra"
    BUILD.build(  # type: ignore[attr-defined]
        "helper", extra / "libplugcheck-absent.so.1", "-Wl,-soname,libplugcheck-absent.so.1"
    )
    monkeypatch.setenv("LD_LIBRARY_PATH", str(extra))
    assert _codes(_host(tmp_path)) == []


@pytest.mark.harness
def test_load_failure_and_smoke_crash_are_findings(tmp_path: Path) -> None:
    BUILD.build("undefined", tmp_path / "lib" / "libundefined.so")  # type: ignore[attr-defined]
    BUILD.build("crash", tmp_path / "lib" / "libcrash.so")  # type: ignore[attr-defined]
    host = _host(tmp_path, 'smoke-function = "plugin_shutdown"\n')
    report = check(Options(paths=(host,)))
    by_plugin = {f.plugin: f for f in report.findings}
    assert sorted((p, f.code) for p, f in by_plugin.items()) == [
        ("libcrash.so", "PC707"),
        ("libundefined.so", "PC706"),
    ]
    assert "plugcheck_no_such_function" in by_plugin["libundefined.so"].message
    assert "SIGSEGV" in by_plugin["libcrash.so"].message
    # Static only: neither is predictable from the files.
    assert _codes(host, dynamic=False) == []


@pytest.mark.harness
def test_non_elf_truncated_and_executable_files_are_findings(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    full = BUILD.build("good", lib / "libgood.so")  # type: ignore[attr-defined]
    (lib / "libtext.so").write_text("INPUT(-lgood)\n")
    (lib / "libempty.so").write_bytes(b"")
    for size in (4, 64, 600, 3000):
        (lib / f"libcut{size}.so").write_bytes(full.read_bytes()[:size])
    exe = lib / "libexe.so"
    source = tmp_path / "main.c"
    source.write_text("int main(void) { return 0; }\n")
    subprocess.run(["gcc", "-no-pie", "-o", str(exe), str(source)], check=True)
    codes = _codes(_host(tmp_path))
    assert codes == [
        ("libcut3000.so", "PC705"),
        ("libcut4.so", "PC705"),
        ("libcut600.so", "PC705"),
        ("libcut64.so", "PC705"),
        ("libempty.so", "PC705"),
        ("libexe.so", "PC705"),
        ("libtext.so", "PC705"),
    ]


@pytest.mark.harness
def test_explicit_path_checks_only_that_library(tmp_path: Path) -> None:
    BUILD.build("good", tmp_path / "lib" / "libgood.so")  # type: ignore[attr-defined]
    BUILD.build("missing", tmp_path / "lib" / "libmissing.so")  # type: ignore[attr-defined]
    _host(tmp_path)
    report = check(
        Options(paths=(tmp_path / "lib" / "libgood.so",), config=tmp_path / "pyproject.toml")
    )
    assert [p.name for p in report.plugins] == ["libgood.so"]
    assert report.findings == []


@pytest.mark.harness
@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("", "header: is required"),
        ('header = "nope.h"\n', "'nope.h': file not found"),
        ("header = 3\n", "must be a non-empty string"),
        ('header = "bad.h"\n', "header"),
        ('header = "plugin.h"\nsmoke-function = "not an identifier"\n', "identifier"),
        ('header = "plugin.h"\ninclude-dirs = "inc"\n', "list of directories"),
    ],
)
def test_bad_contracts_exit_2_with_one_line(tmp_path: Path, extra: str, message: str) -> None:
    shutil.copy(HEADER, tmp_path / "plugin.h")
    (tmp_path / "bad.h").write_text("int broken(;\n")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "libx.so").write_bytes(b"")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.native]\nkind = "c-shared"\npaths = ["lib/*.so"]\n' + extra
    )
    proc = run_cli("check", str(tmp_path))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], proc.stderr


@pytest.mark.harness
def test_header_with_system_includes_and_local_header(tmp_path: Path) -> None:
    inc = tmp_path / "inc"
    inc.mkdir()
    (inc / "types.h").write_text("#include <stdio.h>\ntypedef struct { FILE *out; } sink;\n")
    (tmp_path / "api.h").write_text(
        '#include <stdint.h>\n#include <zlib_unknown_but_unused.h>\n#include "types.h"\n'
        "static inline int helper(void) { return 0; }\n"
        "int plugin_write(sink *s, const uint8_t *data, size_t n);\n"
        "extern int plugin_flags;\n"
    )
    (tmp_path / "lib").mkdir()
    source = tmp_path / "impl.c"
    source.write_text(
        "int plugin_flags;\n"
        "int plugin_write(void *s, const void *d, unsigned long n) { return 0; }\n"
    )
    subprocess.run(
        ["gcc", "-shared", "-fPIC", "-o", str(tmp_path / "lib" / "libw.so"), str(source)],
        check=True,
    )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.native]\nkind = "c-shared"\npaths = ["lib/*.so"]\n'
        'header = "api.h"\ninclude-dirs = ["inc"]\ninterface-prefix = "plugin_"\n'
    )
    assert _codes(tmp_path) == []


@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("go") is None, reason="no Go toolchain")
def test_cgo_generated_header(tmp_path: Path) -> None:
    """go build -buildmode=c-shared writes the .so and a .h with #line directives."""
    (tmp_path / "go.mod").write_text("module example.com/cgo\n\ngo 1.19\n")
    (tmp_path / "main.go").write_text(
        'package main\n\nimport "C"\n\n//export PluginRun\nfunc PluginRun(x C.int) C.int '
        "{ return x + 1 }\n\nfunc main() {}\n"
    )
    (tmp_path / "lib").mkdir()
    subprocess.run(
        ["go", "build", "-buildmode=c-shared", "-o", "lib/libcgo.so", "."],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    header = tmp_path / "lib" / "libcgo.h"
    header.write_text(header.read_text() + "extern int PluginStop(void);\n")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.cgo]\nkind = "c-shared"\npaths = ["lib/*.so"]\n'
        'header = "lib/libcgo.h"\ninterface-prefix = "Plugin"\nsmoke-function = "PluginRun"\n'
    )
    report = check(Options(paths=(tmp_path,)))
    [finding] = report.findings
    assert finding.code == "PC701" and "PluginStop" in finding.message
    assert finding.location.line == len(header.read_text().splitlines())


@pytest.mark.harness
def test_declared_smoke_function_missing_is_reported_once(tmp_path: Path) -> None:
    BUILD.build("missing", tmp_path / "lib" / "libmissing.so")  # type: ignore[attr-defined]
    report = check(Options(paths=(_host(tmp_path, 'smoke-function = "plugin_run"\n'),)))
    assert [f.code for f in report.findings] == ["PC701"]


@pytest.mark.harness
def test_undeclared_smoke_function_missing_is_a_smoke_failure(tmp_path: Path) -> None:
    BUILD.build("good", tmp_path / "lib" / "libgood.so")  # type: ignore[attr-defined]
    report = check(Options(paths=(_host(tmp_path, 'smoke-function = "plugin_selftest"\n'),)))
    [finding] = report.findings
    assert finding.code == "PC707" and "not exported" in finding.message


@pytest.mark.harness
def test_libraries_the_interpreter_already_loaded_count_as_found(tmp_path: Path) -> None:
    """ld.so reuses an already loaded soname (pyenv's libpython, found via python's RUNPATH)."""
    from plugcheck.static import elf

    interpreter = elf.read_elf(Path(sys.executable).resolve())
    private = [n for n in interpreter.needed if n.startswith("libpython")]
    if not private:
        pytest.skip("this interpreter does not link a shared libpython")
    stub = tmp_path / "stub" / private[0]
    BUILD.build("helper", stub, f"-Wl,-soname,{private[0]}")  # type: ignore[attr-defined]
    BUILD.build(  # type: ignore[attr-defined]
        "good",
        tmp_path / "lib" / "libpy.so",
        f"-L{stub.parent}",
        "-Wl,--no-as-needed",
        f"-l:{private[0]}",
    )
    shutil.rmtree(stub.parent)
    report = check(Options(paths=(_host(tmp_path),)))
    found = elf.missing_needed(elf.read_elf(tmp_path / "lib" / "libpy.so"))
    assert private[0] in elf.read_elf(tmp_path / "lib" / "libpy.so").needed
    assert [name for name, _ in found] in ([], [private[0]])  # may or may not be in ldconfig
    assert report.findings == []  # and ctypes loads it in that interpreter


@pytest.mark.harness
def test_explicit_library_outside_the_globs_is_checked(tmp_path: Path) -> None:
    """A plugin author checks a fresh build against the host's contract."""
    (tmp_path / "host").mkdir()
    host = _host(tmp_path / "host")
    BUILD.build("good", host / "lib" / "libgood.so")  # type: ignore[attr-defined]
    fresh = BUILD.build("missing", tmp_path / "build" / "libfresh.so")  # type: ignore[attr-defined]
    (tmp_path / "build" / "notes.txt").write_text("not a library\n")
    report = check(
        Options(paths=(fresh, tmp_path / "build" / "notes.txt"), config=host / "pyproject.toml")
    )
    assert [p.name for p in report.plugins] == ["libfresh.so"]
    assert [(f.plugin, f.code) for f in report.findings] == [("libfresh.so", "PC701")]


@pytest.mark.harness
def test_missing_native_extra_is_one_line_usage_error(tmp_path: Path) -> None:
    """Without pyelftools (here: shadowed by a package that fails to import) -> exit 2."""
    blocked = tmp_path / "blocked" / "elftools"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text("raise ImportError('not installed')\n")
    (tmp_path / "lib").mkdir()
    BUILD.build("good", tmp_path / "lib" / "libgood.so")  # type: ignore[attr-defined]
    _host(tmp_path)
    proc = run_cli("check", str(tmp_path), env={"PYTHONPATH": str(blocked.parent)})
    assert proc.returncode == 2, proc.stdout + proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert "pip install 'plugcheck[native]'" in line


@pytest.mark.harness
def test_symlinked_library_is_one_plugin_and_a_dangling_link_a_finding(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    real = BUILD.build("good", lib / "libgood.so.1")  # type: ignore[attr-defined]
    (lib / "libgood.so").symlink_to(real.name)
    (lib / "libgone.so").symlink_to("libgone.so.1")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.native]\nkind = "c-shared"\npaths = ["lib/*.so*"]\n'
        f'header = "{HEADER}"\n'
    )
    report = check(Options(paths=(tmp_path,)))
    assert [p.name for p in report.plugins] == ["libgone.so", "libgood.so"]
    assert [(f.plugin, f.code) for f in report.findings] == [("libgone.so", "PC705")]


@pytest.mark.harness
def test_extern_variables_and_inline_functions(tmp_path: Path) -> None:
    (tmp_path / "api.h").write_text(
        "typedef struct { const char *name; } descriptor;\n"
        "extern const descriptor plugin_descriptor;\n"
        "extern int plugin_count;\n"
        "static inline int plugin_helper(void) { return 1; }\n"
        "int plugin_run(void);\n"
    )
    (tmp_path / "lib").mkdir()
    for name, body in {
        "libfull.so": "typedef struct { const char *name; } descriptor;\n"
        'const descriptor plugin_descriptor = {"full"};\nint plugin_count;\n'
        "int plugin_run(void) { return 0; }\n",
        "libswapped.so": "int plugin_descriptor(void) { return 0; }\nint plugin_count;\n"
        "int plugin_run(void) { return 0; }\nint plugin_extra = 3;\n",
    }.items():
        source = tmp_path / f"{name}.c"
        source.write_text(body)
        subprocess.run(
            ["gcc", "-shared", "-fPIC", "-o", str(tmp_path / "lib" / name), str(source)],
            check=True,
        )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.native]\nkind = "c-shared"\npaths = ["lib/*.so"]\n'
        'header = "api.h"\ninterface-prefix = "plugin_"\n'
    )
    report = check(Options(paths=(tmp_path,)))
    got = [(f.plugin, f.code, f.location.line) for f in report.findings]
    assert got == [("libswapped.so", "PC701", 2), ("libswapped.so", "PC702", 1)]
    assert "the variable plugin_descriptor" in report.findings[0].message
    assert "exports plugin_descriptor as a function" in report.findings[0].message
    assert "the variable plugin_extra" in report.findings[1].message


@pytest.mark.harness
def test_phases_select_findings(tmp_path: Path) -> None:
    BUILD.build("missing", tmp_path / "lib" / "libmissing.so")  # type: ignore[attr-defined]
    BUILD.build("crash", tmp_path / "lib" / "libcrash.so")  # type: ignore[attr-defined]
    host = _host(tmp_path, 'smoke-function = "plugin_shutdown"\n')
    assert _codes(host, static=False) == [("libcrash.so", "PC707")]
    assert _codes(host, dynamic=False) == [("plugin.h", "PC701")]
    (tmp_path / "pyproject.toml").write_text(
        (tmp_path / "pyproject.toml").read_text().replace(str(HEADER), "broken.h")
    )
    (tmp_path / "broken.h").write_text("int broken(;\n")
    # A discovery-only run (no phase) neither parses the header nor reads the libraries.
    report = check(Options(paths=(host,), static=False, dynamic=False))
    assert sorted(p.name for p in report.plugins) == ["libcrash.so", "libmissing.so"]
    assert report.findings == []
