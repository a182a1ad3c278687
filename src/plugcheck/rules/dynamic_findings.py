"""The harness's results turned into findings: each failed step, hang, crash, leak, forged
record or tampering, at the plugin's own line where the traceback shows one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import cast

from plugcheck.environment import Environment
from plugcheck.harness.protocol import (
    AnyStepFacts,
    IdentityFacts,
    ImportFacts,
    LookupFacts,
    RegisterFacts,
)
from plugcheck.harness.results import (
    Frame,
    Outcome,
    PluginResult,
    StepResult,
    failure,
    frame,
    step_deadline,
)
from plugcheck.model import Contract, Finding, Location, Plugin, Related, Severity
from plugcheck.rules.base import step_rule
from plugcheck.rules.declared_requirement import declared_requirement
from plugcheck.rules.dynamic_rules import (
    PC402,
    PC404,
    PC406,
    PC407,
    PC410,
    PC411,
    PC412,
    PC413,
    PC414,
    PC415,
    PC425,
    PC426,
    PC428,
    PC430,
)
from plugcheck.rules.host_call_text import host_call
from plugcheck.rules.host_names import host_packages
from plugcheck.rules.host_session import session_missing, without_session
from plugcheck.rules.host_shipped import shipped_by_host
from plugcheck.rules.import_libraries import import_time_library
from plugcheck.rules.leak_findings import exit_leaks, finalizer_leaks, left_behind, only_printed
from plugcheck.rules.log_output import NOTE, output_is_log
from plugcheck.rules.sandbox_refusal import refused_by_sandbox, sandbox_refused
from plugcheck.rules.step_subject import missing_name, step_subject
from plugcheck.static.index import ModuleIndex


def _loc(frame: Frame | None) -> Location | None:
    return Location(frame.path, frame.line) if frame is not None else None


def module_location(plugin: Plugin) -> Location:
    return Location(plugin.module_path, 1) if plugin.module_path else plugin.claim


def _inside(frame: Frame | None, plugin: Plugin) -> bool:
    if frame is None:
        return False
    path = frame.path.resolve()
    return any(
        path == root or root in path.parents for root in (r.resolve() for r in plugin.code_roots)
    )


def _describe(result: PluginResult, step: str) -> str:
    deadline = step_deadline(result.contract)
    factory = result.contract.factory_of(result.plugin) or "factory"
    timeout = "" if result.facts.get("shutdown", {}).get("no_timeout") else f"{deadline:g}"
    return {
        "import": f"importing {result.plugin.module}",
        "lookup": f"looking up the exports of {result.plugin.module}",
        "register": f"{result.facts.get('register', {}).get('hook', 'register')}(registry)",
        "factory": f"{factory}()",
        "identity": f"checking the type of {factory}()'s result",
        "init": "init(config)",
        "invalid-config": "init(invalid-config)",
        "run": "run()",
        "run-stop": "run() after shutdown was requested",
        "shutdown": f"shutdown({timeout})",
        "second-shutdown": f"a second shutdown({timeout})",
        "after-shutdown": "the checks after shutdown",
        "reload": f"importlib.reload({result.plugin.module})",
        "call": host_call(result.facts.get("call", {})),
        "at-exit": "an atexit handler it registered, run as the host's interpreter exits,",
        "release": f"a finalizer of {factory}()'s object, run as the host drops it,",
    }.get(step, step)


def _how(result: PluginResult, step: StepResult) -> str:
    deadline = step_deadline(result.contract)
    at = f"{step.where.path.name}:{step.where.line}" if step.where else ""
    where = f" (stuck at {at})" if at else ""
    if step.outcome is Outcome.RAISED and step.failure is not None:
        text = f"raised {step.failure}"
        origin = step.failure.frames[-1] if step.failure.frames else None
        if origin is not None:
            text += f" at {origin.path.name}:{origin.line}"
        printed = step.name in ("at-exit", "release")  # the interpreter only prints it there
        if step.failure.type in ("KeyboardInterrupt", "SystemExit") and not printed:
            text += ", which stops the host itself"
        return text
    if step.outcome is Outcome.TIMEOUT and step.waited >= 0.05:  # it was given that much more
        held = f"the {step.waited:.1f} s it waited for a processor other processes held"
        return f"did not finish within {deadline:g} s plus {held}{where}"
    if step.outcome is Outcome.TIMEOUT:
        return f"did not finish within {deadline:g} s{where}"
    if step.outcome is Outcome.CRASHED:
        return f"killed the process with {step.detail}" + (f" at {at}" if at else "")
    if step.outcome is Outcome.EXITED:
        return f"ended the process ({step.detail})" + (f" at {at}" if at else "")
    if step.outcome is Outcome.LOST and step.detail:
        return f"cut the harness off: {step.detail}"
    if step.outcome is Outcome.LOST:
        return (
            "cut the harness off: the process stopped reporting (it closed or took over file "
            "descriptors it does not own)"
        )
    return str(step.outcome.value)


def _step_location(result: PluginResult, step: StepResult) -> Location:
    plugin = result.plugin
    if step.name in ("import", "lookup", "reload"):
        candidates = [
            step.failure.frames[-1] if step.failure and step.failure.frames else None,
            step.where,
        ]
    else:
        candidates = [
            step.target,
            step.where,
            step.failure.frames[-1] if step.failure and step.failure.frames else None,
        ]
    for candidate in candidates:
        if _inside(candidate, plugin):
            return Location(candidate.path, candidate.line)  # type: ignore[union-attr]
    return module_location(plugin)


def findings_for(
    result: PluginResult, index: ModuleIndex | None = None, env: Environment | None = None
) -> Iterator[Finding]:
    """The findings one plugin's harness run yields (before static explanations are applied)."""
    for finding, _ in observed(result, index, env):
        yield finding


_HARD = (Outcome.TIMEOUT, Outcome.CRASHED, Outcome.EXITED, Outcome.LOST)
"""Outcomes no static finding explains away: the host itself hangs or dies."""


def observed(
    result: PluginResult, index: ModuleIndex | None, env: Environment | None = None
) -> Iterator[tuple[Finding, bool]]:
    """Each finding, and whether it is an exception or wrong value a static error may have
    predicted (``False`` for a crash, an exit, a hang or a lost process)."""
    plugin = result.plugin
    facts = result.facts
    if result.harness_attack:
        yield _attack(result), False
        return  # its own records went down with the server: nothing else is known
    if result.forged:
        yield _forgery(result), False
    for step in result.steps:
        if step.outcome in (Outcome.OK, Outcome.SKIPPED):
            continue
        if (refusal := refused_by_sandbox(step)) is not None:
            where = _step_location(result, step)
            yield sandbox_refused(plugin, step, refusal, _describe(result, step.name), where), False
            continue
        if without_session(result, step):
            where = _step_location(result, step)
            yield session_missing(result, step, _describe(result, step.name), where), False
            continue
        code = step_rule(step.name) or PC407
        message = f"{_describe(result, step.name)} {_how(result, step)}"
        subject = step_subject(result, step)
        declared = declared_requirement(plugin, subject, env) if step.name == "import" else None
        fix = None
        if declared is not None:
            requirement, installed = declared
            message += f"; {plugin.name} declares `{requirement}`, which " + (
                f"is installed ({installed}) but does not provide"
                f" {missing_name(step, subject or '')!r}"
                if installed
                else "is not installed in the target environment"
            )
            fix = f"install the requirements where the host runs: pip install {requirement!r}"
        # An atexit handler's or finalizer's exception (SystemExit too) is only printed.
        printed = only_printed(step)
        if printed:
            after = "goes on" if step.name == "release" else "exits with the host's own status"
            message += f"; the interpreter prints its traceback and {after}"
        finding = code.at(
            plugin,
            _step_location(result, step),
            message,
            fix=fix,
            related=_traceback(step),
            subject=subject,
            severity=Severity.WARNING if printed else None,
        )
        yield finding, step.outcome not in _HARD
    for finding in (
        *_lookup(result, facts.get("lookup", {}), index),
        *_identity(result, facts.get("identity", {})),
        *_registered(result, facts.get("register", {})),
        *_lifecycle_facts(result),
        *_effects(result, facts.get("import", {}), env),
        *_stdout(result),
        *_tampering(result),
        *_patching(result),
    ):
        yield finding, not _stuck(finding, result)


def _stuck(finding: Finding, result: PluginResult) -> bool:
    return finding.code == PC407.code and bool(result.facts.get("run", {}).get("stuck"))


def _attack(result: PluginResult) -> Finding:
    return PC426.at(
        result.plugin,
        module_location(result.plugin),
        f"{result.harness_attack} while this plugin's process ran (seen by plugcheck from "
        "outside); the plugin's own step results were lost with the server",
    )


def _forgery(result: PluginResult) -> Finding:
    step = result.step(result.forged_step) if result.forged_step else None
    during = f"during {_describe(result, step.name)}, " if step is not None else ""
    return PC425.at(
        result.plugin,
        _step_location(result, step) if step is not None else module_location(result.plugin),
        f"{during}the harness's record of this plugin is not its own: " + "; ".join(result.forged),
    )


def _traceback(step: StepResult) -> list[Related]:
    """The plugin's own frames of the exception, outermost first, as related locations."""
    if step.failure is None or step.outcome is not Outcome.RAISED:
        return []
    related = []
    for at, repeats in step.failure.collapsed():
        note = f"traceback: in {at.function}" + (f": {at.source}" if at.source else "")
        if repeats:
            note += f" (and {repeats} more times)"
        related.append(Related(Location(at.path, at.line), note))
    return related


def _lookup(
    result: PluginResult, facts: LookupFacts, index: ModuleIndex | None
) -> Iterator[Finding]:
    missing = facts.get("missing", [])
    plugin = result.plugin
    for export, name, why in facts.get("mismatched", []):
        yield PC428.at(
            plugin,
            _bound_at(plugin, [name.partition(".")[0]], index) or module_location(plugin),
            f"{name} {why}, at run time; the host's use of it fails",
            subject=export,
        )
    if not missing:
        return  # most plugins: nothing to place, so their source is not parsed again
    for names in missing:
        wanted = " or ".join(repr(n) for n in names)
        message = f"module {plugin.module} has no attribute {wanted} once imported"
        bound = _bound_at(plugin, names, index)
        if bound is not None:
            # The source defines it, yet the imported module lacks it: a condition or a `del`.
            message += f" (the source defines it at line {bound.line}, but it did not run)"
        location = bound or module_location(plugin)
        yield PC402.at(plugin, location, message + "; the host's lookup fails", subject=names[0])


def _bound_at(plugin: Plugin, names: list[str], index: ModuleIndex | None) -> Location | None:
    """Where the plugin module's source binds the first of ``names`` it binds, if any."""
    info = index.info(plugin.module_path) if index and plugin.module_path else None
    symbol = next((info.symbols[n] for n in names if info and n in info.symbols), None)
    return Location(info.path, symbol.line, symbol.col) if info and symbol else None


def _identity(result: PluginResult, facts: IdentityFacts) -> Iterator[Finding]:
    if not facts or facts.get("ok", True):
        return
    plugin = result.plugin
    factory_step = result.step("factory")
    type_where = _frame(facts.get("type_where"))
    location = (
        _loc(type_where)
        if _inside(type_where, plugin)
        else _step_location(result, factory_step)
        if factory_step
        else module_location(plugin)
    )
    assert location is not None
    expected = facts.get("expected")
    proto_file = facts.get("proto_file")
    factory = result.contract.factory_of(result.plugin) or "factory"
    message = f"{factory}() returned {facts.get('type')}, which is not "
    if facts.get("isinstance"):
        message = f"{factory}() returned {facts.get('type')}, which passes isinstance() only "
        message += "structurally and is not a subclass of "
    message += f"the host's {expected}"
    if isinstance(proto_file, str):
        message += f" (from {_shown(Path(proto_file))})"
    reasons = []
    related = []
    missing = facts.get("missing_members")
    if isinstance(missing, list) and missing:
        reasons.append("it lacks " + ", ".join(f"{m}()" for m in missing))
    unset = facts.get("none_members")
    if isinstance(unset, list) and unset:
        reasons.extend(f"its {m}() is None, not a method" for m in unset)
    vendored = facts.get("vendored")
    if isinstance(vendored, list):
        for copy in vendored:
            other = copy["file"]
            reasons.append(
                f"its base {copy['class']} is a different class object with the same name, "
                f"loaded from {_shown(Path(other)) if other else copy['module']} "
                "(a vendored copy of the API)"
            )
            if other:
                related.append(Related(Location(Path(other), 1), "the other copy"))
    aliases = facts.get("aliases")
    if isinstance(aliases, list) and aliases:
        reasons.append(
            f"the API module {facts.get('proto_module')} is also loaded as "
            + ", ".join(aliases)
            + " from the same file: two module objects, two sets of classes"
        )
    if reasons:
        message += ": " + "; ".join(reasons)
    yield PC404.at(plugin, location, message, related=related, subject=factory)


def _registered(result: PluginResult, facts: RegisterFacts) -> Iterator[Finding]:
    """The register hook returned, yet the registry holds no more entries than before."""
    before, after = facts.get("before"), facts.get("after")
    step = result.step("register")
    if not isinstance(before, int) or not isinstance(after, int) or after > before or not step:
        return
    lifecycle = result.contract.lifecycle
    registry = lifecycle.registry if lifecycle else None
    yield PC415.at(
        result.plugin,
        _step_location(result, step),
        f"{facts.get('hook')}(registry) returned without adding anything to the {registry}: "
        "the host will not find the plugin under any name",
        severity=Severity.WARNING,
        subject=str(facts.get("hook") or "") or None,
    )


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it is inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _frame(raw: object) -> Frame | None:
    return frame(raw)


def _lifecycle_facts(result: PluginResult) -> Iterator[Finding]:
    plugin = result.plugin
    facts = result.facts
    invalid = facts.get("invalid-config", {})
    if invalid.get("accepted"):
        target = _frame(invalid.get("target"))
        yield PC406.at(
            plugin,
            _loc(target) if _inside(target, plugin) else module_location(plugin),  # type: ignore[arg-type]
            "init() accepted the contract's invalid-config without raising; the host cannot "
            "tell a misconfigured plugin from a working one",
            subject="init",
        )
    run = facts.get("run", {})
    run_step = result.step("run")
    if run and run_step is not None:
        location = _step_location(result, run_step)
        if run.get("stuck"):
            where = _frame(run.get("where"))
            at = f" (stuck at {where.path.name}:{where.line})" if where else ""
            deadline = step_deadline(result.contract)
            message = f"run() did not return within {deadline:g} s after shutdown(){at}"
            yield PC407.at(plugin, location, message, subject="run")
        elif run.get("error"):
            error = failure(run["error"])
            yield PC407.at(plugin, location, f"run() raised {error}", subject="run")
    leaks = facts.get("after-shutdown", {})
    if leaks:
        shutdown = result.step("shutdown")
        location = _step_location(result, shutdown) if shutdown else module_location(plugin)
        parts, related = left_behind(leaks)
        severity = (
            Severity.ERROR if leaks.get("threads") or leaks.get("children") else Severity.WARNING
        )
        if parts:  # facts that name nothing left behind say nothing
            yield PC410.at(
                plugin,
                location,
                "left behind after shutdown() returned: " + "; ".join(parts),
                related=related,
                severity=severity,
            )
    release = result.step("release")
    if release is not None:
        yield from finalizer_leaks(
            result, _describe(result, "release"), _step_location(result, release)
        )
    yield from exit_leaks(result, module_location(plugin))
    reload = facts.get("reload", {})
    if reload.get("stale") or reload.get("missing"):
        what = (
            f"the factory still builds {reload['stale']} from before the reload (stale class "
            "identity)"
            if reload.get("stale")
            else f"{reload['missing']} is gone after the reload"
        )
        yield PC413.at(
            plugin,
            module_location(plugin),
            f"importlib.reload({plugin.module}): {what}",
        )


def _effects(
    result: PluginResult, facts: ImportFacts, env: Environment | None
) -> Iterator[Finding]:
    events = facts.get("effects")
    if not isinstance(events, list) or not events:
        return
    plugin = result.plugin
    # What the host's own modules do when first imported (virtualenv.info probing the file
    # system) is the host's: it happens in every host run, whatever plugin is installed.
    hosts = host_dirs(result.contract, env)
    events = [
        e
        for e in events
        if (where := _frame(e.get("where"))) is None
        or not any(d == where.path or d in where.path.parents for d in hosts)
        or where.path == plugin.root
        or plugin.root in where.path.parents
    ]
    # Writing to /dev/null changes nothing (GitPython's refresh() sends git's output there).
    events = [
        e for e in events if not (e.get("kind") == "file write" and e.get("detail") == "/dev/null")
    ]
    if not events:
        return
    first = next((f for e in events if _inside(f := _frame(e.get("where")), plugin)), None)
    listed = []
    for event in events[:5]:
        where = _frame(event.get("where"))
        at = f" ({where.path.name}:{where.line})" if where else ""
        listed.append(f"{event['kind']} {event['detail']}".strip() + at)
    more = f" and {len(events) - 5} more" if len(events) > 5 else ""
    # A plugin the host's own distribution ships (keyring's macOS backend, whose ctypes
    # find_library runs ldconfig) is loaded on every host run whatever the user installs: its
    # import is the host's work too, which no plugin author can change. Information.
    host = shipped_by_host(plugin, result.contract)
    # Every event made while a library's own import statement ran (`import git`: GitPython's
    # refresh() runs `git version`) is that library's import-time work, the same in every
    # program that imports it: the plugin's code does nothing. Information, naming the library.
    library = import_time_library([_frame(e.get("where")) for e in events], plugin)
    said = ""
    if host:
        said = f" (a plugin {host}, the host, ships: every host run does this)"
    elif library:
        said = (
            f" (all made by the import of {library}, a library's own import-time work: the "
            "plugin's code does none; import it where it is used to keep it off the host's start)"
        )
    yield PC411.at(
        plugin,
        _loc(first) or module_location(plugin),
        "side effects during import: " + "; ".join(listed) + more + said,
        severity=Severity.INFO if host or library else None,
    )


def host_dirs(contract: Contract, env: Environment | None) -> list[Path]:
    """The directories of the contract's host packages in the target environment."""
    entries = (*contract.search_path, *(env.sys_path if env else ()))
    return [
        entry / package
        for package in host_packages(contract)
        for entry in entries
        if package and (entry / package).is_dir()
    ]


def _stdout(result: PluginResult) -> Iterator[Finding]:
    plugin = result.plugin
    if not result.stdout_bytes and not any(s.stdout_bytes for s in result.steps):
        return
    # The first step that wrote, as the worker said the moment it happened.
    name, where = "the run", None
    for step_name, facts in _per_step(result):
        if "stdout_at" in facts:
            name, where = step_name, _frame(facts["stdout_at"])
            break
    else:  # written past sys.stdout (os.write(1, ...)): the first step whose output grew
        name = next((s.name for s in result.steps if s.stdout_bytes), name)
    step = result.step(name)
    if _inside(where, plugin):
        location = _loc(where)
    elif step is not None and name not in ("import", "lookup"):
        location = _step_location(result, step)
    else:
        location = module_location(plugin)
    assert location is not None
    total = result.stdout_bytes or sum(s.stdout_bytes for s in result.steps)
    head = result.stdout_head[:60]
    wrote = f"writes to stdout during {name} ({total} bytes, starting {head!r})"
    if output_is_log(result.contract):  # the host's stdout is a log a person reads
        yield PC412.at(plugin, location, f"{wrote}: {NOTE}", severity=Severity.INFO)
        return
    yield PC412.at(plugin, location, f"{wrote}; stdout belongs to the host")


def _per_step(result: PluginResult) -> Iterator[tuple[str, AnyStepFacts]]:
    """Each step's facts as far as every step may carry them (stdout, tampering)."""
    for step, facts in result.facts.items():
        yield step, cast(AnyStepFacts, facts)


def _tampering(result: PluginResult) -> Iterator[Finding]:
    for step, facts in _per_step(result):
        problems = facts.get("tampered")
        if not problems:
            continue
        location = module_location(result.plugin)
        step_result = result.step(step)
        if step_result is not None and step not in ("import", "lookup"):
            location = _step_location(result, step_result)
        yield PC414.at(
            result.plugin,
            location,
            f"during {step}, the plugin " + "; ".join(problems),
        )


def _patching(result: PluginResult) -> Iterator[Finding]:
    for _, facts in _per_step(result):
        for when, who, what, name, *aliases in facts.get("patched") or []:
            also = ", ".join(repr(a) for a in aliases[:4])
            libraries = who.removeprefix("library:")
            doer = (
                "the plugin"
                if who == "plugin"
                else f"the plugin, or a module it first imported ({libraries}),"
            )
            yield PC430.at(
                result.plugin,
                module_location(result.plugin),
                f"{when}, {doer} {what} {name!r}"
                + (f" (also reached as {also})" if also else "")
                + ", which the host had imported before its plugins: the host and every "
                "plugin it loads after this one run with the change",
                subject=name,
                # A library's own import may make the change (importlib_metadata's deletes
                # PathFinder.find_distributions): the same in the host, whoever loads it.
                severity=None if who == "plugin" else Severity.INFO,
            )
