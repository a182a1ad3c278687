"""A plugin module without source (an extension module, a sourceless ``.pyc``) found through an
entry point: the host imports it, so it is never PC001 "cannot parse" (its bytes are not Python
source); the harness judges it, and a note says it was checked by the harness only (red team
finding 31: every Cython/mypyc-compiled plugin got PC001 and was never run)."""

from __future__ import annotations

import json
import os
import py_compile
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.harness

HOST = '[tool.plugcheck.contracts.styles]\nkind = "factory"\nentry-point-group = "demo.styles"\n'


def _site(tmp_path: Path, source: str) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    src = tmp_path / "style_src.py"
    src.write_text(source)
    py_compile.compile(str(src), cfile=str(site / "cstyle.pyc"), doraise=True)
    info = site / "cstyle-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: cstyle\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[demo.styles]\ncompiled = cstyle:Style\n")
    (info / "RECORD").write_text("cstyle.pyc,,\ncstyle-1.0.dist-info/METADATA,,\n")
    return site


def _check(tmp_path: Path, source: str) -> tuple[int, dict[str, list[dict[str, object]]], str]:
    site = _site(tmp_path, source)
    host = tmp_path / "host"
    host.mkdir()
    (host / "pyproject.toml").write_text(HOST)
    env = {**os.environ, "PYTHONPATH": str(site), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "plugcheck", "check", "--output-format", "json", str(host)]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def test_a_sourceless_plugin_is_judged_by_the_harness(tmp_path: Path) -> None:
    code, data, _ = _check(tmp_path, "class Style:\n    pass\n")
    assert [f["code"] for f in data["findings"]] == [], data["findings"]
    assert any("cstyle.pyc is compiled: checked by the harness only" in n for n in data["notes"])
    assert code == 0


def test_a_broken_sourceless_plugin_fails_in_the_harness(tmp_path: Path) -> None:
    code, data, _ = _check(tmp_path, "raise ImportError('needs a newer host')\n")
    codes = [f["code"] for f in data["findings"]]
    assert "PC401" in codes and "PC001" not in codes, data["findings"]
    assert code == 1


def test_compiled_modules_in_a_plugin_folder_are_plugins(tmp_path: Path) -> None:
    # A `paths` folder's extension module and sourceless .pyc are modules the host imports (as
    # pkgutil.iter_modules lists them): red team finding 30, both were skipped silently and the
    # run said "All checks passed: 1 plugin". A .pyc beside its source is that source's plugin;
    # a shared library that is no extension module (no PyInit_<name>) is no plugin.
    host = tmp_path / "host"
    plugins = host / "plugins"
    plugins.mkdir(parents=True)
    (host / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.styles]\nkind = "factory"\npaths = ["plugins/*"]\n'
    )
    (plugins / "good.py").write_text("class Style:\n    pass\n")
    src = tmp_path / "broken_src.py"
    src.write_text("raise ImportError('needs a newer host')\n")
    py_compile.compile(str(src), cfile=str(plugins / "sourceless.pyc"), doraise=True)
    py_compile.compile(str(plugins / "good.py"), cfile=str(plugins / "good.pyc"), doraise=True)
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    (plugins / f"native{suffix}").write_bytes(b"\x7fELF broken, names PyInit_native\0")
    (plugins / "libhelper.so").write_bytes(b"\x7fELF a native library, no module\0")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "plugcheck", "check", "--output-format", "json", str(host)]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    data = json.loads(proc.stdout)
    assert sorted(p["name"] for p in data["plugins"]) == ["good", "native", "sourceless"]
    found = {(f["plugin"], f["code"]) for f in data["findings"]}
    assert found == {("native", "PC401"), ("sourceless", "PC401")}, data["findings"]
    assert proc.returncode == 1
    # Without the harness nothing checks them: an info each, never "All checks passed".
    proc = subprocess.run([*command, "--no-dynamic"], capture_output=True, text=True, env=env)
    data = json.loads(proc.stdout)
    found = {(f["plugin"], f["code"], f["severity"]) for f in data["findings"]}
    assert found == {("native", "PC001", "info"), ("sourceless", "PC001", "info")}, found
    assert proc.returncode == 0
