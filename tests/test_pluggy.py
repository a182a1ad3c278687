"""kind = "pluggy": the static rules and pluggy itself agree; contract errors exit 2."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from plugcheck import Options, check

from conftest import TESTDATA, cli_json, expectations, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


CASES = TESTDATA / "rules"
STATIC = {"PC501", "PC502", "PC503", "PC504", "PC505"}
AGREE = [
    "PC501/bad",
    "PC501/bad_prefix",
    "PC501/good",
    "PC501/good_addhooks",
    "PC502/bad",
    "PC502/good",
    "PC502/bad_class_spec",
    "PC503/bad",
    "PC503/good",
    "PC504/bad",
    "PC504/good",
    "PC505/bad",
    "PC505/good",
    "PC506/bad",
    "PC501/bad_star_reexport",
    "PC501/good_not_looked_into",
    "PC502/bad_aliased_marker",
    "PC502/bad_instance",
    "PC502/good_dead_code",
    "PC503/bad_applied",
]


@pytest.mark.parametrize("case", AGREE)
def test_static_and_dynamic_agree(case: str) -> None:
    root = CASES / case
    static = check(Options(paths=(root,), dynamic=False))
    dynamic = check(Options(paths=(root,), static=False))
    errors = [f for f in static.findings if f.code in STATIC]
    rejected = [f for f in dynamic.findings if f.code == "PC510"]
    assert {f.plugin for f in errors} == {f.plugin for f in rejected}
    # pluggy stops at the first bad hookimpl; it must be one the static rules point at.
    where = {(f.location.path.resolve(), f.location.line) for f in errors}
    for finding in rejected:
        assert (finding.location.path.resolve(), finding.location.line) in where, finding
    assert all(f.code not in STATIC for f in dynamic.findings)


def test_a_refusal_the_static_error_explains_is_said_in_a_note() -> None:
    # As the harness says "PC403 not reported, already explained by PC201": the worker's
    # refusal of typo.py's hook is PC501's (before, it was dropped without a word).
    report = check(Options(paths=(CASES / "PC501" / "bad",), mypy=False))
    assert [f.code for f in report.findings if f.plugin == "typo"] == ["PC501"]
    assert any(
        n.startswith("pluggy: typo: its refusal at typo.py:")
        and n.endswith("not reported, already explained by PC501")
        for n in report.notes
    ), report.notes


def test_dynamic_only_case_is_dynamic_only() -> None:
    root = CASES / "PC510" / "bad"
    assert not [f for f in check(Options(paths=(root,), dynamic=False)).findings]
    (finding,) = check(Options(paths=(root,), static=False)).findings
    assert finding.code == "PC510"
    assert "'session'" in finding.message and "demo_handle" in finding.message


def _host(tmp_path: Path, pluggy_table: str) -> Path:
    source = CASES / "PC501" / "good"
    (tmp_path / "api").symlink_to(source / "api")
    (tmp_path / "plugins").symlink_to(source / "plugins")
    return write_host(
        tmp_path,
        pyproject='[tool.plugcheck.contracts.demo]\nkind = "pluggy"\npaths = ["plugins/*"]\n'
        f'search-path = ["api"]\n{pluggy_table}',
    )


def test_pluggy_table_is_required(tmp_path: Path) -> None:
    proc = run_cli_here("check", str(_host(tmp_path, "")))
    assert proc.returncode == 2
    assert "contracts.demo.pluggy: is required for kind = 'pluggy'" in proc.stderr


@pytest.mark.parametrize(
    ("table", "error"),
    [
        ('pluggy = { hookspecs = ["x"] }', "`project`"),
        ('pluggy = { project = "demo", hookspecs = [] }', "`hookspecs`"),
        ('pluggy = { project = "demo", hookspecs = ["a b"] }', "'a b' is not a module name"),
        ('pluggy = { project = "demo", hookspecs = ["x"], prefix = 1 }', "`prefix`"),
        ('pluggy = { project = "demo", hookspecs = ["x"], colour = 1 }', "unknown key 'colour'"),
    ],
)
def test_bad_pluggy_table(tmp_path: Path, table: str, error: str) -> None:
    proc = run_cli_here("check", str(_host(tmp_path, table)))
    assert proc.returncode == 2
    assert error in proc.stderr


def test_missing_hookspec_module_is_a_usage_error(tmp_path: Path) -> None:
    root = _host(tmp_path, 'pluggy = { project = "demo", hookspecs = ["demo_host.nope"] }')
    proc = run_cli_here("check", str(root))
    assert proc.returncode == 2, proc.stdout
    assert "'demo_host.nope' is not importable" in proc.stderr
    assert "Traceback" not in proc.stderr


def _own_host(tmp_path: Path, hookspecs: str, **files: str) -> Path:
    """The PC501 good host with a copy of its API package, ``files`` added to it."""
    source = CASES / "PC501" / "good"
    shutil.copytree(source / "api", tmp_path / "api", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "plugins").symlink_to(source / "plugins")
    for name, text in files.items():
        (tmp_path / "api" / "demo_host" / f"{name}.py").write_text(textwrap.dedent(text))
    return write_host(
        tmp_path,
        pyproject='[tool.plugcheck.contracts.demo]\nkind = "pluggy"\npaths = ["plugins/*"]\n'
        f'search-path = ["api"]\npluggy = {{ project = "demo", hookspecs = {hookspecs} }}\n',
    )


NO_SPECS = """\
    \"\"\"Helpers, no hookspecs.\"\"\"


    def helper():
        return None
    """
# The marker's project is computed: read statically, the module seems to hold no specs at all.
CLASS_SPECS = """\
    import pluggy

    hookspec = pluggy.HookspecMarker("".join(["de", "mo"]))


    class StartSpecs:
        @hookspec
        def demo_startup(self, config):
            ...


    class Unmarked:
        def demo_other(self):
            ...
    """


@pytest.mark.parametrize(
    ("hookspecs", "said"),
    [
        (
            '["demo_host.hookspecs", "demo_host.helpers"]',
            "'demo_host.helpers': pluggy's add_hookspecs refuses it (ValueError: did not find "
            "any 'demo' hooks in <module 'demo_host.helpers'",
        ),
        (
            '["demo_host.hookspecs:Missing"]',
            "'demo_host.hookspecs:Missing': demo_host.hookspecs has no 'Missing'",
        ),
        (
            '["demo_host.classy"]',
            "its hookspecs are only inside classes, name them: 'demo_host.classy:StartSpecs'",
        ),
    ],
)
def test_hookspecs_pluggy_refuses_are_a_configuration_error(
    tmp_path: Path, hookspecs: str, said: str
) -> None:
    """add_hookspecs refusing an entry fails every plugin's check the same way: one line naming
    the entry, exit 2, not a PC416 on each plugin."""
    root = _own_host(tmp_path, hookspecs, helpers=NO_SPECS, classy=CLASS_SPECS)
    proc = run_cli_here("check", str(root), "--no-mypy")
    assert proc.returncode == 2, proc.stdout
    (line,) = proc.stderr.strip().splitlines()
    assert "tool.plugcheck.contracts.demo.pluggy.hookspecs: " in line and said in line, line
    assert "PC416" not in proc.stdout


MADE_LATER = """\
    import pluggy

    hookspec = pluggy.HookspecMarker("demo")


    def _specs():
        class Specs:
            @hookspec
            def demo_startup(self, config):
                ...

        return Specs


    globals()["LateSpecs"] = _specs()
    """


@pytest.mark.parametrize(
    ("hookspecs", "said"),
    [
        (
            '["demo_host.hookspecs:Missing"]',
            "'demo_host.hookspecs:Missing': demo_host.hookspecs has no 'Missing' (read statically)",
        ),
        (
            '["demo_host.classy"]',
            "'demo_host.classy': pluggy's add_hookspecs refuses it: demo_host.classy defines no "
            "function (read statically); its hookspecs are only inside classes, name them: "
            "'demo_host.classy:StartSpecs'",
        ),
        ('["demo_host.late:LateSpecs"]', None),  # made at run time: no usage error
        ('["demo_host.helpers"]', None),  # a function its marker may mark: the harness judges
    ],
)
def test_hookspecs_the_static_pass_is_sure_of(
    tmp_path: Path, hookspecs: str, said: str | None
) -> None:
    """--no-dynamic: an entry the module surely lacks, or a module with no function at all
    (its marker's project computed, so specs cannot be read), is the same configuration error
    without running pluggy; where the module may make the name at run time, no usage error."""
    root = _own_host(tmp_path, hookspecs, helpers=NO_SPECS, classy=CLASS_SPECS, late=MADE_LATER)
    proc = run_cli_here("check", str(root), "--no-mypy", "--no-dynamic")
    if said is None:
        assert proc.returncode in (0, 1), proc.stderr
        return
    assert proc.returncode == 2, proc.stdout
    (line,) = proc.stderr.strip().splitlines()
    assert "tool.plugcheck.contracts.demo.pluggy.hookspecs: " in line and said in line, line


# --- the judge: real pluggy on every pluggy case --------------------------------------------

ORACLE = Path(__file__).with_name("pluggy_oracle.py")
REJECTED = {"PC501", "PC502", "PC503", "PC504", "PC505", "PC510"}
REGISTERED = {
    "PC506",
    "PC524",
    "PC553",
    "PC559",
    "PC567",
    "PC570",
    "PC572",
    "PC573",
    "PC575",
    "PC578",
}
"""Every other PC5xx code of a pluggy case is a plugin that registers but breaks when called. PC553
(two entry points naming one module) is a clash of two registrations: each alone, as the oracle
loads it, registers and works. PC559 (a hookimpl under a condition on the environment) registers in
the oracle's environment, which does not take the branch it is about. PC524 (which hookimpls
register() finds is unknown to source) claims no failure: its cases register. PC567 (a package that
imports none of its hookimpls), PC572 (a marked partial, callable object or name its __dir__ hides),
PC575 (the same marked objects read from source) and PC573 (an unmarked function with a hook's
name) register with nothing to call: the oracle's "ok" is the silence they name. PC570 (shipped
bytecode that is not its source) says the static checks read other code than the host runs, not
that the host fails; so does PC578 (a package beside the module of its name, which the host
imports instead)."""
IMPORT_FAILS = {"PC515", "PC535", "PC539", "PC543", "PC544"}
"""Codes that predict the host's import of the plugin fails: the oracle cannot import it."""


def _pluggy_cases() -> list[Any]:
    params = []
    for case in sorted(CASES.glob("PC5*/*")):
        settings = case / "pyproject.toml"
        if not settings.is_file():
            continue
        contracts = list(
            tomllib.loads(settings.read_text())["tool"]["plugcheck"]["contracts"].values()
        )
        if len(contracts) != 1:
            continue  # a plugin loaded by two hosts (PC510/bad-other-contract) is not one oracle
        contract = contracts[0]
        table = contract.get("pluggy", {})
        # The oracle is a plain pluggy host: pytest-style prefixes, hosts that skip
        # check_pending, add hookspecs at run time, await results or check what hooks return
        # (hook-returns) are not judged here.
        host_specific = {
            "prefix",
            "addhooks",
            "check-pending",
            "awaits",
            "optional-hooks",
            "hook-returns",
            "plugins-variable",
        }
        if contract["kind"] != "pluggy" or host_specific & set(table):
            continue
        params.append(pytest.param(case, table, id=f"{case.parent.name}-{case.name}"))
    return params


def _plugins(case: Path) -> Iterator[tuple[str, list[Path], Path]]:
    """(reference the host loads, its sys.path, the plugin's directory or file)."""
    for entry in sorted((case / "plugins").iterdir()):
        if entry.suffix == ".py":
            yield entry.stem, [entry.parent], entry
        elif (entry / "pyproject.toml").is_file():
            project = tomllib.loads((entry / "pyproject.toml").read_text())["project"]
            (group,) = project["entry-points"].values()
            root = entry / "src" if (entry / "src").is_dir() else entry
            for ref in dict.fromkeys(group.values()):  # each object once (PC553: two names)
                yield ref, [root], entry
        elif (entry / "__init__.py").is_file():
            yield entry.name, [entry.parent], entry


@pytest.mark.parametrize(("case", "table"), _pluggy_cases())
def test_real_pluggy_agrees(case: Path, table: dict[str, Any], tmp_path: Path) -> None:
    """The verdict each case's `# expect:` markers claim is the one real pluggy gives."""
    expected = expectations(case)
    for ref, path, where in _plugins(case):
        codes = {code for file, _, code in expected if (case / file).is_relative_to(where)}
        if codes & IMPORT_FAILS:
            want = "import-error"
        elif codes & REJECTED:
            want = "rejected"
        elif codes - REGISTERED:
            want = "broken"
        else:
            want = "ok"
        proc = subprocess.run(
            [sys.executable, "-B", str(ORACLE), table["project"], table["hookspecs"][0], ref]
            + [str(p) for p in [case / "api", *path]],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
            check=True,
            env={
                **os.environ,
                "PLUGGY_ORACLE_STAND_INS": json.dumps(table.get("stand-ins", {})),
                "PLUGGY_ORACLE_CALLS": json.dumps(table.get("calls", 1)),
            },
        )
        verdict = proc.stdout.strip().splitlines()[-1]  # the oracle's word; plugins may print
        assert verdict == want, (ref, codes, proc.stderr)


def test_hooks_left_uncalled_for_want_of_a_stand_in_are_named() -> None:
    """PC519 calls only hookimpls whose arguments all have stand-ins: the run says which hooks
    have arguments without one, instead of passing silently over them."""
    proc = run_cli_here("check", str(TESTDATA / "rules" / "PC519" / "good"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (
        "note: pluggy: contract demo: hookimpls taking an argument without a stand-in are not "
        "called (PC519): demo_handle (request)"
    ) in proc.stdout


GENERATED = """\
from demo_host import hookimpl

namespace = {}
exec("def demo_startup(config, extra):\\n    return None\\n", namespace)  # plugcheck: ignore[PC502]
demo_startup = hookimpl(namespace["demo_startup"])
"""


def test_a_finding_in_generated_code_points_at_the_exec_line(tmp_path: Path) -> None:
    # Red team finding 23: a hookimpl made by exec() was located at <string>:1:1, a file that
    # does not exist (GitHub annotations and SARIF results pointed nowhere). Since 11aeae04 the
    # static pass reads the exec'd def, and its PC502 at the exec line explains pluggy's
    # refusal; silenced there, the refusal is given back, moved to that line too (before
    # 3de51afa it came back at <string>:1: relocate had run before the suppression).
    root = _own_host(tmp_path, '["demo_host.hookspecs"]')
    (root / "plugins").unlink()
    write_host(root, plugins={"made": GENERATED})
    data = cli_json("check", str(root), here=True)
    findings = data["findings"]
    assert isinstance(findings, list)
    rejected = [f for f in findings if f["code"] == "PC510"]
    assert len(rejected) == 1, findings
    assert rejected[0]["path"].endswith("plugins/made.py"), rejected
    assert (rejected[0]["line"], rejected[0]["column"]) == (4, 1), rejected
    assert "in code the plugin generated: <string>:1" in rejected[0]["message"], rejected
    assert all(not f["path"].startswith("<") for f in findings), findings


PROGRAM_NAME = """\
import os
import sys

import __main__
from demo_host import hookimpl

PROG = os.path.basename(__main__.__file__)
assert sys.argv == [__main__.__file__], sys.argv
assert PROG != "__main__.py", "a worker's module, not the host's script"


@hookimpl
def demo_startup(config):
    return PROG
"""


def test_a_plugin_reading_its_program_name_from_main_is_registered(tmp_path: Path) -> None:
    # Red team finding 9: a host's __main__ is its script (with a __file__); the registration
    # worker's children saw the worker's own module there.
    root = _own_host(tmp_path, '["demo_host.hookspecs"]')
    (root / "plugins").unlink()
    write_host(root, plugins={"prog": PROGRAM_NAME})
    data = cli_json("check", str(root), "--no-mypy", here=True)
    assert data["findings"] == [], data["findings"]
