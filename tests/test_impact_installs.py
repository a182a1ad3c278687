"""The installer `plugcheck impact` and `plugcheck matrix` run: no source build of a plugin
distribution unless `--allow-builds`, and never with plugcheck's secrets or home."""

from __future__ import annotations

import io
import subprocess
import tarfile
import textwrap
from pathlib import Path

import pytest
from impact_host import make_host, sides

from conftest import run_cli

pytestmark = pytest.mark.harness

SECRET = "s3cret-ci-token-value"

# An in-tree build backend (no setuptools needed, so the test needs no index): importing it is
# what a hostile setup.py does, reading the environment and writing outside the build.
BACKEND = """
import os, pathlib
seen = dict(os.environ)
pathlib.Path(MARKER).write_text(
    "HOME=" + seen.get("HOME", "") + "\\n"
    + "\\n".join(k + "=" + v for k, v in sorted(seen.items()) if SECRET in v)
)
def get_requires_for_build_wheel(config_settings=None):
    return []
def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    raise RuntimeError("this backend only spies")
"""


def sdist(directory: Path, marker: Path) -> None:
    """``evilplug-1.0.tar.gz``: an sdist whose build backend spies on its builder."""
    files = {
        "PKG-INFO": "Metadata-Version: 2.1\nName: evilplug\nVersion: 1.0\n",
        "pyproject.toml": textwrap.dedent(
            """
            [build-system]
            requires = []
            build-backend = "spy"
            backend-path = ["."]
            [project]
            name = "evilplug"
            version = "1.0"
            """
        ),
        "spy.py": f"MARKER = {str(marker)!r}\nSECRET = {SECRET!r}\n{BACKEND}",
    }
    with tarfile.open(directory / "evilplug-1.0.tar.gz", "w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"evilplug-1.0/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def run(tmp_path: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    host, wheelhouse = make_host(tmp_path, plugins={"ok01"})
    marker = tmp_path / "outside" / "stolen.txt"
    marker.parent.mkdir()
    sdist(wheelhouse, marker)
    requirements = tmp_path / "plugins.txt"
    requirements.write_text("evilplug==1.0\n")
    proc = run_cli(
        "impact",
        *sides(wheelhouse),
        "-r",
        str(requirements),
        "--no-dynamic",
        "--no-mypy",
        *extra,
        cwd=host,
        env={"CI_JOB_TOKEN": SECRET, "AWS_SECRET_ACCESS_KEY": SECRET, "GIT_PASSWORD": SECRET},
    )
    return proc, marker


def test_an_sdist_is_not_built_by_default_and_the_error_names_it(tmp_path: Path) -> None:
    proc, marker = run(tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert "evilplug" in proc.stderr and "--allow-builds" in proc.stderr
    assert "Traceback" not in proc.stderr
    # Its backend never ran: nothing was read, nothing written outside.
    assert not marker.exists()


def test_an_allowed_build_sees_no_secret_and_not_the_real_home(tmp_path: Path) -> None:
    proc, marker = run(tmp_path, "--allow-builds")
    # The backend ran (it refuses to build, so the environment is not made) ...
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert marker.is_file(), proc.stderr
    seen = marker.read_text()
    # ... without any of plugcheck's secrets, with a home of its own.
    assert SECRET not in seen, seen
    home = seen.splitlines()[0].removeprefix("HOME=")
    assert home and home != str(Path.home()), seen
    assert "plugcheck-install-home-" in home
