"""`plugcheck rules` and `plugcheck rule`, the generated README rules table, the wheel's docs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from plugcheck.catalog import RULES
from plugcheck.registry import DEFINED_AT

from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "scripts"))
import gen_rules_table


@pytest.mark.harness
def test_rules_lists_every_rule_with_its_phase() -> None:
    proc = run_cli("rules")
    assert proc.returncode == 0
    rows = {line.split()[0]: line.split() for line in proc.stdout.splitlines()}
    assert set(rows) == set(RULES)
    for code, row in rows.items():
        rule = RULES[code]
        assert row[1:4] == [rule.name, rule.severity.value, rule.phase.value]


@pytest.mark.harness
def test_rule_prints_its_doc_and_rejects_unknown_codes() -> None:
    proc = run_cli("rule", "pc901")
    assert proc.returncode == 0
    assert proc.stdout == (ROOT / "rules" / "PC901.md").read_text(encoding="utf-8")
    proc = run_cli("rule", "PC999")
    assert proc.returncode == 2 and "no rule PC999" in proc.stderr


@pytest.mark.harness
def test_readme_rules_table_is_fresh() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert gen_rules_table.render(text) == text, (
        "README.md rules table is stale: run `python scripts/gen_rules_table.py`"
    )
    table = run_cli("rules", "--format", "markdown").stdout
    assert table in text


def test_rule_table_is_fresh_and_every_entry_is_defined() -> None:
    """The shipped metadata table (what `plugcheck rule`, selection and the reporters read
    without importing any check) says what the definitions say, and holds no rule whose
    definition is gone."""
    assert set(RULES) == set(DEFINED_AT), "rule_table.json holds a rule nothing defines"
    assert gen_rules_table.RULE_TABLE.read_text(encoding="utf-8") == gen_rules_table.rule_table(), (
        "src/plugcheck/rule_table.json is stale: run `python scripts/gen_rules_table.py`"
    )


@pytest.mark.harness
@pytest.mark.slow
def test_rule_docs_ship_in_the_wheel(tmp_path: Path) -> None:
    """Build the wheel, install it in a fresh venv, and read a rule doc from there."""
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "__pycache__", ".*cache*", "testdata", "bench", "dist"
        ),
    )
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)],
        check=True,
        timeout=600,
    )
    (wheel,) = wheels.glob("plugcheck-*.whl")
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    python = target / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=600)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    proc = subprocess.run(
        [str(target / "bin" / "plugcheck"), "rule", "PC101"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (ROOT / "rules" / "PC101.md").read_text(encoding="utf-8")
    shipped = subprocess.run(
        [str(python), "-c", "import plugcheck.ruledocs as r; print(r.docs_dir())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    ).stdout.strip()
    assert "_rule_docs" in shipped and "site-packages" in shipped


@pytest.mark.harness
def test_rule_where_points_at_definition_emitters_doc_and_cases() -> None:
    proc = run_cli("rule", "PC530", "--where", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("defined: src/plugcheck/rules/host_names.py:")
    assert any(line.startswith("emitted: src/plugcheck/rules/host_names.py:") for line in lines)
    assert "doc: rules/PC530.md" in lines
    assert {"case: testdata/rules/PC530/bad", "case: testdata/rules/PC530/good"} <= set(lines)
    proc = run_cli("rule", "PC401", "--where", cwd=ROOT)
    explainers = (
        "PC002, PC1, PC2, PC3, PC515, PC530, PC535, PC536, PC539, PC543, PC544, PC550, PC557, "
        "PC558, PC560, PC577"
    )
    assert f"explained away by: {explainers} (see docs/harness.md)" in proc.stdout


def test_every_rule_traces_to_where_it_is_emitted() -> None:
    """From any code to the code that emits it in one command (``rule PCnnn --where``)."""
    from plugcheck.ruledocs import where

    untraced = [
        code
        for code, rule in sorted(RULES.items())
        if not any(line.startswith(("emitted:", "passed on:")) for line in where(rule))
    ]
    assert untraced == []


def test_where_lists_code_not_docstrings() -> None:
    """``--where`` lists only lines where code reads the rule: a docstring (or a comment, or a
    message) that names the code is no place the rule is emitted or handed on."""
    import ast

    from plugcheck.ruledocs import where

    prose: dict[str, set[int]] = {}
    for path in (ROOT / "src" / "plugcheck").rglob("*.py"):
        lines: set[int] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        prose[path.relative_to(ROOT).as_posix()] = lines
    in_prose = []
    for code, rule in sorted(RULES.items()):
        for line in where(rule):
            what, _, place = line.partition(": ")
            if what in ("emitted", "passed on") and place.startswith("src/"):
                file, _, number = place.rpartition(":")
                if int(number) in prose[file]:
                    in_prose.append(f"{code} {place}")
    assert in_prose == []
    # PC302's module docstring names it; only its decorator, its table entry and its .at( count.
    listed = [line for line in where(RULES["PC302"]) if line.startswith(("emitted", "passed"))]
    assert not any(line.endswith("rules/pinning/dependencies.py:2") for line in listed)
