"""SARIF (validated against the official 2.1.0 schema), GitHub annotations, and text colour."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from demo_host import cli_on_tty

from plugcheck.catalog import RULES

from conftest import ROOT, TESTDATA, run_cli

pytestmark = pytest.mark.harness


SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
SHOWCASE = TESTDATA / "showcase"
BAD = SHOWCASE  # has findings of every severity
FAST = ("--no-dynamic", "--no-mypy")  # rendering tests: the static findings are enough


@pytest.fixture(scope="module")
def sarif() -> dict[str, Any]:
    proc = run_cli("check", str(SHOWCASE), "--no-dynamic", "--output-format", "sarif")
    assert proc.returncode in (0, 1), proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def test_sarif_is_valid_against_the_official_schema(sarif: dict[str, Any]) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.validate(sarif, schema, cls=jsonschema.Draft4Validator)
    assert sarif["version"] == "2.1.0"


def test_sarif_carries_rule_metadata_from_the_docs(sarif: dict[str, Any]) -> None:
    driver = sarif["runs"][0]["tool"]["driver"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == set(RULES)
    pc101 = rules["PC101"]
    assert pc101["name"] == RULES["PC101"].name
    assert pc101["shortDescription"]["text"] == RULES["PC101"].summary
    doc_path = ROOT / "rules" / "PC101.md"
    if doc_path.is_file():
        doc = doc_path.read_text(encoding="utf-8")
        assert pc101["help"]["markdown"] == doc
        assert pc101["fullDescription"]["text"] in doc


def test_sarif_results_match_the_json_report(sarif: dict[str, Any]) -> None:
    data = json.loads(
        run_cli("check", str(SHOWCASE), "--no-dynamic", "--output-format", "json").stdout
    )
    run = sarif["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    got = set()
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        loc = result["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        path = (Path(uri) if "uriBaseId" in loc["artifactLocation"] else Path(uri[7:])).resolve()
        got.add((str(path), loc["region"]["startLine"], result["ruleId"]))
    want = {(str(Path(f["path"]).resolve()), f["line"], f["code"]) for f in data["findings"]}
    assert got == want and got


def test_github_annotations() -> None:
    proc = run_cli("check", str(BAD), *FAST, "--output-format", "github")
    assert proc.returncode == 1
    annotations = [line for line in proc.stdout.splitlines() if line.startswith("::")]
    assert annotations
    for line in annotations:
        command, _, message = line[2:].partition("::")
        level, _, props = command.partition(" ")
        assert level in {"error", "warning", "notice"}
        fields = dict(p.split("=", 1) for p in props.split(","))
        assert {"file", "line", "col", "title"} <= set(fields)
        assert fields["title"][:2] == "PC"
        assert "\n" not in message
        assert Path(fields["file"]).exists()


def test_text_is_coloured_only_on_a_terminal() -> None:
    assert "\x1b[" in cli_on_tty("check", str(BAD), *FAST)[0].decode()
    assert "\x1b[" not in cli_on_tty("check", str(BAD), *FAST, env={"NO_COLOR": "1"})[0].decode()
    piped = run_cli("check", str(BAD), *FAST, env={"NO_COLOR": "", "FORCE_COLOR": ""})
    assert "\x1b[" not in piped.stdout and "PC" in piped.stdout
    forced = run_cli("check", str(BAD), *FAST, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[31mPC" in forced.stdout
