"""Bad configuration: exit status 2 and one clear line naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli_here

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


GOOD_CONTRACT = """
[tool.plugcheck.contracts.p]
kind = "factory"
paths = ["plugins/*"]
"""

BAD = {
    "malformed-toml": ("[tool.plugcheck\n", "invalid TOML"),
    "unknown-top-key": (
        "[tool.plugcheck]\ncolour = true\n" + GOOD_CONTRACT,
        "tool.plugcheck.colour",
    ),
    "unknown-contract-key": (
        GOOD_CONTRACT + 'entrypoint = "x"\n',
        "tool.plugcheck.contracts.p.entrypoint: unknown key",
    ),
    "wrong-type": (
        '[tool.plugcheck.contracts.p]\nkind = "factory"\npaths = "plugins/*"\n',
        "tool.plugcheck.contracts.p.paths: must be a list of strings",
    ),
    "bad-kind": (
        '[tool.plugcheck.contracts.p]\nkind = "dll"\npaths = ["x"]\n',
        "tool.plugcheck.contracts.p.kind: 'dll' is not one of",
    ),
    "missing-kind": (
        '[tool.plugcheck.contracts.p]\npaths = ["x"]\n',
        "contracts.p.kind: is required",
    ),
    "typeref-without-colon": (
        GOOD_CONTRACT + '[tool.plugcheck.contracts.p.exports]\nnew = "api.Factory"\n',
        "tool.plugcheck.contracts.p.exports.new: 'api.Factory' is not a type reference",
    ),
    "no-discovery": ('[tool.plugcheck.contracts.p]\nkind = "factory"\n', "no discovery"),
    "signature-not-callable": (
        '[tool.plugcheck.contracts.p]\nkind = "factory"\nentry-point-group = "g"\n'
        'entry-point-object = { signature = "list[str]" }\n',
        "contracts.p.entry-point-object.signature: must be a Callable annotation",
    ),
    "bad-module-name-pattern": (
        '[tool.plugcheck.contracts.p]\nkind = "factory"\nmodule-name-pattern = "^host_(.+$"\n',
        "contracts.p.module-name-pattern: '^host_(.+$' is not a regular expression",
    ),
    "empty-paths": (
        '[tool.plugcheck.contracts.p]\nkind = "factory"\npaths = []\n',
        "contracts.p.paths: is empty",
    ),
    "no-contracts": ("[tool.plugcheck]\n", "no contract declared"),
    "bad-deadline": (
        GOOD_CONTRACT + "[tool.plugcheck.contracts.p.lifecycle]\ndeadline = -1\n",
        "lifecycle.deadline: must be a positive number",
    ),
    "factory-not-export": (
        GOOD_CONTRACT + '[tool.plugcheck.contracts.p.lifecycle]\nfactory = "make"\n',
        "lifecycle.factory: 'make' is not one of the contract's exports",
    ),
    "bad-export-name": (
        GOOD_CONTRACT + '[tool.plugcheck.contracts.p.exports]\n"not-ident" = "a:B"\n',
        "exports.not-ident: 'not-ident' is not a Python identifier",
    ),
    "missing-search-path": (
        '[tool.plugcheck]\nsearch-path = ["nope"]\n' + GOOD_CONTRACT,
        "search-path: directory 'nope' does not exist",
    ),
    "missing-include": ('[tool.plugcheck]\ninclude = ["sub/pyproject.toml"]\n', "file not found"),
    "search-path-not-a-list": (
        "[tool.plugcheck]\nsearch-path = 5\n" + GOOD_CONTRACT,
        "search-path: must be a list of strings, got 5",
    ),
    "search-path-name-too-long": (
        f'[tool.plugcheck]\nsearch-path = ["{"a" * 300}"]\n' + GOOD_CONTRACT,
        "cannot be read (File name too long)",
    ),
    "include-name-too-long": (
        f'[tool.plugcheck]\ninclude = ["{"a" * 300}.toml"]\n' + GOOD_CONTRACT,
        "cannot be read (File name too long)",
    ),
    "entry-point-object-not-typeref": (
        GOOD_CONTRACT + 'entry-point-group = "g"\nentry-point-object = 5\n',
        "contracts.p.entry-point-object: must be a type reference",
    ),
    "entry-point-object-without-group": (
        GOOD_CONTRACT + 'entry-point-object = "api:Extractor"\n',
        "contracts.p.entry-point-object: needs `entry-point-group`",
    ),
    "entry-point-object-table-without-type": (
        GOOD_CONTRACT + 'entry-point-group = "g"\nentry-point-object = { kind = "class" }\n',
        "contracts.p.entry-point-object.type: is required",
    ),
    "entry-point-object-bad-kind": (
        GOOD_CONTRACT
        + 'entry-point-group = "g"\nentry-point-object = { type = "a:B", kind = "module" }\n',
        "contracts.p.entry-point-object.kind: 'module' is not one of",
    ),
    "calls-not-a-list": (
        GOOD_CONTRACT
        + "[tool.plugcheck.contracts.p.exports]\nnew = {}\n"
        + '[tool.plugcheck.contracts.p.lifecycle]\nfactory = "new"\ncalls = "extend"\n',
        "lifecycle.calls: must be a list of tables",
    ),
    "calls-bad-method": (
        GOOD_CONTRACT
        + "[tool.plugcheck.contracts.p.exports]\nnew = {}\n"
        + '[tool.plugcheck.contracts.p.lifecycle]\nfactory = "new"\n'
        + 'calls = [{ method = "ext-end" }]\n',
        "lifecycle.calls[0].method: must be a method name, got 'ext-end'",
    ),
    "calls-bad-stand-in": (
        GOOD_CONTRACT
        + "[tool.plugcheck.contracts.p.exports]\nnew = {}\n"
        + '[tool.plugcheck.contracts.p.lifecycle]\nfactory = "new"\n'
        + 'calls = [{ method = "extend", stand-ins = ["host.app"] }]\n',
        "lifecycle.calls[0].stand-ins: 'host.app' is not a type reference",
    ),
    "calls-none-false": (
        GOOD_CONTRACT
        + "[tool.plugcheck.contracts.p.exports]\nnew = {}\n"
        + '[tool.plugcheck.contracts.p.lifecycle]\nfactory = "new"\n'
        + 'calls = [{ method = "extend", stand-ins = [{ none = false }] }]\n',
        'lifecycle.calls[0].stand-ins: must be "module:callable", { value = <a string',
    ),
    "plugin-classes-date-stand-in": (
        GOOD_CONTRACT
        + '[tool.plugcheck.contracts.p.plugin-classes]\nbase = "a:B"\n'
        + "stand-ins = [{ value = 2026-01-01 }]\n",
        "plugin-classes: `stand-ins` must be a list of",
    ),
    "instantiate-with-not-a-stand-in": (
        GOOD_CONTRACT
        + '[tool.plugcheck.contracts.p.setup-function]\nexport = "setup"\nreturns = "subclass"\n'
        + 'return-type = "a:B"\ninstantiate-with = [{ none = true, value = 1 }]\n',
        "setup-function: `instantiate-with` must be a list of",
    ),
    "setup-samples-too-many": (
        GOOD_CONTRACT
        + '[tool.plugcheck.contracts.p.setup-function]\nexport = "setup"\n'
        + "stand-ins = [{ samples = ["
        + ", ".join(["{ value = 1 }"] * 17)
        + "] }]\n",
        "setup-function: `stand-ins` must be a list of",
    ),
    "pluggy-samples-empty": (
        '[tool.plugcheck.contracts.p]\nkind = "pluggy"\npaths = ["plugins/*"]\n'
        '[tool.plugcheck.contracts.p.pluggy]\nproject = "h"\nhookspecs = ["h.spec"]\n'
        "stand-ins = { page = { samples = [] } }\n",
        "or { samples = [<1 to 16 of those>] }",
    ),
    "pluggy-calls-zero": (
        '[tool.plugcheck.contracts.p]\nkind = "pluggy"\npaths = ["plugins/*"]\n'
        '[tool.plugcheck.contracts.p.pluggy]\nproject = "h"\nhookspecs = ["h.spec"]\n'
        "calls = { h_title = 0 }\n",
        "`calls` must be how many times the host calls each hook (1 to 16)",
    ),
    "calls-without-factory": (
        GOOD_CONTRACT + "[tool.plugcheck.contracts.p.lifecycle]\ncalls = []\n",
        "lifecycle.calls: needs `factory`",
    ),
    "calls-with-config": (
        GOOD_CONTRACT
        + "[tool.plugcheck.contracts.p.exports]\nnew = {}\n"
        + '[tool.plugcheck.contracts.p.lifecycle]\nfactory = "new"\ncalls = []\n'
        + "config = { a = 1 }\n",
        "lifecycle.calls: and `config` exclude each other",
    ),
    "factory-entry-point-without-object": (
        GOOD_CONTRACT + '[tool.plugcheck.contracts.p.lifecycle]\nfactory = "entry-point"\n',
        'lifecycle.factory: "entry-point" needs the contract\'s `entry-point-object`',
    ),
    "nested-1000-deep": (
        GOOD_CONTRACT
        + "[tool.plugcheck.contracts.p.lifecycle]\nconfig = "
        + "{a = " * 1000
        + "1"
        + "}" * 1000
        + "\n",
        "invalid TOML: tables or arrays nested too deeply",
    ),
}


@pytest.mark.parametrize(("text", "needle"), list(BAD.values()), ids=list(BAD))
def test_bad_config(tmp_path: Path, text: str, needle: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    (tmp_path / "plugins").mkdir()
    proc = run_cli_here("check", str(tmp_path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("plugcheck: error: ")
    assert str(tmp_path / "pyproject.toml") in lines[0] or "no pyproject" in lines[0]
    assert needle in lines[0]
    assert proc.stdout == ""


def test_config_flag_and_missing_paths(tmp_path: Path) -> None:
    proc = run_cli_here("check", "--config", str(tmp_path / "nope.toml"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    proc = run_cli_here("check", str(tmp_path / "missing-dir"))
    assert proc.returncode == 2
    assert "no such file or directory" in proc.stderr


def test_no_config_anywhere(tmp_path: Path) -> None:
    proc = run_cli_here("check", cwd=tmp_path)
    assert proc.returncode == 2
    assert "no pyproject.toml with [tool.plugcheck]" in proc.stderr


def test_config_found_walking_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(GOOD_CONTRACT)
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "a.py").write_text("x = 1\n")
    proc = run_cli_here("check", cwd=plugins)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 plugin in 1 contract" in proc.stdout


def test_several_contracts(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        GOOD_CONTRACT
        + '[tool.plugcheck.contracts.q]\nkind = "register"\npaths = ["other/*.py"]\n'
        + "[tool.plugcheck.contracts.q.exports]\nregister = {}\n"
    )
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "a.py").write_text("x = 1\n")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.py").write_text("x = 1\n")
    proc = run_cli_here("check", str(tmp_path), "--select", "PC101")
    assert proc.returncode == 1
    assert "'register'" in proc.stdout and "[b]" in proc.stdout
    proc = run_cli_here("check", str(tmp_path), "--contract", "p")
    assert proc.returncode == 0
    proc = run_cli_here("check", str(tmp_path), "--contract", "zzz")
    assert proc.returncode == 2 and "no such contract" in proc.stderr


def test_a_plugin_pyproject_nested_1000_deep_is_a_plugin_without_metadata(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.p]\nkind = "factory"\npaths = ["plugins/*"]\n'
    )
    plugin = tmp_path / "plugins" / "deep"
    (plugin / "deep").mkdir(parents=True)
    (plugin / "deep" / "__init__.py").write_text("x = 1\n")
    (plugin / "pyproject.toml").write_text(
        '[project]\nname = "deep"\n[tool.x]\ny = ' + "[" * 1000 + "]" * 1000 + "\n"
    )
    proc = run_cli_here("check", str(tmp_path), "--no-dynamic", "--no-mypy")
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    assert "1 plugin in 1 contract" in proc.stdout
