"""One side of an impact run: a SPEC (directory, git ref, requirement) made into an environment.

Each environment is a virtual environment with the side's host or API installed, and the
plugin distributions of a requirements file when one is given; it is built once per SPEC (and
requirements, index options, interpreter) under the cache home and reused by later runs. uv
builds it when it is on PATH or installed beside plugcheck (``plugcheck[impact]``); else
``python -m venv`` and pip.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from plugcheck.config import Config
from plugcheck.impact import installer as confined
from plugcheck.options import Options, UsageError

INSTALLER_ENV = "PLUGCHECK_INSTALLER"
"""``pip`` forces ``python -m venv`` + pip even where uv is available (``uv``: the default)."""

_INSTALL_TIMEOUT = 1800


@dataclass(frozen=True, slots=True)
class Spec:
    """What a side installs: ``kind`` is ``directory``, ``git`` or ``requirement``."""

    text: str
    kind: str
    target: str
    """The directory to install, the commit, or the requirement string."""
    repo: Path | None = None

    @property
    def label(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Install:
    """How environments are built: plugins to add, where packages come from."""

    requirements: Path | None = None
    find_links: tuple[Path, ...] = ()
    no_index: bool = False
    api_distributions: tuple[str, ...] = ()
    """The contracts' ``api-distribution`` names: the project a directory or git ref installs."""
    builds: bool = False
    """``--allow-builds``: build distributions that have no wheel (their ``setup.py`` runs)."""


def install_for(
    config: Config,
    requirements: Path | None,
    find_links: tuple[Path, ...],
    no_index: bool,
    builds: bool = False,
) -> Install:
    """How the environments of ``config``'s host are built."""
    return Install(
        requirements=requirements,
        find_links=find_links,
        no_index=no_index,
        api_distributions=tuple(c.api_distribution for c in config.contracts if c.api_distribution),
        builds=builds,
    )


@dataclass(frozen=True, slots=True)
class Side:
    spec: Spec
    python: Path
    env_dir: Path
    cached: bool
    """Reused from an earlier run (not built now)."""
    tree: Path | None = None
    """A git ref's files (``git archive``), where its plugins and configuration are taken from."""

    @property
    def dirs(self) -> tuple[Path, ...]:
        """The directories this side's findings are under and the other side's are not."""
        return (self.env_dir,) if self.tree is None else (self.env_dir, self.tree)


def side_check(options: Options, side: Side, config: Config) -> tuple[Options, str | None]:
    """The check of ``side``: at a git ref, with the configuration and the plugins of that ref
    (the configuration's path and plugin paths inside the repository, taken from its tree);
    with a note saying which tree the plugins came from."""
    repo, tree = side.spec.repo, side.tree
    if repo is None or tree is None:
        return options, None
    try:
        relative = config.source.resolve().relative_to(repo.resolve())
    except ValueError:
        return options, (
            f"{side.spec.text}: plugins from the working tree ({config.source} is not in the "
            f"repository {repo})"
        )
    if not (tree / relative).is_file():
        return options, (
            f"{side.spec.text}: plugins from the working tree ({relative} is not committed at "
            f"{side.spec.text})"
        )

    def at_ref(path: Path) -> Path:
        try:
            return tree / path.resolve().relative_to(repo.resolve())
        except ValueError:
            return path

    return replace(
        options, config=tree / relative, paths=tuple(at_ref(p) for p in options.paths)
    ), (f"{side.spec.text}: plugins and configuration from the tree of that ref ({tree})")


def parse_spec(text: str, repo_start: Path) -> Spec:
    """A directory, else a git ref of the repository holding ``repo_start``, else a
    requirement (``myhost-api==2.3.0``); a usage error naming what was tried."""
    path = Path(text).expanduser()
    if path.is_dir():
        return Spec(text, "directory", str(path.resolve()))
    repo = _git_root(repo_start)
    if repo is not None:
        commit = _git(repo, "rev-parse", "--verify", "--quiet", f"{text}^{{commit}}")
        if commit:
            return Spec(text, "git", commit, repo)
    try:
        Requirement(text)
    except InvalidRequirement:
        where = f"of {repo}" if repo is not None else "(not in a git repository)"
        raise UsageError(
            [
                f"{text!r} is neither a directory, a git ref {where}, nor a requirement "
                "(name==version)"
            ]
        ) from None
    return Spec(text, "requirement", text)


def build(spec: Spec, install: Install, cache_home: Path) -> Side:
    """The environment of ``spec``: from the cache, or built now (atomically, so a crashed or
    concurrent build never leaves a half environment behind)."""
    key = _key(spec, install)
    env_dir = cache_home / "envs" / key
    python = env_dir / "bin" / "python"
    tree = _tree(spec, cache_home) if spec.kind == "git" else None
    if (env_dir / "plugcheck-env.json").is_file() and python.exists():
        return Side(spec, python, env_dir, cached=True, tree=tree)
    env_dir.parent.mkdir(parents=True, exist_ok=True)
    work = env_dir.with_name(f"{key}.tmp-{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    try:
        _populate(spec, install, work, cache_home)
        (work / "plugcheck-env.json").write_text(
            json.dumps({"spec": spec.text, "kind": spec.kind, "target": spec.target}),
            encoding="utf-8",
        )
        try:
            work.rename(env_dir)
        except OSError:  # another run built it meanwhile: use theirs
            shutil.rmtree(work, ignore_errors=True)
            if not (env_dir / "plugcheck-env.json").is_file():
                raise
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Side(spec, python, env_dir, cached=False, tree=tree)


def installer() -> str | None:
    """The uv executable to build environments with, or ``None`` (venv + pip)."""
    if os.environ.get(INSTALLER_ENV, "uv") == "pip":
        return None
    found = shutil.which("uv")
    if found:
        return found
    try:
        import uv  # type: ignore[import-not-found, unused-ignore]  # optional: plugcheck[impact]
    except ImportError:
        return None
    try:
        return str(uv.find_uv_bin())
    except FileNotFoundError:
        return None


def _populate(spec: Spec, install: Install, env_dir: Path, cache_home: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="plugcheck-install-home-") as home:
        _install(spec, install, env_dir, cache_home, confined.environment(Path(home)))


def _install(
    spec: Spec, install: Install, env_dir: Path, cache_home: Path, env: dict[str, str]
) -> None:
    uv = installer()
    python = env_dir / "bin" / "python"
    # The venv's interpreter is this one's base interpreter: the plugins run on the Python
    # plugcheck runs on (and symlinks keep the venv valid when the directory is renamed).
    base = getattr(sys, "_base_executable", sys.executable)
    if uv:
        _run([uv, "venv", "--quiet", "--python", base, str(env_dir)], spec, env)
        # --refresh: uv's cache knows a local wheel by its name, and a rebuilt wheel of the
        # same name and version must not be answered with the cached one.
        pip = [uv, "pip", "install", "--quiet", "--refresh", "--python", str(python)]
    else:
        _run([base, "-m", "venv", str(env_dir)], spec, env)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    for links in install.find_links:
        pip += ["--find-links", str(links)]
    if install.no_index:
        pip.append("--no-index")
    wheels = [] if install.builds else confined.no_builds(uv is not None)
    # The side's own project (a directory, a git ref) is the user's code and is built; uv's
    # --no-build would refuse it, pip's --only-binary builds it and refuses the rest.
    own = [] if uv and spec.kind != "requirement" else wheels

    def step(*args: str) -> None:
        command = [*pip, *args]
        if install.builds and install.no_index:  # builds that need no network: confined
            home = Path(env["HOME"])
            env["TMPDIR"] = str(home)
            command = confined.confined(command, [env_dir, home, *confined.caches(env)])
        _run(command, spec, env)

    target = _install_target(spec, install, cache_home)
    step(*own, target)
    if install.requirements is not None:
        step(*wheels, "-r", str(install.requirements))
        # A plugin pinning another version of the host or API may have replaced it: the side
        # is the spec's, so put it back (the plugin's pin is a finding of its own, PC302).
        step(*own, "--no-deps", "--reinstall" if uv else "--force-reinstall", target)


def _install_target(spec: Spec, install: Install, cache_home: Path) -> str:
    if spec.kind == "requirement":
        return spec.target
    if spec.kind == "directory":
        return str(_project_in(Path(spec.target), install, spec))
    return str(_project_in(_tree(spec, cache_home), install, spec))


def _tree(spec: Spec, cache_home: Path) -> Path:
    """The files of the commit of a git ``spec``, exported once under the cache home."""
    assert spec.repo is not None
    tree = cache_home / "trees" / spec.target
    if not tree.is_dir():
        archive = subprocess.run(
            ["git", "-C", str(spec.repo), "archive", "--format=tar", spec.target],
            capture_output=True,
            check=False,
        )
        if archive.returncode != 0:
            raise UsageError([f"{spec.text}: git archive failed: {_last(archive.stderr)}"])
        work = tree.with_name(f"{spec.target}.tmp-{os.getpid()}")
        shutil.rmtree(work, ignore_errors=True)
        tree.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(work, filter="data")
        try:
            work.rename(tree)
        except OSError:  # another run exported it meanwhile
            shutil.rmtree(work, ignore_errors=True)
    return tree


def _project_in(tree: Path, install: Install, spec: Spec) -> Path:
    """The project of ``tree`` to install: the one named by a contract's ``api-distribution``
    when the tree holds it (a host repository with its API project inside), else the tree."""
    wanted = {canonicalize_name(n) for n in install.api_distributions}
    if wanted:
        for pyproject in sorted(tree.rglob("pyproject.toml"), key=lambda p: len(p.parts)):
            if any(part in {".git", "node_modules", ".venv"} for part in pyproject.parts):
                continue
            try:
                name = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["name"]
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if isinstance(name, str) and canonicalize_name(name) in wanted:
                return pyproject.parent
    if (tree / "pyproject.toml").is_file() or (tree / "setup.py").is_file():
        return tree
    raise UsageError(
        [f"{spec.text}: no Python project (pyproject.toml or setup.py) in {tree} to install"]
    )


def _key(spec: Spec, install: Install) -> str:
    parts: dict[str, object] = {
        "kind": spec.kind,
        "target": spec.target,
        "python": list(sys.version_info[:3]),
        "installer": "uv" if installer() else "pip",
        "find_links": [str(p.resolve()) for p in install.find_links],
        "no_index": install.no_index,
        "builds": install.builds,
        "api": sorted(install.api_distributions),
    }
    if spec.kind == "directory":
        parts["content"] = _tree_digest(Path(spec.target))
    if install.requirements is not None:
        parts["requirements"] = hashlib.sha256(install.requirements.read_bytes()).hexdigest()
    parts["links"] = [_tree_digest(links) for links in install.find_links]
    blob = json.dumps(parts, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:20]


def _tree_digest(root: Path) -> str:
    """Names, sizes and modification times of every file under ``root``: a changed file
    makes a new environment."""
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d for d in dirnames if d not in {".git", "__pycache__", ".venv", "build"}
        )
        for name in sorted(filenames):
            path = Path(dirpath, name)
            try:
                stat = path.stat()
            except OSError:
                continue
            digest.update(
                f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()


def _git_root(start: Path) -> Path | None:
    top = _git(start if start.is_dir() else start.parent, "rev-parse", "--show-toplevel")
    return Path(top) if top else None


def _git(cwd: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(
            ["git", "-C", str(cwd), *args], capture_output=True, text=True, check=False
        )
    except (FileNotFoundError, NotADirectoryError):
        return None
    return proc.stdout.strip() or None if proc.returncode == 0 else None


def _run(command: Sequence[str], spec: Spec, env: dict[str, str] | None = None) -> None:
    try:
        proc = subprocess.run(
            command,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=_INSTALL_TIMEOUT,
            check=False,
            env=env,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError([f"{spec.text}: cannot build its environment: {exc}"]) from None
    if proc.returncode != 0:
        output = proc.stderr or proc.stdout
        problem = f"{spec.text}: building its environment failed: {_last(output)}"
        refused = confined.refused_build(output.decode("utf-8", "replace"))
        if refused is not None and any(o in command for o in ("--no-build", "--only-binary")):
            problem += (
                f"; if {refused} has no wheel for this Python (only an sdist), it needs a "
                "source build, which runs its setup.py as you: refused unless --allow-builds "
                "(or give it as a wheel with --find-links)"
            )
        raise UsageError([problem])


def _last(output: bytes) -> str:
    lines = [
        line.strip()
        for line in output.decode("utf-8", "replace").splitlines()
        if line.strip() and not line.lstrip().startswith("hint:")
    ]
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines or ["no output"])[-1]
