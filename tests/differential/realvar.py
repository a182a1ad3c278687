"""Family ``realvar``: plugin variants for real hosts (flake8, pylint, pytest, MkDocs), judged by
the host itself.

Each variant is a small installed plugin project: its module (or package) and a ``.dist-info``
with its entry point, written into a folder of its own and put on ``PYTHONPATH`` (no pip: the
hosts' venvs are the slow suite's cached ones, shared and never written). The mutations are the
ways real authors break these hosts' plugins: a signature the host does not call, a missing
member, a wrong return shape, an API this host version removed, raising at import or in the
call, a misspelled hook, an argument the hook does not have, a missing dependency; about half
are healthy plugins, some of them with dead code that looks broken but never runs.

The oracle (``ORACLE``, run in the host's venv) imports the host once, then forks per variant
and runs the host's own code with only that variant's folder added to ``sys.path``: flake8's
``Application`` on a file, pylint's ``Run`` with ``--load-plugins``, ``pytest.main`` with
``-p`` (``--co``, then one test that uses the plugin's fixture), MkDocs' ``load_config`` and
``build`` of a one-page site with the plugin in ``plugins:``. A start-up failure is
``refused``; a failure while the host uses the plugin, or the plugin's effect missing from the
host's output (its flake8 code, its pylint message, its fixture's value, its text on the built
page), is ``broken``. Every
failure counts as a positive (``compare.EVERY_FAILURE``). plugcheck checks the same folders with
the shipped contract (``examples/contracts/<host>.toml``), static and static + dynamic.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path

from differential import compare
from differential.generate import Variant
from differential.realvar_kinds import KINDS

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class RealHost:
    contract_file: str
    """Under examples/contracts/."""
    contract: str
    """The contract's name in that file (the report's ``contract``)."""
    group: str | None
    """The entry-point group; None: plugins are passed as paths (pylint)."""


HOSTS = {
    "flake8": RealHost("flake8.toml", "flake8-extensions", "flake8.extension"),
    "pylint": RealHost("pylint.toml", "pylint-plugins", None),
    "pytest": RealHost("pytest.toml", "pytest-plugins", "pytest11"),
    "mkdocs": RealHost("mkdocs.toml", "mkdocs-plugins", "mkdocs.plugins"),
}


# ---------------------------------------------------------------- writing


def variants(
    host: str, seed: int = 23, count: int | None = None, kinds: tuple[str, ...] = ()
) -> list[Variant]:
    """``count`` variants for ``host`` drawn with ``seed``; default: each kind once, or only
    ``kinds``, in that order."""
    known = KINDS[host]
    rng = random.Random(f"{host}-{seed}")
    if kinds:
        picked = [next(k for k in known if k[0] == kind) for kind in kinds]
    else:
        picked = list(known) if count is None else [rng.choice(known) for _ in range(count)]
    out = []
    for number, (kind, attribute, source) in enumerate(picked):
        name = f"rv_{host}_{number:03d}"
        code = f"RV{number}"
        text = source.replace("{name}", name).replace("{code}", code)
        if kind == "bad-entry-point-name":
            code = f"rv-{number}"
        group = HOSTS[host].group
        files = {f"{name}.py": text}
        if group:
            target = f"{name}:{attribute}" if attribute else name
            files[f"{name}-1.0.dist-info/entry_points.txt"] = (
                f"[{group}]\n{code if host == 'flake8' else name} = {target}\n"
            )
        requires = {"flake8": "flake8>=5", "pylint": "pylint>=3", "pytest": "pytest>=8"}.get(
            host, "mkdocs>=1.5"
        )
        files[f"{name}-1.0.dist-info/METADATA"] = (
            f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\nRequires-Dist: {requires}\n"
        )
        traits = ("healthy-looking",) if kind.startswith("ok-") else ()
        out.append(Variant(name, host, kind, traits, files))
    return out


def write(root: Path, found: list[Variant]) -> list[Path]:
    """Each variant in a folder of its own under ``root``; its folders (for ``PYTHONPATH``)."""
    folders = []
    for variant in found:
        folder = root / variant.name
        for rel, text in variant.files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        record = folder / f"{variant.name}-1.0.dist-info" / "RECORD"
        record.write_text("".join(f"{rel},,\n" for rel in variant.files), encoding="utf-8")
        folders.append(folder)
    return folders


# ---------------------------------------------------------------- the oracle

ORACLE = Path(__file__).with_name("realvar_oracle.py")


def oracle(python: Path, host: str, root: Path, found: list[Variant]) -> dict[str, dict[str, str]]:
    return compare.oracle(root, host, found, (str(python), "-I", str(ORACLE)))


def plugcheck(
    python: Path, host: str, root: Path, folders: list[Path], args: tuple[str, ...]
) -> tuple[int, dict[str, object], str]:
    """``plugcheck check`` with the shipped contract in ``python``'s environment, the variants'
    folders on its ``PYTHONPATH``. Each variant's module by path: only the variants are checked
    (not the venv's other plugins), entry-point plugins still as entry points."""
    config = ROOT / "examples" / "contracts" / HOSTS[host].contract_file
    return compare.plugcheck(
        root,
        ("--config", str(config), "--python", str(python), *args),
        paths=tuple(f / f"{f.name}.py" for f in folders),
        env={"PYTHONPATH": os.pathsep.join(map(str, folders))},
    )


def differential(
    root: Path,
    pythons: dict[str, Path],
    seed: int = 23,
    count: int | None = None,
    runs: tuple[str, ...] = tuple(compare.RUNS),
    sample: dict[str, tuple[str, ...]] | None = None,
) -> list[compare.Result]:
    """Per host in ``pythons`` (host -> its venv's python): write, judge, check, score.
    ``sample``: host -> the kinds to write (one variant each) instead of ``count``."""
    results = []
    for host, python in pythons.items():
        found = variants(host, seed, count, (sample or {}).get(host, ()))
        where = root / host
        folders = write(where, found)
        answers = oracle(python, host, where, found)
        for run in runs:
            code, data, stderr = plugcheck(python, host, where, folders, compare.RUNS[run])
            result = compare.Result(
                host,
                run,
                compare._rows(found, answers, data, HOSTS[host].contract),
                code,
                dict(data.get("summary", {})),  # type: ignore[call-overload]
                [str(n) for n in data.get("notes", [])],  # type: ignore[union-attr]
                list(data.get("errors", []))  # type: ignore[call-overload]
                or ([f"exit {code}: {stderr.strip()[-300:]}"] if code == 2 or not data else []),
            )
            results.append(result)
    return results
