"""Entry points naming objects and hosts with their own calls, through the CLI on real files."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import TESTDATA, cli_json

CASES = TESTDATA / "rules"


def _codes(data: dict[str, object]) -> list[tuple[str, str]]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return sorted((f["code"], f["message"]) for f in findings)


def test_entry_point_function_with_the_wrong_signature() -> None:
    data = cli_json("check", str(CASES / "PC201" / "bad-entry-point-object"))
    [(code, message)] = _codes(data)
    assert code == "PC201"
    assert message.startswith("extract_old does not match xapi:Extractor")
    assert "the host passes 4" in message


def test_entry_point_naming_a_missing_object(tmp_path: Path) -> None:
    case = tmp_path / "host"
    shutil.copytree(CASES / "PC201" / "good-entry-point-object", case)
    project = case / "plugins" / "fine" / "pyproject.toml"
    project.write_text(project.read_text().replace("fine_extractor:extract", "fine_extractor:run"))
    data = cli_json("check", str(case))
    [(code, message)] = _codes(data)
    assert code == "PC101"
    assert "does not define 'run'; its entry point fine = 'fine_extractor:run' names it" in message


def test_only_the_hosts_calls_run(tmp_path: Path) -> None:
    """An extension with no init/run/shutdown at all, under a host that only calls
    extendMarkdown: nothing to report, statically or at run time."""
    case = tmp_path / "host"
    shutil.copytree(CASES / "PC541" / "good", case)
    data = cli_json("check", str(case))
    assert _codes(data) == []
    summary = data["summary"]
    assert isinstance(summary, dict) and summary["plugins"] == 1


def test_a_failing_stand_in_is_not_the_plugins_fault(tmp_path: Path) -> None:
    case = tmp_path / "host"
    shutil.copytree(CASES / "PC541" / "good", case)
    testing = case / "api" / "mdapi" / "testing.py"
    testing.write_text(
        testing.read_text() + "\n\ndef broken() -> Markdown:\n    raise RuntimeError('no host')\n"
    )
    config = case / "pyproject.toml"
    config.write_text(config.read_text().replace("mdapi.testing:markdown", "mdapi.testing:broken"))
    data = cli_json("check", str(case))
    [(code, message)] = _codes(data)
    assert code == "PC417"
    assert "a stand-in for extendMarkdown() failed: RuntimeError: no host" in message


def test_the_entry_points_type_wins_over_a_same_named_export(tmp_path: Path) -> None:
    """An export named like the entry point's object does not replace the entry point's type:
    a loose export type would otherwise let a function with the wrong signature pass."""
    case = tmp_path / "host"
    shutil.copytree(CASES / "PC201" / "bad-entry-point-object", case)
    api = case / "api" / "xapi" / "__init__.py"
    api.write_text(api.read_text() + "\nLoose = Callable[..., Any]\n")
    config = case / "pyproject.toml"
    config.write_text(
        config.read_text() + "\n[tool.plugcheck.contracts.extractors.exports]\n"
        'extract_old = { type = "xapi:Loose", optional = true }\n'
    )
    data = cli_json("check", str(case))
    [(code, message)] = _codes(data)
    assert code == "PC201"
    assert message.startswith("extract_old does not match xapi:Extractor")
