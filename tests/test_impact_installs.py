"""The installer `plugcheck impact` and `plugcheck matrix` run: no source build of a plugin
distribution unless `--allow-builds`, and never with plugcheck's secrets or home."""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import textwrap
from pathlib import Path

import pytest
from impact_host import make_host, sides

from plugcheck.harness.confine import Plan
from plugcheck.impact.sides import installer

from conftest import run_cli

pytestmark = pytest.mark.harness

SECRET = "s3cret-ci-token-value"

# An in-tree build backend (no setuptools needed, so the test needs no index): importing it is
# what a hostile setup.py does, reading the environment and writing outside the build.
BACKEND = """
import os, pathlib
try:
    pathlib.Path(MARKER).write_text("written")
    wrote = "yes"
except OSError:
    wrote = "no"
secrets = sum(SECRET in v for v in os.environ.values())
raise RuntimeError(
    f"spy: home={os.environ.get('HOME', '')} secrets={secrets} wrote={wrote}"
)
"""


# A backend that builds a real (empty) wheel: what a healthy sdist does.
HONEST = """
import os, zipfile
def get_requires_for_build_wheel(config_settings=None):
    return []
def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name = "evilplug-1.0-py3-none-any.whl"
    meta = "evilplug-1.0.dist-info/"
    files = {
        meta + "METADATA": "Metadata-Version: 2.1\\nName: evilplug\\nVersion: 1.0\\n",
        meta + "WHEEL": "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
    }
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w") as wheel:
        for path, text in files.items():
            wheel.writestr(path, text)
        wheel.writestr(meta + "RECORD", "".join(p + ",,\\n" for p in [*files, meta + "RECORD"]))
    return name
"""


def sdist(directory: Path, marker: Path | None) -> None:
    """``evilplug-1.0.tar.gz``: an sdist whose build backend spies on its builder (builds
    honestly with ``marker`` ``None``)."""
    backend = f"MARKER = {str(marker)!r}\nSECRET = {SECRET!r}\n{BACKEND}" if marker else HONEST
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
        "spy.py": backend,
    }
    with tarfile.open(directory / "evilplug-1.0.tar.gz", "w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"evilplug-1.0/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def run(
    tmp_path: Path, *extra: str, honest: bool = False
) -> tuple[subprocess.CompletedProcess[str], Path]:
    host, wheelhouse = make_host(tmp_path, plugins={"ok01"})
    marker = tmp_path / "outside" / "stolen.txt"
    marker.parent.mkdir()
    sdist(wheelhouse, None if honest else marker)
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
    # The backend ran (and raised, so the environment is not made) ...
    assert proc.returncode == 2, proc.stdout + proc.stderr
    spy = re.search(r"spy: home=(\S*) secrets=(\d+) wrote=(\w+)", proc.stderr)
    if spy is None:  # pip's last error line is its own, not the backend's
        assert installer() is None, proc.stderr
        assert not (Plan().landlock and marker.exists()), proc.stderr
        return
    home, secrets, wrote = spy.groups()
    # ... without any of plugcheck's secrets, with a home of its own ...
    assert secrets == "0", proc.stderr
    assert home != str(Path.home()) and "plugcheck-install-home-" in home, proc.stderr
    # ... and, with --no-index on a kernel with Landlock, unable to write outside.
    if Plan().landlock:
        assert wrote == "no" and not marker.exists(), proc.stderr


def test_an_allowed_build_of_a_healthy_sdist_installs(tmp_path: Path) -> None:
    proc, _ = run(tmp_path, "--allow-builds", honest=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
