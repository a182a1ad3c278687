"""A plugin that vouches for itself: a suppression comment in its own file, or an "accepted"
answer its own process forges in the setup-function worker. With ``--untrusted-plugins`` (a
registry checking uploads) neither changes its verdict; without it, the plugin's author is
trusted, as for any comment they write (docs/harness.md, "What a plugin can still misreport")."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from conftest import TESTDATA, copy_host, run_cli, run_cli_here

pytestmark = pytest.mark.harness

SELF_OK = '''\
"""Misspells its hook, then makes the worker answer "ok" for it in its own process."""

import sys

from demo_host import hookimpl

_shared = sys.modules.get("_plugcheck_ecosystem.shared")
if _shared is not None and hasattr(_shared, "send"):
    _real = _shared.send

    def _forged(answer):
        _real({"plugin": answer["plugin"], "status": "ok", "message": ""})

    _shared.send = _forged


@hookimpl
def demo_statrupx(config):
    return None
'''

SILENCED = '''\
"""Aborts at import and misspells its hook; its own comments silence both."""

import os

from demo_host import hookimpl

os.abort()  # plugcheck: ignore


@hookimpl
def demo_statrupx(config):  # plugcheck: ignore[PC501]
    return None
'''


def _check(root: Path, tmp_path: Path, *args: str) -> tuple[int, dict[str, object]]:
    proc = run_cli(
        "check",
        str(root),
        "--output-format",
        "json",
        *args,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data: dict[str, object] = json.loads(proc.stdout)
    return proc.returncode, data


def _codes(data: dict[str, object], plugin: str) -> set[str]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return {f["code"] for f in findings if f["plugin"] == plugin}


def test_a_plugin_cannot_withdraw_its_own_static_refusal(tmp_path: Path) -> None:
    # Before (and still without the flag): the forged "ok" withdrew selfok's PC501 ("the real
    # pluggy check accepted the plugin"); its own process is the only witness of that.
    root = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    (root / "plugins" / "typo.py").unlink()
    (root / "plugins" / "selfok.py").write_text(textwrap.dedent(SELF_OK), encoding="utf-8")
    code, data = _check(
        root, tmp_path, "--untrusted-plugins", "--config", str(root / "pyproject.toml")
    )
    assert code == 1
    assert _codes(data, "selfok") == {"PC501"}
    notes = data["notes"]
    assert isinstance(notes, list)
    assert any("selfok: PC501 kept" in n for n in notes), notes
    assert not any("withdrawn" in n for n in notes), notes


def test_a_plugin_cannot_silence_its_own_findings(tmp_path: Path) -> None:
    # Before: "All checks passed", exit 0, for a plugin that aborts at import.
    root = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    (root / "plugins" / "typo.py").unlink()
    (root / "plugins" / "silenced.py").write_text(textwrap.dedent(SILENCED), encoding="utf-8")
    code, data = _check(
        root, tmp_path, "--untrusted-plugins", "--config", str(root / "pyproject.toml")
    )
    assert code == 1
    assert {"PC401", "PC501"} <= _codes(data, "silenced")
    assert "PC901" not in _codes(data, "silenced")
    notes = data["notes"]
    assert isinstance(notes, list)
    assert any("2 suppression comments in the plugins' own files" in n for n in notes), notes


TIDY = {
    "pyproject.toml": (
        '[project]\nname = "pytest-tidy"\nversion = "0.1.0"\ndependencies = ["pytest>=7"]\n\n'
        '[project.entry-points.pytest11]\ntidy = "pytest_tidy"\n'
    ),
    "src/pytest_tidy/__init__.py": (
        "def pytest_configure(config):\n    pass\n\n\n"
        "def pytest_collection_modifyitems(session, config, items, order):\n    pass\n"
    ),
}


def _forge_cache(project: Path) -> None:
    """What the plugin's author ships in its project: the static result cache of a run in the
    same environment with its findings removed, the stamp of the project's tree made again
    (the cache file keeps its size and modification time: a tarball sets them)."""
    from plugcheck.static.results import Probe

    (forged,) = (project / ".plugcheck_cache" / "static").glob("*.json")
    document = json.loads(forged.read_text())
    for entry in document["plugins"].values():
        entry["findings"] = []

    def write() -> None:
        forged.write_text(json.dumps(document))
        os.utime(forged, ns=(1_700_000_000 * 10**9,) * 2)

    write()
    for entry in document["plugins"].values():
        entry["tree"] = Probe().tree(project)  # a digest: the file's size stays
    write()


def test_a_plugin_projects_own_cache_cannot_pass_it(tmp_path: Path) -> None:
    # A plugin project checked against the bundled pytest contract keeps its cache in its own
    # `.plugcheck_cache/`: the author can ship one whose entries match the files by content
    # hash. Before, `--untrusted-plugins --no-dynamic` took its empty findings: "All checks
    # passed", exit 0, for a hookimpl pluggy rejects (PC502).
    project = tmp_path / "pytest-tidy"
    for name, text in TIDY.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    # The default cache (the suite shares one outside the tree through PLUGCHECK_CACHE_DIR).
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PLUGCHECK_CACHE_DIR": ""}
    for _ in range(2):  # the author's runs: the environment's cache, then a settled result
        assert run_cli("check", "--no-dynamic", cwd=project, env=env).returncode == 1
    _forge_cache(project)
    proc = run_cli("check", "--no-dynamic", "--untrusted-plugins", cwd=project, env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr[-2000:]
    assert " PC502 " in proc.stdout
    assert "--untrusted-plugins: no cache used" in proc.stdout
    # Where the author is trusted the project's cache is read as any cache is (a comment would
    # silence the finding too). Not asserted: since the bundled pytest contract gained its
    # session helper (92f65a9b) a trusted run no longer takes this forgery, for a reason not yet
    # traced (the cache file is rewritten on every run, as red23 noted for a cache in the tree).


def test_an_uploads_own_configuration_chooses_nothing(tmp_path: Path) -> None:
    # A registry checks an upload from its host's checkout. The upload's own pyproject.toml,
    # found upwards from the checked path before the working directory's, declared a contract
    # that asks for nothing (ignore = ["PC"]): before, "No findings", exit 0, for a plugin that
    # raises at import. Under --untrusted-plugins a [tool.plugcheck] no --config named is now
    # refused (exit 2), and a plugin project's `use` (another host's contract) is not followed.
    host = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "raises.py").write_text('raise RuntimeError("boom")\n', encoding="utf-8")
    (upload / "pyproject.toml").write_text(
        '[tool.plugcheck]\nignore = ["PC"]\n\n[tool.plugcheck.contracts.demo]\n'
        'kind = "factory"\npaths = ["nothing/*.py"]\n',
        encoding="utf-8",
    )
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = run_cli_here("check", "--untrusted-plugins", str(upload / "raises.py"), cwd=host)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"{upload / 'pyproject.toml'} was found, not named with --config" in proc.stderr
    assert "Traceback" not in proc.stderr
    project = tmp_path / "pytest-tidy"
    for name, text in TIDY.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    with (project / "pyproject.toml").open("a") as toml:
        toml.write('\n[tool.plugcheck]\nuse = "keyring"\n')  # keyring's backends: no hooks
    args = ("check", "--no-dynamic", "--no-mypy", "--no-cache")
    proc = run_cli_here(*args, cwd=project, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # the author's own choice, trusted
    proc = run_cli_here(*args, "--untrusted-plugins", cwd=project, env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert " PC502 " in proc.stdout
    assert "its [tool.plugcheck] use (keyring) is not followed" in proc.stdout


def test_an_upload_matching_the_last_ones_sizes_and_times_is_checked_again(
    tmp_path: Path,
) -> None:
    # A registry checks each new version of a plugin where the last one was, with its own
    # cache. The caches took a file whose size and modification time were those they knew for
    # the content they had hashed, and a tarball sets both: the new version's misspelled hook
    # passed from the old one's result ("No findings", exit 0). Under --untrusted-plugins every
    # file is hashed.
    host = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    typo = host / "plugins" / "typo.py"
    bad = typo.read_text()
    args = ["check", "--untrusted-plugins", "--config", str(host / "pyproject.toml")]
    args += ["--no-dynamic", "--no-mypy", "--cache-dir", str(tmp_path / "cache"), str(host)]
    for text, flagged in ((bad.replace("statrup", "startup"), False), (bad, True)):
        typo.write_text(text)
        os.utime(typo, ns=(1_700_000_000 * 10**9,) * 2)  # the same size and time each version
        proc = run_cli_here(*args)
        # The case's other plugins keep their own findings (enum_names.py since 98a897f2).
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert (f"{typo}:" in proc.stdout) is flagged, proc.stdout
