"""Hostile plugins that reach past the fork server: the ecosystem worker, the static pass,
siblings under the namespace fallback. Each test shows containment (what it did before is in
the plugin's docstring and the commit that fixed it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable
from pathlib import Path

import pytest
from test_confine import _kernel_without_landlock

from conftest import TESTDATA, copy_host, user_namespaces

pytestmark = pytest.mark.harness


HOSTILE = TESTDATA / "hostile"
X86_64 = os.uname().machine == "x86_64"


def _plugcheck(
    *args: str, preexec: Callable[[], None] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plugcheck", *args],
        capture_output=True,
        text=True,
        preexec_fn=preexec,
        cwd=cwd,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("fallback", [False, True])
def test_the_ecosystem_worker_reads_nothing_outside_its_host(
    tmp_path: Path, fallback: bool
) -> None:
    # The setup-function worker runs plugin code; it used to read whatever its user could, and
    # the plugin raised what it read into its own PC532 finding (the secret, /tmp, the home).
    if fallback and not (X86_64 and user_namespaces()):
        pytest.skip("the fallback needs user namespaces and the x86_64 filter")
    host = tmp_path / "host"
    shutil.copytree(HOSTILE / "ecosystem", host)
    secret = f"plugcheck-hostile-secret-{os.getpid()}"
    (tmp_path / "plugcheck-hostile-secret.txt").write_text(secret)
    proc = _plugcheck(
        "check",
        str(host),
        "--no-mypy",
        "--output-format",
        "json",
        preexec=_kernel_without_landlock if fallback else None,
        # Started in the workspace that holds the secret: `python -m` puts its directory first
        # on plugcheck's sys.path, which was taken for the target's (the running interpreter's)
        # and made readable to plugins; started in `/`, every file was (red team sandbox13).
        cwd=tmp_path,
    )
    data = json.loads(proc.stdout)
    (finding,) = [f for f in data["findings"] if f["code"] == "PC532"]
    if fallback:  # a root holding only what it may read: the host, the environment
        assert "read: FileNotFoundError; /tmp: [" in finding["message"]
    else:
        assert (
            "read: PermissionError; /tmp: PermissionError; home: PermissionError"
            in (finding["message"])
        )
    assert secret not in proc.stdout


def _bounded() -> None:
    """plugcheck's address space capped at 3 GiB: a run that reads a sparse 8 GiB file whole
    fails here with MemoryError instead of taking the machine's memory."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def test_a_sparse_8_gib_plugin_is_not_read_whole(tmp_path: Path) -> None:
    # A hostile repository: a plugin module of 8 GiB that takes no disk space (a sparse file
    # in an sdist or a generated tree), and a FIFO named like a plugin. Before, the static pass
    # read the whole file (the parser, the suppression comments, the result cache's hash):
    # MemoryError and a traceback, or the machine's memory.
    host = tmp_path / "host"
    shutil.copytree(HOSTILE / "api", host / "api")
    shutil.copy(HOSTILE / "pyproject.toml", host)
    (host / "plugins").mkdir()
    shutil.copy(HOSTILE / "plugins" / "loop_run.py", host / "plugins" / "fine.py")
    with (host / "plugins" / "huge.py").open("wb") as handle:
        handle.truncate(8 << 30)
    os.mkfifo(host / "plugins" / "fifo.py")
    (host / "plugins" / "zero.py").symlink_to("/dev/zero")
    proc = _plugcheck(
        "check",
        str(host),
        "--no-mypy",
        "--no-dynamic",
        "--output-format",
        "json",
        preexec=_bounded,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    by_plugin = {f["plugin"]: f for f in data["findings"] if f["code"] == "PC001"}
    # The host's import of a FIFO blocks for ever: before, discovery left it out (no finding).
    assert set(by_plugin) == {"huge", "fifo"}
    assert "not a regular file" in by_plugin["fifo"]["message"]
    assert [f["plugin"] for f in data["findings"] if f["code"] == "PC427"] == ["zero"]
    assert (
        "8,589,934,592 bytes, more than the 32 MiB plugcheck reads"
        in (by_plugin["huge"]["message"])
    )
    assert proc.returncode == 1


def test_a_file_larger_than_its_stated_size_is_read_whole() -> None:
    # read_source reads the size fstat gave and then what the file grew by (reading the limit
    # at once made a 32 MiB buffer per file); /proc's files state size 0 and are not empty.
    from plugcheck.untrusted import read_source

    assert os.stat("/proc/self/mountinfo").st_size == 0
    data = read_source("/proc/self/mountinfo")
    assert len(data) > 1 and data.endswith(b"\n")


def test_a_sparse_8_gib_pyproject_is_a_one_line_error(tmp_path: Path) -> None:
    host = tmp_path / "host"
    host.mkdir()
    with (host / "pyproject.toml").open("wb") as handle:
        handle.truncate(8 << 30)
    proc = _plugcheck("check", str(host), "--no-mypy", preexec=_bounded)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert "more than the 32 MiB plugcheck reads" in proc.stderr


def test_a_sparse_8_gib_metadata_in_the_environment_is_not_read(tmp_path: Path) -> None:
    # The environment query read every distribution's METADATA whole, and again for each of
    # its entry points: a 250 MB one held it 60 s and 2.3 GB, then "did not answer" (exit 2).
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env)
    (site,) = env.glob("lib/python3*/site-packages")
    info = site / "bombplug-1.0.dist-info"
    info.mkdir()
    with (info / "METADATA").open("wb") as handle:
        handle.write(b"Metadata-Version: 2.1\nName: bombplug\nVersion: 1.0\n")
        handle.truncate(8 << 30)
    (info / "entry_points.txt").write_text("[demo.styles]\nbomb = bombplug:Style\n")
    host = tmp_path / "host"
    host.mkdir()
    (host / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.styles]\nkind = "factory"\nentry-point-group = "demo.styles"\n'
    )
    python = str(env / "bin" / "python")
    proc = _plugcheck("check", str(host), "--python", python, "--no-mypy", preexec=_bounded)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    # Its plugin is not checked, and the host's entry_points() loads it: an error, not a note
    # under "All checks passed" (exit 0 before).
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "PC005 entry point bomb of demo.styles in bombplug-1.0.dist-info" in proc.stdout
    assert "METADATA: 8,589,934,592 bytes, more than the 32 MiB plugcheck reads" in proc.stdout


@pytest.mark.parametrize("fallback", [True, False])
def test_a_plugin_cannot_reach_its_siblings_directory(tmp_path: Path, fallback: bool) -> None:
    # Without Landlock every child's directory lay in the fork server's one writable root:
    # the meddler wrote into the victim's captured stdout (a false PC412 for the victim) and
    # listed its files. Now each child has a mount namespace where that root holds only its
    # own slot; with Landlock, its domain allows its own directory only.
    if fallback and not (X86_64 and user_namespaces()):
        pytest.skip("the fallback needs user namespaces and the x86_64 filter")
    root = copy_host(HOSTILE, tmp_path / "hostile")
    proc = _plugcheck(
        "harness",
        str(root / "sibling_files"),
        "--jobs",
        "2",
        "--output-format",
        "json",
        preexec=_kernel_without_landlock if fallback else None,
    )
    data = json.loads(proc.stdout)
    assert ("fs-namespace" in data["confinement"]) is fallback
    (finding,) = data["findings"]
    assert finding["plugin"] == "meddle_sibling"
    expected = "reached: []" if fallback else "refused: Permission denied"
    assert expected in finding["message"]


def _mounts_on(path: str) -> int:
    with open("/proc/self/mountinfo") as handle:
        return sum(1 for line in handle if line.split()[4] == path)


def test_a_private_root_that_cannot_be_built_is_taken_off_again() -> None:
    # The cleanup path of the fallback's private root: here the build fails after the tmpfs
    # is mounted (a readable path below /proc, where the root's own /proc goes). Before, that
    # raised FileExistsError with the empty tmpfs still over /tmp; now private_root says False
    # and the process goes on with the file system as it was (the server then reports no
    # fs-namespace, a note or with --require-confinement an error).
    if not user_namespaces():
        pytest.skip("no user namespaces here")
    from plugcheck.harness import confine

    marker = Path(f"/tmp/plugcheck-undo-{os.getpid()}")  # the root is built over /tmp
    marker.touch()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the forked child
        answer = "?"
        try:
            os.close(read)
            if "pid-namespace" not in confine.enter_namespaces(pid=True):
                answer = "no namespaces"
            else:  # the first process of its PID namespace, as the fork server is
                mounts = _mounts_on("/tmp")
                built = confine.private_root(["/proc/sys"], [])
                same = marker.exists() and _mounts_on("/tmp") == mounts
                answer = f"built={built} same={same}"
        except BaseException as exc:
            answer = f"raised {type(exc).__name__}: {exc}"
        os.write(write, answer.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as handle:
        answer = handle.read().decode()
    os.waitpid(child, 0)
    marker.unlink()
    if answer == "no namespaces":
        pytest.skip("no PID namespace here")
    assert answer == "built=False same=True"


@pytest.mark.parametrize("required", [False, True])
def test_a_server_that_confines_less_than_reported_says_so(tmp_path: Path, required: bool) -> None:
    # A contract whose search path lies below /proc: the probe says the fallback's private root
    # can be built, the fork server cannot build it with that path. Before, the server died
    # (FileExistsError: the harness pass crashed, no plugin ran); now it runs its plugins
    # without the private root and the report says so: a note, or with --require-confinement
    # an error and exit 2; its confinement no longer names fs-namespace.
    if not (X86_64 and user_namespaces()):
        pytest.skip("the fallback needs user namespaces and the x86_64 filter")
    host = tmp_path / "host"
    shutil.copytree(HOSTILE / "api", host / "api")
    (host / "plugins").mkdir()
    shutil.copy(HOSTILE / "plugins" / "loop_run.py", host / "plugins")
    config = (HOSTILE / "pyproject.toml").read_text()
    config = config.replace('search-path = ["api"]', 'search-path = ["api", "/proc/sys"]')
    (host / "pyproject.toml").write_text(config)
    flags = ["--require-confinement"] if required else []
    proc = _plugcheck(
        "harness",
        str(host),
        "--output-format",
        "json",
        *flags,
        preexec=_kernel_without_landlock,
    )
    data = json.loads(proc.stdout)
    said = (
        "harness: contract hostile: plugin processes ran without fs-namespace: "
        "the fork server could not put it in force"
    )
    # The probe predicted it; the report claims only what the plugin processes got.
    assert "fs-namespace" not in data["confinement"], data["confinement"]
    assert not [n for n in data["notes"] if n.startswith("plugin processes ran without")]
    assert [f["code"] for f in data["findings"]] == ["PC407"]  # loop_run ran
    if required:
        assert data["errors"] == [said]
        assert proc.returncode == 2
    else:
        assert said in data["notes"]
        assert data["errors"] == []
        assert proc.returncode == 1


_LINKED_HOST = """\
[tool.plugcheck]
search-path = ["api"]

[tool.plugcheck.contracts.demo]
kind = "factory"
api = "plugapi"
paths = ["plugins/*"]

[tool.plugcheck.contracts.demo.exports]
new = "plugapi:Factory"
"""


@pytest.mark.parametrize("linked", ["module", "file-in-package", "package"])
def test_a_plugin_linked_out_of_the_tree_is_not_read(tmp_path: Path, linked: str) -> None:
    # plugins/leak.py -> ~/.aws/credentials used to be read by the static pass, mypy and the
    # harness: the token came back in PC401 ("name 'ghp_...' is not defined") and PC208.
    token = f"ghp_plugcheckHostile{os.getpid()}"
    stolen = tmp_path / "home" / ".aws"
    stolen.mkdir(parents=True)
    (stolen / "credentials").write_text(f"aws_secret_access_key = {token}\n")
    (stolen / "__init__.py").symlink_to(stolen / "credentials")
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC427" / "good" / "api", host / "api")
    (host / "pyproject.toml").write_text(_LINKED_HOST)
    plugins = host / "plugins"
    plugins.mkdir()
    if linked == "module":
        link = plugins / "leak.py"
        link.symlink_to(stolen / "credentials")
    elif linked == "file-in-package":
        (plugins / "leak").mkdir()
        (plugins / "leak" / "__init__.py").write_text("from leak.keys import new\n")
        link = plugins / "leak" / "keys.py"
        link.symlink_to(stolen / "credentials")
    else:
        (plugins / "leak").symlink_to(stolen, target_is_directory=True)
        link = plugins / "leak" / "__init__.py"
    proc = _plugcheck("check", str(host), "--strict-plugins", "--output-format", "json")
    assert token not in proc.stdout + proc.stderr
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    found = {(f["code"], f["path"]) for f in data["findings"]}
    assert ("PC427", str(link)) in found
    # Nothing imported it: no finding of the harness's (PC4xx but PC427), a note saying so.
    assert not any(code.startswith("PC4") and code != "PC427" for code, _ in found), found
    assert any("skipped leak: PC427" in note for note in data["notes"]), data["notes"]


def test_fix_never_writes_through_a_project_file_linked_out_of_the_tree(tmp_path: Path) -> None:
    # A plugin's pyproject.toml linked to another project's, outside the host's tree: PC301's
    # fix (add the API distribution to [project].dependencies) wrote into that file on `check
    # --fix`, and the run then said "All checks passed" (red team sand21). Now the link is
    # PC427 and nothing writes through it.
    victim = tmp_path / "elsewhere" / "pyproject.toml"
    victim.parent.mkdir()
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC301" / "bad-undeclared", host)
    project = host / "plugins" / "loner" / "pyproject.toml"
    victim.write_bytes(project.read_bytes())
    before = victim.read_bytes()
    project.unlink()
    project.symlink_to(victim)
    proc = _plugcheck("check", str(host), "--no-dynamic", "--fix", "--output-format", "json")
    assert victim.read_bytes() == before
    assert proc.returncode == 1, proc.stderr
    found = {(f["code"], f["path"]) for f in json.loads(proc.stdout)["findings"]}
    assert ("PC427", str(project)) in found, found


def test_the_environment_query_runs_no_code_of_the_environment(tmp_path: Path) -> None:
    # The query (the target interpreter, unconfined, as plugcheck's user) imported `packaging`
    # from the target's site-packages for the wheel tags: a plugin distribution that shipped a
    # top-level `packaging` ran there, could read ~/.ssh and write the checkout (red team
    # sand19). Now plugcheck's own packaging is imported, with only the stdlib before it.
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env)
    (site,) = env.glob("lib/python3*/site-packages")
    canary = tmp_path / "ran"
    (site / "packaging").mkdir()
    (site / "packaging" / "__init__.py").write_text(f"open({str(canary)!r}, 'w').close()\n")
    (site / "packaging" / "tags.py").write_text("def sys_tags():\n    return []\n")
    info = site / "evilplug-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: evilplug\nVersion: 1.0\n")
    root = copy_host(TESTDATA / "rules" / "PC201" / "good", tmp_path / "host")
    python = str(env / "bin" / "python")
    proc = _plugcheck("check", str(root), "--python", python, "--no-dynamic", preexec=_bounded)
    assert not canary.exists()
    assert proc.returncode == 0, proc.stdout + proc.stderr
