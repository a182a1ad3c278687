"""Dynamic rules (PC4xx): what the harness saw when it loaded and drove each plugin.

The harness pass runs after the static and mypy passes. A plugin with a fatal static finding
(PC001, it cannot be parsed) is skipped with a note. A dynamic failure is dropped (with a note)
only when a static *error* predicted that very failure: same plugin, same step (the static rule
is in the dynamic rule's ``explained_by``) and same subject (the import, export or lifecycle
method). Crashes, exits, hangs and lost processes are always reported, and so is a failure
whose static neighbours are only info or warnings; those are linked as related locations.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from plugcheck.environment import Environment
from plugcheck.harness.confine import python_plugins
from plugcheck.harness.results import Frame, Outcome, PluginResult
from plugcheck.model import Contract, Finding, Partial, Plugin, Related, Severity
from plugcheck.options import Options
from plugcheck.passes import Accepted, RunInput, RunPass, register_pass
from plugcheck.rules.base import RULES, explainers
from plugcheck.rules.dynamic_findings import host_dirs, module_location, observed
from plugcheck.rules.step_subject import names_failure, step_subject
from plugcheck.rules.unchecked import PC417

if TYPE_CHECKING:  # the harness's client loads with the harness pass
    from plugcheck.harness.fork_server import ForkServerClient, Limits

FATAL_STATIC = ("PC001", "PC427")
"""Static findings after which the harness does not run a plugin at all."""


def _enabled(options: Options) -> bool:
    return options.dynamic


_LAUNCHED: list[ForkServerClient] = []
"""The fork server :func:`launched_early` started for this run, until the harness pass takes it."""


@contextmanager
def launched_early(
    contract: Contract, plugins: Sequence[Plugin], env: Environment, options: Options
) -> Iterator[None]:
    """(the first Python contract, before its static pass) Start its fork server now, so that
    the server's start-up (an interpreter, preloads, namespaces, zygotes: about 0.1 s of CPU,
    0.4 s of wall time at a load of 20) runs beside the static and mypy passes instead of after
    them. The harness pass uses it only when it runs these very plugins with these settings (a
    plugin the static pass found unreadable is not run: a new server then); closed at the end
    of the run either way."""
    if not options.dynamic or not plugins or _LAUNCHED:
        yield
        return
    from plugcheck.harness import runner

    server = runner.launch(
        contract,
        plugins,
        env,
        jobs=options.jobs,
        limits=_limits(options),
        host_roots=host_dirs(contract, env),
    )
    if server is None:
        yield
        return
    _LAUNCHED.append(server)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            _LAUNCHED.remove(server)
        server.__exit__(None, None, None)


def _limits(options: Options) -> Limits:
    from plugcheck.harness.fork_server import Limits

    return Limits(
        confine=options.confine,
        confinement=tuple(python_plugins()) if options.confine else (),
        required=options.require_confinement,
    )


def _run(data: RunInput) -> list[Finding]:
    from plugcheck.harness import runner

    static = _static_by_plugin(data.findings, [p for _, plugins in data.contracts for p in plugins])
    units: list[tuple[Contract, list[Plugin]]] = []
    for contract, plugins in data.contracts:
        todo = []
        for plugin in plugins:
            fatal = [
                f
                for f in static.get(id(plugin), [])
                # An info PC001: a file only the (newer) target reads, which the harness runs.
                if f.code in FATAL_STATIC and f.severity is not Severity.INFO
            ]
            if fatal:
                data.steps[plugin.key] = [("import", "skipped")]
                data.notes.append(
                    f"harness: skipped {plugin.name}: {fatal[0].code} "
                    f"({fatal[0].location.path.name}:{fatal[0].location.line})"
                )
                continue
            todo.append(plugin)
        units.append((contract, todo))
    order = {id(p): n for n, p in enumerate(p for _, plugins in units for p in plugins)}
    seen: dict[int, _Observed] = {}
    """Per plugin (by input position), what its result adds to the run: the result itself
    (its step records) is dropped as soon as it is turned into findings."""
    progress = data.options.on_result

    awaited = data.awaited  # mypy's findings, still to come: each result judged after them

    def consume(result: PluginResult) -> None:
        part = _observe(result, data)
        if awaited is None:
            _judge(part, static.get(id(result.plugin), []))
        seen[order[id(result.plugin)]] = part
        if progress is not None:
            progress(result)

    raised: dict[str, tuple[str, list[tuple[Path, int]]]] = {}
    unloaded: dict[str, dict[str, str]] = {}
    runner.run(
        units,
        data.env,
        jobs=data.options.jobs,
        limits=_limits(data.options),
        on_result=consume,
        notes=data.notes,
        errors=data.errors,
        keep=False,
        host_roots=lambda contract: host_dirs(contract, data.env),
        launched=_LAUNCHED.pop() if _LAUNCHED else None,
        preloads_raised=raised,
        preloads_failed=unloaded,
    )
    if awaited is not None:
        static = _static_by_plugin(awaited(), [p for _, plugins in units for p in plugins])
        for part in seen.values():
            _judge(part, static.get(id(part.plugin), []))
    for contract, todo in units:
        if todo and (said := _imported_only(contract)) is not None:
            data.notes.append(Partial(said))
    findings: list[Finding] = []
    parts = [seen.pop(n) for n in sorted(seen)]  # input order, as the results came before
    owners = {p.key: (p.name, p.code_roots) for _, plugins in units for p in plugins}
    failed = {part.key: part.import_failure for part in parts if part.import_failure}
    for contract_name, (module, frames) in raised.items():
        if _preload_culprit(contract_name, module, frames, parts, owners, failed, data):
            unloaded.pop(contract_name, None)  # the culprit's findings fail the run
    for part in parts:  # a preload left to each plugin's process: each says for itself
        if part.preload_raised is not None:
            _preload_culprit(part.key[0], *part.preload_raised, [part], owners, failed, data)
    for contract_name, modules in unloaded.items():
        # The host imports these before any plugin: whatever the plugins did without them is
        # not what they do in the host, so a passing summary must say so.
        data.notes.append(
            Partial(
                f"contract {contract_name!r}: its plugins were imported without "
                + ", ".join(f"{m} ({why})" for m, why in sorted(modules.items()))
                + ", which the host imports first and which cannot be imported here"
            )
        )
    for part in parts:
        if other := _failed_in_another(part, owners, failed):
            data.failed_in[part.key] = other
        data.steps[part.key] = part.steps
        data.accepted.extend(part.accepted)
        data.unchecked.extend(part.unchecked)
        data.notes.extend(part.notes)
        findings.extend(part.findings)
    return findings


def _imported_only(contract: Contract) -> str | None:
    """What a passing summary must add for a contract whose plugins the run imports and looks
    up but never calls: no ``lifecycle``, ``setup-function`` or ``plugin-classes`` (a
    ``register_v2()`` that raises on every call, a class never built). ``None`` otherwise."""
    if contract.lifecycle is not None or contract.kind not in ("factory", "register", "subclass"):
        return None
    if contract.options.get("setup-function") or contract.options.get("plugin-classes"):
        return None
    return (
        f"plugins imported, never called: contract {contract.name!r} has no lifecycle, so "
        "what the host calls is judged statically only"
    )


@dataclass(slots=True)
class _Observed:
    """What one plugin's harness result adds to the run."""

    plugin: Plugin
    steps: list[tuple[str, str]]
    accepted: list[Accepted] = field(default_factory=list)
    unchecked: list[Finding] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    import_failure: str = ""
    """The exception importing the plugin raised (``ModuleNotFoundError: ...``), if it did."""
    raised_at: Frame | None = None
    """Where that exception was raised, when outside the plugin's own files."""
    import_finding: Finding | None = None
    """The finding reporting that failure, unless a static finding explained it."""
    preload_raised: tuple[str, list[tuple[Path, int]]] | None = None
    """A preload left to the plugin's process that raised there, and the frames it raised
    through (the plugin's own word: it names a culprit for that plugin alone)."""
    seen: list[tuple[Finding, bool]] = field(default_factory=list)
    """What the harness saw, each with whether the plugin raised it, until :func:`_judge`
    weighs it against the earlier passes' findings."""

    @property
    def key(self) -> tuple[str, str]:
        return self.plugin.key


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    path = path.resolve()
    return any(path == r or r in path.parents for r in (root.resolve() for root in roots))


def _preload_culprit(
    contract: str,
    module: str,
    frames: list[tuple[Path, int]],
    parts: list[_Observed],
    owners: dict[tuple[str, str], tuple[str, tuple[Path, ...]]],
    failed: dict[tuple[str, str], str],
    data: RunInput,
) -> bool:
    """A module the host imports before its plugins raised inside a plugin of the run whose
    own import fails too (papermill imports every ``papermill.engine`` plugin while it is
    imported: one broken engine keeps the host from starting): the contract's note names that
    plugin, and a plugin of the contract whose import met a circular import, as it does
    imported first without that module, or raised the culprit's very exception (its import
    started the host's, which loaded the culprit), gets a note pointing at it instead of an
    error (in the host, that import never happens: the host fails first, for the culprit's
    reason). Whether a culprit was found."""
    # The innermost frame in a failing plugin's files: where it raised, or its import of a
    # library that did.
    failing = {
        k: (n, tuple(r.resolve() for r in rs)) for k, (n, rs) in owners.items() if k in failed
    }
    culprit = next(
        (
            (key, name, path, line)
            for path, line in reversed(frames)
            for key, (name, roots) in failing.items()
            if _inside(path, roots)
        ),
        None,
    )
    if culprit is None:
        return False
    key, name, path, line = culprit
    theirs = "of the contract" if key[0] == contract else f"of contract {key[0]}"
    data.notes.append(
        f"harness: contract {contract}: the host cannot import {module}: it raised inside {name}"
        f" ({path.name}:{line}), a plugin {theirs} whose own import fails: see its findings;"
        f" the contract's plugins were imported without {module}"
    )
    for part in parts:
        reported = part.import_finding
        if (
            part.key[0] != contract
            or part.key == key
            or reported is None
            or reported not in part.findings
        ):
            continue
        if part.import_failure == failed[key]:  # its import started the host's, which loaded it
            met = f"raised {part.import_failure}, as {name}'s does"
        elif "(most likely due to a circular import)" in part.import_failure:
            met = f"met a circular import ({part.import_failure})"
        else:
            continue
        part.findings.remove(reported)
        part.import_finding = None  # explained: no later step may drop it again
        part.notes.append(
            f"harness: {reported.plugin}: {reported.code} not reported: importing it without"
            f" {module} {met}; the host imports {module} first, which fails inside {name}, a"
            f" plugin {theirs}: see its findings"
        )
        data.failed_in[part.key] = name
    return True


def _failed_in_another(
    part: _Observed,
    owners: dict[tuple[str, str], tuple[str, tuple[Path, ...]]],
    failed: dict[tuple[str, str], str],
) -> str | None:
    """Drop ``part``'s import failure (with a note) when it was raised inside another plugin of
    the run whose own import fails with the very same exception: the plugin's import
    loaded that plugin (Datasette's ``datasette.plugins`` registers every installed plugin when
    first imported), so the failure is that plugin's, and its own findings name the cause.
    The other plugin's name, when so."""
    at, reported = part.raised_at, part.import_finding
    if at is None or reported is None or reported not in part.findings:
        return None
    for key, (name, roots) in owners.items():
        if key == part.key or failed.get(key) != part.import_failure:
            continue
        if _inside(at.path, roots):
            theirs = "of the contract" if key[0] == part.key[0] else f"of contract {key[0]}"
            part.findings.remove(reported)
            part.notes.append(
                f"harness: {reported.plugin}: {reported.code} not reported: importing it "
                f"raised {part.import_failure} inside {name} ({at.path.name}:{at.line}), "
                f"another plugin {theirs}, which its import loaded: see its findings"
            )
            return name
    return None


def _observe(result: PluginResult, data: RunInput) -> _Observed:
    """One plugin's harness result, turned into what the run keeps of it: its steps, whether a
    real load accepted it, what could not be checked, and what it saw (to :func:`_judge`)."""
    out = _Observed(result.plugin, [(s.name, s.outcome.value) for s in result.steps])
    imported = result.step("import")
    if imported is not None and imported.outcome is Outcome.OK:
        plugin = result.plugin
        out.accepted.append(Accepted("import", plugin.contract, plugin.reported_name, plugin.root))
    looked = result.step("lookup")
    missing = result.facts.get("lookup", {}).get("missing")
    ep = result.plugin.entry_point
    if looked is not None and looked.outcome is Outcome.OK and not missing and not (ep and ep.attr):
        # Every export the contract requires was there (a globals()[...] or setattr binding
        # source cannot read): PC101's "does not define" is withdrawn. Not for an entry point
        # naming an attribute: PC101 may be about that attribute, which the lookup does not read.
        plugin = result.plugin
        out.accepted.append(Accepted("lookup", plugin.contract, plugin.reported_name, plugin.root))
    register = result.step("register")
    if register is not None and register.detail.startswith("cannot build"):
        out.unchecked.append(
            PC417.at(
                result.plugin,
                module_location(result.plugin),
                f"the register step was not run: {register.detail}; whether the host's "
                "registry accepts the plugin is unknown",
            )
        )
    out.unchecked.extend(
        PC417.at(
            result.plugin,
            module_location(result.plugin),
            f"the host's call was not made: {step.detail}; whether the plugin works in "
            "that call is unknown",
            subject=step.name,
        )
        for step in result.steps
        if step.name == "call" and step.outcome is Outcome.SKIPPED
    )
    if imported is not None and imported.outcome is Outcome.RAISED and imported.failure:
        out.import_failure = str(imported.failure)
        out.raised_at = imported.failure.origin
    left = result.facts.get("import", {}).get("preload_raised")
    if isinstance(left, dict) and isinstance(frames := left.get("frames"), list):  # untrusted
        at = [
            (Path(str(f.get("path"))), line if isinstance(line := f.get("line"), int) else 0)
            for f in frames
            if isinstance(f, dict)
        ]
        out.preload_raised = (str(left.get("module")), at)
    out.seen = list(observed(result, data.index, data.env))
    out.accepted.extend(_steps_passed(result, [f for f, _ in out.seen]))
    return out


def _judge(out: _Observed, earlier: Sequence[Finding]) -> None:
    """``out``'s findings: what its harness run saw, less what the earlier passes' findings
    about the plugin explain, linked to those about the same subject."""
    plugin, seen, out.seen = out.plugin, out.seen, []
    for finding, raised in seen:
        finding = _in_unknown_state(finding, earlier) if raised else finding
        explained = explanation(finding, earlier) if raised else None
        if explained is None:
            out.findings.append(_linked(finding, earlier))
            if finding.message.startswith(f"importing {plugin.module} raised "):
                out.import_finding = out.findings[-1]
        else:
            out.notes.append(
                f"harness: {plugin.name}: {finding.code} not reported, "
                f"already explained by {explained.code}"
            )


_LIFECYCLE_STEPS = {"init": "lifecycle", "run": "lifecycle", "shutdown": "lifecycle"}
"""Steps of the harness's own lifecycle drive: the factory's call, the host's class check of
what it made, and each method called with what the host passes (the contract's ``config``, the
shutdown deadline); with ``lifecycle.calls``, each ``call`` step is the method it names."""


def _steps_passed(result: PluginResult, found: Sequence[Finding]) -> Iterator[Accepted]:
    """One ``Accepted("<check>:<subject>")`` per factory/lifecycle step the harness really ran
    and that passed, for ``engine._withdraw``: a static error predicting that very step fails
    (PC202, PC203, PC204, PC210: their ``overruled_by``) is withdrawn. Nothing for a step the
    run skipped or that failed, nor for a step any harness finding of this run is about (one
    a static error explained away included): that step did not simply pass."""
    if result.forged or result.harness_attack:
        return
    plugin = result.plugin
    about = {f.subject for f in found if f.severity is not Severity.INFO}
    lifecycle = result.contract.lifecycle
    # The worker makes one `call` step per entry of lifecycle.calls, in order (a skipped one
    # too), each with stand-ins of the classes the call declares: the host's own call.
    calls = iter((lifecycle.calls or ()) if lifecycle is not None else ())
    for step in result.steps:
        call = next(calls, None) if step.name == "call" else None
        check = "lifecycle" if call is not None else _LIFECYCLE_STEPS.get(step.name, step.name)
        if step.outcome is not Outcome.OK or check not in ("factory", "identity", "lifecycle"):
            continue
        subject = call.method if call is not None else step_subject(result, step)
        if subject is None or subject in about or None in about:
            continue
        if check == "identity" and not result.facts.get("identity", {}).get("ok"):
            continue  # the class check ran, and said no
        yield Accepted(f"{check}:{subject}", plugin.contract, plugin.reported_name, plugin.root)


def _static_by_plugin(
    findings: Sequence[Finding], plugins: Sequence[Plugin]
) -> dict[int, list[Finding]]:
    """Earlier findings per plugin object. Findings name their plugin; when two plugins of a
    contract share a name (PC003), a finding belongs to the one whose files it points into."""
    named: dict[tuple[str, str], list[Plugin]] = {}
    for plugin in plugins:
        named.setdefault((plugin.contract, plugin.reported_name), []).append(plugin)
    out: dict[int, list[Finding]] = {}
    for finding in findings:
        owners = named.get((finding.contract, finding.plugin), [])
        if len(owners) > 1:
            owners = [p for p in owners if _within(finding.location.path, p.root)] or owners
        for owner in owners:
            out.setdefault(id(owner), []).append(finding)
    return out


def _within(path: Path, root: Path) -> bool:
    path, root = path.resolve(), root.resolve()
    return path == root or root in path.parents


def _candidates(finding: Finding, static: Sequence[Finding]) -> Iterator[Finding]:
    """Static findings of the rules that may explain ``finding`` that are about the same
    subject: the same import, export or lifecycle method of the same plugin and contract."""
    prefixes = explainers(finding.code)
    if not prefixes:
        return
    for other in static:
        same_contract = other.contract == finding.contract
        if other.code.startswith(prefixes) and same_contract and _same_subject(other, finding):
            yield other


def _same_subject(static: Finding, dynamic: Finding) -> bool:
    if static.subject is not None and static.subject == dynamic.subject:
        return True
    here, there = static.location, dynamic.location
    same_place = here.line == there.line and here.path.resolve() == there.path.resolve()
    if static.subject is not None and dynamic.subject is not None and dynamic.code == "PC401":
        # Another module or attribute is another failure; at the same line the same failure
        # may carry other names (names_failure).
        return same_place and names_failure(static.subject, dynamic.message, dynamic.subject)
    if here.line <= 1 and static.subject != dynamic.subject:
        # The top of a module names nothing in particular, unless the static rule says it
        # explains this failure, which it places at the statement that fails (PC530 for an
        # `import host.gone` on line 1).
        return same_place and static.code in RULES and dynamic.code in RULES[static.code].explains
    return same_place


_UNKNOWN_STATE = ("PC550",)
"""Static rules saying a failure comes from host state the contract does not set up: the
harness's failure there is no verdict on the plugin in its host."""


def _in_unknown_state(finding: Finding, static: Sequence[Finding]) -> Finding:
    """``finding`` as a warning when a static finding says it fails only for want of the host's
    state (PC550: ``get_ipython()`` is None without a running shell), which it then explains:
    only the failure that state predicts, an operation on ``None`` (``'NoneType' object has no
    attribute ...``, ``... is not subscriptable``). Another exception at that statement (a
    ``KeyError`` from the running shell's ``user_ns``) fails in the host too: it stays an error,
    also where the contract's ``preload`` may set the state up."""
    if (
        finding.severity is Severity.ERROR
        and "'NoneType' object" in finding.message
        and any(o.code in _UNKNOWN_STATE for o in _candidates(finding, static))
    ):
        return replace(finding, severity=Severity.WARNING)
    return finding


def explanation(finding: Finding, static: Sequence[Finding]) -> Finding | None:
    """The static finding that predicted ``finding`` (an exception the plugin raised), if any.

    Info never explains anything away, and a warning explains only a warning (PC110's
    import-time ``print`` and PC412's stdout write on the same line): a guess never hides a
    failure more severe than itself. A PC309 warning is no guess: the import surely fails, and
    the plugin's own distribution declares the module only under an extra (``rules.installed``),
    so the failed import it predicts is the plugin being off as declared.
    """
    return next(
        (
            o
            for o in _candidates(finding, static)
            if o.severity is not Severity.INFO
            and (finding.severity <= o.severity or _declared_optional(o, finding))
        ),
        None,
    )


def _declared_optional(static: Finding, dynamic: Finding) -> bool:
    return static.code == "PC309" and dynamic.code == "PC401"


def _linked(finding: Finding, static: Sequence[Finding]) -> Finding:
    """``finding`` with the static findings about the same subject as related locations."""
    links = [
        Related(o.location, f"{o.code} ({o.severity.value}) said: {o.message}")
        for o in _candidates(finding, static)
    ]
    return replace(finding, related=(*finding.related, *links[:3])) if links else finding


register_pass(RunPass(name="harness", order=50, run=_run, enabled=_enabled))
