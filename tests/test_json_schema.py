"""The JSON Schema of [tool.plugcheck]: generated from the kinds, shipped, used by
validate-pyproject through its tool_schema entry point."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import fastjsonschema
import pytest

from plugcheck.config import ConfigError, load_config
from plugcheck.json_schema import dumps, tool_schema
from plugcheck.kinds import available

from conftest import ROOT

SHIPPED = ROOT / "src" / "plugcheck" / "tool-plugcheck.schema.json"


def test_the_shipped_schema_is_current() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == dumps(), "run: python scripts/gen_schema.py"


def _configs() -> list[Path]:
    found = []
    for path in sorted([*ROOT.glob("testdata/**/*.toml"), *ROOT.glob("examples/**/*.toml")]):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        tool = data.get("tool")
        if isinstance(tool, dict) and isinstance(tool.get("plugcheck"), dict):
            found.append(path)
    return found


def test_every_config_plugcheck_accepts_passes_the_schema() -> None:
    """The schema never rejects what plugcheck accepts (it may accept more: paths that do not
    exist, type references that do not resolve)."""
    validate = fastjsonschema.compile(tool_schema())
    accepted = 0
    for path in _configs():
        try:
            load_config(path, available())
        except ConfigError:
            continue
        accepted += 1
        try:
            validate(tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["plugcheck"])
        except fastjsonschema.JsonSchemaException as exc:
            pytest.fail(f"{path.relative_to(ROOT)}: {exc.message}")
    assert accepted > 100


def _validate_pyproject(path: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("validate-pyproject", path=str(Path(sys.executable).parent))
    assert exe is not None, "validate-pyproject is in the dev extra"
    return subprocess.run(
        [exe, str(path)], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.harness
def test_validate_pyproject_checks_a_hosts_contract(tmp_path: Path) -> None:
    project = '[project]\nname = "host"\nversion = "1.0"\n\n'
    good = tmp_path / "good" / "pyproject.toml"
    good.parent.mkdir()
    good.write_text(
        project + '[tool.plugcheck.contracts.p]\nkind = "wasm"\npaths = ["plugins/*.wasm"]\n'
        'fuel = 1000\n[tool.plugcheck.contracts.p.wasm-exports]\nrun = "() -> i32"\n'
    )
    proc = _validate_pyproject(good)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    bad = tmp_path / "bad" / "pyproject.toml"
    bad.parent.mkdir()
    bad.write_text(
        project + '[tool.plugcheck.contracts.p]\nkind = "factory"\npaths = ["plugins/*.py"]\n'
        "fuel = 1000\n"
    )
    proc = _validate_pyproject(bad)
    assert proc.returncode != 0
    assert "tool.plugcheck.contracts.p" in proc.stdout + proc.stderr
    assert "fuel" in proc.stdout + proc.stderr


# Contracts with a wrong key type or an unknown key inside a table (lifecycle, exports, calls,
# setup-function, plugin-classes, magic-cookie, entry-point-object): the schema rejects each one,
# and so does plugcheck itself (exit 2), so an editor's warning is never a false alarm.
NESTED_MISTAKES = {
    "lifecycle-deadline-text": 'exports = { new = "m:F" }\nlifecycle = { factory = "new", '
    'deadline = "two" }',
    "lifecycle-unknown-key": 'exports = { new = "m:F" }\nlifecycle = { factory = "new", '
    "dead-line = 2.0 }",
    "lifecycle-memory-small": 'exports = { new = "m:F" }\nlifecycle = { memory = 16 }',
    "export-kind-typo": 'exports = { new = { kind = "calable" } }',
    "export-type-dotted": 'exports = { new = "m.F" }',
    "call-without-method": 'exports = { new = "m:F" }\nlifecycle = { factory = "new", '
    'calls = [{ stand-ins = ["m:x"] }] }',
    "setup-returns-typo": 'setup-function = { export = "setup", returns = "dict" }',
    "plugin-classes-pick": 'plugin-classes = { base = "m:Base", pick = "all" }',
    "plugin-classes-no-rule": 'plugin-classes = { pick = "last" }',
    "entry-point-object-kind": 'entry-point-group = "g"\n'
    'entry-point-object = { type = "m:T", kind = "klass" }',
}


@pytest.mark.parametrize("mistake", sorted(NESTED_MISTAKES))
def test_the_schema_checks_tables_inside_a_contract(tmp_path: Path, mistake: str) -> None:
    contract = '[tool.plugcheck.contracts.p]\nkind = "factory"\npaths = ["plugins/*.py"]\n'
    text = contract + NESTED_MISTAKES[mistake] + "\n"
    (tmp_path / "plugins").mkdir()
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(fastjsonschema.JsonSchemaException):
        fastjsonschema.compile(tool_schema())(tomllib.loads(text)["tool"]["plugcheck"])
    with pytest.raises(ConfigError):
        load_config(path, available())


def test_the_schema_checks_a_go_plugin_cookie(tmp_path: Path) -> None:
    text = (
        '[tool.plugcheck.contracts.p]\nkind = "go-plugin"\npaths = ["bin"]\n'
        'protocol-versions = [1]\nmagic-cookie = { key = "K", valu = "v" }\n'
    )
    with pytest.raises(fastjsonschema.JsonSchemaException):
        fastjsonschema.compile(tool_schema())(tomllib.loads(text)["tool"]["plugcheck"])


@pytest.mark.harness
def test_validate_pyproject_checks_a_key_type_inside_the_lifecycle(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[project]\nname = "host"\nversion = "1.0"\n\n[tool.plugcheck.contracts.p]\n'
        'kind = "factory"\npaths = ["plugins/*.py"]\n[tool.plugcheck.contracts.p.exports]\n'
        'new = "m:F"\n[tool.plugcheck.contracts.p.lifecycle]\nfactory = "new"\ndeadline = "two"\n'
    )
    proc = _validate_pyproject(path)
    assert proc.returncode != 0
    assert "tool.plugcheck.contracts.p.lifecycle.deadline" in proc.stdout + proc.stderr
