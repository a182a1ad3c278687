"""`plugcheck merge`: the shard reports of one check make the report of the unsharded check."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, run_cli_here

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


STATIC = ("--no-mypy", "--no-dynamic")


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(24, tmp_path_factory.mktemp("fleet") / "host")


def _check(host: Path, fmt: str, *args: str) -> dict[str, Any]:
    proc = run_cli_here("check", str(host), *STATIC, "--output-format", fmt, *args, cwd=host)
    assert proc.returncode in (0, 1), proc.stderr
    document: dict[str, Any] = json.loads(proc.stdout)
    return document


def _merged(host: Path, documents: list[dict[str, Any]]) -> tuple[int, dict[str, Any]]:
    paths = []
    for number, document in enumerate(documents):
        path = host.parent / f"shard-{number}.json"
        path.write_text(json.dumps(document))
        paths.append(str(path))
    proc = run_cli_here("merge", *paths, cwd=host)
    assert proc.returncode in (0, 1), proc.stderr
    merged: dict[str, Any] = json.loads(proc.stdout)
    return proc.returncode, merged


def _key(finding: dict[str, Any]) -> str:
    return json.dumps(finding, sort_keys=True)


def test_merged_json_shards_are_the_whole_check(host: Path) -> None:
    whole = _check(host, "json")
    shards = [_check(host, "json", "--shard", f"{i}/3") for i in (1, 2, 3)]
    assert all(s["plugins"] for s in shards)
    status, merged = _merged(host, shards)
    assert sorted(map(_key, merged["findings"])) == sorted(map(_key, whole["findings"]))
    assert sorted(map(_key, merged["plugins"])) == sorted(map(_key, whole["plugins"]))
    assert merged["summary"] == whole["summary"]
    assert status == (1 if whole["summary"]["failed"] else 0)
    # Red team red52: shards 1/3 and 2/3 alone merged into a report that passed (exit 0).
    assert _incomplete(host, shards[:2]) == ["3/3"]


def _incomplete(host: Path, documents: list[dict[str, Any]]) -> list[str]:
    """The shards the merge of ``documents`` says are missing (it must exit 2 for them)."""
    paths = []
    for number, document in enumerate(documents):
        path = host.parent / f"part-{number}.json"
        path.write_text(json.dumps(document))
        paths.append(str(path))
    proc = run_cli_here("merge", *paths, cwd=host)
    assert proc.returncode == 2, proc.stderr
    merged = json.loads(proc.stdout)
    run = merged["runs"][0] if "runs" in merged else None
    if run is not None:
        assert not run["invocations"][0]["executionSuccessful"]
        errors = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    else:
        errors = merged["errors"]
    said = [e for e in errors if "missing" in e]
    assert len(said) == 1, errors
    return said[0].split(" missing")[0].split(" ", 1)[1].split(", ")


def test_merged_sarif_shards_are_the_whole_check(host: Path) -> None:
    whole = _check(host, "sarif")["runs"][0]
    shards = [_check(host, "sarif", "--shard", f"{i}/2") for i in (1, 2)]
    status, merged = _merged(host, shards)
    run = merged["runs"][0]
    assert sorted(map(_key, run["results"])) == sorted(map(_key, whole["results"]))
    assert run["tool"] == whole["tool"]
    assert run["properties"]["failed"] == whole["properties"]["failed"]
    assert status == (1 if whole["properties"]["failed"] else 0)
    assert _incomplete(host, shards[1:]) == ["1/2"]


def test_the_same_shard_twice_is_refused(host: Path, tmp_path: Path) -> None:
    shard = tmp_path / "one.json"
    shard.write_text(json.dumps(_check(host, "json", "--shard", "1/2")))
    proc = run_cli_here("merge", str(shard), str(shard))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "two reports" in proc.stderr


@pytest.mark.parametrize("content", [b"not json", b"{}", b'{"version": 2.1, "runs": [1]}', b"\xff"])
def test_what_is_not_a_report_is_one_line_and_exit_2(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    proc = run_cli_here("merge", str(bad))
    assert proc.returncode == 2
    assert proc.stderr.startswith("plugcheck: error: ") and proc.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("case", "contract", "names", "code"),
    [
        ("PC553/bad", "demo", ("twice", "twice_legacy"), "PC553"),
        ("PC729/bad", "greeters", ("greeter.so", "greeter2.so"), "PC729"),
    ],
)
def test_shards_keep_a_check_that_judges_plugins_against_each_other(
    tmp_path: Path, case: str, contract: str, names: tuple[str, str], code: str
) -> None:
    """Red team sand21: PC553 (two entry points of a pluggy group load one module: the host does
    not start) and PC729 (two Go plugins of one plugin path) were judged among a shard's plugins
    only. The two plugins fall in two shards of four: each shard passed, and so did the merged
    report (exit 0)."""
    from plugcheck.shard import shard_of

    host = tmp_path / "host"
    shutil.copytree(ROOT / "testdata" / "rules" / case, host)
    assert shard_of(contract, names[0], 4) != shard_of(contract, names[1], 4)
    whole = _check(host, "json")
    assert [f["code"] for f in whole["findings"]] == [code]
    shards = [_check(host, "json", "--shard", f"{i}/4") for i in (1, 2, 3, 4)]
    status, merged = _merged(host, shards)
    assert sorted(map(_key, merged["findings"])) == sorted(map(_key, whole["findings"]))
    assert status == 1
