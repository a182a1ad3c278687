"""The verdict: a static guess never explains a real failure away, nothing is silently left
unchecked, and the real run beats the static guess. Through the CLI, on hosts built in tmp_path."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
from demo_host import GOOD, demo_host
from test_harness import host

from plugcheck import Options, check
from plugcheck.model import Severity
from plugcheck.report import json_ as json_report
from plugcheck.report import sarif as sarif_report
from plugcheck.report import text
from plugcheck.report.merge import merge as merge_reports

from conftest import TESTDATA, cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


def _findings(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    data = cli_json("check", str(root), *args, env=env, here=True)
    findings: list[dict[str, Any]] = data["findings"]  # type: ignore[assignment]
    notes: list[str] = data["notes"]  # type: ignore[assignment]
    return findings, notes


def _codes(findings: list[dict[str, Any]]) -> list[tuple[str, int, str]]:
    return sorted((Path(f["path"]).name, f["line"], f["code"]) for f in findings)


def test_info_never_hides_a_failing_run(tmp_path: Path) -> None:
    root = host(
        tmp_path,
        {
            "bare.py": """
                class Bare:
                    def init(self, config): pass
                    def run(self):
                        raise RuntimeError("boom")
                    def shutdown(self, timeout): pass

                def new():
                    return Bare()
            """
        },
    )
    # A run() that always raises is PC517 (statically predicted): this is about the harness.
    findings, notes = _findings(root, "--ignore", "PC517")
    assert ("bare.py", 4, "PC407") in _codes(findings)
    assert "PC207" in {f["code"] for f in findings}
    assert not [n for n in notes if "already explained" in n]


def test_a_static_error_explains_only_the_failure_it_predicts(tmp_path: Path) -> None:
    root = host(
        tmp_path,
        {
            # run(extra) is PC204, and the host's run() raises exactly that TypeError.
            "predicted.py": """
                from collections.abc import Mapping

                class Predicted:
                    def init(self, config: Mapping[str, str]) -> None: pass
                    def run(self, extra: int) -> None: pass
                    def shutdown(self, timeout: float) -> None: pass

                def new() -> Predicted:
                    return Predicted()
            """,
            # shutdown() is PC204; run() fails for another reason: both are reported.
            "elsewhere.py": """
                from collections.abc import Mapping

                class Elsewhere:
                    def init(self, config: Mapping[str, str]) -> None: pass
                    def run(self) -> None:
                        raise RuntimeError("boom")
                    def shutdown(self) -> None: pass

                def new() -> Elsewhere:
                    return Elsewhere()
            """,
            # run() is PC206 and ends the process: a crash is never explained away.
            "exits.py": """
                import os
                from collections.abc import Mapping

                class Exits:
                    def init(self, config: Mapping[str, str]) -> None: pass
                    def run(self) -> int:
                        os._exit(3)
                    def shutdown(self, timeout: float) -> None: pass

                def new() -> Exits:
                    return Exits()
            """,
        },
    )
    # run() always raising is PC517 (statically predicted): this is about other explanations.
    findings, notes = _findings(root, "--ignore", "PC517")
    codes = _codes(findings)
    assert ("predicted.py", 6, "PC204") in codes
    assert not [c for c in codes if c[0] == "predicted.py" and c[2] == "PC407"]
    assert any("predicted: PC407 not reported, already explained by PC204" in n for n in notes)
    assert ("elsewhere.py", 6, "PC407") in codes and ("elsewhere.py", 8, "PC204") in codes
    assert ("exits.py", 7, "PC206") in codes and ("exits.py", 7, "PC407") in codes
    crash = next(f for f in findings if f["code"] == "PC407" and f["plugin"] == "exits")
    assert [r["message"].split(" ")[0] for r in crash["related"]] == ["PC206"]


def test_an_error_about_one_import_does_not_hide_another(tmp_path: Path) -> None:
    root = host(
        tmp_path,
        {
            "twoimports/__init__.py": """
                import not_installed_anywhere
                from .impl import new
            """,
            "twoimports/impl.py": "",
        },
    )
    findings, _ = _findings(root)
    codes = _codes(findings)
    # The missing module is reported at its own line: by PC309 statically, else by PC401.
    assert {("__init__.py", 2, "PC309"), ("__init__.py", 2, "PC401")} & set(codes)
    assert ("__init__.py", 3, "PC101") in codes


def test_a_crashed_check_never_reads_as_all_passed(tmp_path: Path) -> None:
    root = host(
        tmp_path,
        {
            "fine.py": """
                from collections.abc import Mapping

                class Fine:
                    def init(self, config: Mapping[str, str]) -> None: pass
                    def run(self) -> None: pass
                    def shutdown(self, timeout: float) -> None: pass

                def new() -> Fine:
                    return Fine()
            """
        },
    )
    report = check(Options(paths=(root,)))
    assert text.summary(report).startswith("All checks passed")
    report.crashes.append("pass harness crashed: RuntimeError: worker died")
    assert not text.summary(report).startswith("All checks passed")
    assert "incomplete" in text.summary(report)


def test_a_pass_without_hook_calls_says_the_hooks_were_not_called(tmp_path: Path) -> None:
    """A pluggy contract without stand-ins checks registration only: a hook that raises on
    every call registers fine, and the summary says its calls were not made."""
    case = TESTDATA / "rules" / "PC502" / "good-import-blocks"
    shutil.copytree(case / "api", tmp_path / "api")
    shutil.copy(case / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "divides.py").write_text(
        "from demo_host import hookimpl\n\n\n@hookimpl\ndef demo_handle(request, context):\n"
        "    return 1 / 0\n"
    )
    report = check(Options(paths=(tmp_path,)))
    assert not report.findings, report.findings
    summary = text.summary(report)
    assert summary.startswith("No findings in 1 plugin in 1 contract, but the run left out: "), (
        summary
    )
    assert "hooks not called: contract 'demo' has no pluggy stand-ins" in summary, summary
    # Machine-readable too: a JSON consumer reading summary.failed sees what was not run.
    (partial,) = json_report.document(report)["summary"]["partial"]
    assert partial.startswith("hooks not called: contract 'demo'"), partial
    merged = merge_reports([json_report.document(report)])
    assert merged["summary"]["partial"] == [partial]
    with_stand_ins = tmp_path / "pyproject.toml"
    with_stand_ins.write_text(with_stand_ins.read_text() + "stand-ins = {}\n")
    assert "hooks not called" not in text.summary(check(Options(paths=(tmp_path,))))


def test_json_says_what_a_static_only_run_or_an_empty_contract_left_out(tmp_path: Path) -> None:
    """summary.partial held only the contracts' own left-out steps: a --no-dynamic shard, or
    a contract that found no plugins, looked complete in JSON and after `plugcheck merge`
    (the text summary names both; red team red32)."""
    root = demo_host(tmp_path / "host", {"good": GOOD})
    report = check(Options(paths=(root,), dynamic=False, mypy=False))
    partial = json_report.document(report)["summary"]["partial"]
    assert "static checks only: no plugin was run" in partial, partial
    merged = merge_reports([json_report.document(report)])
    assert "static checks only: no plugin was run" in merged["summary"]["partial"]
    # SARIF too: its run said only executionSuccessful, and code scanning showed a clean run
    # (red team red52).
    sarif = merge_reports([sarif_report.document(report)])
    assert "static checks only: no plugin was run" in sarif["runs"][0]["properties"]["partial"]
    shutil.rmtree(root / "plugins" / "good")
    report = check(Options(paths=(root,), dynamic=False, mypy=False))
    partial = json_report.document(report)["summary"]["partial"]
    assert "contract 'demo' found no plugins to check" in partial, partial


def test_a_passing_run_with_findings_below_fail_on_says_what_it_left_out(tmp_path: Path) -> None:
    """Under fail-on = error a warning passes (exit 0): the summary said "Found 1 finding (1
    warning)" and not that no plugin was run (red team red52)."""
    eager = "from demo_api import Plugin\n\nprint('hi')\n\n\ndef new() -> Plugin:\n"
    root = demo_host(tmp_path / "host", {"eager": eager + "    return Plugin()\n"})
    report = check(Options(paths=(root,), dynamic=False, mypy=False, fail_on=Severity.ERROR))
    assert [f.code for f in report.findings] == ["PC110"] and not report.failed()
    summary = text.summary(report)
    assert " The run left out: static checks only: no plugin was run; " in summary, summary


def test_a_pass_without_a_lifecycle_says_nothing_was_called(tmp_path: Path) -> None:
    """A register contract with exports only: a register_v2() that raises on every call is
    imported and looked up, never called, and the summary says so (not "All checks passed")."""
    root = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC105" / "good-newest", root)
    (root / "plugins" / "direct" / "src" / "direct" / "__init__.py").write_text(
        "from plugapi import Registry\n\n\ndef register_v2(registry: Registry) -> None:\n"
        "    raise RuntimeError('every call fails')\n"
    )
    summary = text.summary(check(Options(paths=(root,))))
    assert summary.startswith("No findings in 2 plugins in 1 contract, but the run left out"), (
        summary
    )
    assert "plugins imported, never called: contract 'demo' has no lifecycle" in summary


def test_a_pass_without_setup_stand_ins_says_the_function_was_not_called(tmp_path: Path) -> None:
    root = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC530" / "good-derived-host", root)
    (root / "plugins" / "tracer.py").write_text(
        "def coverage_init(reg, options):\n    raise RuntimeError('every call fails')\n"
    )
    summary = text.summary(check(Options(paths=(root,))))
    assert summary.startswith("No findings in 1 plugin in 1 contract, but the run left out"), (
        summary
    )
    assert "coverage_init() not called: contract 'cov' gives no setup-function stand-ins" in summary


def test_a_pass_without_mypy_says_the_signatures_were_not_type_checked(tmp_path: Path) -> None:
    """--no-mypy over a contract whose signatures mypy judges: a `new(size)` the host calls
    with no argument is PC201, and a pass without mypy says what it did not check."""
    root = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC201" / "bad", root)
    options = Options(
        paths=(root,), contracts=("demo",), mypy=False, dynamic=False, select=("PC201",)
    )
    summary = text.summary(check(options))
    assert summary.startswith(
        "No findings in 2 plugins in 1 contract, but the run left out: static checks only"
    ), summary
    assert "--no-mypy: signatures of contract 'demo' not type-checked" in summary, summary
    # A contract mypy has nothing to judge in (pluggy, no typed exports) says nothing of it.
    pluggy = TESTDATA / "rules" / "PC501" / "good"
    assert "--no-mypy" not in text.summary(check(Options(paths=(pluggy,), mypy=False)))


def test_explicit_paths_get_the_checks_discovery_gives(tmp_path: Path) -> None:
    case = TESTDATA / "rules" / "PC510" / "bad"
    shutil.copytree(case / "api", tmp_path / "api")
    plugin = (case / "plugins" / "factory.py").read_text()
    write_host(
        tmp_path,
        pyproject=(case / "pyproject.toml").read_text(),
        files={
            **dict.fromkeys(("a/main.py", "b/main.py", "pkg/sub/mod.py"), plugin),
            "pkg/__init__.py": "",
            "pkg/sub/__init__.py": "",
        },
    )
    data = cli_json("check", "a/main.py", "b/main.py", "pkg/sub/mod.py", cwd=tmp_path, here=True)
    findings: list[dict[str, Any]] = data["findings"]  # type: ignore[assignment]
    rejected = sorted((f["path"], f["plugin"]) for f in findings if f["code"] == "PC510")
    assert rejected == [
        ("a/main.py", "main"),
        ("b/main.py", "main"),
        ("pkg/sub/mod.py", "pkg.sub.mod"),
    ]
    assert not [f for f in findings if f["code"] == "PC416"]


def test_an_explicit_path_is_judged_against_the_hosts_other_plugins() -> None:
    """PC003 compares a plugin's name with every plugin of the host: named alone on the command
    line, the shadowed plugin said "All checks passed" where the whole-host run says PC003."""
    case = TESTDATA / "rules" / "PC003" / "bad-project-name"
    args = ("--no-dynamic", "--no-cache", "--no-progress")
    whole = cli_json("check", *args, cwd=case, here=True)["findings"]
    verdicts = {}
    for name in ("greeter", "greeter-fork"):
        data = cli_json("check", f"plugins/{name}", *args, cwd=case, here=True)
        verdicts[name] = sorted((f["path"], f["code"]) for f in data["findings"])  # type: ignore[attr-defined]
    assert verdicts == {
        "greeter": [],
        "greeter-fork": [("plugins/greeter-fork/pyproject.toml", "PC003")],
    }
    assert sorted((f["path"], f["code"]) for f in whole) == verdicts["greeter-fork"]  # type: ignore[index]


def test_a_path_inside_a_discovered_plugin_is_that_plugin(tmp_path: Path) -> None:
    """What an editor names: a package's ``__init__.py`` or a module of it, a project's module.
    Before, ``plugins/sized/__init__.py`` was a plugin ``sized.__init__`` (a false PC218),
    ``impl.py`` one of its own, and a project's module lost the project (no PC302)."""
    root = host(
        tmp_path,
        {
            "sized/__init__.py": "from .impl import *  # noqa: F403\n",
            "sized/impl.py": """
                from collections.abc import Mapping

                from hostapi import Plugin

                class Sized:
                    def __init__(self) -> None:
                        self.greeting = ""
                    def init(self, config: Mapping[str, str]) -> None:
                        self.greeting = config["greeting"]
                    def run(self) -> None: print(self.greeting, end="")
                    def shutdown(self, timeout: float) -> None: pass

                def new(size: int) -> Plugin:
                    return Sized()
            """,
        },
    )
    args = ("--no-dynamic", "--no-progress")

    def verdict(*paths: str, cwd: Path = root) -> list[tuple[str, str, str]]:
        findings = cli_json("check", *paths, *args, cwd=cwd, here=True)["findings"]
        return sorted((f["path"], f["code"], f["plugin"]) for f in findings)  # type: ignore[union-attr]

    whole = verdict()
    assert whole == [("plugins/sized/impl.py", "PC201", "sized")]
    for named in ("plugins/sized", "plugins/sized/__init__.py", "plugins/sized/impl.py"):
        assert verdict(named) == whole, named
    case = TESTDATA / "rules" / "PC302" / "bad-too-new"
    project = verdict("plugins/ahead/src/ahead/__init__.py", "--no-cache", cwd=case)
    assert project == [("plugins/ahead/pyproject.toml", "PC302", "ahead")]


def test_the_real_registration_beats_the_static_guess() -> None:
    case = TESTDATA / "rules" / "PC502" / "good-removed-at-import"
    guessed = check(Options(paths=(case,), dynamic=False))
    real = check(Options(paths=(case,)))
    assert real.findings == []
    if [f for f in guessed.findings if f.code == "PC502"]:  # unless the static pass learns it
        assert any(
            "draft: PC502 withdrawn, the real pluggy check accepted" in n for n in real.notes
        )


def test_an_import_failure_names_the_line_and_the_declared_requirement(tmp_path: Path) -> None:
    root = host(
        tmp_path,
        {
            "vers/pyproject.toml": """
                [project]
                name = "vers"
                version = "1.0"
                dependencies = ["PyYAML>=6", "semver~=2.13.0"]
            """,
            "vers/src/vers/__init__.py": """
                import json

                from vers.compare import newest


                def new():
                    return newest
            """,
            "vers/src/vers/compare.py": """
                import os

                from semver import VersionInfo
            """,
        },
    )
    # PC309 (statically: not installed) would explain the PC401 away; the harness's own says more.
    findings, _ = _findings(root, "--ignore", "PC309")
    (failed,) = [f for f in findings if f["code"] == "PC401"]
    assert (Path(failed["path"]).name, failed["line"]) == ("compare.py", 4)
    assert failed["message"].endswith(
        "vers declares `semver~=2.13.0`, which is not installed in the target environment"
    )
    assert (
        failed["fix"]
        == "install the requirements where the host runs: pip install 'semver~=2.13.0'"
    )


def test_an_import_failure_points_into_the_plugins_package(tmp_path: Path) -> None:
    # A module no `paths` glob finds (the host loads `pkg.sub.mod` by its name), so named by
    # path it is the plugin `pkg.sub.mod`; one inside a plugin the contract's discovery finds
    # is that plugin (test_a_path_inside_a_discovered_plugin_is_that_plugin).
    root = host(
        tmp_path,
        {
            "../lib/pkg/__init__.py": "",
            "../lib/pkg/sub/__init__.py": "",
            "../lib/pkg/sub/mod.py": """
                from pkg.other import new
            """,
            "../lib/pkg/other.py": """
                import os

                from semver import VersionInfo

                def new():
                    return VersionInfo
            """,
        },
    )
    # PC309 (statically: not installed) would explain the PC401 away; this is about the harness.
    data = cli_json(
        "check", "lib/pkg/sub/mod.py", "--no-mypy", "--ignore", "PC309", cwd=root, here=True
    )
    findings: list[dict[str, Any]] = data["findings"]  # type: ignore[assignment]
    (failed,) = [f for f in findings if f["code"] == "PC401"]
    assert (failed["path"], failed["line"], failed["plugin"]) == (
        "lib/pkg/other.py",
        4,
        "pkg.sub.mod",
    )


def test_a_relative_path_gets_the_static_checks_discovery_gives(tmp_path: Path) -> None:
    """`plugcheck check plugins/x.py` from the host's directory: mypy judges it as discovery's
    run does (a relative path under an absolute import root was skipped: "All checks passed")."""
    root = host(
        tmp_path,
        {
            "sized.py": """
                from collections.abc import Mapping

                from hostapi import Plugin

                class Sized:
                    def init(self, config: Mapping[str, str]) -> None: pass
                    def run(self) -> None: pass
                    def shutdown(self, timeout: float) -> None: pass

                def new(size: int) -> Plugin:
                    return Sized()
            """
        },
    )
    whole = cli_json("check", ".", "--no-dynamic", cwd=root, here=True)["findings"]
    alone = cli_json("check", "plugins/sized.py", "--no-dynamic", cwd=root, here=True)["findings"]
    assert _codes(alone) == _codes(whole)  # type: ignore[arg-type]
    assert ("sized.py", 11, "PC201") in _codes(alone)  # type: ignore[arg-type]


def test_a_huge_exception_class_name_is_reported_as_the_exception(tmp_path: Path) -> None:
    """A 1 MiB class name once pushed the step's record past the channel's limit: the run was
    reported as "new() ended the process (exit status 0)"."""
    root = host(
        tmp_path,
        {
            "huge.py": """
                class Huge:
                    def init(self, config): pass
                    def run(self): pass
                    def shutdown(self, timeout): pass

                def new():
                    raise type("E" * 1_048_576, (Exception,), {})("no")
            """
        },
    )
    findings, _ = _findings(root, "--no-mypy", "--ignore", "PC211")  # PC211 predicts it
    (failed,) = [f for f in findings if f["code"] == "PC403"]
    assert "raised huge.EEEE" in failed["message"]
    assert "ended the process" not in failed["message"]
    assert len(failed["message"]) < 2100


ALIASED = """
    import sys as _sys
    import types as _types

    _legacy = _types.ModuleType("hostapi.legacy")
    _legacy.VERSION = 1
    _sys.modules["hostapi.legacy"] = _legacy  # a module only the running host has
"""
LEGACY_USER = """
    from hostapi.legacy import VERSION


    class Fine:
        def init(self, config):
            self.version = VERSION

        def run(self):
            return None

        def shutdown(self, timeout):
            return None


    def new():
        return Fine()
"""


def test_the_real_import_withdraws_a_predicted_import_failure(tmp_path: Path) -> None:
    root = host(tmp_path, {"legacy_user.py": LEGACY_USER})
    api = root / "api" / "hostapi" / "__init__.py"
    api.write_text(api.read_text() + textwrap.dedent(ALIASED))
    guessed, _ = _findings(root, "--no-dynamic")
    assert ("legacy_user.py", 2, "PC530") in _codes(guessed)
    real, notes = _findings(root)
    assert [f for f in real if f["code"] == "PC530"] == []
    assert any("PC530 withdrawn, the real import of the plugin worked" in n for n in notes)


def test_a_failing_import_withdraws_nothing_and_a_call_time_guess_stays(tmp_path: Path) -> None:
    root = host(
        tmp_path,
        {
            "late.py": """
                import hostapi


                class Late:
                    def init(self, config):
                        self.v = hostapi.legacy_version()

                    def run(self):
                        return None

                    def shutdown(self, timeout):
                        return None


                def new():
                    return Late()
            """
        },
    )
    # The import works; the predicted AttributeError is in init(), a step the import does not
    # prove: the guess stays (and the harness's own init failure is explained by it).
    findings, notes = _findings(root)
    assert ("late.py", 7, "PC530") in _codes(findings)
    assert not [n for n in notes if "PC530 withdrawn" in n]


def _setup_host(root: Path, extra_api: str) -> Path:
    case = TESTDATA / "rules" / "PC531" / "bad"
    shutil.copytree(case / "api", root / "api")
    api = (case / "api" / "demo_app" / "__init__.py").read_text()
    modern = "def setup(app):\n    app.add_css_file('a.css')\n    return {'version': '1.0'}\n"
    return write_host(
        root,
        {"demo_app": api + textwrap.dedent(extra_api)},
        {"modern": modern},
        (case / "pyproject.toml").read_text(),
    )


def test_a_setup_call_with_the_hosts_own_object_withdraws_pc531(tmp_path: Path) -> None:
    # The host adds the method after the class statement: the source shows no add_css_file.
    root = _setup_host(tmp_path, "\n\nsetattr(App, 'add_css_file', lambda self, name: None)\n")
    guessed, _ = _findings(root, "--no-dynamic")
    assert ("modern.py", 2, "PC531") in _codes(guessed)
    real, notes = _findings(root)
    assert [f for f in real if f["code"] == "PC531"] == []
    assert any("PC531 withdrawn, the real setup check accepted" in n for n in notes)


def test_a_setup_call_with_a_fake_object_proves_nothing(tmp_path: Path) -> None:
    # The stand-in is a subclass that has what the host's App lacks: its success is no proof.
    root = _setup_host(
        tmp_path,
        """

        class _Richer(App):
            def add_css_file(self, name: str) -> None: ...
        """,
    )
    testing = root / "api" / "demo_app" / "testing.py"
    testing.write_text("from demo_app import _Richer\n\n\ndef app():\n    return _Richer()\n")
    real, notes = _findings(root)
    assert ("modern.py", 2, "PC531") in _codes(real)
    assert not [n for n in notes if "withdrawn" in n]


def test_a_refusal_is_matched_to_its_twin_by_member_not_by_line(tmp_path: Path) -> None:
    """pytest-style register() asserts about a builtin bound to a prefixed name; the worker
    finds no code for it and points at the module's first line, PC522 at the binding. The
    twin names the same attribute, so the refusal is explained; one error, not two."""
    root = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC522" / "bad", root)
    (root / "plugins" / "cached.py").write_text(
        '"""A prefixed name bound to a builtin, below the first line."""\n\n'
        "import os\n\ndemo_startup = len\n"
    )
    findings, _ = _findings(root)
    assert _codes(findings) == [("cached.py", 5, "PC522")]
    # Without the twin (PC522 ignored), the real refusal is reported, at the first line.
    findings, _ = _findings(root, "--ignore", "PC522")
    assert _codes(findings) == [("cached.py", 1, "PC510")]


def test_an_attribute_finding_explains_only_the_attribute_that_failed(tmp_path: Path) -> None:
    """PC558 about asyncio.coroutine explains the import's AttributeError for that attribute,
    not another attribute's failure on the same line (the subjects link them)."""
    plain = "import asyncio\nimport json\n\nHANDLER = asyncio.coroutine\n"
    # json.no_such_codec read through a name no static rule follows: only the harness sees it.
    other = (
        "import asyncio\nimport json\n\nCODECS = [json]\n"
        "HANDLERS = (CODECS[0].no_such_codec, asyncio.coroutine)\n"
    )
    root = host(tmp_path, {"same.py": plain, "other.py": other})
    findings, notes = _findings(root, "--select", "PC4,PC558")
    codes = _codes(findings)
    assert ("same.py", 4, "PC558") in codes
    assert ("same.py", 4, "PC401") not in codes
    assert any("same: PC401 not reported, already explained by PC558" in n for n in notes)
    assert {("other.py", 5, "PC558"), ("other.py", 5, "PC401")} <= set(codes)
    (failed,) = [f for f in findings if f["code"] == "PC401" and f["path"].endswith("other.py")]
    assert "json" in failed["message"]
    assert not [r for r in failed["related"] if "PC558" in (r.get("message") or "")]


def _shown(root: Path) -> set[tuple[str, str, str]]:
    findings, _ = _findings(root, env={"PYTHONPATH": str(root / "site")})
    return {(Path(f["path"]).name, f["code"], f["severity"]) for f in findings}


def test_host_state_explains_only_the_failure_it_predicts(tmp_path: Path) -> None:
    """PC550 says the import reads what a host function returns only while the host runs
    (None without its shell): the harness's failure there is no error only when it is that
    operation on None. With the shell preloaded, the same statement raising something else
    (an index past the running shell's empty history) fails in the host too: an error."""
    case = TESTDATA / "rules" / "PC550"
    for name in ("bad", "good-preloaded"):
        shutil.copytree(case / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "good-preloaded" / "plugins" / "indexed.py").write_text(
        "from shellhost import get_shell\n\nfirst = get_shell().history[5]\n\n\n"
        "def load(shell):\n    pass\n"
    )
    shown = _shown(tmp_path / "good-preloaded")
    assert ("indexed.py", "PC401", "error") in shown, shown
    assert ("indexed.py", "PC550", "info") in shown, shown
    shown = _shown(tmp_path / "bad")
    assert ("recorder.py", "PC550", "warning") in shown, shown
    assert not any(code == "PC401" and level == "error" for _, code, level in shown), shown


def test_a_check_the_host_source_cannot_feed_is_named_by_the_summary(tmp_path: Path) -> None:
    """dispatched-methods naming a list the host's source does not have: PC568 checks nothing,
    and the summary says so (not "All checks passed"), on a warm rerun (the static result
    cache) too."""
    root = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC568" / "good", root)
    config = root / "pyproject.toml"
    config.write_text(config.read_text().replace("ALL_NODE_CLASSES", "NO_SUCH_LIST"))
    options = Options(paths=(root,), dynamic=False, mypy=False, cache_dir=tmp_path / "cache")
    for _ in range(2):
        summary = text.summary(check(options))
        assert summary.startswith("No findings in 2 plugins"), summary
        assert "NO_SUCH_LIST is not read from the installed host's source" in summary, summary


def test_a_go_plugin_not_opened_is_named_by_the_summary(tmp_path: Path) -> None:
    """Without a Go toolchain the go-so loader cannot open the plugin, so its init functions
    never ran: a passing summary says so instead of a bare "All checks passed"."""
    shutil.copytree(TESTDATA / "rules" / "PC721" / "good", tmp_path / "host")
    (tmp_path / "bin").mkdir()
    proc = run_cli_here("check", str(tmp_path / "host"), env={"PATH": str(tmp_path / "bin")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = proc.stdout.strip().splitlines()[-1]
    assert summary.startswith(
        "No findings in 1 plugin in 1 contract, but the run left out: go loader: not run"
    ), summary
