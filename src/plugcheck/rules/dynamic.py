"""Dynamic rules (PC4xx): what the harness saw when it loaded and drove each plugin.

The harness pass runs after the static and mypy passes. A plugin with a fatal static finding
(PC001, it cannot be parsed) is skipped with a note. A dynamic failure is dropped (with a note)
only when a static finding predicted that very failure, by the one policy of
``rules.explain``: same contract and plugin, a rule in the dynamic rule's ``explained_by``, the
same subject (the import, export or lifecycle method) or place, at least the failure's weight.
Crashes, exits, hangs and lost processes are always reported; a failure that stays is linked to
the static findings about it (related locations).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from plugcheck.environment import Environment
from plugcheck.harness.confine import python_plugins
from plugcheck.harness.results import Outcome, PluginResult, PreloadRaised, refusal_of
from plugcheck.model import Contract, Explained, Finding, Location, Partial, Plugin, Severity
from plugcheck.options import Options
from plugcheck.passes import Accepted, RunInput, RunPass, register_pass
from plugcheck.rules.base import Context
from plugcheck.rules.dynamic_findings import host_dirs, module_location, observed
from plugcheck.rules.explain import candidates, explanation, linked
from plugcheck.rules.host_start import Observed, blame, host_fails, own_frame
from plugcheck.rules.registry_census import clashes, registry_keys
from plugcheck.rules.registry_keys import registry_dicts
from plugcheck.rules.sandbox_refusal import host_allows
from plugcheck.rules.step_subject import step_subject
from plugcheck.rules.unchecked import PC417

if TYPE_CHECKING:  # the harness's client loads with the harness pass
    from plugcheck.harness.fork_server import ForkServerClient
    from plugcheck.harness.server_messages import Limits

FATAL_STATIC = ("PC001", "PC427")
"""Static findings after which the harness does not run a plugin at all."""


def _enabled(options: Options) -> bool:
    return options.dynamic


_LAUNCHED: list[ForkServerClient] = []
"""The fork server :func:`launched_early` started for this run, until the harness pass takes it."""


@contextmanager
def launched_early(
    contract: Contract,
    plugins: Sequence[Plugin],
    env: Environment,
    options: Options,
    guarded: Sequence[Plugin] = (),
) -> Iterator[None]:
    """(the first Python contract, before its static pass) Start its fork server now, so that
    the server's start-up (an interpreter, preloads, namespaces, zygotes: about 0.1 s of CPU,
    0.4 s of wall time at a load of 20) runs beside the static and mypy passes instead of after
    them. The harness pass uses it only when it runs these very plugins with these settings (a
    plugin the static pass found unreadable is not run: a new server then); closed at the end
    of the run either way. ``guarded``: the contract's plugins other runs check
    (``Context.peers``), whose code the server never runs either."""
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
        guarded=guarded,
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
    from plugcheck.harness.server_messages import Limits

    return Limits(
        confine=options.confine,
        confinement=tuple(python_plugins()) if options.confine else (),
        required=options.require_confinement,
    )


def _run(data: RunInput) -> list[Finding]:
    from plugcheck.harness import runner

    static = _static_by_plugin(data.findings, [p for _, plugins in data.contracts for p in plugins])
    units: list[tuple[Contract, list[Plugin]]] = []
    places: dict[tuple[tuple[str, str], str], Location] = {}  # where each plugin registers
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
        contract, found = _with_registries(contract, todo, data)
        places.update(found)
        units.append((contract, todo))
    order = {id(p): n for n, p in enumerate(p for _, plugins in units for p in plugins)}
    seen: dict[int, Observed] = {}
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

    raised: dict[str, PreloadRaised] = {}
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
        # Every plugin the run knows, checked here or not (skipped above, another shard's, the
        # host's others in a run on paths): its code never runs in a fork server.
        guarded=[
            *(p for _, plugins in data.contracts for p in plugins),
            *(p for peers in data.peers.values() for p in peers),
        ],
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
    hosts = {d for contract, _ in units for d in host_dirs(contract, data.env)}
    for contract_name in blame(parts, static, raised, unloaded, hosts, data):
        unloaded.pop(contract_name, None)  # a plugin's PC422 names it, its PC424s follow
    for contract_name, failed in unloaded.items():
        modules = host_fails(parts, static, contract_name, failed, data.notes)
        if not modules:
            continue
        # The host imports these before any plugin: whatever the plugins did without them is
        # not what they do in the host, so a passing summary must say so.
        data.notes.append(
            Partial(
                f"contract {contract_name!r}: its plugins were imported without "
                + ", ".join(f"{m} ({why})" for m, why in sorted(modules.items()))
                + ", which the host imports first and which cannot be imported here"
            )
        )
    for part, clash in clashes(
        parts, places
    ):  # PC429: keys two plugins' imports add to one registry
        by = explanation(clash, static.get(id(part.plugin), []))
        if by is None:
            findings.append(clash)
            continue
        note = f"harness: {part.plugin.name}: PC429 not reported, already explained by {by.code}"
        data.notes.append(note)
        data.explained.append(Explained(clash, by, note))
    for part in parts:
        data.steps[part.key] = part.steps
        data.accepted.extend(part.accepted)
        data.unchecked.extend(part.unchecked)
        data.notes.extend(part.notes)
        data.explained.extend(part.explained)
        findings.extend(part.findings)
    return findings


def _with_registries(
    contract: Contract, plugins: list[Plugin], data: RunInput
) -> tuple[Contract, dict[tuple[tuple[str, str], str], Location]]:
    """The contract with the registries the census reads (PC429): its own ``registries``,
    else the host's dicts its plugins fill at import, read from their source (PC007's reading,
    whatever the key); and where each plugin registers into each, for PC429's findings."""
    if not plugins or contract.options.get("registries") == []:
        return contract, {}
    ctx = Context(contract, plugins, data.index, data.env, peers=data.peers.get(contract.name, ()))
    hosts = [data.index.real(d) for d in (*host_dirs(contract, data.env), *contract.search_path)]
    found = registry_dicts(ctx, hosts, data.index.gathered)
    places = {(key, ref): at for ref, by in found.items() for key, at in by.items()}
    if "registries" in contract.options or not found:
        return contract, places
    return replace(contract, options={**contract.options, "registries": list(found)}), places


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


def _observe(result: PluginResult, data: RunInput) -> Observed:
    """One plugin's harness result, turned into what the run keeps of it: its steps, whether a
    real load accepted it, what could not be checked, and what it saw (to :func:`_judge`)."""
    out = Observed(result.plugin, [(s.name, s.outcome.value) for s in result.steps])
    after = result.after_plugins  # other plugins' code ran first: their word too (withdraw.py)
    imported = result.step("import")
    if imported is not None and imported.outcome is Outcome.OK:
        plugin = result.plugin
        out.accepted.append(
            Accepted("import", plugin.contract, plugin.reported_name, plugin.root, after)
        )
    looked = result.step("lookup")
    missing = result.facts.get("lookup", {}).get("missing")
    ep = result.plugin.entry_point
    if looked is not None and looked.outcome is Outcome.OK and not missing and not (ep and ep.attr):
        # Every export the contract requires was there (a globals()[...] or setattr binding
        # source cannot read): PC101's "does not define" is withdrawn. Not for an entry point
        # naming an attribute: PC101 may be about that attribute, which the lookup does not read.
        plugin = result.plugin
        out.accepted.append(
            Accepted("lookup", plugin.contract, plugin.reported_name, plugin.root, after)
        )
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
        failure = imported.failure
        if failure.refused is None:  # a refusal of the sandbox's blames no other plugin
            out.raised_at = failure.origin or (failure.frames[-1] if failure.frames else None)
            out.own_frame = own_frame(result.plugin, failure.frames)
            out.raised_about = failure.subject
        else:  # whose code was refused: another plugin's, which the host's import ran first
            out.refused_at = failure.origin
    left = result.facts.get("import", {}).get("preload_raised")
    if isinstance(left, dict) and isinstance(frames := left.get("frames"), list):
        at = [
            (Path(str(f.get("path"))), line if isinstance(line := f.get("line"), int) else 0)
            for f in frames
            if isinstance(f, dict)
        ]
        about, error = left.get("subject"), str(left.get("error", ""))[:2000]
        subject = Path(about) if isinstance(about, str) and about else None
        # A refusal of what the host's user may not do either is the host's failure too.
        refused = refusal_of(left.get("refused"))
        refused = refused if refused is not None and host_allows(refused) else None
        out.preload_raised = PreloadRaised(str(left.get("module")), at, subject, error, refused)
    out.registry_keys = registry_keys(result.facts.get("import", {}).get("registry_keys"))
    out.seen = list(observed(result, data.index, data.env))
    out.accepted.extend(_steps_passed(result, [f for f, _ in out.seen]))
    return out


def _judge(out: Observed, earlier: Sequence[Finding]) -> None:
    """``out``'s findings: what its harness run saw, less what the earlier passes' findings
    about the plugin explain, linked to those about the same subject."""
    plugin, seen, out.seen = out.plugin, out.seen, []
    for finding, raised in seen:
        finding = _in_unknown_state(finding, earlier) if raised else finding
        explained = explanation(finding, earlier) if raised else None
        if explained is None:
            out.findings.append(linked(finding, earlier))
            if finding.message.startswith(
                (f"importing {plugin.module} raised ", f"importing {plugin.module} failed in ")
            ):
                out.import_finding = out.findings[-1]
        else:
            note = (
                f"harness: {plugin.name}: {finding.code} not reported, "
                f"already explained by {explained.code}"
            )
            out.notes.append(note)
            out.explained.append(Explained(finding, explained, note))


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
        yield Accepted(
            f"{check}:{subject}",
            plugin.contract,
            plugin.reported_name,
            plugin.root,
            result.after_plugins,
        )


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
        and any(o.code in _UNKNOWN_STATE for o in candidates(finding, static))
    ):
        return replace(finding, severity=Severity.WARNING)
    return finding


register_pass(RunPass(name="harness", order=50, run=_run, enabled=_enabled))
