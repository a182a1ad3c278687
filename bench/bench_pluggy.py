"""Time the pluggy contract: static hookimpl checks vs one real PluginManager per plugin.

A synthetic pluggy host (H hookspecs) with N plugin modules of M hookimpls each, every tenth
plugin with one bad hookimpl. Static: the PC50x checks alone (no mypy, no harness, no workers).
Dynamic: the "pluggy" run pass alone (one worker process, each plugin registered in its own
fresh PluginManager after the others).

python bench/bench_pluggy.py            # N = 50 and 200
python bench/bench_pluggy.py 50 200 500
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from plugcheck import Options, check
from plugcheck.discovery import discover
from plugcheck.engine import resolve_config
from plugcheck.environment import query
from plugcheck.kinds.pluggy.dynamic import run_pluggy
from plugcheck.passes import RunInput
from plugcheck.static.index import ModuleIndex

OUT = Path(__file__).parent / "out"
HOOKS = 40
IMPLS = 8


def generate(n: int, root: Path) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    (root / "api" / "bench_host").mkdir(parents=True)
    (root / "plugins").mkdir()
    (root / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.bench]\nkind = "pluggy"\npaths = ["plugins/*"]\n'
        'search-path = ["api"]\n'
        'pluggy = { project = "bench", hookspecs = ["bench_host.hookspecs"] }\n'
    )
    (root / "api" / "bench_host" / "__init__.py").write_text(
        'import pluggy\n\nhookspec = pluggy.HookspecMarker("bench")\n'
        'hookimpl = pluggy.HookimplMarker("bench")\n'
    )
    specs = ["from bench_host import hookspec\n"]
    for h in range(HOOKS):
        historic = "historic=True" if h % 10 == 0 else ""
        specs.append(f"\n\n@hookspec({historic})\ndef bench_hook_{h}(config, item, session):\n")
        specs.append('    """A hook."""\n')
    (root / "api" / "bench_host" / "hookspecs.py").write_text("".join(specs))
    for p in range(n):
        body = ["from bench_host import hookimpl\n"]
        for i in range(IMPLS):
            hook = (p + i) % HOOKS
            args = "config, item, extra" if p % 10 == 0 and i == 0 else "config, item"
            body.append(f"\n\n@hookimpl\ndef bench_hook_{hook}({args}):\n    return None\n")
        (root / "plugins" / f"plugin_{p:04d}.py").write_text("".join(body))
    return root


def timed(options: Options, repeat: int = 3) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        report = check(options)
        best = min(best, time.perf_counter() - start)
        count = len(report.findings)
    return best, count


def dynamic_pass(host: Path) -> tuple[float, int]:
    """The "pluggy" run pass alone (the harness pass would import every plugin too)."""
    options = Options(paths=(host,), mypy=False, static=False)
    config, _ = resolve_config(options)
    env = query(None, [])
    contracts = [(c, discover(c, env)) for c in config.contracts]
    start = time.perf_counter()
    data = RunInput(config, env, options, ModuleIndex(), contracts, findings=())
    findings = run_pluggy(data)
    return time.perf_counter() - start, len(findings)


def main(sizes: list[int]) -> None:
    print(
        f"{'N':>5} {'impls':>6} {'static s':>9} {'findings':>9} {'dynamic s':>10} {'findings':>9}"
    )
    for n in sizes:
        host = generate(n, OUT / f"pluggy-{n}")
        static = Options(paths=(host,), mypy=False, dynamic=False, select=("PC50",))
        t_static, f_static = timed(static)
        t_dynamic, f_dynamic = dynamic_pass(host)
        row = (n, n * IMPLS, f"{t_static:.3f}", f_static, f"{t_dynamic:.3f}", f_dynamic)
        print("{:>5} {:>6} {:>9} {:>9} {:>10} {:>9}".format(*row))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50, 200])
