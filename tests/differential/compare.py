"""Run the oracle and plugcheck on the same generated hosts and score plugcheck's verdicts.

The oracle's verdict per plugin is ``ok``, ``refused`` (the host fails at start-up) or
``broken`` (start-up succeeds, calling the plugin fails). plugcheck's verdict per plugin is
``error`` (an error finding for it), ``warning`` (a warning, no error) or ``pass``; and whether a
pass said it was ``not checked``. One plugcheck run per host and mode (``static`` is
``--no-dynamic``, ``full`` is static + dynamic), JSON output, through the CLI.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import cli_here

from differential import (
    fresh12,
    fresh14,
    fresh15,
    fresh17,
    fresh19,
    fresh21,
    fresh23,
    fresh32,
    fresh45,
    fresh46,
    fresh47,
    fresh49,
    fresh51,
    fresh53,
    fresh55,
    fresh57,
    fresh59,
    generate,
    outsider_factory,
    outsider_pluggy,
    redteam,
    unseen,
    unseen_factory,
    wild,
)

ORACLE = Path(__file__).with_name("oracle.py")
HOSTS = {
    # host directory -> (generator contract, plugcheck contract name, oracle mode)
    "pluggy-plain": ("pluggy", "plain", "plain"),
    "pluggy-pytest": ("pluggy", "pytest-style", "pytest"),
    "factory": ("factory", "factory", "factory"),
    # entry_hosts.py: plugin(registry, options) returning a class; a Plugin class to subclass
    "entry-function": ("entry", "entry-function", "entry"),
    "subclass": ("subclass", "subclass", "subclass"),
    # entry_hosts.py, gen32: setup functions by what the host accepts back; a two-argument base
    "setup-none": ("setupnone", "setup-none", "setup-none"),
    "setup-mapping": ("setupmap", "setup-mapping", "setup-mapping"),
    "setup-instance": ("setupinst", "setup-instance", "setup-instance"),
    "stage": ("stage", "stage", "stage"),
}
EVERY_FAILURE = {
    "factory",
    "entry-function",
    "subclass",
    "setup-none",
    "setup-mapping",
    "setup-instance",
    "stage",
    "flake8",
    "pylint",
    "pytest",
    "mkdocs",
}
"""Hosts whose every failure (start-up refusal or a failing call) counts as a positive; the last
four are realvar's real hosts (``realvar.HOSTS``)."""
RUNS = {"static": ("--no-dynamic",), "full": ()}
HEADER = "oracle \\ plugcheck"


@dataclass
class Row:
    variant: generate.Variant
    oracle: dict[str, str]
    verdict: str
    """plugcheck: error, warning or pass."""
    findings: list[dict[str, object]]
    not_checked: bool

    @property
    def truth(self) -> str:
        return self.oracle["verdict"]


@dataclass
class Result:
    host: str
    run: str
    rows: list[Row]
    exit_code: int
    summary: dict[str, object]
    notes: list[str]
    crashes: list[object] = field(default_factory=list)
    all_passed_unchecked: bool = False
    """The run's summary said "All checks passed" although a plugin was not checked."""
    unchecked_runs: int = 0
    """Explicit-path runs: how many said "All checks passed" for a plugin not checked."""
    differs: list[str] = field(default_factory=list)
    """Explicit-path runs: plugins whose verdict differs from the whole-host run's in the same
    mode (static alone against static, static + dynamic against static + dynamic)."""

    @property
    def alone(self) -> bool:
        """One run per plugin path (``explicit-static``, ``explicit-full``)."""
        return self.run.startswith("explicit")

    def count(self, truth: set[str], verdict: set[str]) -> int:
        return sum(1 for r in self.rows if r.truth in truth and r.verdict in verdict)

    def metrics(self) -> dict[str, float | int | None]:
        """Start-up refusal precision/recall; for ``EVERY_FAILURE`` hosts, every failure."""
        positive = {"refused", "broken"} if self.host in EVERY_FAILURE else {"refused"}
        negative = {"ok"}
        tp = self.count(positive, {"error"})
        fp = self.count(negative, {"error"})
        fn = self.count(positive, {"warning", "pass"})
        broken = self.count({"broken"}, {"error", "warning", "pass"})
        broken_reported = self.count({"broken"}, {"error", "warning"})
        return {
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
            "false_errors": fp,
            "missed": fn,
            "broken": broken,
            "broken_reported": broken_reported,
            "broken_recall": broken_reported / broken if broken else None,
            "unchecked_passes": sum(
                1 for r in self.rows if r.not_checked and r.verdict == "pass" and not r.findings
            ),
        }

    def misclassified(self) -> list[tuple[str, Row]]:
        positive = {"refused", "broken"} if self.host in EVERY_FAILURE else {"refused"}
        out = []
        for row in self.rows:
            if row.truth in positive and row.verdict != "error":
                out.append(("missed", row))
            elif row.truth == "ok" and row.verdict == "error":
                out.append(("false error", row))
            elif row.truth == "broken" and row.verdict == "pass":
                out.append(("broken, not reported", row))
        return out


def oracle(
    host_dir: Path,
    mode: str,
    variants: list[generate.Variant],
    script: tuple[str, ...] = (sys.executable, str(ORACLE)),
) -> dict[str, dict[str, str]]:
    """``script`` (the interpreter and the oracle's file) judges each variant: one JSON line
    per variant, ``plugin``, ``verdict``, ``step``, ``detail``."""
    proc = subprocess.run(
        [*script, mode, str(host_dir), *(v.name for v in variants)],
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    return {a["plugin"]: a for a in answers}


def kept_oracle(
    host_dir: Path, mode: str, variants: list[generate.Variant]
) -> dict[str, dict[str, str]]:
    """:func:`oracle`'s verdicts, kept in ``$PLUGCHECK_ECOSYSTEM_CACHE`` (which .ci/run keeps
    across clean clones, beside the real-PyPI venvs) when it is set. They are the host's work,
    not plugcheck's, and a pure function of what the key hashes: every file of the generated
    host (what the generator wrote), the oracle's source, the mode, the variants asked for,
    this interpreter's version and pluggy's. plugcheck's own output is never kept."""
    cache = os.environ.get("PLUGCHECK_ECOSYSTEM_CACHE")
    if not cache:
        return oracle(host_dir, mode, variants)
    names = [v.name for v in variants]
    facts = [mode, names, sys.version, importlib.metadata.version("pluggy")]
    digest = hashlib.sha256(json.dumps(facts).encode() + ORACLE.read_bytes())
    for folder, dirs, files in os.walk(host_dir):
        dirs.sort()
        for name in sorted([*dirs, *files]):
            path = Path(folder, name)
            digest.update(f"\0{path.relative_to(host_dir).as_posix()}\0".encode())
            if path.is_symlink():
                digest.update(b"link " + os.readlink(path).encode(errors="surrogateescape"))
            elif path.is_file():
                digest.update(path.read_bytes())
    kept = Path(cache) / "differential-oracle" / f"{digest.hexdigest()[:24]}.json"
    try:
        answers: dict[str, dict[str, str]] = json.loads(kept.read_text(encoding="utf-8"))
        if sorted(answers) == sorted(names):
            return answers
    except (OSError, ValueError):
        pass
    answers = oracle(host_dir, mode, variants)
    kept.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=kept.parent, delete=False, suffix=".tmp") as out:
        json.dump(answers, out)
    os.replace(out.name, kept)
    return answers


def plugcheck(
    host_dir: Path,
    args: tuple[str, ...],
    paths: tuple[Path, ...] = (),
    env: dict[str, str] | None = None,
) -> tuple[int, dict[str, object], str]:
    """``plugcheck check`` in the host's directory, on the host or on ``paths``, as JSON;
    ``env``: variables set for it on top of this process's. The command line runs in this
    process (``cli_here``: the output ``python -m plugcheck`` prints, without its start)."""
    proc = cli_here.run(
        "check",
        *(str(p) for p in paths or (host_dir,)),
        "--output-format",
        "json",
        "--no-progress",
        *args,
        cwd=host_dir,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )
    try:
        data: dict[str, object] = json.loads(proc.stdout)
    except json.JSONDecodeError:
        data = {}
    return proc.returncode, data, proc.stderr


def _rows(
    variants: list[generate.Variant],
    answers: dict[str, dict[str, str]],
    data: dict[str, object],
    contract: str,
) -> list[Row]:
    plugins = [p for p in data.get("plugins", []) if p.get("contract") == contract]  # type: ignore[union-attr]
    name_of = {str(p["module"]).split(".")[0]: str(p["name"]) for p in plugins}
    findings: dict[str, list[dict[str, object]]] = defaultdict(list)
    for f in data.get("findings", []):  # type: ignore[union-attr]
        if f.get("contract") == contract:
            findings[str(f["plugin"])].append(f)
    notes = [str(n) for n in data.get("notes", [])]  # type: ignore[union-attr]
    rows = []
    for variant in variants:
        name = name_of.get(variant.name)
        mine = findings.get(name, []) if name else []
        severities = {str(f["severity"]) for f in mine}
        verdict = (
            "error" if "error" in severities else "warning" if "warning" in severities else "pass"
        )
        unchecked = name is None or any("not checked" in n and f": {name}:" in n for n in notes)
        rows.append(Row(variant, answers[variant.name], verdict, mine, unchecked))
    return rows


FAMILIES = {
    "classic": generate,
    "redteam": redteam,
    "unseen": unseen,
    "unseen-factory": unseen_factory,
    "wild": wild,
    "outsider-factory": outsider_factory,
    "outsider-pluggy": outsider_pluggy,
    "fresh12": fresh12,
    "fresh14": fresh14,
    "fresh15": fresh15,
    "fresh17": fresh17,
    "fresh19": fresh19,
    "fresh21": fresh21,
    "fresh23": fresh23,
    "fresh32": fresh32,
    "fresh45": fresh45,
    "fresh46": fresh46,
    "fresh47": fresh47,
    "fresh49": fresh49,
    "fresh51": fresh51,
    "fresh53": fresh53,
    "fresh55": fresh55,
    "fresh57": fresh57,
    "fresh59": fresh59,
}
"""Generator families: ``classic`` (plugcheck was tuned on it), ``redteam`` (written after),
``unseen`` (pluggy only, written from how outsiders write pluggy plugins), ``unseen-factory``
(factory only, written after the red team's factory misses were fixed), ``wild`` (both
contracts, written by an outsider from real PyPI plugins' idioms before reading the others),
``outsider-factory`` (factory only: object-model corners no other family reaches),
``outsider-pluggy`` (pluggy only: written by an outsider before reading the rules, half of its
kinds healthy plugins that only look unusual), ``fresh12`` (both contracts: written by red12
after listing the others' kinds, for what none of them makes), ``fresh14`` (both contracts:
written by acc14 the same way after fresh12, from idioms none of the others writes),
``fresh15`` (only the entry-function and subclass hosts: entry functions of every shape and
classes subclassing a host base, written by fresh15 after the others), ``fresh17`` (every host:
object-model and import-system corners none of the others writes -- ``__signature__``, NFKC
names, ``types.FunctionType``, ``ABC.register``, ``exec``, PEP 562 ``__getattr__``,
``__set_name__``, ``__init_subclass__``, shadowing attributes, written by fresh17 after them),
``fresh19`` (every host: source files with a BOM, CRLF or coding cookies, positional-only
hookimpls, PEP 562 ``__dir__``, ``singledispatch`` hooks, ``dataclass(kw_only=True)`` and
``InitVar``, ``typing.overload`` stubs over members, decorator factories without
parentheses, wrapt-style proxies, ``__getattribute__``, subscripted host bases; written by
fresh19 after them), ``fresh21`` (every host, the same kinds around each host's export: syntax
newer than the interpreter behind version gates or in unused submodules, process-wide state
changed at import, ``sys.exit`` in the call, the plugin's own directory on ``sys.path``, the
module object changed after its body ran, async generators; written by fresh21 after them),
``fresh23`` (every host: package data, finalizers, threads at import, the plugin patching the
host's API, sibling plugins and load order, class graphs around the host's base; written by
fresh23 after them), ``fresh32`` (gen32's four hosts only: setup functions by what the host
accepts back -- None, a dict with required keys, an instance it then calls -- and a base built
with two arguments whose overridable methods are called in turn), ``fresh45`` (pluggy and
factory hosts: how a name comes to be bound -- rebinding, definitions gated by the environment
or the platform, hookimpls reached through a class, star chains through three modules with
``__all__``, ``importlib.import_module`` exports, ``TYPE_CHECKING`` names used at run time,
firstresult and historic hooks, class decorators, ``__init_subclass__`` and metaclasses,
explicit Protocol subclasses, unusual factory objects), ``fresh46`` (pluggy and factory hosts: the
object model around the export -- environment gates read through constants and aliases,
``ImportError`` and platform fallbacks choosing the module, three-module alias chains, ``del``
and shadowing imports, properties, overload stubs and generated code carrying the marker,
descriptors where a method is required, NamedTuple/Enum/dataclass plugin classes,
``__class_getitem__``, metaclasses whose ``__call__`` returns no instance, class decorators
that delete a required method), ``fresh47`` (pluggy and factory hosts: what happens when the
host calls -- marker options and the hookspec marker on a plugin, wrappers returning before
their yield or misusing their result, historic and firstresult hooks, PEP 562 ``__getattr__``
packages with and without ``__dir__``, ``typing`` names newer than the target and
``typing_extensions``, globals a hook body reads, ``__init__``/``__new__`` signatures, instance
state only some paths set, config values of the wrong type, rewritten
``__abstractmethods__``), ``fresh49`` (pluggy and factory hosts: how authors build the export --
``self`` outside a class, package ``__init__`` side effects and submodules named like the
export, namespace packages, ``contextlib``-built hooks and methods, hookimpls copied out of a
class by ``__init_subclass__``/metaclasses/decorators, attribute paths, coroutines of helpers,
frozen and slotted workers, cached and single-dispatch methods, registries, Protocol members that
are properties, builtins or ``__getattr__``-served), ``fresh51`` (pluggy and factory hosts: idioms
of 2026 authors -- ``setattr`` loops and ``pkgutil`` copies into the module, objects replacing it
in ``sys.modules``, annotations evaluated at run time, ``TypeVar(default=...)``, optional extras
under the wrong ``except`` or probed with ``find_spec``, metaclass ``__getattr__``, ``Enum`` and
``ABC`` hooks and workers, relative imports, stdlib-named siblings, forgetful decorators,
properties without setters, classes built by ``type()``), ``fresh53`` (pluggy and factory
hosts: the class and module machinery -- hookimpls on slotted, dataclass and attrs instances,
``singledispatchmethod`` hooks, wrapper ordering and styles, ``specname`` spellings, ``match``,
``type`` and ``except*``, ``__main__`` blocks, circular imports between submodules, pure
fallbacks of accelerated imports, ``__all__`` naming nothing, ``__set_name__``, ``__slots__``
and ``__init_subclass__`` at class creation, dataclass field rules, the plugin's own Protocols,
method descriptors, lazy submodules read as globals, class decorators returning other objects),
``fresh55`` (pluggy, factory and entry-function hosts: run-time machinery -- ``__all__``
arithmetic along star chains, ``importlib.metadata.version`` of a missing distribution,
``asyncio.run`` and ``AsyncExitStack`` at import and in calls, fallbacks for a host API that
does not exist, ``StrEnum``/``Enum`` hook names, dataclass ``default_factory`` and
``__post_init__`` failures, generic classes subscripted at instantiation, abstract properties,
keyword-only parameters the host never passes, ``SimpleNamespace`` registries and modules),
``fresh57`` (pluggy, factory and entry-function hosts: names and attributes -- private names
mangled in class bodies, ``contextvars``, the plugin's own Protocols with default bodies,
``__all__`` shapes a star import refuses, hooks mutating their arguments, function attributes
rewritten after the ``def``, ``__mro_entries__``/``__prepare__`` and inconsistent MROs),
``fresh59`` (pluggy, factory and entry-function hosts: typing-era authoring -- ``TypedDict``
results and ``isinstance``, ``Self`` and ``@final``, ``match`` class patterns and guards, enum
members and class-level ``__call__`` as plugin objects, ``importlib.resources`` reads, both
wrapper styles on one hook, ``dataclass(slots=True)`` workers, callable factories and decorator
registries, ``get_type_hints`` over forward references, PEP 695 in lazy submodules and stubs,
``cached_property`` and slot lay-outs)."""


def first_of_each_kind(family: str, per_kind: Mapping[str, int]) -> dict[str, int]:
    """``differential``'s ``count`` that takes the first ``per_kind[contract]`` sub-variants of
    every kind of that generator contract (``pluggy``: ``k * len(PLUGGY_KINDS)``). The
    generators hand the kinds out in turn, one seed per variant, so this is a stratified sample:
    every kind, each with the same plugins a larger count starts with."""
    source = FAMILIES[family]
    return {c: k * len(getattr(source, f"{c.upper()}_KINDS")) for c, k in per_kind.items()}


def differential(
    root: Path,
    seed: int = 12,
    count: int | Mapping[str, int] = 330,
    explicit: int = 0,
    family: str = "classic",
    hosts: tuple[str, ...] = tuple(HOSTS),
    runs: tuple[str, ...] = tuple(RUNS),
    extra: Mapping[str, list[generate.Variant]] | None = None,
) -> list[Result]:
    """Generate the hosts under ``root``, run the oracle and plugcheck, return every result.

    ``extra``: variants of another family (by generator contract) written into the same hosts,
    so that one oracle and one plugcheck run per host and mode judge both (``only`` splits the
    results again).

    With ``explicit``, that many variants per host (spread evenly) are also checked one at a
    time as a user does, ``plugcheck check plugins/<name>`` (every other one by its first file,
    ``plugins/<name>/__init__.py``, as an editor names it) from the host's directory, in each
    run's mode: the ``explicit-static`` and ``explicit-full`` results, whose rows must agree
    with the whole-host run of the same mode (the explicit runs were static + dynamic only and
    were compared with the last whole-host run: under ``--run static`` a variant whose import
    fails read as ``pass -> error``). ``hosts`` and ``runs`` pick a part (the default: every
    host, static and static + dynamic). ``count`` is per generator contract (``pluggy``,
    ``factory``, ``entry``, ``subclass``) when a mapping: a contract it leaves out is not
    generated.
    """
    source = FAMILIES[family]
    counts = count if isinstance(count, Mapping) else {k: count for k, _, _ in HOSTS.values()}
    variants = {
        kind: getattr(source, f"{kind}_variants", lambda seed, count: [])(seed, counts[kind])
        if kind in counts
        else []
        for kind, _, _ in HOSTS.values()
    }
    for kind, more in (extra or {}).items():
        variants[kind] = [*variants[kind], *more]
    results = []
    for host, (kind, contract, mode) in HOSTS.items():
        if host not in hosts or not variants[kind]:
            continue
        host_dir = generate.write_host(root / host, host, variants[kind])
        answers = kept_oracle(host_dir, mode, variants[kind])
        for run, args in RUNS.items():
            if run not in runs:
                continue
            code, data, stderr = plugcheck(host_dir, args)
            notes = [str(n) for n in data.get("notes", [])]  # type: ignore[union-attr]
            result = Result(
                host,
                run,
                _rows(variants[kind], answers, data, contract),
                code,
                dict(data.get("summary", {})),  # type: ignore[call-overload]
                notes,
                list(data.get("errors", []))  # type: ignore[call-overload]
                or ([f"exit {code}: {stderr.strip()[-300:]}"] if code == 2 or not data else []),
            )
            result.all_passed_unchecked = bool(data) and (
                not data.get("findings") and any(r.not_checked for r in result.rows)
            )
            results.append(result)
            if explicit:
                # Alone, in the same mode as the whole-host run it must agree with.
                sample = random.Random(seed).sample(variants[kind], explicit)
                results.append(_explicit(host_dir, contract, sample, answers, result, args))
    return results


def only(results: list[Result], names: set[str]) -> list[Result]:
    """The results restricted to the variants named ``names`` (one family of a shared run)."""
    return [
        dataclasses.replace(r, rows=[row for row in r.rows if row.variant.name in names])
        for r in results
    ]


def _explicit(
    host_dir: Path,
    contract: str,
    sample: list[generate.Variant],
    answers: dict[str, dict[str, str]],
    whole: Result,
    args: tuple[str, ...],
) -> Result:
    batch = {row.variant.name: row.verdict for row in whole.rows}
    result = Result(whole.host, f"explicit-{whole.run}", [], 0, {}, [])
    for number, variant in enumerate(sample):
        # Every other one by a file of it, as an editor names it (`plugins/x/__init__.py`).
        first = next(iter(variant.files))
        path = host_dir / "plugins" / (first if number % 2 else first.split("/")[0])
        code, data, stderr = plugcheck(host_dir, args, paths=(path,))
        (row,) = _rows([variant], answers, data, contract)
        result.rows.append(row)
        result.exit_code = max(result.exit_code, code)
        if code == 2 or data.get("errors") or not data:  # no JSON at all: plugcheck died
            result.crashes.append(
                f"{variant.name}: exit {code}: {data.get('errors') or stderr.strip()[-300:]}"
            )
        elif not data.get("findings") and row.not_checked:
            result.unchecked_runs += 1
            result.all_passed_unchecked = True
        if row.verdict != batch[variant.name]:
            result.differs.append(f"{variant.name}: {batch[variant.name]} -> {row.verdict}")
    return result


# ---------------------------------------------------------------- rendering


def _f(value: float | int | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def matrices(results: list[Result]) -> str:
    lines = []
    for r in results:
        lines.append(f"== {r.host} / {r.run}  (exit {r.exit_code}, {len(r.rows)} plugins)")
        lines.append(f"   {HEADER:<20}{'error':>8}{'warning':>9}{'pass':>7}")
        for truth in ("refused", "broken", "ok"):
            cells = [r.count({truth}, {v}) for v in ("error", "warning", "pass")]
            lines.append(f"   {truth:<20}{cells[0]:>8}{cells[1]:>9}{cells[2]:>7}")
        m = r.metrics()
        what = "any failure" if r.host in EVERY_FAILURE else "start-up refusal"
        lines.append(
            f"   {what}: precision {_f(m['precision'])} recall {_f(m['recall'])} "
            f"({m['false_errors']} false errors, {m['missed']} missed); "
            f"registered-but-broken reported {m['broken_reported']}/{m['broken']}; "
            f"unchecked plugins without a finding {m['unchecked_passes']}"
        )
        if r.alone:
            lines.append(
                f"   one run per plugin path: {r.unchecked_runs} said 'All checks passed' for a "
                f"plugin not checked; {len(r.differs)} verdicts differ from the whole-host run"
                + (f" ({', '.join(r.differs[:8])})" if r.differs else "")
            )
        elif r.all_passed_unchecked:
            lines.append("   !! the run said 'All checks passed' while a plugin was not checked")
        for crash in r.crashes:
            lines.append(f"   !! plugcheck error: {str(crash)[:300]}")
    return "\n".join(lines)


def table(results: list[Result]) -> str:
    lines = [
        "| contract | run | precision | recall | false errors | missed | broken reported |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        m = r.metrics()
        lines.append(
            f"| {r.host} | {r.run} | {_f(m['precision'])} | {_f(m['recall'])} | "
            f"{m['false_errors']} | {m['missed']} | {m['broken_reported']}/{m['broken']} |"
        )
    return "\n".join(lines)


def by_kind(results: list[Result]) -> Counter[tuple[str, str, str, str]]:
    """(host, run, outcome, mutation kind) -> count of misclassified variants."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for r in results:
        for outcome, row in r.misclassified():
            counts[(r.host, r.run, outcome, row.variant.kind)] += 1
    return counts


def by_trait(results: list[Result]) -> str:
    """Misclassified share per orthogonal trait (marker spelling, structure, annotations)."""
    lines = []
    for r in results:
        if r.alone:
            continue
        wrong = {id(row) for _, row in r.misclassified()}
        seen: Counter[str] = Counter()
        bad: Counter[str] = Counter()
        for row in r.rows:
            for trait in row.variant.traits:
                seen[trait] += 1
                bad[trait] += id(row) in wrong
        cells = ", ".join(f"{t} {bad[t]}/{seen[t]}" for t in sorted(seen))
        lines.append(f"  {r.host} / {r.run}: {cells}")
    return "\n".join(lines)


def details(results: list[Result], limit: int = 3) -> str:
    """Each misclassified variant, grouped by mutation kind: plugcheck's output vs the oracle."""
    lines = []
    for r in results:
        groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for outcome, row in r.misclassified():
            groups[(outcome, row.variant.kind)].append(row)
        if not groups:
            continue
        lines.append(f"== {r.host} / {r.run}")
        for (outcome, kind), rows in sorted(groups.items()):
            lines.append(f"-- {outcome}: {kind} ({len(rows)})")
            for row in rows[:limit]:
                o = row.oracle
                lines.append(
                    f"   {row.variant.name} [{', '.join(row.variant.traits)}]: "
                    f"oracle {o['verdict']}"
                    f"{' at ' + o['step'] if o['step'] else ''}: {o['detail'][:160]}"
                )
                shown = row.findings or [{"code": "-", "severity": "", "message": "no finding"}]
                for f in shown[:4]:
                    lines.append(
                        f"      plugcheck {f['code']} ({f['severity']}) {str(f['message'])[:160]}"
                    )
                if row.not_checked:
                    lines.append("      plugcheck: not checked (a note, or absent from the report)")
            if len(rows) > limit:
                lines.append(
                    f"   ... {len(rows) - limit} more: "
                    + " ".join(x.variant.name for x in rows[limit:])
                )
    return "\n".join(lines)
