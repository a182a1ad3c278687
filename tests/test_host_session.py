"""PC423 through the CLI: a contract whose host-builtins no preload provides (the host's session
was not started, as in `plugcheck init`'s proposal) turns a failure on what the session
provides into a warning, and never hides a failure that is the plugin's own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import TESTDATA, cli_json, run_cli_here

# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.

CASE = TESTDATA / "rules" / "PC423" / "bad"


@pytest.mark.harness
def test_the_plugins_own_failures_keep_their_error(tmp_path: Path) -> None:
    host = shutil.copytree(CASE, tmp_path / "host")
    plugins = host / "plugins"
    (plugins / "greet.py").write_text(
        (plugins / "greet.py").read_text().replace("  # expect: PC423", "")
    )
    (plugins / "needs.py").write_text(
        "from plugapi import SESSION\nimport requests_missing_here\n\n\ndef new():\n    pass\n"
    )
    (plugins / "typo.py").write_text("GREETING = sesion.env\n\n\ndef new():\n    pass\n")
    (plugins / "own.py").write_text(
        "VALUES = {}\nFIRST = VALUES['first']\n\n\ndef new():\n    pass\n"
    )
    (plugins / "builtin.py").write_text("HOME = session.env\n\n\ndef new():\n    pass\n")
    data = cli_json("check", str(host), here=True)
    found = {(f["plugin"], f["code"], f["severity"]) for f in data["findings"]}  # type: ignore[index]
    assert ("greet", "PC423", "warning") in found
    assert ("builtin", "PC423", "warning") in found  # NameError on the absent host-builtin
    # A missing module, a name bound nowhere that is no host-builtin, a KeyError of its own:
    # each keeps an error (the rule naming it: PC309, PC557, PC515), none is PC423.
    errors = {p: c for p, c, severity in found if severity == "error"}
    assert errors == {"needs": "PC309", "typo": "PC557", "own": "PC515"}, found
    assert {p for p, c, _ in found if c == "PC423"} == {"greet", "builtin"}, found


def _with_calls(tmp_path: Path, calls: str) -> Path:
    """PC423's bad case whose contract calls ``calls`` (a ``preload-calls`` value) before any
    plugin loads; its host gains ``setup(greeting)``, the session start its docs would name."""
    host = shutil.copytree(CASE, tmp_path / "host")
    api = host / "api" / "plugapi" / "__init__.py"
    api.write_text(
        api.read_text()
        + '\n\ndef setup(greeting: str = "hi") -> None:\n'
        + "    SESSION.start()\n"
        + '    SESSION.env["GREETING"] = greeting  # type: ignore[index]\n'
    )
    config = host / "pyproject.toml"
    config.write_text(
        config.read_text().replace(
            'host-builtins = ["session"]\n',
            f'host-builtins = ["session"]\npreload-calls = {calls}\n',
        )
    )
    greet = host / "plugins" / "greet.py"
    greet.write_text(
        greet.read_text().replace("  # expect: PC423", "")
        + '\n\nif session.env["GREETING"] != "hello":\n    raise RuntimeError("no session")\n'
    )
    return host


@pytest.mark.harness
def test_preload_calls_start_the_session_the_plugins_import_into(tmp_path: Path) -> None:
    host = _with_calls(
        tmp_path, '[{ function = "plugapi:setup", keywords = { greeting = "hello" } }]'
    )
    (host / "plugins" / "own.py").write_text(
        "VALUES = {}\nFIRST = VALUES['first']\n\n\ndef new():\n    pass\n"
    )
    data = cli_json("check", str(host), here=True)
    found = {(f["plugin"], f["code"], f["severity"]) for f in data["findings"]}  # type: ignore[index]
    # greet is checked for real: it imports and is built with the session's greeting.
    assert found == {("own", "PC515", "error")}, found
    assert data["errors"] == [], data["errors"]


@pytest.mark.harness
def test_a_preload_call_that_raises_is_a_usage_error_never_a_pass(tmp_path: Path) -> None:
    host = _with_calls(tmp_path, '["plugapi:setup_missing", "plugapi:setup"]')
    proc = run_cli_here("check", str(host))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert (
        "preload-calls: plugapi:setup_missing() raised AttributeError: module 'plugapi' has no "
        "attribute 'setup_missing'"
    ) in proc.stdout, proc.stdout
    # The calls after it are not made: the session is absent, as PC423 says of the plugin.
    assert "greet.py:7:1: PC423 (warning)" in proc.stdout, proc.stdout


@pytest.mark.harness
def test_a_preload_call_that_names_no_function_is_a_usage_error(tmp_path: Path) -> None:
    host = _with_calls(tmp_path, '["plugapi.setup", { function = "plugapi:setup", args = [1] }]')
    proc = run_cli_here("check", str(host), "--no-dynamic")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    said = proc.stdout + proc.stderr
    assert "preload-calls" in said and "'plugapi.setup'" in said, said


@pytest.mark.harness
def test_setup_functions_are_called_in_the_started_session(tmp_path: Path) -> None:
    # The setup-function worker makes the calls too: the host calls the plugin's function once
    # its session runs, and the function reads it.
    calls = '[{ function = "plugapi:setup", keywords = { greeting = "hello" } }]'
    host = _with_calls(tmp_path, calls)
    config = host / "pyproject.toml"
    config.write_text(
        config.read_text()
        + '\n[tool.plugcheck.contracts.demo.setup-function]\nexport = "new"\nstand-ins = []\n'
        + 'returns = "any"\n'
    )
    # Its import reads nothing of the session: only the call the setup worker makes does.
    (host / "plugins" / "greet.py").write_text(
        'def new():\n    if session.env["GREETING"] != "hello":\n        raise RuntimeError\n'
    )
    data = cli_json("check", str(host), here=True)
    assert data["findings"] == [] and data["errors"] == [], data
    config.write_text(config.read_text().replace(f"preload-calls = {calls}\n", ""))
    data = cli_json("check", str(host), here=True)
    found = {(f["plugin"], f["code"]) for f in data["findings"]}  # type: ignore[index]
    assert ("greet", "PC423") not in found and any(p == "greet" for p, _ in found), found


@pytest.mark.harness
def test_a_plugin_cannot_make_its_own_failure_not_checked(tmp_path: Path) -> None:
    # Before, each of these was PC423 (a warning, exit 0 under --fail-on error): a None of the
    # plugin's own making in a module that takes nothing from the host, an exception the
    # standard library raised on what the plugin passed it (os.py's KeyError), and a raise
    # the plugin shaped to read like an unset host object.
    host = shutil.copytree(CASE, tmp_path / "host")
    plugins = host / "plugins"
    (plugins / "greet.py").unlink()
    new = "\n\ndef new():\n    pass\n"
    (plugins / "nomatch.py").write_text(
        'import re\n\nVERSION = re.match(r"v(\\d+)", "1.0").group(1)' + new
    )
    (plugins / "environ.py").write_text('import os\n\nHOME = os.environ["PC423_NEVER_SET"]' + new)
    (plugins / "shaped.py").write_text(
        "raise AttributeError(\"'NoneType' object has no attribute 'env'\")" + new
    )
    data = cli_json("check", str(host), "--no-mypy", here=True)
    found = {(f["plugin"], f["code"], f["severity"]) for f in data["findings"]}  # type: ignore[index]
    assert not [f for f in found if f[1] == "PC423"], found
    assert {p for p, _, severity in found if severity == "error"} == {
        "nomatch",
        "environ",
        "shaped",
    }, found


@pytest.mark.harness
def test_a_plugin_not_checked_is_never_a_pass(tmp_path: Path) -> None:
    # PC423 is a warning, yet under --fail-on error the run exited 0 with a plugin whose import
    # never finished: whatever the threshold, a run with an unchecked plugin fails.
    proc = run_cli_here("check", str(CASE), "--no-progress", "--no-mypy", "--fail-on", "error")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "PC423 (warning) importing greet could not be checked" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == (
        "Found 1 finding (1 warning) in 1 plugin in 1 contract. 1 plugin not checked past a step."
    )
    data = cli_json("check", str(CASE), "--no-mypy", "--fail-on", "error", here=True)
    assert data["summary"]["failed"] is True  # type: ignore[index]
