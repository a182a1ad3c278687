"""Contract kinds own their keys, and an installed package can add a kind (entry point)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli, write_host

pytestmark = pytest.mark.harness


TOY_KIND = """
from pathlib import Path

from plugcheck.config import STRING, Field, nonempty_string
from plugcheck.model import Origin, Plugin
from plugcheck.passes import Kind, KindPass


def discover(contract, env, explicit):
    return [
        Plugin(name=path.stem, contract=contract.name, origin=Origin.PATH, root=path,
               module="", module_path=None, import_root=None)
        for pattern in contract.paths
        for path in sorted(contract.root.glob(pattern))
    ]


def check(contract, plugins, env, options, notes):
    notes.append(f"toy: {len(plugins)} plugin(s) greeted")
    return []


KIND = Kind(
    "toy",
    {"greeting": Field(nonempty_string, STRING, "What a toy plugin says first.")},
    required=("greeting",),
    kind_pass=KindPass(discover, check),
)
"""


def _outside_kind(root: Path) -> dict[str, str]:
    """A package ``plugcheck_toy`` that declares the kind ``toy`` through the entry point group,
    installed by putting it and its .dist-info on PYTHONPATH."""
    (root / "plugcheck_toy").mkdir(parents=True)
    (root / "plugcheck_toy" / "__init__.py").write_text(TOY_KIND)
    info = root / "plugcheck_toy-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: plugcheck-toy\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[plugcheck.kinds]\ntoy = plugcheck_toy:KIND\n")
    path = os.pathsep.join(p for p in (str(root), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path}


def _host(root: Path, contract: str) -> Path:
    return write_host(
        root,
        pyproject=f"[tool.plugcheck.contracts.c]\n{contract}",
        files={"plugins/hello.toy": "hello\n"},
    )


def test_a_key_of_another_kind_is_a_configuration_error_naming_its_kind(tmp_path: Path) -> None:
    host = _host(
        tmp_path,
        'kind = "factory"\npaths = ["plugins/*.py"]\nfuel = 10\nheader = "x.h"\n'
        'base = "api:Base"\nmagic-cookie = { key = "K", value = "V" }\n',
    )
    proc = run_cli("check", str(host))
    assert proc.returncode == 2, proc.stdout
    lines = proc.stderr.splitlines()
    for key, owner in [
        ("fuel", "'wasm'"),
        ("header", "'c-shared'"),
        ("base", "'subclass'"),
        ("magic-cookie", "'go-plugin'"),
    ]:
        assert any(
            f"contracts.c.{key}: belongs to kind {owner}, not to kind = 'factory'" in line
            for line in lines
        ), proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_python_key_on_an_out_of_process_kind_names_the_python_kinds(tmp_path: Path) -> None:
    host = _host(
        tmp_path,
        'kind = "exec"\npaths = ["plugins/*"]\nprefix = "sh"\nmethods = {}\napi = "host.api"\n',
    )
    proc = run_cli("check", str(host))
    assert proc.returncode == 2
    assert (
        "contracts.c.api: belongs to kinds 'factory', 'register', 'pluggy', 'subclass', "
        "not to kind = 'exec'"
    ) in proc.stderr


def test_an_installed_package_adds_a_kind(tmp_path: Path) -> None:
    env = _outside_kind(tmp_path / "site")
    host = _host(tmp_path / "host", 'kind = "toy"\npaths = ["plugins/*.toy"]\ngreeting = "hi"\n')
    proc = run_cli("check", str(host), "--output-format", "json", env=env)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert [p["name"] for p in report["plugins"]] == ["hello"]
    assert "toy: 1 plugin(s) greeted" in report["notes"]

    # Its keys are its own: required where it says so, and foreign to the other kinds.
    _host(tmp_path / "host", 'kind = "toy"\npaths = ["plugins/*.toy"]\n')
    proc = run_cli("check", str(host), env=env)
    assert proc.returncode == 2
    assert "contracts.c.greeting: is required for kind = 'toy'" in proc.stderr
    _host(tmp_path / "host", 'kind = "factory"\npaths = ["plugins/*.py"]\ngreeting = "hi"\n')
    proc = run_cli("check", str(host), env=env)
    assert "contracts.c.greeting: belongs to kind 'toy', not to kind = 'factory'" in proc.stderr

    # Without the package the kind does not exist.
    _host(tmp_path / "host", 'kind = "toy"\npaths = ["plugins/*.toy"]\ngreeting = "hi"\n')
    proc = run_cli("check", str(host))
    assert proc.returncode == 2
    assert "contracts.c.kind: 'toy' is not one of: factory, register," in proc.stderr


def test_a_broken_outside_kind_is_one_line_exit_2(tmp_path: Path) -> None:
    env = _outside_kind(tmp_path / "site")
    (tmp_path / "site" / "plugcheck_toy" / "__init__.py").write_text("KIND = 42\n")
    host = _host(tmp_path / "host", 'kind = "factory"\npaths = ["plugins/*.py"]\n')
    proc = run_cli("check", str(host), env=env)
    assert proc.returncode == 2
    assert "entry point 'toy' of group 'plugcheck.kinds'" in proc.stderr
    assert "is not a plugcheck.passes.Kind" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_outside_kind_whose_check_raises_is_a_crash_not_a_traceback(tmp_path: Path) -> None:
    env = _outside_kind(tmp_path / "site")
    toy = tmp_path / "site" / "plugcheck_toy" / "__init__.py"
    toy.write_text(
        toy.read_text().replace(
            'notes.append(f"toy: {len(plugins)} plugin(s) greeted")', "raise KeyError('greeting')"
        )
    )
    host = _host(tmp_path / "host", 'kind = "toy"\npaths = ["plugins/*.toy"]\ngreeting = "hi"\n')
    proc = run_cli("check", str(host), env={**env, "PLUGCHECK_STRICT": ""})  # as a user runs it
    assert proc.returncode == 2, proc.stdout
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "the toy kind's check of contract 'c' crashed" in proc.stdout + proc.stderr
    assert "All checks passed" not in proc.stdout

    # pytest --plugcheck: the crash is no plugin's own check's, so it is every plugin's item's
    # failure, also of one whose name the crash's text holds ("k": "kind's check").
    (host / "plugins" / "k.toy").write_text("k\n")
    (host / "pytest.ini").write_text("[pytest]\n")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PLUGCHECK_S"))}
    options = ("--plugcheck-config", str(host / "pyproject.toml"), "--plugcheck-static-only")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--plugcheck", *options],
        capture_output=True,
        text=True,
        cwd=host,
        env={**clean, **env},
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "2 failed" in proc.stdout and "crashed" in proc.stdout, proc.stdout


def test_an_outside_kind_may_name_its_checks_imported_only_by_a_run_of_it(tmp_path: Path) -> None:
    """``kind_pass = "module:attribute"`` (as the built-in kinds name theirs) is imported when a
    run has a contract of the kind: a run of other kinds never imports it, even broken; a run of
    the kind says in one line, exit 2, that it cannot."""
    env = _outside_kind(tmp_path / "site")
    _, kind = TOY_KIND.split("KIND = Kind(")
    lazy = kind.replace(
        "kind_pass=KindPass(discover, check)", 'kind_pass="plugcheck_toy.nowhere:X"'
    )
    (tmp_path / "site" / "plugcheck_toy" / "__init__.py").write_text(
        "from plugcheck.config import STRING, Field, nonempty_string\n"
        f"from plugcheck.passes import Kind\n\nKIND = Kind({lazy}"
    )
    factory = write_host(
        tmp_path / "factory",
        pyproject='[tool.plugcheck.contracts.c]\nkind = "factory"\npaths = ["plugins/*.py"]\n',
        files={"plugins/p.py": "X = 1\n"},
    )
    proc = run_cli("check", str(factory), "--no-dynamic", "--no-mypy", env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    host = _host(tmp_path / "host", 'kind = "toy"\npaths = ["plugins/*.toy"]\ngreeting = "hi"\n')
    proc = run_cli("check", str(host), env=env)
    assert proc.returncode == 2
    assert (
        proc.stderr.strip()
        .splitlines()[-1]
        .endswith(
            "kind 'toy': its checks cannot be loaded: ModuleNotFoundError: No module named "
            "'plugcheck_toy.nowhere'"
        )
    ), proc.stderr
    assert "Traceback" not in proc.stderr
