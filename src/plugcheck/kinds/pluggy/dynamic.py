"""Pluggy's own verdict: each plugin registered in a real ``PluginManager`` with the host's
hookspecs (PC510), then each hook it implements called once with the contract's stand-ins
(PC519)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from plugcheck._ecosystem_worker.protocol import HookReturnRequest, PluggyRequest
from plugcheck.kinds.pluggy.checks import PC501, PC502, PC503, PC504, PC505, PC522
from plugcheck.kinds.pluggy.contract import (
    PluggyContract,
    host_hooks,
    pluggy_contract,
    plugin_impls,
)
from plugcheck.kinds.pluggy.namespace_impls import passed_over, unregistered
from plugcheck.kinds.pluggy.result_use import INDEX, LEN, beyond_iteration
from plugcheck.model import (
    Contract,
    Explained,
    Finding,
    Location,
    Partial,
    Phase,
    Plugin,
    Severity,
)
from plugcheck.options import UsageError
from plugcheck.passes import RunInput, RunPass, register_pass
from plugcheck.rules._ecosystem import Answer, at_exit, left_running, rejected
from plugcheck.rules.base import Context, rule
from plugcheck.rules.explain import explanation, linked
from plugcheck.static.hookspecs import HookSet

# --- dynamic: pluggy's own verdict ---------------------------------------------------------

PC510 = rule(
    "PC510",
    "pluggy-rejects-plugin",
    Severity.ERROR,
    "Registering the plugin in a real pluggy PluginManager with the host's hookspecs fails.",
    phase=Phase.DYNAMIC,
    # pluggy's refusal as the static pluggy rules predicted it (same hook, or same place); and
    # PC309's module that is not installed, which a plugins variable names (pytest_plugins):
    # the manager's import of it fails
    explained_by=(
        PC501.code,
        PC502.code,
        PC503.code,
        PC504.code,
        PC505.code,
        PC522.code,
        "PC309",
    ),
)
PC519 = rule(
    "PC519",
    "hook-call-fails",
    Severity.ERROR,
    "A hook the plugin implements raises when the harness calls it once, with the contract's "
    "stand-ins for the arguments, after pluggy registered the plugin.",
    phase=Phase.DYNAMIC,
    explained_by=(
        "PC214",
        "PC507",
        "PC508",
        "PC511",
        "PC512",
        "PC513",
        "PC514",
        "PC523",
        "PC525",
        "PC527",
        "PC545",
        "PC546",
        "PC547",
        "PC548",
        "PC551",
        "PC563",
        "PC564",
    ),
)

PC542 = rule(
    "PC542",
    "hook-returns-what-host-refuses",
    Severity.ERROR,
    "A hook the plugin implements returns what the host refuses (the contract's `hook-returns`, "
    "or the hookspec's return annotation): not a subclass of the host's base, a plugin class "
    "without the attribute the host names it by, or not the builtin class the hookspec names.",
    phase=Phase.DYNAMIC,
)


def run_pluggy(data: RunInput) -> list[Finding]:
    """Check the hookspec modules exist (usage error otherwise), then let pluggy judge."""
    findings: list[Finding] = []
    for contract, plugins in data.contracts:
        spec = pluggy_contract(contract)
        if spec is None:
            continue
        peers = data.peers.get(contract.name, ())
        ctx = Context(contract, plugins, data.index, data.env, peers=peers)
        hooks, problems = host_hooks(ctx, spec)
        if problems:
            raise UsageError(
                [
                    f"{contract.source}: tool.plugcheck.contracts.{contract.name}.pluggy."
                    f"hookspecs: {problem}"
                    for problem in problems
                ]
            )
        runnable = [p for p in plugins if p.module_path is not None]
        if data.options.dynamic and runnable:
            findings.extend(_dynamic(data, ctx, spec, hooks, runnable))
            if spec.calls_hooks:
                _uncalled(data, contract, spec, hooks)
                data.unchecked.extend(_not_called(ctx, spec, hooks, runnable))
            elif hooks.specs:  # registration only: a hook that raises on every call passes
                data.notes.append(
                    Partial(
                        f"hooks not called: contract {contract.name!r} has no pluggy "
                        "stand-ins, so its registration is checked and its calls only statically"
                    )
                )
    return findings


PC555 = rule(
    "PC555",
    "hook-not-called",
    Severity.INFO,
    "A hookimpl the pluggy pass does not call: it takes an argument the contract's stand-ins do "
    "not provide, so whether the host's call of it works is not checked.",
    phase=Phase.DYNAMIC,
)


def _not_called(
    ctx: Context, spec: PluggyContract, hooks: HookSet, plugins: list[Plugin]
) -> Iterator[Finding]:
    """PC555 for each hookimpl of a specified hook that takes an argument without a stand-in:
    the worker leaves it uncalled, and a run that called none of a plugin's broken hooks must
    not read "All checks passed"."""
    given = dict(spec.stand_ins)
    for plugin in plugins:
        for impl in plugin_impls(ctx, plugin, spec):
            hook = hooks.specs.get(impl.hook)
            if hook is None or impl.unhookable is not None or impl.unreadable is not None:
                continue
            if impl.alternative:
                continue  # another branch's definition: the harness registers none of those
            if spec.call_hooks is not None and impl.hook not in spec.call_hooks:
                continue  # the contract calls only its call-hooks
            lacking = [a for a in impl.argnames if a not in given]
            if not lacking or not set(impl.argnames) <= set(hook.argnames):
                continue  # called, or refused at registration (PC502)
            yield PC555.at(
                plugin,
                Location(impl.path, impl.line, impl.col),
                f"{impl.attr} is not called: the contract gives no stand-in for "
                f"{', '.join(lacking)}, so whether {ctx.contract.name}'s call of "
                f"{impl.hook!r} works is not checked",
                fix=f"add a stand-in for {', '.join(lacking)} to the contract's pluggy.stand-ins",
                subject=impl.hook,
            )


def _uncalled(data: RunInput, contract: Contract, spec: PluggyContract, hooks: HookSet) -> None:
    """Say which hooks PC519 cannot call: those with an argument the contract gives no
    stand-in for (called only for a hookimpl that does not take it)."""
    given = dict(spec.stand_ins)
    missing = {
        name: [a for a in hook.argnames if a not in given]
        for name, hook in sorted(hooks.specs.items())
        if spec.call_hooks is None or name in spec.call_hooks
    }
    lacking = {name: args for name, args in missing.items() if args}
    if lacking:
        shown = "; ".join(f"{name} ({', '.join(args)})" for name, args in lacking.items())
        data.notes.append(
            f"pluggy: contract {contract.name}: hookimpls taking an argument without a stand-in "
            f"are not called (PC519): {shown}"
        )


def _declared_returns(spec: PluggyContract, hooks: HookSet) -> dict[str, HookReturnRequest]:
    """What each called hook's own spec says it returns (``-> str | None``), for the hooks the
    contract's ``hook-returns`` does not describe: the host wrote that annotation as the
    contract of the hook, and a value of another class breaks whatever it does with it."""
    if not spec.calls_hooks:
        return {}
    described = {hook for hook, _ in spec.hook_returns}
    return {
        name: HookReturnRequest(
            returns="instance",
            return_type=hook.returns_class,
            or_list=False,
            attributes=[],
            required_keys=[],
            declared=True,
        )
        for name, hook in sorted(hooks.specs.items())
        if hook.returns_class is not None and name not in described
    }


_OFFERS: dict[str, frozenset[str]] = {
    "returns-iterable": frozenset(),
    "returns-sized": frozenset({LEN}),
    "returns-indexable": frozenset({LEN, INDEX}),
}
"""What another iterable the worker found where a list was declared offers beyond iteration
(a generator, a set, a tuple), by the answer's problem."""

_USE_WORDS = {LEN: "take its len()", INDEX: "index it"}


def _dynamic(
    data: RunInput, ctx: Context, spec: PluggyContract, hooks: HookSet, plugins: list[Plugin]
) -> Iterator[Finding]:
    contract = ctx.contract
    declared = _declared_returns(spec, hooks)
    request = PluggyRequest(
        mode="pluggy",
        project=spec.project,
        hookspecs=list(spec.hookspecs),
        prefix=spec.prefix,
        optional_hooks=list(spec.optional_hooks),
        addhooks=spec.addhooks,
        check_pending=spec.check_pending,
        stand_ins=dict(spec.stand_ins),
        samples={name: list(refs) for name, refs in spec.samples},
        calls=dict(spec.calls),
        default_calls=spec.default_calls,
        call_hooks=spec.calls_hooks,
        awaits=spec.awaits,
        optional_arguments={hook: list(args) for hook, args in spec.optional_arguments},
        hook_returns=declared | {hook: wanted.request() for hook, wanted in spec.hook_returns},
        only_hooks=list(spec.call_hooks) if spec.call_hooks is not None else None,
        plugins_variable=spec.plugins_variable,
        builtin_plugins=spec.builtin_plugins,
    )
    census = _adding(ctx, spec, data.peers.get(contract.name) or plugins)
    for answer in rejected(data, contract, plugins, request, (PC510,), census):
        if answer.problem == "returns" or answer.problem in _OFFERS:
            said = hooks.specs[answer.hook] if answer.hook in declared else None
            why = (
                "the contract's hook-returns"
                if said is None
                else (f"its hookspec declares `-> {said.returns_source}`")
            )
            # Another iterable where the annotation names a list: it breaks a host that does
            # more with it than the value offers (indexes a generator), not one that only
            # iterates it or takes the len() of a tuple.
            offers = _OFFERS.get(answer.problem)
            severity = None if said is None or offers is None else Severity.WARNING
            if said is not None and offers is not None:
                use = beyond_iteration(ctx, said)
                project = spec.project
                if use is None:
                    why += f"; no call of it in {project}'s package shows more than iteration"
                elif not use <= offers:
                    severity = None
                    why += f"; {project}'s own code does more with it than iterate it"
                else:
                    shown = "".join(f" and {_USE_WORDS[u]}" for u in sorted(use))
                    why += f"; {project}'s own calls of it only iterate each value{shown}"
            yield PC542.at(
                answer.plugin,
                answer.location,
                f"{answer.message}: not what {spec.project} accepts from it ({why})",
                fix=f"return what {spec.project} accepts from {answer.hook}",
                subject=answer.hook,
                severity=severity,
            )
            continue
        if answer.problem == "no-hookimpls":
            empty = unregistered(ctx, answer.plugin, spec, data.findings)
            if empty is not None:
                yield empty
            continue
        if answer.problem == "unregistered-hookimpl":
            if (passed := reported(data, passed_over(answer))) is not None:
                yield passed
            continue
        if (handler := at_exit(answer)) is not None:
            yield handler
            continue
        if answer.problem == "left-running":
            did = (
                f"called its hooks with the contract's stand-ins, as {spec.project} does"
                if answer.hook
                else f"registered it with {spec.project}'s hookspecs, as {spec.project} does"
            )
            yield left_running(answer, did)
            continue
        if answer.status == "call-failed":
            found = _call_failed(data, answer, spec, hooks)
            if found is not None:
                yield found
            continue
        yield PC510.at(
            answer.plugin,
            answer.location,
            f"pluggy rejects {answer.plugin.name} when it is registered with {spec.project}'s "
            f"hookspecs: {answer.message}",
            fix="make the hookimpl match the host's hookspec (name, arguments, wrapper options)",
            related=answer.related,
        )


def _adding(ctx: Context, spec: PluggyContract, plugins: Sequence[Plugin]) -> list[Plugin]:
    """The plugins whose source implements the addhooks hook: every worker imports them for the
    hookspecs they add (its census), in this run or not, in its batch or not, as the host
    registers them all before it checks any plugin's hooks."""
    if spec.addhooks is None:
        return []
    return [
        p
        for p in plugins
        if p.module_path is not None
        and any(impl.hook == spec.addhooks for impl in plugin_impls(ctx, p, spec))
    ]


def _call_failed(
    data: RunInput, answer: Answer, spec: PluggyContract, hooks: HookSet
) -> Finding | None:
    """PC519 for one failed hook call, unless a static error about the same hookimpl (its
    ``def`` line, or the hook as its subject) already predicts it (:func:`reported`)."""
    hook = answer.hook or "?"
    found = hooks.specs.get(hook)
    times = (
        spec.times(hook, found.argnames, historic=found.historic)
        if found is not None
        else spec.times(hook, dict(spec.optional_arguments).get(hook, ()))
    )
    finding = PC519.at(
        answer.plugin,
        answer.location,
        f"calling hook {hook!r} {'once' if times == 1 else f'{times} times'}, as "
        f"{spec.project} does, with the contract's stand-ins fails: {answer.message}",
        fix=f"make the hookimpl of {hook} work with what {spec.project} passes",
        subject=hook,
    )
    return reported(data, finding)


def reported(data: RunInput, finding: Finding) -> Finding | None:
    """``finding`` as the report gets it: ``None`` when a static finding explains it away
    (``rules.explain``'s policy), said in a note; else linked to the static findings about it."""
    by = explanation(finding, data.findings)
    if by is None:
        return linked(finding, data.findings)
    note = f"pluggy: {finding.plugin}: {finding.code} not reported, already explained by {by.code}"
    data.notes.append(note)
    data.explained.append(Explained(finding, by, note))
    return None


register_pass(
    RunPass(name="pluggy", order=60, run=run_pluggy, enabled=lambda options: True, beside=True),
)
