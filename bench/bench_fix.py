"""Cost of ``check --fix`` against the plain check, on the synthetic host with fixable findings.

python bench/bench_fix.py            # N = 1000 plugins, every 10th with a fixable finding
python bench/bench_fix.py 200 --mypy     # also with the mypy pass
python bench/bench_fix.py 1000 --kinds   # every fix kind, with --unsafe-fixes

About every tenth plugin with a factory gets an ``__all__`` that leaves out both required
exports (two PC103 findings each, safe fixes inserting at one place). With ``--kinds``, other
plugins get the other kinds of fix instead, in turn: a private factory ``_new`` (PC102, a
rename), a local copy of the API's ``Plugin`` protocol (PC354, replaced by an import, the
imports it used removed), and, in plugin projects, a missing requirement on the API (PC301), an
exact pin (PC304) and a range that excludes the host's API (PC302) — pyproject.toml edits; the
run uses ``--unsafe-fixes``. Times the plain check and ``check --fix`` (which fixes, then
re-checks the plugins it changed) on fresh copies of the host, in CPU time of this process and
its children (the machine may be shared) and wall time; static passes only (``--no-dynamic``),
without mypy (``--mypy``: also with it).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

from plugcheck.cli import main as cli

EVERY = 10


def host_with_fixable(n: int, out: Path) -> int:
    """The synthetic host, every EVERY-th plugin given an ``__all__`` without ``new``."""
    generate(n, out)
    count = 0
    for index, path in enumerate(sorted((out / "plugins").rglob("*.py"))):
        text = path.read_text()
        if index % EVERY or "def new()" not in text:
            continue
        listed = f'__all__ = ["{_cls(text)}"]\n\nlogger = logging'
        path.write_text(text.replace("logger = logging", listed, 1))
        count += 1
    return count


LOCAL_PLUGIN = """

class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...
"""


def host_with_kinds(n: int, out: Path) -> dict[str, int]:
    """The synthetic host with every kind of fix, each in about every EVERY-th plugin of its
    form; how many plugins got each kind."""
    generate(n, out)
    (out / "api" / "pyproject.toml").write_text(
        '[project]\nname = "benchapi"\nversion = "2.1"\n'  # the host's API version: PC3xx judge
    )
    counts = dict.fromkeys(("PC103", "PC102", "PC354", "PC301", "PC304", "PC302"), 0)
    modules = sorted((out / "plugins").rglob("*.py"))
    for index, path in enumerate(modules):
        text = path.read_text()
        if index % EVERY or "def new()" not in text:
            continue
        kind = ("PC103", "PC102", "PC354")[(index // EVERY) % 3]
        if kind == "PC103":
            listed = f'__all__ = ["{_cls(text)}"]\n\nlogger = logging'
            text = text.replace("logger = logging", listed, 1)
        elif kind == "PC102":
            text = text.replace("def new()", "def _new()").replace(", new)", ", _new)")
        else:
            text = text.replace(
                "from benchapi import Plugin, Registry", "from benchapi import Registry"
            )
            text = text.replace(
                "from collections.abc import Mapping\n",
                "from collections.abc import Mapping\nfrom typing import Protocol\n",
            )
            text = text.replace("\n\nlogger = logging", LOCAL_PLUGIN + "\n\nlogger = logging", 1)
        path.write_text(text)
        counts[kind] += 1
    projects = sorted((out / "plugins").glob("*-project/pyproject.toml"))
    for index, path in enumerate(projects):
        if index % EVERY != 5:
            continue
        kind = ("PC301", "PC304", "PC302")[(index // EVERY) % 3]
        new = {"PC301": "", "PC304": '"benchapi==2.1"', "PC302": '"benchapi>=3,<4"'}[kind]
        path.write_text(path.read_text().replace('"benchapi>=2.1,<3"', new))
        counts[kind] += 1
    return counts


def _cls(text: str) -> str:
    return text.split("\nclass ", 1)[1].split(":", 1)[0]


def _cpu() -> float:
    """CPU time of this process and its finished children (mypy may run in one)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(host: Path, *args: str) -> tuple[float, float, str]:
    start_cpu, start_wall = _cpu(), time.perf_counter()
    result = CliRunner().invoke(cli, ["check", str(host), "--no-dynamic", *args])
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    return _cpu() - start_cpu, time.perf_counter() - start_wall, last


def _fixable(host: Path, extra: list[str]) -> str:
    """The fixable findings of ``host`` by code."""
    args = ["check", str(host), "--no-dynamic", "--unsafe-fixes", "--output-format", "json"]
    result = CliRunner().invoke(cli, [*args, *extra])
    found = Counter(f["code"] for f in json.loads(result.stdout)["findings"] if f["autofix"])
    return ", ".join(f"{count} {code}" for code, count in sorted(found.items())) or "none"


def main(n: int, with_mypy: bool, kinds: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        if kinds:
            made = host_with_kinds(n, base)
            said = ", ".join(f"{count} {code}" for code, count in made.items())
            print(f"{n} plugins, with fixes to make: {said} (plugins; PC103 is two findings each)")
        else:
            fixable = host_with_fixable(n, base)
            print(
                f"{n} plugins, {fixable} of them leave new and register_v2 out of __all__ (PC103)"
            )
        warm = Path(tmp) / "warm-up"
        shutil.copytree(base, warm)
        timed(warm, "--no-mypy")  # imports and the first parse of the API: not measured
        variants = [("no mypy", ["--no-mypy"]), ("with mypy", [])][: 2 if with_mypy else 1]
        for label, extra in variants:
            rows = []
            unsafe = ["--unsafe-fixes"] if kinds else []
            for mode, args in (("check", unsafe), ("check --fix", ["--fix", *unsafe])):
                work = Path(tmp) / f"{mode.replace(' ', '')}-{label.replace(' ', '')}"
                shutil.copytree(base, work)
                cpu, wall, last = timed(work, *extra, *args)
                rows.append((mode, cpu, wall, last))
            plain = rows[0]
            for mode, cpu, wall, last in rows:
                print(
                    f"  {label:<9} {mode:<12} cpu {cpu:6.2f} s  wall {wall:6.2f} s  "
                    f"x{cpu / plain[1]:.2f} cpu  {last}"
                )
            if kinds:
                before = _fixable(Path(tmp) / f"check-{label.replace(' ', '')}", extra)
                after = _fixable(work, extra)
                print(f"  {label:<9} fixable findings before: {before}; after --fix: {after}")


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 1000, "--mypy" in sys.argv, "--kinds" in sys.argv)
