"""One measured piece of work, run in a fresh process by bench_fleet.py; prints its cost as JSON.

python bench/probe.py WHAT HOST [ARG]

``cpu`` is the CPU time (user + system) of the work alone, this process and the processes it
waited for (the harness's fork server and plugin processes), without the interpreter's start-up
and imports; ``minflt`` the minor page faults of the same processes over the same work;
``split`` the same CPU time as user and system time of this process and of its children;
``rss`` is the peak resident set in KiB of this process or of the largest process
it waited for, whichever is larger (mypy's build runs in a forked child; the harness's fork
server is another process), ``own_rss`` this process's alone.
"""

from __future__ import annotations

import ast
import gc
import json
import os
import resource
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def split() -> dict[str, float]:
    """``cpu()`` in four parts: user and system time of this process (``own_``) and of the
    processes it waited for (``kids_``: the harness's fork server and plugin processes, the
    mypy build's fork)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "own_user": own.ru_utime,
        "own_sys": own.ru_stime,
        "kids_user": kids.ru_utime,
        "kids_sys": kids.ru_stime,
    }


def minflt() -> int:
    """Minor page faults of this process and of the processes it waited for (copy-on-write
    copies in forked children are most of a harness run's)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_minflt + kids.ru_minflt


def plugin_files(host: Path) -> list[Path]:
    return sorted((host / "plugins").rglob("*.py"))


def parse(host: Path, _arg: str) -> Callable[[], object]:
    """The floor of the static pass: read and ``ast.parse`` every file, trees discarded."""
    files = [*plugin_files(host), *sorted((host / "api").rglob("*.py"))]

    def work() -> int:
        count = 0
        for path in files:
            ast.parse(path.read_bytes(), filename=str(path))
            count += 1
        return count

    return work


def _check(host: Path, **options: object) -> Callable[[], object]:
    from plugcheck import Options, check

    def work() -> str:
        report = check(Options(paths=(host,), **options))  # type: ignore[arg-type]
        if report.crashes or report.errors:
            raise SystemExit(f"plugcheck run incomplete: {report.crashes} {report.errors}")
        return f"{len(report.findings)} findings"

    return work


def static(host: Path, jobs: str) -> Callable[[], object]:
    """plugcheck's static pass alone (no mypy, no harness), without its result cache, with
    ``jobs`` worker processes (``--jobs``; default 1)."""
    return _check(host, mypy=False, dynamic=False, cache=False, jobs=int(jobs or 1))


def nogc(host: Path, _arg: str) -> Callable[[], object]:
    """The static pass with the cyclic collector disabled for the whole run (a diagnostic:
    what the collections the pass still makes cost; the pass pauses it itself already)."""
    work = static(host, _arg)

    def without_gc() -> object:
        gc.disable()
        return work()

    return without_gc


def checks(host: Path, _arg: str) -> Callable[[], object]:
    """The static pass as ``static`` runs it, with the CPU time (``time.process_time``) of
    each per-plugin check summed over the plugins, and of parsing apart (a file is parsed in
    whichever check first asks for it; its time is not that check's). ``said`` holds the
    largest, in seconds. A check that first computes a memoised fact (``loaded``, a
    function's ``certain_nodes``) is charged for it; the checks after it find it made."""
    import time

    import plugcheck.static.index as index
    from plugcheck.rules import CHECKS

    spent: dict[str, float] = {}
    inner = [0.0]  # parsing inside the running check

    def parsing(parse: Callable[..., object]) -> Callable[..., object]:
        def timed(*args: object) -> object:
            start = time.process_time()
            try:
                return parse(*args)
            finally:
                took = time.process_time() - start
                spent["(parsing)"] = spent.get("(parsing)", 0.0) + took
                inner[0] += took

        return timed

    def timed_check(check: Callable[..., object], name: str) -> Callable[..., object]:
        def timed(*args: object) -> object:
            inner[0] = 0.0
            start = time.process_time()
            try:
                return list(check(*args))  # type: ignore[call-overload]  # a generator
            finally:
                took = time.process_time() - start - inner[0]
                spent[name] = spent.get(name, 0.0) + took

        return timed

    index.parse_file = parsing(index.parse_file)  # type: ignore[assignment]
    for entry in CHECKS:
        fn = entry.per_plugin
        if fn is not None:
            name = f"{fn.__module__.rpartition('.')[2]}.{fn.__name__}"
            object.__setattr__(entry, "per_plugin", timed_check(fn, name))
    work = static(host, "1")

    def per_check() -> str:
        work()
        ranked = sorted(spent.items(), key=lambda item: -item[1])
        return json.dumps({name: round(took, 3) for name, took in ranked[:25]})

    return per_check


def phases(host: Path, jobs: str) -> Callable[[], object]:
    """A full check as ``full`` runs it, with the CPU time of each of the engine's phases
    (configuration, the target's query, discovery, the static pass, each run-wide pass,
    relocation, suppressions): ``said`` holds [own process, waited-for children] in seconds
    per phase. Run with empty caches for a cold run (a fresh ``XDG_CACHE_HOME``, no
    ``.plugcheck_cache`` in the host). At 2,000 plugins and more the mypy builds run in a
    process forked before the static pass and waited for at the run's end: their CPU is in
    the total, not in the mypy pass's row."""
    import plugcheck.engine as engine
    import plugcheck.rules  # noqa: F401 (registers the run-wide passes)

    spent: dict[str, tuple[float, float]] = {}

    def both() -> tuple[float, float]:
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime

    def timed(fn: Callable[..., object], label: str) -> Callable[..., object]:
        def run(*args: object, **kwargs: object) -> object:
            start = both()
            try:
                return fn(*args, **kwargs)
            finally:
                end, (own, kids) = both(), spent.get(label, (0.0, 0.0))
                spent[label] = (own + end[0] - start[0], kids + end[1] - start[1])

        return run

    for name, label in (
        ("resolve_config", "config"),
        ("cached_query", "env query"),
        ("cached_discover", "discovery"),
        ("static_pass", "static"),
        ("relocate", "relocate"),
        ("apply_suppressions", "suppressions"),
    ):
        setattr(engine, name, timed(getattr(engine, name), label))
    for name, run_pass in engine.RUN_PASSES.items():
        object.__setattr__(run_pass, "run", timed(run_pass.run, f"pass {name}"))
        if run_pass.submit is not None:  # begun before the harness, collected in it
            object.__setattr__(run_pass, "submit", _timed_submit(run_pass.submit, name, timed))
    work = full(host, jobs)

    def per_phase() -> str:
        said = work()
        rounded = {k: [round(own, 2), round(kids, 2)] for k, (own, kids) in spent.items()}
        return json.dumps({"result": said, **rounded})

    return per_phase


def _timed_submit(
    submit: Callable[..., Any], name: str, timed: Callable[..., Callable[..., Any]]
) -> Callable[..., object]:
    """``submit`` timed as ``pass NAME begun``, the collection it returns as ``... collected``
    (its builds' CPU: the process that forks them is waited for at the run's end)."""
    from plugcheck.passes import Submitted

    def begun(data: object) -> Submitted:
        submitted: Submitted = timed(submit, f"pass {name} begun")(data)
        return Submitted(timed(submitted.collect, f"pass {name} collected"), submitted.cancel)

    return begun


def rerun(host: Path, cache: str) -> Callable[[], object]:
    """plugcheck's static pass alone, with its result cache in ``cache`` (warm when filled)."""
    return _check(host, mypy=False, dynamic=False, cache_dir=Path(cache))


def typed(host: Path, cache: str) -> Callable[[], object]:
    """plugcheck's static pass and mypy pass, with the mypy cache in ``cache``."""
    return _check(host, dynamic=False, cache_dir=Path(cache))


def typedonly(host: Path, cache: str) -> Callable[[], object]:
    """plugcheck's mypy pass alone (static pass and harness off), mypy cache in ``cache``:
    what bare mypy's row compares with (the static pass has a row of its own)."""
    return _check(host, static=False, dynamic=False, cache_dir=Path(cache))


def full(host: Path, jobs: str) -> Callable[[], object]:
    """A full check (static, mypy, harness) with ``jobs`` harness workers."""
    return _check(host, jobs=int(jobs or 1))


def fullcold(host: Path, arg: str) -> Callable[[], object]:
    """A full check, ``JOBS,CACHE``: ``JOBS`` harness workers, its caches in ``CACHE`` (a fresh
    directory with a fresh ``XDG_CACHE_HOME``: cold, mypy's builds included)."""
    jobs, _, cache = arg.partition(",")
    return _check(host, jobs=int(jobs or 1), cache_dir=Path(cache))


def harness(host: Path, jobs: str) -> Callable[[], object]:
    """The harness pass alone (static checks and mypy off)."""
    return _check(host, mypy=False, static=False, jobs=int(jobs or 1))


def staticcache(host: Path, cache: str) -> Callable[[], object]:
    """The static pass alone (no mypy, no harness), its caches in ``cache``: fills the result
    cache ``harnesscached`` reads."""
    return _check(host, mypy=False, dynamic=False, cache_dir=Path(cache))


def harnesscached(host: Path, cache: str) -> Callable[[], object]:
    """The harness pass alone (static checks and mypy off, ``--jobs 1``), its caches in
    ``cache``, which a static run filled (``staticcache``): PC429's reading of the host dicts
    each plugin fills comes from the plugin's result-cache entry, not from its source."""
    return _check(host, mypy=False, static=False, jobs=1, cache_dir=Path(cache))


def _run_harness(host: Path, jobs: str, zygote: bool) -> Callable[[], object]:
    from plugcheck.config import load_config
    from plugcheck.discovery import discover
    from plugcheck.environment import query
    from plugcheck.harness import Limits, run
    from plugcheck.kinds import available

    contract = load_config(host / "pyproject.toml", available()).contracts[0]
    env = query(None, [])
    plugins = discover(contract, env)

    def work() -> str:
        results = run([(contract, plugins)], env, jobs=int(jobs or 1), limits=Limits(zygote=zygote))
        return f"{sum(not r.ok for r in results)} plugins failed"

    return work


def zygote(host: Path, jobs: str) -> Callable[[], object]:
    """The harness alone (``harness.run``, no findings made), each child made by the zygote."""
    return _run_harness(host, jobs, True)


def forked(host: Path, jobs: str) -> Callable[[], object]:
    """The same with every child forked by the fork server itself (``Limits(zygote=False)``)."""
    return _run_harness(host, jobs, False)


def mypy(host: Path, cache: str) -> Callable[[], object]:
    """Bare mypy on the plugin files, with the API on MYPYPATH, cache in ``cache``."""
    from mypy import api as mypy_api

    os.environ["MYPYPATH"] = str(host / "api")
    files = [str(p) for p in plugin_files(host)]
    args = ["--config-file", "", "--cache-dir", cache, "--show-column-numbers", *files]

    def work() -> str:
        _out, err, status = mypy_api.run(args)
        if status == 2:
            raise SystemExit(f"bare mypy failed: {err}")
        return f"status {status}"

    return work


def forkfloor(host: Path, _arg: str) -> Callable[[], object]:
    """The floor of the harness: a parent with the API imported forks one child per plugin,
    which imports the plugin and calls its factory, and waits for it. It writes no ``.pyc``,
    as a harness child cannot: else whether its children compile each plugin would depend on
    the caller's ``PYTHONDONTWRITEBYTECODE``, and the ``.pyc`` its first round left beside the
    plugins would be read by every harness run after it in a paired bench."""
    sys.dont_write_bytecode = True
    sys.path.insert(0, str(host / "api"))
    for preloaded in ("benchapi", "logging"):  # what every synthetic plugin imports
        __import__(preloaded)
    roots: list[tuple[str, str]] = []
    for path in plugin_files(host):
        if path.name == "__init__.py":
            roots.append((str(path.parent.parent), path.parent.name))
        else:
            roots.append((str(path.parent), path.stem))

    def work() -> int:
        for root, module in roots:
            pid = os.fork()
            if pid == 0:
                status = 0
                try:
                    sys.path.insert(0, root)
                    plugin = __import__(module)
                    factory = getattr(plugin, "new", None)
                    if callable(factory):
                        factory()
                except BaseException:
                    status = 1
                os._exit(status)
            os.waitpid(pid, 0)
        return len(roots)

    return work


def _workers(parent: str) -> list[str]:
    """The harness worker processes among ``parent``'s children (``self``: this process's)."""
    found = []
    tasks = os.listdir(f"/proc/{parent}/task") if parent == "self" else [parent]
    for task in tasks:
        try:
            with open(f"/proc/{parent}/task/{task}/children") as handle:
                pids = handle.read().split()
        except OSError:
            continue
        for pid in pids:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as cmd:
                    if b"worker" in cmd.read():
                        found.append(pid)
            except OSError:
                continue
    return found


def _server_stat() -> tuple[int, ...] | None:
    """The fork server's minor faults, its waited-for children's minor faults, its own CPU and
    its children's CPU in clock ticks, and its resident pages. The worker this process started
    is the server, or (in a PID namespace of its own) only relays for it: then the server is
    its one child. The server's zygote, its child too, never has a child of its own."""
    found = _workers("self")
    if not found:
        return None
    server = found[0]
    below = _workers(server)
    if len(below) == 1 and _workers(below[0]):
        server = below[0]
    try:
        with open(f"/proc/{server}/stat") as stat:
            fields = stat.read().rpartition(")")[2].split()
    except OSError:
        return None
    # fields[0] is the state (field 3): minflt 10, cminflt 12, utime 14 .. cstime 17
    minflt, cminflt = int(fields[7]), int(fields[8])
    own = int(fields[11]) + int(fields[12])
    kids = int(fields[13]) + int(fields[14])
    return minflt, cminflt, own, kids, int(fields[21])


def inside(host: Path, jobs: str) -> Callable[[], object]:
    """The harness alone, watched from inside one run: the fork server's own minor faults, its
    children's faults and CPU per plugin, and its resident size, over the first and the last
    tenth of the plugins (does the cost per plugin grow as the run goes on?)."""
    from plugcheck.config import load_config
    from plugcheck.discovery import discover
    from plugcheck.environment import query
    from plugcheck.harness import run
    from plugcheck.kinds import available

    contract = load_config(host / "pyproject.toml", available()).contracts[0]
    env = query(None, [])
    plugins = discover(contract, env)
    tenth = max(1, len(plugins) // 10)
    marks = {tenth, len(plugins) - tenth}
    samples: list[tuple[int, tuple[int, ...]]] = []
    done = [0]

    def on_result(_result: object) -> None:
        done[0] += 1
        if done[0] in marks or done[0] == 1:
            stat = _server_stat()
            if stat is not None:
                samples.append((done[0], stat))

    def work() -> str:
        run([(contract, plugins)], env, jobs=int(jobs or 1), on_result=on_result)
        tick = os.sysconf("SC_CLK_TCK")
        page = os.sysconf("SC_PAGE_SIZE")
        (n0, a), (n1, b), (n2, c) = samples[:3]
        rows = []
        for (m, x), (n, y) in (((n0, a), (n1, b)), ((n1, b), (n2, c))):
            count = n - m
            rows.append(
                {
                    "plugins": f"{m}-{n}",
                    "child_faults": (y[1] - x[1]) / count,
                    "child_cpu_ms": (y[3] - x[3]) / tick / count * 1000,
                    "server_faults": (y[0] - x[0]) / count,
                    "server_cpu_ms": (y[2] - x[2]) / tick / count * 1000,
                    "server_rss_mib": y[4] * page / 2**20,
                }
            )
        return json.dumps(rows)

    return work


def resident() -> int:
    """This process's resident set now, in KiB (not its peak: what a long-lived process keeps)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def calls(host: Path, marks: str) -> Callable[[], object]:
    """``plugcheck.check()`` called again and again in this one process (the Python API, a
    pytest-xdist worker), the static pass without its result cache: the resident set after
    each of ``marks`` calls (``1,100,1000``), after a full collection."""
    counts = sorted({int(m) for m in marks.split(",")})
    work = static(host, "1")

    def repeated() -> str:
        seen = []
        for done in range(1, counts[-1] + 1):
            work()
            if done in counts:
                gc.collect()
                seen.append(f"{done}: {resident() / 1024:.0f} MiB")
        return ", ".join(seen)

    return repeated


WHAT = {
    f.__name__: f
    for f in (
        parse,
        static,
        nogc,
        checks,
        phases,
        rerun,
        typed,
        typedonly,
        full,
        fullcold,
        harness,
        staticcache,
        harnesscached,
        mypy,
        forkfloor,
        zygote,
        forked,
        inside,
        calls,
    )
}


def main() -> None:
    what, host = sys.argv[1], Path(sys.argv[2])
    work = WHAT[what](host, sys.argv[3] if len(sys.argv) > 3 else "")
    start, faults, parts = cpu(), minflt(), split()
    said = work()
    spent, faulted = cpu() - start, minflt() - faults
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "cpu": spent,
                "rss": max(own, kids),
                "own_rss": own,
                "minflt": faulted,
                "split": {k: v - parts[k] for k, v in split().items()},
                "said": str(said),
            }
        )
    )


if __name__ == "__main__":
    main()
