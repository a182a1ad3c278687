"""The showcase host: its findings are exactly the `# expect:` markers in its files."""

from __future__ import annotations

import json
import subprocess

import jsonschema
import pytest

from conftest import (
    ROOT,
    TESTDATA,
    cli_json,
    expectations,
    observed,
    run_check,
    run_cli,
    run_cli_here,
)

SHOWCASE = TESTDATA / "showcase"
SCHEMA = ROOT / "src" / "plugcheck" / "report" / "report.schema.json"

pytestmark = [
    pytest.mark.skipif(not (SHOWCASE / "pyproject.toml").is_file(), reason="showcase not present"),
    # One worker runs the module, so its fixtures' runs are made once, not once per worker.
    pytest.mark.xdist_group("showcase"),
]


# One run of each output format, shared by the tests that read it (a full showcase run is
# several seconds of CPU); the tests that compare two runs start only the second, as a process
# of its own (another hash seed, nothing cached in memory). Runs in this process: cli_here.
@pytest.fixture(scope="module")
def showcase_json() -> dict[str, object]:
    return cli_json("check", str(SHOWCASE), cwd=ROOT, here=True)


@pytest.fixture(scope="module")
def showcase_text() -> subprocess.CompletedProcess[str]:
    return run_cli_here("check", str(SHOWCASE), cwd=ROOT)


@pytest.mark.harness
def test_findings_are_exactly_the_markers() -> None:
    report = run_check(SHOWCASE)
    assert observed(report, SHOWCASE) == expectations(SHOWCASE)


@pytest.mark.harness
def test_good_plugins_are_clean(showcase_json: dict[str, object]) -> None:
    # Plugins may share a name (that is what PC003 is about): tell them apart by directory.
    def home(path: str) -> str:
        parts = (ROOT / path).resolve().relative_to(SHOWCASE.resolve()).parts
        return "/".join(parts[:2])

    findings = showcase_json["findings"]
    plugins = showcase_json["plugins"]
    assert isinstance(findings, list) and isinstance(plugins, list)
    flagged = {home(f["path"]) for f in findings}
    clean = {home(p["path"]) for p in plugins} - flagged
    assert len(clean) >= 2, "the showcase needs at least two fully good plugins"


@pytest.mark.harness
def test_json_report_matches_schema(showcase_json: dict[str, object]) -> None:
    jsonschema.validate(showcase_json, json.loads(SCHEMA.read_text()))
    summary = showcase_json["summary"]
    assert isinstance(summary, dict) and summary["failed"] is True


@pytest.mark.harness
def test_exit_codes_and_filters(showcase_text: subprocess.CompletedProcess[str]) -> None:
    proc = showcase_text
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-1].startswith("Found ")
    # Only info-level findings selected: below the default --fail-on, so exit 0.
    proc = run_cli_here("check", str(SHOWCASE), "--select", "PC106")
    assert proc.returncode == 0, proc.stdout
    assert "PC106" in proc.stdout
    proc = run_cli_here("check", str(SHOWCASE), "--select", "PC1", "--ignore", "PC10")
    assert proc.returncode in (0, 1)
    findings = [line for line in proc.stdout.splitlines()[:-1] if not line.startswith("note: ")]
    assert all(" PC11" in line for line in findings)
    proc = run_cli_here("check", str(SHOWCASE), "--select", "PC110", "--fail-on", "error")
    assert proc.returncode == 0
    proc = run_cli_here("check", str(SHOWCASE), "--select", "XX1")
    assert proc.returncode == 2


@pytest.mark.harness
def test_text_output_is_deterministic(showcase_text: subprocess.CompletedProcess[str]) -> None:
    first = showcase_text.stdout
    second = run_cli("check", str(SHOWCASE), cwd=ROOT).stdout
    assert first == second


@pytest.mark.harness
def test_repo_root_points_at_the_showcase(showcase_json: dict[str, object]) -> None:
    from_root = run_cli("check", "--output-format", "json", cwd=ROOT)
    assert json.loads(from_root.stdout)["findings"] == showcase_json["findings"]


@pytest.mark.harness
def test_explicit_plugin_path_checks_only_it() -> None:
    plugins = sorted(p for p in (SHOWCASE / "plugins").iterdir() if not p.name.startswith("."))
    target = plugins[0]
    data = cli_json("check", str(target), cwd=ROOT)
    names = {p["name"] for p in data["plugins"]}  # type: ignore[union-attr]
    assert len(names) == 1
