"""The ``mypy`` run pass: one mypy build per run, its judgements turned into findings."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from plugcheck.model import Contract, Finding, Location, Plugin, Severity
from plugcheck.options import Options, UsageError
from plugcheck.passes import RunInput, RunPass, Submitted, cache_root, register_pass
from plugcheck.rules.base import is_selected, wanted
from plugcheck.rules.signatures.codes import (
    CODES,
    PC201,
    PC207,
    PC208,
    PC209,
    PC210,
    PC219,
    PC534,
)
from plugcheck.rules.signatures.lifecycle import lifecycle_findings
from plugcheck.static import set_defaults, typecheck
from plugcheck.static.typecheck import Message, Target


def _enabled(options: Options) -> bool:
    return options.mypy


def run(data: RunInput) -> list[Finding]:
    return submit(data, beside=False).collect()


def submit(data: RunInput, *, beside: bool = True) -> Submitted:
    """The pass begun: its builds planned and, ``beside``, started in the background (they run
    while the harness does); its ``collect`` waits for them and judges what mypy said (the
    pass's findings; its notes into ``data``)."""
    if not any(is_selected(code, data.config.select, data.config.ignore) for code in CODES):
        return Submitted(list)  # --select PC1 and the like: no reason to start mypy
    root = cache_root(data.config, data.options)
    results = None
    # An upload sets its files' sizes and modification times (a tarball): a new version made to
    # match the last one's was judged by its cached results (red team red54).
    untrusted = data.options.untrusted_plugins
    if root is not None and not untrusted:
        earlier = sorted(
            (f.code, f.severity.value, os.path.abspath(f.location.path), f.location.line)
            for f in data.findings
        )
        results = typecheck.MypyResults(
            root,
            typecheck.inputs(
                data.env,
                data.config,
                data.contracts,
                (data.options.strict_plugins, data.options.static),
                earlier,
            ),
        )
        reused = results.get()  # nothing mypy or the planner read changed: no need to start mypy
        if reused is not None:
            found, lasting = reused
            data.notes.extend(lasting)
            return Submitted(lambda: found)
    # Each plugin's share of the plan, kept where the pass's findings are (and as trusted).
    shares = typecheck.Shares(root, data.env, results.observed) if results and root else None
    with _recording(results, data):
        batches = typecheck.plans(data.contracts, data.index, data.env, _unparseable(data), shares)
    settings = typecheck.BuildSettings(
        cache_root(data.config, data.options),
        data.env,
        data.options.strict_plugins,
        results.observed if results is not None else None,
        throwaway=untrusted,
    )
    building = any(b.targets for b in batches)
    background = typecheck.started(batches, settings) if building and beside else None

    def judged() -> list[Finding]:
        findings: list[Finding] = []
        lasting: list[str] = []
        if building:
            outcome = typecheck.run(batches, settings) if background is None else background.wait()
            lasting = outcome.lasting
            with _recording(results, data):
                registered = {i for batch in batches for i in batch.registered}
                findings = _judge(data, outcome, registered)
        if results is not None:
            results.put(findings, lasting)
        return findings

    return Submitted(judged, background.cancel) if background is not None else Submitted(judged)


def _recording(
    results: typecheck.MypyResults | None, data: RunInput
) -> contextlib.AbstractContextManager[None]:
    return results.recording(data.index) if results is not None else contextlib.nullcontext()


def _judge(data: RunInput, outcome: typecheck.BuildResult, registered: set[int]) -> list[Finding]:
    """What mypy judged, as findings; ``registered``: the targets the host accepts by an ABC's
    register() (``typecheck.registered``), which mypy judges by their bases."""
    data.notes.extend([*outcome.notes, *outcome.lasting])
    if outcome.problems:
        raise UsageError([f"type check: {p}" for p in outcome.problems])
    # A definition an earlier rule already calls wrong (PC104: an instance, not a factory) is
    # not judged again here for that contract and plugin: another contract's PC104 at the same
    # def hid this contract's PC201, whose plugin then passed (red team red52; issue 12 item 4).
    taken = {
        (f.contract, f.plugin, os.path.abspath(f.location.path), f.location.line)
        for f in data.findings
        if f.severity is Severity.ERROR
    }
    judged = [
        (t, p)
        for t, p in outcome.judged
        if (
            t.contract.name,
            t.plugin.reported_name,
            os.path.abspath(t.location.path),
            t.location.line,
        )
        not in taken
        and t.id not in registered
    ]
    findings = list(_judged(judged, data))
    for plugin, reason, where in outcome.unchecked:
        findings.append(
            PC209.at(
                plugin,
                where or Location(plugin.module_path or plugin.root),
                f"mypy cannot analyse {plugin.module}: {reason}; its signatures are not verified",
                fix="make the module importable and valid for mypy",
            )
        )
    findings.extend(_unverified(outcome.unverified))
    if data.options.strict_plugins:
        findings.extend(_body_errors(outcome.messages, judged))
    # The source checks already said it: the same rule, plugin and line (`shutdown = lambda
    # self: None` is PC204 from the binding and again from mypy's Callable[[], None]).
    said = {
        (f.code, f.contract, f.plugin, os.path.abspath(f.location.path), f.location.line)
        for f in data.findings
        if f.severity is Severity.ERROR
    }
    return [
        f
        for f in _dedupe(findings)
        if (f.code, f.contract, f.plugin, os.path.abspath(f.location.path), f.location.line)
        not in said
    ]


def _unparseable(data: RunInput) -> set[Path]:
    """The files of plugins with a file Python cannot parse (PC001's): mypy would stop the
    whole build at it."""
    if data.options.static and all(wanted("PC001", data.config, c.name) for c, _ in data.contracts):
        # The static pass said which (from its result cache too): nothing is parsed again.
        failing = {os.path.abspath(f.location.path) for f in data.findings if f.code == "PC001"}

        def broken(plugin: Plugin) -> bool:
            return any(os.path.abspath(f) in failing for f in plugin.files)
    else:

        def broken(plugin: Plugin) -> bool:
            return not typecheck.parses(plugin, data.index)

    return {f for _, ps in data.contracts for p in ps if broken(p) for f in p.files}


def _unverified(unverified: list[tuple[Target, str]]) -> Iterator[Finding]:
    """One PC534 per plugin and contract type mypy could not judge."""
    seen: set[tuple[str, str, str]] = set()
    for target, reason in unverified:
        key = (target.contract.name, target.plugin.name, f"{target.expected}")
        if key in seen:
            continue
        seen.add(key)
        name = f"{target.factory}()" if target.factory else target.name
        host = target.expected.module.split(".")[0] if target.expected else "the host"
        yield PC534.at(
            target.plugin,
            target.location,
            f"cannot verify {name} statically against {target.expected}: {reason}; the "
            "dynamic harness checks it at run time",
            fix=f"install type stubs for {host} in the target environment where they exist; "
            "otherwise the harness's run is the check",
            subject=target.export.names[0] if target.export else name,
        )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, Path, int, int, str, str, str]] = set()
    kept = []
    for f in findings:
        key = (
            f.code,
            f.location.path,
            f.location.line,
            f.location.col,
            f.contract,
            f.plugin,
            f.message,
        )
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept


def _host_calls(target: Target, payload: dict[str, Any]) -> dict[str, Any] | None:
    """The judgement as far as the host's own calls reach: with ``lifecycle.calls`` the host
    calls only those methods, so a member it never calls is never wrong (``None``: drop it)."""
    lifecycle = target.contract.lifecycle
    if target.kind != "lifecycle" or lifecycle is None or lifecycle.calls is None:
        return payload
    called = {c.method for c in lifecycle.calls}
    if "member" in payload:
        return payload if payload["member"] in called else None
    if payload["kind"] == "unannotated":
        members = [m for m in payload["members"] if m in called]
        return {**payload, "members": members} if members else None
    return payload


def _judged(judged: list[tuple[Target, dict[str, Any]]], data: RunInput) -> Iterator[Finding]:
    judged = [(t, p) for t, p in ((t, _host_calls(t, p)) for t, p in judged) if p is not None]
    # A method's body checked again with the host's parameter types: what a PC204 about that
    # method's parameter types is, an error or a warning.
    rechecked = {(t.plugin, t.name, t.member): p for t, p in judged if t.kind == "body"}
    yield from _broken_bodies([(t, p) for t, p in judged if t.kind == "body"])
    judged = [(t, p) for t, p in judged if t.kind != "body"]
    lifecycle_failed = {
        (t.plugin, t.factory)
        for t, p in judged
        if t.kind == "lifecycle" and p["kind"] not in ("any", "unannotated")
    }
    via_class = {(t.plugin, t.factory) for t, _ in judged if t.via_class}
    # The factory's own product already named this class: its class check would repeat it.
    named = {
        (t.plugin, p.get("class")) for t, p in judged if t.kind == "lifecycle" and not t.via_class
    }
    made = {(t.plugin, t.factory, p.get("class")) for t, p in judged if t.via_class}
    for target, payload in judged:
        if target.via_class and (target.plugin, payload.get("class")) in named:
            continue
        if (
            target.returns_judged
            and payload["kind"] != "any"
            and (target.plugin, target.factory, payload.get("class")) not in made
        ):
            # The factory returns only instances of its own classes, each judged by its own
            # target: an annotation naming something else (`-> int` over `return Worker()`)
            # is not checked at run time and fails nothing.
            continue
        if target.kind == "export":
            rewritten = _defaults_set(target, payload, data)
            if rewritten is None:
                yield from _export(target, payload, lifecycle_failed)
                continue
            yield PC207.at(
                target.plugin,
                target.location,
                f"cannot verify {target.name} statically: the plugin sets its {rewritten} "
                "after the def, and mypy reads the def; the dynamic harness checks the call at "
                "run time",
                fix=f"give {target.name} its defaults in the def",
                subject=target.export.names[0] if target.export else target.name,
            )
        elif target.kind == "construct":
            yield PC210.at(
                target.plugin,
                target.location,
                f"{target.factory}() cannot make its {target.name}: {payload['reason']}; the "
                f"host's call to {target.factory}() fails with TypeError",
                fix=f"pass what {target.name}'s constructor requires, or give it defaults",
                subject=target.factory,
            )
        else:
            yield from lifecycle_findings(target, payload, via_class, data, rechecked)


def _broken_bodies(bodies: list[tuple[Target, dict[str, Any]]]) -> Iterator[Finding]:
    """PC219 for a lifecycle method whose body, typed with the host's parameter types, fails
    at a spot where the wrong type raises, with every copy's types (its own, the host's, what
    the contract passes): once per method, at the first such line."""
    for target, payload in bodies:
        lifecycle = target.contract.lifecycle
        calls = lifecycle.calls if lifecycle is not None else None
        if calls is not None and target.member not in {c.method for c in calls}:
            continue  # the host never calls it
        broken = payload.get("broken") or []
        if not broken:
            continue
        line, col, code, said, param = broken[0]
        method = f"{target.name.rpartition('.')[2]}.{target.member}"
        yield PC219.at(
            target.plugin,
            Location(target.location.path, line, col),
            f"{method}'s body fails with the {param} the host passes: mypy, with the host's "
            f"types: {said} [{code}]; the host's call of {target.member} raises there",
            fix=f"use {param} as the type the host declares for it, or convert it first",
            subject=target.member,
        )


def _contract_type(target: Target) -> str:
    return f"{target.expected}" if target.expected else "its contract type"


def _defaults_set(target: Target, payload: dict[str, Any], data: RunInput) -> str | None:
    """``new.__defaults__ = ("hi",)`` after the def of a function export mypy found wrong."""
    reason = str(payload.get("reason") or "")
    if payload["kind"] != "mismatch" or not reason.startswith(
        ("it requires", "it accepts", "its param")
    ):
        return None  # not about its parameters
    info = data.index.info(target.location.path)
    if info is None or info.tree is None:
        return None
    return set_defaults.set_on(info.tree, target.name)


def _export(
    target: Target, payload: dict[str, Any], lifecycle_failed: set[tuple[Plugin, str | None]]
) -> Iterator[Finding]:
    kind = payload["kind"]
    plugin, name = target.plugin, target.name
    is_factory = (
        target.contract.lifecycle is not None
        and target.export is not None
        and target.contract.factory_of(plugin) == target.export.name
    )
    if kind in ("any", "unannotated"):
        if is_factory:
            return  # the lifecycle check says whether the factory's product is verifiable
        yield PC207.at(
            plugin,
            target.location,
            f"cannot verify {name} statically: it has no annotations, so mypy sees Any where "
            f"the contract requires {_contract_type(target)}; the dynamic harness checks it "
            "at run time",
            fix=f"annotate {name} with the parameter and return types of {target.expected}",
        )
        return
    if kind != "mismatch":
        return
    if payload.get("params_ok") and is_factory and (plugin, name) in lifecycle_failed:
        return  # the lifecycle finding explains the wrong product
    if payload.get("not_callable") and is_factory and (plugin, name) in lifecycle_failed:
        return  # PC202 says it: the factory is not callable (`new = property(...)`)
    message = (
        f"{name} does not match {_contract_type(target)}: expected {payload['expected']}, got "
        f"{payload['got']}" + (f"; {payload['reason']}" if payload.get("reason") else "")
    )
    severity = None
    if payload.get("return_only"):
        # An object the host types by a Protocol whose every call fits: the declared returns
        # are annotations nothing checks when the host calls it (logfire's pydantic plugin
        # declares a tuple of any length and returns three). What the host does with the
        # value shows only when it calls the method, which a static check does not.
        # Where the host's own calls of the method were read, what it does with the result
        # judges the declaration instead (pydantic unpacks logfire's tuple and reads each
        # handler only through getattr with a default: it fits).
        severity = Severity.INFO if payload.get("related") else Severity.WARNING
        message += (
            "; the host's calls fit"
            if payload.get("by_use")
            else "; the host's calls fit, and annotations are not checked at run time: whether"
            " the host can use what it returns shows only when it calls it, not checked here"
        )
    yield PC201.at(
        plugin,
        target.location,
        message,
        fix=f"give {name} the signature {payload['expected']}",
        subject=target.export.names[0] if target.export else name,
        severity=severity,
    )


def _body_errors(
    messages: list[tuple[Plugin, Message]],
    judged: list[tuple[Target, dict[str, Any]]],
) -> Iterator[Finding]:
    spans = {
        t.plugin: t.factory_span
        for t, p in judged
        if t.kind == "lifecycle" and t.factory_span and p["kind"] not in ("any", "unannotated")
    }
    for plugin, message in messages:
        span = spans.get(plugin)
        if (
            span is not None
            and message.code == "return-value"
            and message.path.resolve() == span[0].resolve()
            and span[1] <= message.line <= span[2]
        ):
            continue  # the lifecycle finding already says it
        hint = f" ({' '.join(message.hint.split())})" if message.hint else ""
        code = f" [{message.code}]" if message.code else ""
        yield PC208.at(
            plugin,
            Location(message.path, message.line, message.col),
            f"mypy: {message.message}{hint}{code}",
            fix="fix the type error, or run without --strict-plugins to check only the contract",
        )


def _left_out(contracts: Sequence[tuple[Contract, list[Plugin]]]) -> str | None:
    names = [c.name for c, plugins in contracts if plugins and typecheck.has_checks(c)]
    if not names:
        return None
    which = ", ".join(repr(n) for n in names)
    return (
        f"--no-mypy: signatures of contract{'s' if len(names) > 1 else ''} {which} not type-checked"
    )


register_pass(
    RunPass(name="mypy", order=10, run=run, enabled=_enabled, left_out=_left_out, submit=submit)
)
