"""Proof on real plugins: pytest, MkDocs and Sphinx with third-party plugins from PyPI.

The shipped contracts (examples/contracts/) are run against a venv holding pinned hosts, at least
five plugins each that the host itself loads fine (checked here by the host's own loading:
``pytest --co -p``, ``mkdocs build``, ``sphinx-build``), and one real, older plugin per host that
breaks on the pinned host. plugcheck must raise no error on the first and name the cause of the
second. The venv is built with uv and cached under .plugcheck_cache/, keyed by the pinned set.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, run_cli

pytestmark = pytest.mark.slow

CONTRACTS = ROOT / "examples" / "contracts"

PYTEST_PLUGINS = {  # distribution pin -> the module `pytest -p` loads
    "pytest-cov==7.1.0": "pytest_cov.plugin",
    "pytest-mock==3.17.0": "pytest_mock",
    "pytest-timeout==2.4.0": "pytest_timeout",
    "pytest-xdist==3.8.0": "xdist.plugin",
    "pytest-randomly==5.1.0": "pytest_randomly",
    "pytest-env==1.8.5": "pytest_env.plugin",
    # Adds its hookspecs through getattr(pluginmanager, "add_hookspecs"):
    "pytest-benchmark==5.3.1": "pytest_benchmark.plugin",
    # Imports `_pytest._pluggy` under try/except ImportError:
    "pytest-metadata==3.1.1": "pytest_metadata.plugin",
}
MKDOCS_PLUGINS = {  # distribution pin -> the name mkdocs.yml uses
    "mkdocs-redirects==1.2.3": "redirects",
    "mkdocs-awesome-pages-plugin==2.10.1": "awesome-pages",
    "mkdocs-minify-plugin==0.8.0": "minify",
    "mkdocs-section-index==0.3.12": "section-index",
    "mkdocs-gen-files==0.6.1": "gen-files",
    "mkdocs-literate-nav==0.6.3": "literate-nav",
}
SPHINX_EXTENSIONS = {  # distribution pin -> the extension module conf.py lists
    "sphinx-copybutton==0.5.2": "sphinx_copybutton",
    "sphinx-design==0.8.0": "sphinx_design",
    "sphinx-togglebutton==0.4.5": "sphinx_togglebutton",
    "sphinx-autodoc-typehints==3.6.1": "sphinx_autodoc_typehints",
    "sphinx-sitemap==2.9.0": "sphinx_sitemap",
    "sphinx-reredirects==1.1.0": "sphinx_reredirects",
}
HOSTS = ["pytest==9.2.0", "mkdocs==1.6.1", "sphinx==9.0.4"]
# Older releases that break on the pinned hosts, installed without their dependencies:
BROKEN = [
    # pytest-isort 1.3.0: pytest_collect_file(path, parent); pytest 9 dropped `path`.
    "pytest-isort==1.3.0",
    # mkdocs-material 9.5.10: Requires-Dist mkdocs~=1.5.3 excludes mkdocs 1.6.1.
    "mkdocs-material==9.5.10",
    # sphinx-tabs 1.1.13: setup(app) calls app.add_javascript, removed in Sphinx 4.
    "sphinx-tabs==1.1.13",
]


def _pins() -> list[str]:
    return [*HOSTS, *PYTEST_PLUGINS, *MKDOCS_PLUGINS, *SPHINX_EXTENSIONS]


def _run(
    *argv: str | Path, cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **env},
        timeout=600,
        check=False,
    )


def _cached_venv(prefix: str, pins: list[str], broken: list[str], *more: str) -> Path:
    """A venv with ``pins``, then ``broken`` without their dependencies, then ``more``; cached
    under .plugcheck_cache/ (or $PLUGCHECK_ECOSYSTEM_CACHE: .ci/run keeps it across clones),
    keyed by what is installed and the interpreter's build."""
    what: list[object] = [pins, broken, sys.version, *([list(more)] if more else [])]
    key = hashlib.sha256(json.dumps(what).encode()).hexdigest()[:12]
    cache = Path(os.environ.get("PLUGCHECK_ECOSYSTEM_CACHE", ROOT / ".plugcheck_cache"))
    root = cache / f"{prefix}-{key}"
    cache.mkdir(parents=True, exist_ok=True)
    # Tests sharing one venv may run in different xdist workers: build it once, under a lock.
    with open(cache / f"{prefix}-{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build_venv(root, cache, pins, broken, *more)


def _build_venv(root: Path, cache: Path, pins: list[str], broken: list[str], *more: str) -> Path:
    python = root / "bin" / "python"
    if (root / "ready").is_file():
        return python
    shutil.rmtree(root, ignore_errors=True)
    reachable = _pypi_reachable(cache)
    if reachable is not True:
        pytest.skip(f"PyPI not reachable: {reachable}")
    # uv, not venv + pip: several times faster per install, and its wheel cache (built sdists
    # too) outlives the repo-local .plugcheck_cache/ of a fresh clone. The venv holds what
    # `python -m venv` puts there (ensurepip's own pip and setuptools wheels), then the pins.
    install = [_uv(), "pip", "install", "--quiet", "--no-config", "--compile-bytecode"]
    install += ["--python", str(python)]
    seed = _ensurepip_wheels()
    create = [_uv(), "venv", "--quiet", "--no-config", "--python", sys.executable, str(root)]
    # A Python without ensurepip's wheels (Debian's): uv's own seed packages instead.
    steps: list[list[str | Path]] = [[*create, "--seed"]]
    if seed:
        steps = [create, [*install, "--no-deps", *seed]]
    steps.append([*install, *pins])
    if broken:
        steps.append([*install, "--no-deps", *broken])
    if more:
        steps.append([*install, *more])
    env = {"UV_CACHE_DIR": os.environ.get("UV_CACHE_DIR", str(Path.home() / ".cache" / "uv"))}
    for argv in steps:
        proc = _run(*argv, **env)
        assert proc.returncode == 0, proc.stderr[-2000:]
    (root / "ready").write_text("\n".join([*pins, *broken]))
    return python


@functools.cache
def _pypi_reachable(cache: Path) -> str | bool:
    """True, or why PyPI cannot be reached (once per process)."""
    check = _run(
        sys.executable,
        "-m",
        "pip",
        "download",
        "pluggy==1.5.0",
        "--no-deps",
        "-d",
        str(cache / "probe"),
    )
    return check.returncode == 0 or str(check.stderr.strip().splitlines()[-1:])


def _uv() -> str:
    """The uv plugcheck depends on (``plugcheck impact`` builds its environments with it)."""
    from uv import find_uv_bin

    return find_uv_bin()


def _ensurepip_wheels() -> list[str]:
    """The pip and setuptools wheels ``python -m venv`` installs from (ensurepip's own)."""
    import ensurepip

    return sorted(str(w) for w in (Path(ensurepip.__file__).parent / "_bundled").glob("*.whl"))


@pytest.fixture(scope="module")
def venv() -> Path:
    return _cached_venv("ecosystems", _pins(), BROKEN, "isort")


def _site(python: Path) -> Path:
    out = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    return Path(out.stdout.strip())


def _check(
    python: Path, contract: str, *paths: Path, env: dict[str, str] | None = None
) -> dict[str, Any]:
    proc = run_cli(
        "check",
        "--config",
        str(CONTRACTS / contract),
        "--python",
        str(python),
        "--output-format",
        "json",
        *map(str, paths),
        env=env,
    )
    assert proc.returncode in (0, 1), proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    assert not data["errors"], data["errors"]
    return data


def _judged(
    data: dict[str, Any], healthy: set[str], broken: str
) -> tuple[list[tuple[str, str, str]], list[dict[str, Any]]]:
    """What plugcheck said of plugins the host loads (errors and warnings, sorted) and the
    errors of the one it does not."""
    findings: list[dict[str, Any]] = data["findings"]
    noise = [
        (f["plugin"], f["code"], f["severity"])
        for f in findings
        if f["plugin"] in healthy and f["severity"] != "info"
    ]
    return sorted(noise), [
        f for f in findings if f["plugin"] == broken and f["severity"] == "error"
    ]


def _init_checked(
    python: Path, package: str, tmp_path: Path, *paths: Path
) -> tuple[str, dict[str, Any]]:
    """``plugcheck init`` on the installed ``package``, then its proposal, unedited, checked
    in ``python``'s environment (with the plugins at ``paths``, for a host that names its plugin
    modules): the proposal and the JSON report."""
    proc = run_cli("init", str(_site(python) / package))
    assert proc.returncode == 0, proc.stderr
    host = tmp_path / "host"
    host.mkdir()
    (host / "pyproject.toml").write_text(proc.stdout)
    where = ["--config", str(host / "pyproject.toml"), *map(str, paths)] if paths else [str(host)]
    checked = run_cli("check", *where, "--python", str(python), "--output-format", "json")
    assert checked.returncode in (0, 1), checked.stderr
    data: dict[str, Any] = json.loads(checked.stdout)
    assert not data["errors"], data["errors"]
    return proc.stdout, data


def _errors(data: dict[str, Any], plugins: set[str]) -> list[dict[str, Any]]:
    return [f for f in data["findings"] if f["severity"] == "error" and f["plugin"] in plugins]


@pytest.mark.harness
def test_pytest_plugins(venv: Path, tmp_path: Path) -> None:
    (tmp_path / "test_one.py").write_text("def test_one():\n    pass\n")
    for module in PYTEST_PLUGINS.values():
        proc = _run(
            venv,
            "-m",
            "pytest",
            "--co",
            "-q",
            "-p",
            module,
            cwd=tmp_path,
            PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",
        )
        assert proc.returncode == 0, f"pytest itself fails to load {module}: {proc.stdout}"
    broken = _run(
        venv,
        "-m",
        "pytest",
        "--co",
        "-q",
        "-p",
        "pytest_isort",
        cwd=tmp_path,
        PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",
    )
    assert broken.returncode != 0 and "Argument(s) {'path'}" in broken.stdout + broken.stderr

    data = _check(venv, "pytest.toml")
    modules = {p["module"]: p["name"] for p in data["plugins"]}
    good = {modules[m] for m in PYTEST_PLUGINS.values()}
    assert _errors(data, good) == []
    (isort,) = [p["name"] for p in data["plugins"] if p["module"] == "pytest_isort"]
    (finding,) = _errors(data, {isort})
    assert finding["code"] == "PC502"
    # xdist.looponfail's worker prunes sys.path (sys.path[:] = the same entries, absolute):
    # no directory added, so no PC353; no healthy plugin gets a warning.
    warned = [f for f in data["findings"] if f["severity"] == "warning" and f["plugin"] != isort]
    assert warned == [], warned
    assert "'path'" in finding["message"] and "pytest_collect_file" in finding["message"]


@pytest.mark.harness
def test_mkdocs_plugins(venv: Path, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    names = ["search", *MKDOCS_PLUGINS.values()]
    options = {"gen-files": "\n      scripts: []"}  # the one plugin with a required option
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: proof\nplugins:\n"
        + "".join(f"  - {n}:{options[n]}\n" if n in options else f"  - {n}\n" for n in names)
    )
    mkdocs = venv.parent / "mkdocs"
    proc = _run(mkdocs, "build", "-q", cwd=tmp_path, DISABLE_MKDOCS_2_WARNING="true")
    assert proc.returncode == 0, f"mkdocs itself fails with the plugins: {proc.stderr}"

    data = _check(venv, "mkdocs.toml")
    assert _errors(data, set(names)) == []
    material = {p["name"] for p in data["plugins"] if p["name"].startswith("material/")}
    assert material
    pinned = [f for f in _errors(data, material) if f["code"] == "PC302"]
    for finding in pinned:
        assert "mkdocs~=1.5.3" in finding["message"] and "1.6.1" in finding["message"]
    assert {f["plugin"] for f in pinned} == material
    # The old material release's own requirements (paginate, colorama, regex) are not installed:
    # importing those plugins really fails, whatever PC302 says about the pin (issue 12 item 1).
    # PC309 says so statically: the venv's a1_coverage.pth (pytest-cov) no longer hides it.
    # material/social imports, but its on_config stops the build: cairosvg and pillow, its
    # dependencies, are not installed either (PC532, from MkDocs' own build: mkdocs_contract).
    for finding in _errors(data, material):
        assert finding["code"] in {"PC302", "PC401", "PC309", "PC532"}
        if finding["code"] == "PC532":
            assert finding["plugin"] == "material/social", finding
            assert "dependencies" in finding["message"], finding
        elif finding["code"] != "PC302":
            assert "is not installed in the target environment" in finding["message"]


@pytest.mark.harness
def test_sphinx_extensions(venv: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.rst").write_text("Proof\n=====\n\nHello.\n")
    extensions = ["sphinx.ext.autodoc", *SPHINX_EXTENSIONS.values()]
    (docs / "conf.py").write_text(f"extensions = {extensions!r}\nhtml_baseurl = 'https://x/'\n")
    build = venv.parent / "sphinx-build"
    proc = _run(build, "-q", "-b", "html", docs, tmp_path / "out")
    assert proc.returncode == 0, f"Sphinx itself fails with the extensions: {proc.stderr}"
    (docs / "conf.py").write_text("extensions = ['sphinx_tabs.tabs']\n")
    broken = _run(build, "-q", "-b", "html", docs, tmp_path / "out2")
    assert broken.returncode != 0 and "add_javascript" in broken.stderr

    site = _site(venv)
    paths = [site / m for m in SPHINX_EXTENSIONS.values()]
    data = _check(venv, "sphinx.toml", *paths, site / "sphinx_tabs" / "tabs.py")
    healthy = set(SPHINX_EXTENSIONS.values())
    assert [f for f in data["findings"] if f["plugin"] in healthy and f["severity"] != "info"] == []
    (finding,) = _errors(data, {"sphinx_tabs.tabs"})  # a path inside a package: dotted name
    assert finding["code"] == "PC531"
    assert "app.add_javascript" in finding["message"]
    assert finding["path"].endswith("sphinx_tabs/tabs.py")


# --- flake8, Pygments and keyring: entry-point hosts without pluggy ---------------------------

FLAKE8_PLUGINS = {  # distribution pin -> its `flake8.extension` entry-point name
    "flake8-bugbear==26.10.27": "B",
    "flake8-comprehensions==3.17.0": "C4",
    "pep8-naming==0.15.1": "N8",
    "flake8-docstrings==1.7.0": "D",
    "flake8-quotes==3.4.0": "Q0",
    "flake8-print==5.0.0": "T20",
}
PYGMENTS_PLUGINS = ["catppuccin==2.5.0", "pygments-ansi-color==0.3.0"]
KEYRING_PLUGINS = ["keyrings.alt==5.0.2"]
# mkdocs-exclude reads mkdocs.config.config_options through `import mkdocs` (needs `preload`).
MORE_HOSTS = ["flake8==7.5.0", "pygments==2.21.0", "keyring==25.7.0", "mkdocs==1.6.1"]
MORE_MKDOCS = ["mkdocs-exclude==1.0.2"]
# flake8-debugger 1.4.0 names its entry point `flake8_debugger`; flake8 7 stops on it.
# keyrings.cryptfile 1.3.4 imports keyring.util.properties, gone since keyring 23: keyring logs
# the ImportError and lists no cryptfile backend.
MORE_BROKEN = ["flake8-debugger==1.4.0", "keyrings.cryptfile==1.3.4"]


@pytest.fixture(scope="module")
def more_venv() -> Path:
    pins = [*MORE_HOSTS, *FLAKE8_PLUGINS, *PYGMENTS_PLUGINS, *KEYRING_PLUGINS, *MORE_MKDOCS]
    return _cached_venv("ecosystems-more", pins, MORE_BROKEN)


@pytest.mark.harness
def test_flake8_plugins(more_venv: Path, tmp_path: Path) -> None:
    (tmp_path / "one.py").write_text("x = 1\n")
    flake8 = _run(more_venv, "-m", "flake8", "one.py", cwd=tmp_path)
    assert "does not match" in flake8.stderr + flake8.stdout  # flake8 itself stops on the old one

    data = _check(more_venv, "flake8.toml")
    names = {p["name"] for p in data["plugins"]}
    assert set(FLAKE8_PLUGINS.values()) | {"C90", "E", "F", "W", "default"} <= names
    # mccabe's `except ImportError: from flake8.util import ast` fallback is not a PC530.
    assert _errors(data, names - {"flake8_debugger"}) == []
    (finding,) = _errors(data, {"flake8_debugger"})
    assert finding["code"] == "PC004"
    assert finding["path"].endswith("entry_points.txt")


@pytest.mark.harness
def test_pygments_and_keyring_plugins(more_venv: Path) -> None:
    styles = _run(more_venv, "-m", "pygments", "-L", "styles")
    assert "catppuccin-mocha" in styles.stdout, styles.stderr
    backends = _run(more_venv, "-m", "keyring", "--list-backends")
    assert "keyrings.alt.file.PlaintextKeyring" in backends.stdout, backends.stderr
    assert "cryptfile" not in backends.stdout
    assert "Error initializing plugin EntryPoint(name='cryptfile'" in backends.stderr

    data = _check(more_venv, "pygments.toml")
    assert {"ansi_color", "catppuccin-mocha"} <= {p["name"] for p in data["plugins"]}
    assert [f for f in data["findings"] if f["severity"] == "error"] == []
    data = _check(more_venv, "keyring.toml")
    assert {"file", "Windows", "libsecret", "cryptfile"} <= {p["name"] for p in data["plugins"]}
    healthy = [f for f in data["findings"] if f["plugin"] != "cryptfile"]
    # keyring's `with ExceptionTrap():` around imports and gi.require_version are not PC110.
    assert [f for f in healthy if f["code"] in {"PC110", "PC530"}] == []
    # keyring's own macOS backend runs ldconfig at import (ctypes.util.find_library in its
    # api.py) on every keyring run: the host's work, information, no warning.
    assert [f for f in healthy if f["severity"] != "info"] == []
    (finding,) = _errors(data, {"cryptfile"})
    assert finding["code"] == "PC530"
    assert finding["path"].endswith("keyrings/cryptfile/cryptfile.py")
    assert "keyring.util has no 'properties'" in finding["message"]


@pytest.mark.harness
def test_mkdocs_plugin_that_needs_the_hosts_imports(more_venv: Path, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - exclude:\n      glob: []\n")
    mkdocs = _run(more_venv.parent / "mkdocs", "build", "-q", cwd=tmp_path)
    assert mkdocs.returncode == 0, mkdocs.stderr
    data = _check(more_venv, "mkdocs.toml")
    assert "exclude" in {p["name"] for p in data["plugins"]}
    assert _errors(data, {"exclude"}) == []
