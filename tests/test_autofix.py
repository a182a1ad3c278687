"""``plugcheck check --fix`` / ``--diff`` / ``--fix-only``: every fixable rule's bad cases are
fixed in a copy (the finding goes, nothing new comes, a second fix changes nothing), its good
cases are left alone, and the fix shows in every output format."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from demo_host import demo_host
from test_precommit import _git, run_hook

from plugcheck.catalog import RULES
from plugcheck.cli import main
from plugcheck.model import Applicability

from conftest import ROOT, TESTDATA, case_env, run_cli

FIXABLE = sorted(code for code, rule in RULES.items() if rule.autofix is not None)

UNFIXABLE = {
    "PC501/bad-namespace": "the hookimpl is a keyword of the SimpleNamespace the module puts in "
    "its own place: the name pluggy registers is the keyword's, no def to rename",
    "PC501/bad-exec": "the hookimpl is defined in a string exec() runs: plugcheck edits no "
    "code inside a string",
    "PC502/bad-fallback-taken": "verbose is close to no argument the hook passes: the fix is "
    "the plugin's design (drop it, or take it from config)",
    "PC542/bad": "what a hook returns is the plugin's design: no edit knows the class or the "
    "name the host wants",
    "PC102/bad-private-reexport": "_new is defined in impl.py and imported by name in "
    "__init__.py: renaming it would edit a file the finding does not name",
    "PC501/bad_prefix": "_stop is close to no hook; demo_shutdown is close to demo_startup, "
    "which the plugin already defines",
    "PC501/bad_star_reexport": "demo_shutdown is close to demo_startup, already defined",
    "PC502/bad_aliased_marker": "session, verbose and extra are close to no argument the "
    "hookspecs pass",
    "PC502/bad_class_spec": "force is close to no argument of the hookspec",
    "PC502/bad_marker_forms": "session, verbose, theme and encoder are close to no argument "
    "the hookspecs pass",
    "PC502/bad_instance": "verbose is close to no argument of the hookspec",
    "PC502/bad_sys_modules_instance": "verbose is close to no argument of the hookspec",
    "PC502/bad_lazy_module": "verbose is close to no argument of the hookspec",
    "PC502/bad_hand_marked": "verbose is close to no argument of the hookspec",
    "PC502/bad-cast-marker": "verbose is close to no argument of the hookspec",
    "PC502/bad-import-blocks": "theme, session, legacy, checked and registry are close to no "
    "argument the hookspecs pass",
    "PC502/bad-marker-over-none": "func is the parameter of pluggy's own decorator the name "
    "holds (@logged returned None): the fix is the decorator's `return`, not a rename",
    "PC502/bad-factory-instance": "verbose and session are close to no argument the hookspecs pass",
    "PC502/bad_module_idioms": "verbose, theme, session and extra are close to no argument the "
    "hookspecs pass",
    "PC502/bad-code-and-wraps": "theme is close to no argument of the hookspec, and the "
    "parameters are another function's, which the hookimpl borrows",
    "PC302/bad-installed-module": "the pin is in an installed distribution's METADATA, which "
    "is built output, not the plugin's source",
    "PC501/bad-splatted-options": "the hook's name is a value of the dict constant the "
    "marker's options are splatted from: plugcheck renames no function for it",
    "PC502/bad_bound_by_source": "verbose, session, encoder, theme and cache are close to no "
    "argument the hookspecs pass",
}
"""Bad cases whose findings carry no fix, and why (``PCnnn/case``)."""

FOLLOW_UPS = {"PC351": "the vendored copy, now unused, is reported at its own file"}
"""Rules whose fix leaves a finding of the same rule at a place the finding names."""


def _cases(prefix: str) -> list[Any]:
    return [
        pytest.param(code, case, id=f"{code}-{case.name}")
        for code in FIXABLE
        for case in sorted((TESTDATA / "rules" / code).glob(f"{prefix}*"))
        if case.is_dir()
    ]


def _args(case: Path) -> list[str]:
    settings = case / "case.toml"
    spec = tomllib.loads(settings.read_text()) if settings.is_file() else {}
    return [str(a) for a in spec.get("args", [])]


def _env(case: Path) -> dict[str, str]:
    """The case's extra environment (a synthetic target environment: ``PYTHONPATH = "site"``),
    its paths made absolute under the copy."""
    settings = case / "case.toml"
    spec = tomllib.loads(settings.read_text()) if settings.is_file() else {}
    return case_env(case, spec)


@dataclass(frozen=True)
class _Run:
    """What a run in a process of its own gave, read as a click ``Result`` is."""

    exit_code: int
    stdout: str
    output: str


def _cli(work: Path, *args: str) -> Result | _Run:
    argv = ["check", str(work), "--no-dynamic", *_args(work), *args]
    env = _env(work)
    if env:  # a target environment of the case's own: the run needs a process of its own
        proc = run_cli(*argv, env=env)
        return _Run(proc.returncode, proc.stdout, proc.stdout + proc.stderr)
    return CliRunner().invoke(main, argv, catch_exceptions=False)


def _findings(work: Path, *args: str) -> list[dict[str, Any]]:
    result = _cli(work, "--output-format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return found


def _where(findings: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(f["code"], Path(f["path"]).resolve().as_posix()) for f in findings}


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.mark.harness
@pytest.mark.parametrize(("code", "case"), _cases("bad"))
def test_bad_case_is_fixed(code: str, case: Path, tmp_path: Path) -> None:
    work = tmp_path / case.name
    shutil.copytree(case, work, symlinks=True)
    before = _findings(work, "--unsafe-fixes")
    mine = [f for f in before if f["code"] == code]
    assert mine, f"{case} reports no {code}"
    fixable = [f for f in mine if f["autofix"] is not None]
    if f"{code}/{case.name}" in UNFIXABLE:
        assert fixable == []
        return
    assert fixable, f"no {code} finding of {case.name} has a fix"
    named = {Path(f["path"]).resolve() for f in fixable} | {
        Path(r["path"]).resolve() for f in fixable for r in f["related"]
    }
    for f in fixable:
        assert f["autofix"]["applicability"] == RULES[code].autofix.value  # type: ignore[union-attr]
        own = {Path(f["path"]).resolve(), *(Path(r["path"]).resolve() for r in f["related"])}
        assert {Path(e["path"]).resolve() for e in f["autofix"]["edits"]} <= own

    diff = _cli(work, "--diff", "--unsafe-fixes")
    assert diff.exit_code == 1, diff.output
    changed = {(work / m).resolve() for m in re.findall(r"^\+\+\+ b/(.+)$", diff.stdout, re.M)}
    assert changed and changed <= named, diff.stdout
    assert _tree(work) == _tree(case), "--diff changed a file"

    fixed = _cli(work, "--fix", "--unsafe-fixes", "--output-format", "json")
    assert fixed.exit_code in (0, 1), fixed.output
    after = _findings(work, "--unsafe-fixes")
    left = [
        f
        for f in after
        if f["code"] == code and not (code in FOLLOW_UPS and Path(f["path"]).resolve() in named)
    ]
    assert len(left) <= len(mine) - len(fixable), f"a fixed {code} is still reported: {left}"
    new = _where(after) - _where(before)
    if code in FOLLOW_UPS:  # what the fix leaves behind, said in its message
        new -= {(code, p.as_posix()) for p in named}
    assert new == set(), f"the fix brought a new finding: {new}"
    for path in changed:
        compile(path.read_text(encoding="utf-8"), str(path), "exec") if path.suffix == ".py" else (
            tomllib.loads(path.read_text(encoding="utf-8"))
        )

    again = _cli(work, "--diff", "--unsafe-fixes")
    assert (again.exit_code, again.stdout) == (0, ""), "a second fix would change more"


@pytest.mark.harness
@pytest.mark.parametrize(("code", "case"), _cases("good"))
def test_good_case_is_left_alone(code: str, case: Path, tmp_path: Path) -> None:
    work = tmp_path / case.name
    shutil.copytree(case, work, symlinks=True)
    result = _cli(work, "--fix-only", "--unsafe-fixes")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Fixed 0 findings.\n"
    assert _tree(work) == _tree(case)


def _pc103(tmp_path: Path) -> Path:
    work = tmp_path / "case"
    shutil.copytree(TESTDATA / "rules" / "PC103" / "bad-left-out", work)
    return work


@pytest.mark.harness
def test_text_marks_and_counts_fixable_findings(tmp_path: Path) -> None:
    out = _cli(_pc103(tmp_path)).stdout.splitlines()
    assert " PC103 (warning) [*] 'new' is defined but not listed" in out[0]
    assert out[-2:] == [
        "[*] 1 fixable with --fix.",
        "Found 1 finding (1 warning) in 1 plugin in 1 contract.",
    ]


@pytest.mark.harness
def test_a_replaced_copy_takes_the_imports_only_it_used(tmp_path: Path) -> None:
    work = tmp_path / "case"
    shutil.copytree(TESTDATA / "rules" / "PC354" / "bad", work)
    shadow = work / "plugins/shadow/src/shadow/__init__.py"
    aliased = work / "plugins/aliased/src/aliased/__init__.py"
    # A name still used in a string annotation is not unused.
    with aliased.open("a") as stream:
        stream.write('\n\nLATER: "Callable[[], None] | None" = None\n')
    result = _cli(work, "--fix-only", "--unsafe-fixes")
    assert result.stdout == "Fixed 2 findings.\n", result.output
    text = shadow.read_text()
    assert "Protocol" not in text
    assert "from collections.abc import Mapping\n" in text  # still used by Shadow
    assert "from pinapi import Plugin\n" in text
    assert "from collections.abc import Callable, Mapping\n" in aliased.read_text()
    assert [f for f in _findings(work) if f["code"] == "PC354"] == []  # the subclass too


@pytest.mark.harness
def test_github_annotations_mark_fixable_findings(tmp_path: Path) -> None:
    out = _cli(_pc103(tmp_path), "--output-format", "github").stdout.splitlines()
    assert out[0].startswith("::warning ")
    assert ",title=PC103 [*] [greeter]::" in out[0]
    assert out[0].endswith("%0AFixable with plugcheck check --fix: add 'new' to __all__")
    assert out[-2:] == [
        "[*] 1 fixable with --fix.",
        "Found 1 finding (1 warning) in 1 plugin in 1 contract.",
    ]


@pytest.mark.harness
def test_json_and_sarif_carry_the_edits(tmp_path: Path) -> None:
    work = _pc103(tmp_path)
    (finding,) = _findings(work)
    assert finding["autofix"] == {
        "message": "add 'new' to __all__",
        "applicability": "safe",
        "edits": [
            {
                "path": finding["path"],
                "line": 17,
                "column": 21,
                "end_line": 17,
                "end_column": 21,
                "content": ', "new"',
            }
        ],
    }
    sarif = json.loads(_cli(work, "--output-format", "sarif").stdout)
    (fix,) = sarif["runs"][0]["results"][0]["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"].endswith("greeter/__init__.py")
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 17, "startColumn": 21, "endLine": 17, "endColumn": 21},
            "insertedContent": {"text": ', "new"'},
        }
    ]


@pytest.mark.harness
def test_fix_reports_what_remains(tmp_path: Path) -> None:
    work = _pc103(tmp_path)
    result = _cli(work, "--fix")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2:] == [
        "note: --fix fixed 1 finding",
        "No findings in 1 plugin in 1 contract, but the run left out: "
        "static checks only: no plugin was run.",
    ]
    text = (work / "plugins/greeter/src/greeter/__init__.py").read_text()
    assert '__all__ = ["Greeter", "new"]  # expect: PC103\n' in text


@pytest.mark.harness
def test_fix_only_prints_the_count(tmp_path: Path) -> None:
    result = _cli(_pc103(tmp_path), "--fix-only")
    assert (result.exit_code, result.stdout) == (0, "Fixed 1 finding.\n")


@pytest.mark.harness
def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    unsafe = [c for c in FIXABLE if RULES[c].autofix is Applicability.UNSAFE]
    if not unsafe:
        pytest.skip("no unsafe fix yet")
    case = next(p for p in sorted((TESTDATA / "rules" / unsafe[0]).glob("bad*")))
    work = tmp_path / "case"
    shutil.copytree(case, work, symlinks=True)
    plain = _cli(work, "--fix-only")
    assert plain.stdout == "Fixed 0 findings.\n"
    assert _tree(work) == _tree(case)
    assert re.search(
        r"^\d+ fixable with --unsafe-fixes\.$|more with --unsafe-fixes", _cli(work).stdout, re.M
    )


def test_every_doc_says_whether_there_is_a_fix() -> None:
    wrong = []
    for code, rule in sorted(RULES.items()):
        text = (ROOT / "rules" / f"{code}.md").read_text(encoding="utf-8")
        line = re.search(r"^Severity: .* · Fix: (safe|unsafe|none)$", text, re.M)
        said = line[1] if line else None
        want = rule.autofix.value if rule.autofix else "none"
        if said != want:
            wrong.append(f"{code}: doc says {said}, registry {want}")
    assert wrong == []


UNLISTED = (
    '__all__ = ["Other"]\n\nfrom demo_api import Plugin\n\n\nclass Other:\n    pass\n\n\n'
    + ("def new() -> Plugin:\n    return Plugin()\n")
)


@pytest.mark.harness
def test_the_pytest_plugin_never_fixes(tmp_path: Path) -> None:
    host = demo_host(tmp_path / "host", {"unlisted": UNLISTED})
    before = _tree(host)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")  # keep this repo's addopts out
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    config = str(host / "pyproject.toml")
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--plugcheck"),
            *("--plugcheck-config", config, "--plugcheck-static-only"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "PC103" in proc.stdout
    assert _tree(host) == before


@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.xdist_group("pre-commit-hooks")  # one hook environment: test_precommit.py
def test_precommit_fix_hook_fixes_then_passes(
    tmp_path: Path, hook_repo: Path, precommit_home: Path
) -> None:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of plugcheck")
    repo = demo_host(tmp_path / "host", {"unlisted": UNLISTED})
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "host")
    fixed = run_hook(repo, hook_repo, "plugcheck-fix", precommit_home)
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr  # files were modified
    assert '__all__ = ["Other", "new"]' in (repo / "plugins/unlisted/__init__.py").read_text()
    _git(repo, "add", "-A")
    passed = run_hook(repo, hook_repo, "plugcheck-fix", precommit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr


@pytest.mark.harness
def test_fixes_at_one_place_take_two_rounds(tmp_path: Path) -> None:
    """Two names for one empty ``__all__``: both fixes insert at one place, so the second waits
    for the next round (inserted together they would make ``["Other""new"]``)."""
    source = "__all__: list[str] = []\n\nfrom demo_api import Plugin\n\n\nclass Other:\n    pass\n"
    factory = "\n\ndef new() -> Plugin:\n    return Plugin()\n"
    host = demo_host(tmp_path / "host", {"both": source + factory})
    with (host / "pyproject.toml").open("a") as config:
        config.write('Other = { kind = "class" }\n')
    assert [f["code"] for f in _findings(host)] == ["PC103", "PC103"]
    result = _cli(host, "--fix")
    assert result.exit_code == 0, result.output
    assert "note: --fix fixed 2 findings" in result.stdout
    text = (host / "plugins/both/__init__.py").read_text()
    assert text.startswith(
        ('__all__: list[str] = ["Other", "new"]\n', '__all__: list[str] = ["new", "Other"]\n')
    )


@pytest.mark.harness
def test_diff_shows_every_round_and_changes_nothing(tmp_path: Path) -> None:
    """The two-round case of the test above: ``--diff`` shows the result of both rounds, as
    ``--fix`` would leave it, and leaves the file as it was (text and times)."""
    source = "__all__: list[str] = []\n\nfrom demo_api import Plugin\n\n\nclass Other:\n    pass\n"
    factory = "\n\ndef new() -> Plugin:\n    return Plugin()\n"
    host = demo_host(tmp_path / "host", {"both": source + factory})
    with (host / "pyproject.toml").open("a") as config:
        config.write('Other = { kind = "class" }\n')
    plugin = host / "plugins/both/__init__.py"
    os.utime(plugin, ns=(1_000_000_000, 2_000_000_000))
    before = _tree(host)
    result = _cli(host, "--diff")
    assert result.exit_code == 1, result.output
    assert result.stderr == "Would fix 2 findings in 2 rounds.\n"
    changed = [line for line in result.stdout.splitlines() if line[:1] in "+-"]
    assert changed[2:] in (
        ["-__all__: list[str] = []", '+__all__: list[str] = ["Other", "new"]'],
        ["-__all__: list[str] = []", '+__all__: list[str] = ["new", "Other"]'],
    ), result.stdout
    assert _tree(host) == before
    assert plugin.stat().st_mtime_ns == 2_000_000_000
    _cli(host, "--fix")
    assert plugin.read_text().startswith(changed[3][1:] + "\n")


def test_a_file_that_cannot_be_written_is_said_not_raised(tmp_path: Path) -> None:
    from plugcheck.autofix.apply import Plan

    folder = tmp_path / "not-a-file.py"
    folder.mkdir()
    failed = Plan(old={folder: ""}, new={folder: "x = 1\n"}).write()
    assert len(failed) == 1 and failed[0].startswith(f"--fix could not write {folder}: ")


PYTEST6_PLUGIN = """\
def pytest_collect_file(path, parent):
    {body}
"""


@pytest.mark.harness
def test_an_argument_rename_never_changes_what_the_body_reads(tmp_path: Path) -> None:
    # Red team finding 29: --fix --unsafe-fixes renamed a pytest-6 hookimpl's `path` (a
    # py.path.local) to pytest 9's `file_path` (a pathlib.Path) in the body too: `path.ext`
    # then broke every pytest run, and the re-check said "All checks passed". The rename is
    # taken only when the body never reads the argument; the fixed plugin works in pytest.
    project = tmp_path / "project"
    bodies = {
        "used": 'if path.ext == ".yaml" and path.basename.startswith("test"):\n        return None',
        "unused": "return None",
    }
    files = {f"src/laxplug/{name}.py": PYTEST6_PLUGIN.format(body=b) for name, b in bodies.items()}
    files["src/laxplug/__init__.py"] = ""
    files["pyproject.toml"] = (
        '[project]\nname = "laxplug"\nversion = "1.0"\ndependencies = ["pytest"]\n\n'
        '[project.entry-points.pytest11]\nused = "laxplug.used"\nunused = "laxplug.unused"\n'
    )
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    fix = ["--fix", "--unsafe-fixes", "--no-mypy", "--no-dynamic"]  # pytest judges it below
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "check", *fix],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        check=False,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "used.py:1:1: PC502" in proc.stdout and "unused.py" not in proc.stdout, proc.stdout
    assert (project / "src/laxplug/used.py").read_text() == files["src/laxplug/used.py"]
    fixed = (project / "src/laxplug/unused.py").read_text()
    assert fixed.startswith("def pytest_collect_file(file_path, parent):"), fixed
    tests = tmp_path / "t"
    tests.mkdir()
    (tests / "test_a.py").write_text("def test_a():\n    pass\n")
    (tests / "test_b.yaml").write_text("x: 1\n")
    run = (
        "import sys, pytest, laxplug.unused as p\n"
        "sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', '.'], plugins=[p]))\n"
    )
    oracle = subprocess.run(
        [sys.executable, "-c", run],
        capture_output=True,
        text=True,
        cwd=tests,
        env={**os.environ, "PYTHONPATH": str(project / "src")},
        check=False,
    )
    assert oracle.returncode == 0, oracle.stdout + oracle.stderr
