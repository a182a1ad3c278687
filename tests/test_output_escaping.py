"""Plugin-supplied text is inert in every output format: escaped, one line, bounded."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugcheck import Options, Report, check
from plugcheck.report import renderers
from plugcheck.report.text import render as render_text
from plugcheck.untrusted import LIMIT, printable, uncommanded

from conftest import TESTDATA, copy_host, run_cli

HOSTILE = TESTDATA / "hostile"
NOISY = ("ansi_fake_summary", "workflow_commands", "bidi_override", "huge_message")
HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}
OUR_COMMAND = re.compile(r"::(error|warning|notice) (file=|title=plugcheck )")


def _hidden(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) in HIDDEN]


@pytest.fixture(scope="module")
def report() -> Report:
    return check(
        Options(
            paths=tuple(HOSTILE / "plugins" / f"{name}.py" for name in NOISY),
            config=HOSTILE / "pyproject.toml",
            static=False,
            mypy=False,
        )
    )


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.harness
def test_the_hostile_plugins_are_reported(report: Report) -> None:
    assert {f.plugin for f in report.findings} == set(NOISY)
    assert not report.crashes


@pytest.mark.harness
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_line_formats_show_no_escape_command_or_fake_summary(report: Report, fmt: str) -> None:
    output = render_text(report, color=False) if fmt == "text" else renderers()[fmt](report)
    lines = output.splitlines()
    for line in lines:
        assert _hidden(line) == [], line[:200]
        assert len(line) < 3 * LIMIT
        assert not line.startswith("All checks passed")
        if line.lstrip().startswith("::"):
            assert fmt == "github" and OUR_COMMAND.match(line), line[:200]
    assert lines[-1].startswith("Found ")
    assert len(output) < len(report.findings) * 3 * LIMIT
    # What the plugins said is still there to read, escaped.
    assert "\\x1b[2K" in output and "\\u202e" in output
    assert "::add-mask::ghp_notasecret" in output
    assert "[cut: " in output


@pytest.mark.harness
@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_document_formats_hold_printable_bounded_strings(report: Report, fmt: str) -> None:
    document = json.loads(renderers()[fmt](report))
    if fmt == "sarif":  # the rule metadata is our docs; results and notifications quote plugins
        run = document["runs"][0]
        document = {"results": run["results"], "invocations": run["invocations"]}
    messages = [s for s in _strings(document) if "raised" in s or "stdout" in s]
    assert len(messages) >= len(report.findings)
    for text in _strings(document):
        # SARIF puts the fix on a line of its own, after the (escaped) message
        assert _hidden(text.replace("\nFix: ", " Fix: ")) == [], text[:200]
        assert len(text) <= 2 * LIMIT  # a message and its fix


@pytest.mark.harness
def test_the_cli_prints_the_same_escaped_text() -> None:
    proc = run_cli(
        "harness",
        "--config",
        str(HOSTILE / "pyproject.toml"),
        str(HOSTILE / "plugins" / "workflow_commands.py"),
        env={"NO_COLOR": "1"},
    )
    assert proc.returncode == 1, proc.stderr
    assert [line for line in proc.stdout.splitlines() if line.lstrip().startswith("::")] == []
    assert "\\n::error file=pyproject.toml" in proc.stdout


def test_a_line_that_would_be_a_workflow_command_is_escaped() -> None:
    assert uncommanded("::error::x") == "\\x3a:error::x"
    assert uncommanded("  ::add-mask::x") == "  \\x3a:add-mask::x"
    assert uncommanded("a ::error::x") == "a ::error::x"


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(), st.integers(min_value=40, max_value=3000))
def test_printable_is_inert_bounded_and_idempotent(text: str, limit: int) -> None:
    shown = printable(text, limit)
    assert _hidden(shown) == []
    assert len(shown) <= limit
    assert printable(shown, limit) == shown
    if len(text) <= limit and not _hidden(text):
        assert shown == text


@pytest.mark.harness
@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif"])
def test_entry_point_names_are_inert_in_every_format(tmp_path: Path, fmt: str) -> None:
    # An installed distribution names its entry points: a name that clears the screen and
    # draws a fake summary, one that reverses the line (bidi) and opens a terminal hyperlink.
    # The name is the finding's plugin and part of its message (red team sand15: held).
    root = copy_host(TESTDATA / "rules" / "PC002" / "good", tmp_path / "host")
    (root / "site" / "real_plugin-1.0.dist-info" / "entry_points.txt").write_bytes(
        b"[demo.plugins]\n\x1b[2J\x1b[HAll checks passed = real_plugin.main:new\n"
        b"\xe2\x80\xaeevil\x1b]8;;http://x\x07 = real_plugin.nope:new\n"
    )
    proc = run_cli(
        "check", str(root), "--no-mypy", "--output-format", fmt,
        env={"PYTHONPATH": str(root / "site"), "XDG_CACHE_HOME": str(tmp_path / "c")},
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr[-2000:]
    strings: list[str] = []
    if fmt in ("json", "sarif"):
        document = json.loads(proc.stdout)
        if fmt == "sarif":  # the rule metadata is our docs; results and notifications quote
            run = document["runs"][0]
            document = {"results": run["results"], "invocations": run["invocations"]}
        strings = list(_strings(document))
    for text in strings or proc.stdout.splitlines():
        assert _hidden(text.replace("\nFix: ", " Fix: ")) == [], text[:200]
        assert not text.startswith("All checks passed")
        if fmt == "github" and text.lstrip().startswith("::"):
            assert OUR_COMMAND.match(text), text[:200]
    assert "\\u202eevil\\x1b]8;;http" in proc.stdout.replace("\\\\", "\\")


@pytest.mark.harness
def test_entry_point_names_are_inert_in_the_progress_bar(tmp_path: Path) -> None:
    # The progress bar (on a terminal, or `--progress` anywhere: a CI log) drew each plugin's
    # name raw as the harness finished it: an OSC 52 escape in an entry point's name wrote the
    # user's clipboard, a cursor move redrew the screen (red team sand19).
    root = copy_host(TESTDATA / "rules" / "PC002" / "good", tmp_path / "host")
    (root / "site" / "real_plugin-1.0.dist-info" / "entry_points.txt").write_bytes(
        b"[demo.plugins]\n"
        b"\x1b]52;c;Y3VybCB4fHNo\x07\x1b[2J\x1b[H\xe2\x80\xaeok = real_plugin.main:new\n"
    )
    proc = run_cli(
        "check", str(root), "--no-mypy", "--progress",
        env={"PYTHONPATH": str(root / "site"), "XDG_CACHE_HOME": str(tmp_path / "c")},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "harness [" in proc.stderr, proc.stderr[-2000:]
    # The bar's own escape (back to the line's start; text mode reads its \r as \n).
    drawn = proc.stderr.replace("\n\x1b[K", "")
    assert _hidden(drawn.replace("\n", "")) == [], drawn[-2000:]
    assert "\\x1b]52;c;Y3VybCB4fHNo\\x07" in drawn


@pytest.mark.harness
def test_contract_names_are_inert_in_the_contracts_listing(tmp_path: Path) -> None:
    # `plugcheck contracts` printed a contract's name and entry-point group raw: a published
    # contract (a distribution's TOML) named "x\n::error::..." started a workflow command line
    # in a CI log, and an escape drew on the terminal (red team red23).
    weird = '"ev\\u001bil\\n::error title=plugcheck::fake"'
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.plugcheck.contracts.{weird}]\nkind = "factory"\n'
        'entry-point-group = "g\\u001b[2J"\n'
        f"[tool.plugcheck.contracts.{weird}.exports]\n"
        'new = { kind = "callable" }\n'
    )
    proc = run_cli("contracts", "--config", str(tmp_path / "pyproject.toml"))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines and all(_hidden(line) == [] and not line.startswith("::") for line in lines)
    assert lines[0].startswith("ev\\x1bil\\n::error title=plugcheck::fake (factory, entry-point")
    assert "entry-point group g\\x1b[2J)" in lines[0]
