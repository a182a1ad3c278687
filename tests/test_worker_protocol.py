"""The registration worker's answers as plugcheck reads them (``_ecosystem_worker/protocol.py``):
a line a plugin forged or garbled is not an answer, and reading it never raises."""

from __future__ import annotations

import json

import pytest

from plugcheck._ecosystem_worker.protocol import parse_answer, parse_contract_problem


def test_each_status_is_read_into_its_answer() -> None:
    ok = parse_answer(json.dumps({"plugin": "a", "status": "ok", "message": "", "proves": False}))
    assert ok == {"plugin": "a", "status": "ok", "message": "", "proves": False}
    line = {
        "plugin": "b",
        "status": "invalid",
        "message": "m",
        "hook": "h",
        "path": "/p",
        "line": 3,
    }
    assert parse_answer(json.dumps(line)) == line
    failed = {"plugin": "c", "status": "call-failed", "message": "x", "problem": "returns"}
    assert parse_answer(json.dumps(failed)) == failed
    skipped = parse_answer(json.dumps({"plugin": "d", "status": "skipped", "message": "why"}))
    assert skipped == {"plugin": "d", "status": "skipped", "message": "why"}


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "not json",
        "[1, 2]",
        '"ok"',
        "[" * 100_000,
        '{"status": "ok", "message": ""}',
        '{"plugin": 3, "status": "ok", "message": ""}',
        '{"plugin": "a", "status": "fine", "message": ""}',
        '{"plugin": "a", "status": "ok", "message": 5}',
        '{"plugin": "a", "status": "ok", "message": "", "proves": "yes"}',
        '{"plugin": "a", "status": "invalid", "message": "", "line": "12"}',
        '{"plugin": "a", "status": "invalid", "message": "", "line": true}',
        '{"plugin": "a", "status": "invalid", "message": "", "hook": ["h"]}',
    ],
)
def test_a_line_that_is_not_an_answer_is_none(raw: str) -> None:
    assert parse_answer(raw) is None


def test_a_contract_problem_is_a_line_that_names_no_plugin() -> None:
    """Only the worker's own process sends one: a plugin's child is heard only in lines that
    name it, so a line naming a plugin is never read as the contract's problem."""
    line = {"contract": "pluggy.hookspecs", "message": "'m' is refused"}
    assert parse_contract_problem(json.dumps(line)) == line
    assert parse_answer(json.dumps(line)) is None
    for raw in ["", "[" * 100_000, '{"contract": 1, "message": ""}', '{"contract": "k"}']:
        assert parse_contract_problem(raw) is None
    forged = {**line, "plugin": "a", "status": "ok"}
    assert parse_contract_problem(json.dumps(forged)) is None
