"""The mypy pass (PC2xx) through the public surface: messages, cache, flags, target interpreter."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plugcheck import Options, check

from conftest import TESTDATA, cli_json, copy_host, run_cli_here

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


CASES = TESTDATA / "rules"
SHOWCASE = TESTDATA / "showcase"


def _copy(case: Path, dest: Path) -> Path:
    return copy_host(case, dest)


def _run(host: Path, **options: object) -> list[tuple[str, str, int]]:
    report = check(Options(paths=(host,), dynamic=False, **options))  # type: ignore[arg-type]
    return sorted(
        (f.code, f.location.path.name, f.location.line)
        for f in report.findings
        if f.code.startswith("PC2")
    )


def test_messages_name_the_expected_and_the_actual() -> None:
    report = check(Options(paths=(CASES / "PC201" / "bad",), dynamic=False))
    messages: dict[str, str] = {}  # registrar.py has two exports since 57072750: every message
    for f in report.findings:
        if f.code == "PC201":
            messages[f.location.path.name] = messages.get(f.location.path.name, "") + f.message
    assert "expected Callable[[Registry], None]" in messages["registrar.py"]
    assert "registry: str does not accept the Registry the host passes" in messages["registrar.py"]
    assert "requires keyword-only label" in messages["sized.py"]
    report = check(Options(paths=(SHOWCASE,), dynamic=False))
    by_code = {f.code: f for f in report.findings if f.code.startswith("PC2")}
    assert "Mapping[str, str]" in by_code["PC204"].message
    assert "async" in by_code["PC205"].message
    assert "has no shutdown" in by_code["PC203"].message
    assert by_code["PC203"].location.path.name == "__init__.py"
    assert {f.plugin for f in report.findings if f.code.startswith("PC2")} == {
        "showcase-sized",
        "showcase-reporter",
        "showcase-no-shutdown",
        "showcase-int-config",
        "showcase-async-run",
        "showcase-untyped",
    }


def test_warm_run_reuses_the_cache(tmp_path: Path) -> None:
    host = _copy(CASES / "PC204" / "bad", tmp_path / "host")
    cache = tmp_path / "cache"
    first = _run(host, cache_dir=cache)
    files = sorted(p for p in cache.rglob("*") if p.is_file())
    assert any(p.name.endswith(".db") or p.suffix == ".json" for p in files)
    stamps = {p: p.stat().st_mtime_ns for p in files}
    assert _run(host, cache_dir=cache) == first
    rewritten = [p for p in files if p.stat().st_mtime_ns != stamps[p]]
    # mypy touches one bookkeeping entry per run; modules and check modules are not rewritten.
    assert len(rewritten) <= 1, rewritten
    assert not [p for p in rewritten if p.suffix == ".py"]
    # Touching the plugin re-checks it, with the same answer.
    plugin = host / "plugins" / "repeater.py"
    plugin.write_text(plugin.read_text() + "\n# touched\n")
    assert _run(host, cache_dir=cache) == first


def test_a_rerun_that_reuses_the_results_keeps_their_notes_on_the_environment(
    tmp_path: Path,
) -> None:
    # PC357's case: a plugin installs stubs for the host's module, which mypy must not read
    # (a note says so). A rerun reuses the mypy pass's findings without planning or building,
    # and the note, about the environment and not about that run's cache, is still true.
    host = copy_host(CASES / "PC357" / "bad", tmp_path / "host")
    cache = tmp_path / "cache"
    runs = [
        run_cli_here(
            "check",
            ".",
            "--cache-dir",
            str(cache),
            cwd=host,
            env={"PYTHONPATH": "site"},  # relative: the host folder's, as a user types it
        )
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [1, 1]
    assert all("plugapi-stubs types no plugin" in r.stdout + r.stderr for r in runs)
    assert runs[0].stdout == runs[1].stdout


def test_cache_dir_from_config_and_no_cache(tmp_path: Path) -> None:
    host = _copy(CASES / "PC205" / "bad", tmp_path / "host")
    pyproject = host / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace("[tool.plugcheck]\n", '[tool.plugcheck]\ncache-dir = "cc"\n')
    )
    first = _run(host)
    assert (host / "cc" / "mypy").is_dir()
    assert not (host / ".plugcheck_cache").exists()
    shutil.rmtree(host / "cc")
    assert _run(host, cache=False) == first
    assert not (host / "cc").exists()


def test_no_mypy_skips_the_pass() -> None:
    data = cli_json("check", str(SHOWCASE), "--no-mypy", "--no-dynamic", here=True)
    findings = data["findings"]
    assert isinstance(findings, list)
    assert not [f for f in findings if f["code"].startswith("PC2")]


def test_strict_plugins_adds_body_errors_as_warnings() -> None:
    plain = cli_json("check", str(SHOWCASE), "--no-dynamic", "--select", "PC2", here=True)
    strict = cli_json(
        "check", str(SHOWCASE), "--no-dynamic", "--select", "PC2", "--strict-plugins", here=True
    )
    assert isinstance(plain["findings"], list) and isinstance(strict["findings"], list)
    assert not [f for f in plain["findings"] if f["code"] == "PC208"]
    extra = [f for f in strict["findings"] if f["code"] == "PC208"]
    assert extra and {f["plugin"] for f in extra} == {"showcase-sloppy"}
    assert {f["severity"] for f in extra} == {"warning"}
    assert "[assignment]" in extra[0]["message"]


def test_unknown_api_type_is_a_usage_error(tmp_path: Path) -> None:
    host = _copy(CASES / "PC201" / "good", tmp_path / "host")
    pyproject = host / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"plugapi:Factory"', '"plugapi:Nope"'))
    proc = run_cli_here("check", str(host), "--no-dynamic")
    assert proc.returncode == 2, proc.stdout
    assert "plugapi:Nope: module plugapi has no attribute 'Nope'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unparseable_plugin_is_not_reported_twice(tmp_path: Path) -> None:
    host = _copy(CASES / "PC204" / "good", tmp_path / "host")
    (host / "plugins" / "broken.py").write_text("def new(:\n    pass\n")
    report = check(Options(paths=(host,), dynamic=False))
    assert sorted(f.code for f in report.findings) == ["PC001"]


def _venv_with_api(tmp_path: Path) -> Path:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Installed without a py.typed marker: mypy would call it untyped; plugcheck still reads it.
    shutil.copytree(CASES / "PC204" / "bad" / "api" / "plugapi", Path(purelib) / "plugapi")
    return python


@pytest.mark.skipif(sys.platform == "win32", reason="venv layout")
def test_python_target_resolves_the_api_from_its_environment(tmp_path: Path) -> None:
    host = _copy(CASES / "PC204" / "bad", tmp_path / "host")
    shutil.rmtree(host / "api")
    pyproject = host / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('search-path = ["api"]\n', ""))
    proc = run_cli_here("check", str(host), "--no-dynamic")
    assert proc.returncode == 2
    assert "cannot find module plugapi" in proc.stderr
    python = _venv_with_api(tmp_path)
    cache = tmp_path / "cache"
    data = cli_json(
        "check",
        str(host),
        "--no-dynamic",
        "--python",
        str(python),
        "--cache-dir",
        str(cache),
        here=True,
    )
    findings = data["findings"]
    assert isinstance(findings, list)
    assert sorted((f["code"], f["line"]) for f in findings if f["code"].startswith("PC2")) == [
        ("PC204", 14),
        ("PC204", 20),
    ]
    # The cache is keyed by the interpreter: another target does not reuse these entries.
    other = _copy(CASES / "PC204" / "bad", tmp_path / "other")
    assert len(_run(other, cache_dir=cache)) == 2
    assert len(list((cache / "mypy").iterdir())) == 2


def test_one_build_for_every_contract(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    check(Options(paths=(SHOWCASE,), dynamic=False, cache_dir=cache))
    (key,) = (cache / "mypy").iterdir()
    assert [p.name for p in key.iterdir()] == ["b0"]
    assert len(list((key / "b0" / "checks").glob("_plugcheck_check_*.py"))) >= 1


def test_same_module_name_in_two_contracts_gets_its_own_build(tmp_path: Path) -> None:
    host = _copy(CASES / "PC204" / "bad", tmp_path / "host")
    (host / "plugins").rename(host / "first")
    shutil.copytree(host / "first", host / "second")
    pyproject = host / "pyproject.toml"
    text = pyproject.read_text().replace('paths = ["plugins/*"]', 'paths = ["first/*"]')
    second = text[text.index("[tool.plugcheck.contracts.demo]") :]
    second = second.replace("contracts.demo", "contracts.other").replace("first/*", "second/*")
    pyproject.write_text(text + "\n" + second)
    cache = tmp_path / "cache"
    found = _run(host, cache_dir=cache)
    assert [(code, line) for code, _, line in found] == [("PC204", 14)] * 2 + [("PC204", 20)] * 2
    (key,) = (cache / "mypy").iterdir()
    assert sorted(p.name for p in key.iterdir()) == ["b0", "b1"]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "bad-narrowed-parameter",
            {
                ("ticker.py", "warning"),
                ("loose_values.py", "warning"),
                ("dict_written.py", "warning"),
                ("mapping_used.py", "warning"),
                ("repeat_count.py", "error"),
                ("inherited.py", "error"),
            },
        ),
        ("bad-host-object-parameter", {("indexed.py", "error")}),
    ],
)
def test_a_parameter_type_is_judged_by_the_body_with_the_host_types(
    case: str, expected: set[tuple[str, str]]
) -> None:
    """dict[str, str] and dict[str, object] where the protocol declares Mapping[str, str]: both
    take the host's dict at run time (mypy's invariance of dict is no failure there), written to
    too (the host passes a dict). `timeout: int` multiplying a string fails with the host's float
    deadline; `config: str` used as a Mapping works with the host's Mapping. A dict indexed where
    the host declares a Settings object is judged with Settings, not with the harness's dict."""
    data = cli_json("check", str(CASES / "PC204" / case), "--no-dynamic", here=True)
    assert isinstance(data["findings"], list)
    assert {(Path(f["path"]).name, f["severity"]) for f in data["findings"]} == expected


@pytest.mark.parametrize("cached", [True, False])
def test_builds_in_parts_judge_as_one_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    """A fleet checked by several mypy builds over one cache, one after another (a part per
    plugin here), gets the findings one build gives: every PC2 finding, none twice."""
    for host in (SHOWCASE, CASES / "PC201" / "bad"):
        one = _run(host, cache_dir=tmp_path / "one", cache=cached)
        monkeypatch.setenv("PLUGCHECK_MYPY_PART", "1")
        parts = _run(host, cache_dir=tmp_path / "parts", cache=cached)
        monkeypatch.delenv("PLUGCHECK_MYPY_PART")
        assert one, host
        assert parts == one, host


def test_a_failure_the_source_checks_named_is_not_said_again_by_mypy(tmp_path: Path) -> None:
    # `shutdown = lambda self: None`: PC204 from the binding (the host's shutdown(timeout)
    # raises TypeError), and mypy's Callable[[], None] said the same at the same line (acc19).
    host = _copy(CASES / "PC204" / "good", tmp_path / "host")
    plugin = host / "plugins" / "repeater.py"
    source = plugin.read_text()
    method = (
        "    def shutdown(self, timeout: float, force: bool = False) -> None:\n"
        '        self.greeting = ""\n'
    )
    assert method in source
    plugin.write_text(source.replace(method, "    shutdown = lambda self: None  # noqa: E731\n"))
    assert _run(host) == [("PC204", "repeater.py", 21)]
