"""API version pinning (PC30x) through the CLI and ``plugcheck.check``: host versions, the
compatibility matrix, markers and extras read from real installed metadata."""

from __future__ import annotations

import base64
import hashlib
import importlib.machinery
import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import jsonschema
import pytest

from plugcheck import Options, check
from plugcheck.options import UsageError

from conftest import ROOT, TESTDATA, cli_json, run_check, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


RULES = TESTDATA / "rules"
SCHEMA = ROOT / "src" / "plugcheck" / "report" / "report.schema.json"

API = '''\
"""A tiny shared API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

API_VERSION = "2.1"


class Plugin(Protocol):
    def run(self) -> None: ...


Factory = Callable[[], Plugin]
'''

PLUGIN = '''\
"""A plugin."""

from __future__ import annotations

from pinapi import Plugin


class Impl:
    def run(self) -> None:
        pass


def new() -> Plugin:
    return Impl()
'''


def _host(root: Path, *, group: bool = False, api_version: str | None = "2.1.0") -> Path:
    """A host with the API in api/src (its pyproject says ``api_version``) and plugins/*."""
    files = {"api/src/pinapi/__init__.py": API}
    if api_version:
        files["api/pyproject.toml"] = f'[project]\nname = "pinapi"\nversion = "{api_version}"\n'
    discovery = 'entry-point-group = "pin.plugins"' if group else 'paths = ["plugins/*"]'
    return write_host(
        root,
        files=files,
        pyproject=textwrap.dedent(
            f"""\
            [tool.plugcheck.contracts.demo]
            kind = "factory"
            api = "pinapi"
            api-distribution = "pinapi"
            {discovery}
            search-path = ["api/src"]
            plugin-api-version = "API_VERSION"

            [tool.plugcheck.contracts.demo.exports]
            new = "pinapi:Factory"
            """
        ),
    )


def _plugin(root: Path, name: str, deps: str, *, source: str = PLUGIN) -> Path:
    base = root / "plugins" / name
    (base / "src" / name).mkdir(parents=True)
    (base / "pyproject.toml").write_text(
        f'[project]\nname = "{name}"\nversion = "1.0"\ndependencies = {deps}\n'
    )
    (base / "src" / name / "__init__.py").write_text(source)
    return base


def _codes(root: Path, **options: object) -> set[tuple[str, str, int]]:
    report = run_check(root, select=("PC3",), mypy=False, dynamic=False, **options)
    return {(f.code, f.plugin, f.location.line) for f in report.findings}


def test_matrix_in_text_and_json() -> None:
    case = RULES / "PC303" / "bad"
    data = cli_json(
        "check", str(case), "--api-version", "2.0,2.1,3.0", "--select", "PC3", here=True
    )
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    matrix = data["matrix"]
    assert isinstance(matrix, dict)
    assert matrix["versions"] == ["2.0", "2.1", "3.0"]
    rows = {r["plugin"]: r for r in matrix["rows"]}
    assert rows["loose"]["requirement"] == "pinapi>=2.0,<4"
    # <4 is fine for 3.x hosts, but admits the next major of 2.x hosts.
    assert rows["loose"]["cells"] == {"2.0": "warning", "2.1": "warning", "3.0": "ok"}
    assert set(rows["open"]["cells"].values()) == {"warning"}

    text = run_cli_here(
        "check", str(case), "--api-version", "2.0,2.1,3.0", "--select", "PC3"
    ).stdout
    table = text[text.index("API compatibility") :].splitlines()
    assert table[1].split() == ["plugin", "requires", "2.0", "2.1", "3.0"]
    assert any(line.split()[:2] == ["loose", "pinapi>=2.0,<4"] for line in table)


def test_without_api_versions_there_is_no_matrix() -> None:
    data = cli_json("check", str(RULES / "PC303" / "good"), "--select", "PC3", here=True)
    assert data["matrix"] is None
    assert "API compatibility" not in run_cli_here("check", str(RULES / "PC303" / "good")).stdout


def test_each_api_version_is_checked(tmp_path: Path) -> None:
    host = _host(tmp_path)
    _plugin(host, "capped", '["pinapi>=2.0,<3"]')
    _plugin(host, "modern", '["pinapi>=3.0,<4"]')
    found = _codes(host, api_versions=("2.1", "3.0"))
    assert found == {("PC302", "capped", 4), ("PC302", "modern", 4)}
    report = check(
        Options(paths=(host,), select=("PC302",), mypy=False, dynamic=False, api_versions=("3.0",))
    )
    (finding,) = report.findings
    assert "excludes pinapi 3.0" in finding.message and "--api-version" in finding.message
    assert report.matrix is not None
    assert {r.plugin: r.cells for r in report.matrix.rows} == {
        "capped": ("error",),
        "modern": ("ok",),
    }


def test_excluded_version_points_at_the_api_project(tmp_path: Path) -> None:
    host = _host(tmp_path)
    _plugin(host, "modern", '["pinapi>=3.0,<4"]')
    report = run_check(host, select=("PC302",), mypy=False, dynamic=False)
    (finding,) = report.findings
    assert "excludes pinapi 2.1.0" in finding.message and "api/pyproject.toml" in finding.message
    (related,) = finding.related
    assert related.location.path == host / "api/pyproject.toml"
    assert related.location.line == 3  # version = "2.1.0"


def test_bad_api_version_is_a_usage_error(tmp_path: Path) -> None:
    host = _host(tmp_path)
    _plugin(host, "capped", '["pinapi>=2.0,<3"]')
    proc = run_cli_here("check", str(host), "--api-version", "2.1,two")
    assert proc.returncode == 2
    assert "'two' is not a version" in proc.stderr and "Traceback" not in proc.stderr
    with pytest.raises(UsageError, match="two"):
        check(Options(paths=(host,), mypy=False, dynamic=False, api_versions=("two",)))


def test_bad_plugin_api_version_key_is_a_config_error(tmp_path: Path) -> None:
    host = _host(tmp_path)
    config = host / "pyproject.toml"
    config.write_text(config.read_text().replace('"API_VERSION"', "3"))
    proc = run_cli_here("check", str(host))
    assert proc.returncode == 2
    assert "plugin-api-version" in proc.stderr and "module-level constant" in proc.stderr


def test_the_api_distributions_own_plugins_need_not_declare_it(tmp_path: Path) -> None:
    """virtualenv registers its own activators under its own group: the distribution that is
    the API cannot require itself (PC301 was an error on each built-in plugin)."""
    host = _host(tmp_path)
    own = _plugin(host, "builtin_plugins", "[]")
    (own / "pyproject.toml").write_text('[project]\nname = "PinAPI"\nversion = "2.1.0"\n')
    _plugin(host, "thirdparty", "[]")
    assert {(code, plugin) for code, plugin, _ in _codes(host)} == {("PC301", "thirdparty")}


def test_a_direct_reference_is_not_a_range(tmp_path: Path) -> None:
    host = _host(tmp_path)
    _plugin(
        host, "pinned-url", '["pinapi @ https://example.invalid/pinapi-2.1.0-py3-none-any.whl"]'
    )
    assert _codes(host) == set()
    report = check(
        Options(paths=(host,), select=("PC3",), mypy=False, dynamic=False, api_versions=("2.1",))
    )
    assert report.matrix is not None and report.matrix.rows[0].cells == ("unknown",)


def test_installed_api_version_beats_the_repo_one(tmp_path: Path) -> None:
    host = _host(tmp_path)
    _plugin(host, "capped", '["pinapi>=2.0,<3"]')
    site = tmp_path / "site" / "pinapi-3.0.0.dist-info"
    site.mkdir(parents=True)
    (site / "METADATA").write_text("Metadata-Version: 2.1\nName: pinapi\nVersion: 3.0.0\n")
    data = cli_json(
        "check",
        str(host),
        "--select",
        "PC302",
        env={"PYTHONPATH": str(tmp_path / "site")},
        here=True,
    )
    (finding,) = data["findings"]  # type: ignore[misc]
    assert "excludes pinapi 3.0.0" in finding["message"] and "installed" in finding["message"]


def test_without_any_host_version_only_the_shape_is_checked(tmp_path: Path) -> None:
    host = _host(tmp_path, api_version=None)
    _plugin(host, "ahead", '["pinapi>=7.0,<8"]')
    _plugin(host, "open", '["pinapi>=2.0"]')
    # Nothing to compare against: no PC302; the open range still breaks at its next major.
    assert _codes(host) == {("PC303", "open", 4)}


def test_version_constant_against_several_hosts(tmp_path: Path) -> None:
    host = _host(tmp_path)
    source = PLUGIN.replace(
        "from pinapi import Plugin\n", 'from pinapi import Plugin\n\nAPI_VERSION = "2.1"\n'
    )
    _plugin(host, "written", '["pinapi>=2.0,<4"]', source=source)
    assert _codes(host) == {("PC303", "written", 4)}
    report = check(
        Options(
            paths=(host,), select=("PC307",), mypy=False, dynamic=False, api_versions=("2.1", "3.0")
        )
    )
    (finding,) = report.findings
    assert "written for API 2.1" in finding.message and "3.0" in finding.message
    assert report.matrix is not None and report.matrix.rows[0].cells == ("warning", "error")


def test_extension_module_suffixes(tmp_path: Path) -> None:
    host = _host(tmp_path)
    base = _plugin(host, "native", '["pinapi>=2.0,<3"]')
    own = importlib.machinery.EXTENSION_SUFFIXES[0]
    (base / "src/native" / f"_fast{own}").write_bytes(b"")
    assert _codes(host) == set()
    (base / "src/native/_slow.cpython-27mu-x86_64-linux-gnu.so").write_bytes(b"")
    assert _codes(host) == {("PC308", "native", 1)}


def _wheel(directory: Path, name: str, requires: list[str], extras: list[str]) -> Path:
    """A real (pure-Python) wheel of a one-module plugin, built the way a backend writes it."""
    dist_info = f"{name}-1.0.dist-info"
    metadata = "".join(
        [
            f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
            *(f"Provides-Extra: {e}\n" for e in extras),
            *(f"Requires-Dist: {r}\n" for r in requires),
        ]
    )
    files = {
        f"{name}/__init__.py": PLUGIN,
        f"{dist_info}/METADATA": metadata,
        f"{dist_info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
        "Tag: py3-none-any\n",
        f"{dist_info}/entry_points.txt": f"[pin.plugins]\n{name} = {name}\n",
    }
    record = "".join(
        f"{path},sha256={_digest(text.encode())},{len(text.encode())}\n"
        for path, text in files.items()
    )
    files[f"{dist_info}/RECORD"] = record + f"{dist_info}/RECORD,,\n"
    wheel = directory / f"{name}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def test_requires_dist_of_a_pip_installed_plugin(tmp_path: Path) -> None:
    """pip installs real wheels; their Requires-Dist markers and extras decide what applies."""
    host = _host(tmp_path / "host", group=True)
    site = tmp_path / "site"
    wheels = [
        # Only the unconditional range applies: the extra is not requested, the marker is false.
        _wheel(
            tmp_path,
            "ahead",
            [
                'pinapi>=2.0,<3; python_version < "3"',
                'pinapi>=2.0,<3; extra == "legacy"',
                "pinapi<4,>=3.0",
            ],
            ["legacy"],
        ),
        # The API only under an extra: a plain install does not bring it.
        _wheel(tmp_path, "extra", ['pinapi>=2.0,<3; extra == "host"'], ["host"]),
        _wheel(tmp_path, "fine", ['pinapi~=2.1; python_version >= "3.8"'], []),
    ]
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"),
            *("--target", str(site), *map(str, wheels)),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert (site / "ahead-1.0.dist-info" / "INSTALLER").read_text().strip() == "pip"
    data = cli_json("check", str(host), "--select", "PC3", env={"PYTHONPATH": str(site)}, here=True)
    findings = data["findings"]
    assert isinstance(findings, list)
    found = {(f["code"], f["plugin"], Path(f["path"]).name) for f in findings}
    assert found == {("PC302", "ahead", "METADATA"), ("PC301", "extra", "__init__.py")}
    ahead = next(f for f in findings if f["code"] == "PC302")
    line = Path(ahead["path"]).read_text().splitlines()[ahead["line"] - 1]
    assert line == "Requires-Dist: pinapi<4,>=3.0"
    extra = next(f for f in findings if f["code"] == "PC301")
    assert "extra ==" in extra["message"]


def test_api_version_installed_in_another_interpreter(tmp_path: Path) -> None:
    """--python: the target's own metadata decides (a venv without pip or packaging)."""
    host = _host(tmp_path / "host")
    _plugin(host, "capped", '["pinapi>=2.0,<3"]')
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120
    )
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    dist = Path(purelib) / "pinapi-3.0.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: pinapi\nVersion: 3.0.0\n")
    data = cli_json("check", str(host), "--python", str(python), "--select", "PC3", here=True)
    (finding,) = data["findings"]  # type: ignore[misc]
    assert finding["code"] == "PC302"
    assert f"installed for {python}" in finding["message"]
    # This interpreter (no --python) has no pinapi installed: the repo's 2.1.0 is admitted.
    assert cli_json("check", str(host), "--select", "PC3", here=True)["findings"] == []
