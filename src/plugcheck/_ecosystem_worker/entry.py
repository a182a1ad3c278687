"""The ``setup`` mode: the entry function called once per plugin with fresh stand-ins, then
its result against the contract's ``returns``."""

from __future__ import annotations

import ast
import inspect
import sys
from functools import partial
from typing import Any, NamedTuple

from . import host_calls, shared
from .host_calls import StandInFailed
from .protocol import SetupWork, Where


class _Host(NamedTuple):
    """What the contract says the host passes and expects, loaded once."""

    rounds: list[tuple[list[Any], dict[str, Any]]]
    """Per call the host makes, the makers of its arguments and keywords."""
    builders: list[Any]
    expected: Any


def setup(request: SetupWork) -> None:
    samples = request.get("samples") or [[ref] for ref in request["stand_ins"]]
    keyword_samples = request.get("keyword_samples") or {
        k: [ref] for k, ref in request.get("keyword_stand_ins", {}).items()
    }
    times = max([len(s) for s in [*samples, *keyword_samples.values()]], default=1)
    made = [[shared.load(ref) for ref in refs] for refs in samples]
    keyword_made = {k: [shared.load(ref) for ref in refs] for k, refs in keyword_samples.items()}
    item_type = request.get("return_type") if request.get("returns") == "iterable" else None
    host = _Host(
        [
            ([m[i % len(m)] for m in made], {k: m[i % len(m)] for k, m in keyword_made.items()})
            for i in range(times)
        ],
        [shared.load(ref) for ref in request.get("instantiate_with", [])],
        shared.load(item_type) if item_type else None,  # each item of an iterable result
    )
    export = request["export"]
    refs = {plugin["name"]: plugin["ref"] for plugin in request["plugins"]}
    shared.bind(request)
    for name, obj in shared.loaded(request).items():
        # A module: the host looks the function up on it (also on what the module put in its
        # place in sys.modules, a SimpleNamespace or an instance, when the plugin is named by
        # its module alone); an entry point naming an object: the host calls what ep.load()
        # returned.
        looked_up = export != "entry-point" and (inspect.ismodule(obj) or ":" not in refs[name])
        if export == "entry-point":  # the host calls what ep.load() returned
            if inspect.ismodule(obj) and request.get("handed"):  # pytest11: the module itself
                _handed(request, name, obj.__name__, obj, getattr(obj, "__file__", None))
                continue
            if inspect.ismodule(obj):
                message = f"the entry point names the module {obj.__name__}, not a function"
                shared.invalid(name, f"{message}: calling it raises TypeError")
                continue
            function, called = obj, refs[name].partition(":")[2]
        else:
            function = getattr(obj, export, None) if looked_up else obj
            called = export
        if function is None and looked_up and hasattr(obj, export):
            # The module binds the name to None (a decorator that returns nothing): the host's
            # call raises TypeError, a refusal about that export, not an unchecked plugin.
            message = f"{called} is None, not a function: the host's call raises TypeError"
            shared.invalid(name, message, hook=called)
            continue
        if function is None and request.get("optional") and looked_up:
            shared.ok(name)  # the host calls the export only where the plugin defines it
            continue
        if request.get("handed") and function is not None and not callable(function):
            # A value the host takes as it is (isort's profiles: a dict its Config copies into
            # the settings it builds): what fails in the host's code is the plugin's.
            module = sys.modules.get(refs[name].partition(":")[0])
            _handed(request, name, called, function, getattr(module, "__file__", None))
            continue
        if not callable(function):
            shared.skipped(name, f"no callable {called}")
            continue
        module_file = getattr(inspect.getmodule(function), "__file__", None)
        if request.get("handed"):
            _handed(request, name, called, function, module_file)
            continue
        proves: bool | None = False
        for number in range(len(host.rounds)):  # in rounds, as the host calls it per item
            which = _which(samples, keyword_samples, number, len(host.rounds), function)
            call = _Call(name, obj, function, called, module_file, which)
            proves = _call(request, host, number, call)
            if proves is None:
                break
        else:
            shared.ok(name, proves=bool(proves))


class _Call(NamedTuple):
    """One plugin's entry function, and which of the host's calls this is."""

    name: str
    obj: Any
    function: Any
    called: str
    module_file: str | None
    which: str
    """``call 2 of 2 (plugin("")): ``; empty for a function called once."""


def _which(
    samples: list[list[str]],
    keyword_samples: dict[str, list[str]],
    number: int,
    times: int,
    function: Any,
) -> str:
    """``call 2 of 2 (fileobj = host.testing:empty_file): ``: the call and the samples it passes
    (each argument by its parameter's name where the signature reads); empty for one call."""
    if times == 1:
        return ""
    try:
        names = list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        names = []
    passed = [
        f"{names[i] if i < len(names) else f'argument {i + 1}'} = "
        + host_calls.spelled(s[number % len(s)])
        for i, s in enumerate(samples)
        if len(s) > 1
    ]
    passed += [
        f"{k} = {host_calls.spelled(s[number % len(s)])}"
        for k, s in keyword_samples.items()
        if len(s) > 1
    ]
    return f"call {number + 1} of {times} ({', '.join(passed)}): "


def _call(request: SetupWork, host: _Host, number: int, call: _Call) -> bool | None:
    """The host's ``number``-th call of the entry function, its result judged: whether the call
    stands for the host's (``_faithful``); ``None`` when it failed (said, with ``which``: the
    call's number and samples), or was not made."""
    name, obj, function, called, module_file, which = call
    makers, keyword_makers = host.rounds[number]
    try:
        arguments = [shared.named(_made(make, obj), name) for make in makers]
        keywords = {k: shared.named(_made(make, obj), name) for k, make in keyword_makers.items()}
    except BaseException as exc:
        # No frame of the plugin's module: the stand-in fails whatever the plugin (one
        # finding for the contract, PC418), not this plugin's failure.
        own = shared.plugin_frame(exc, module_file)["path"]
        shared.skipped(
            name,
            f"stand-in failed: {shared.said(exc)}",
            None if own else "stand-in",
        )
        return None
    try:
        with shared.bounded():
            result = function(*arguments, **keywords)
            itemised = None
            if request.get("returns") == "iterable" and shared.ACCEPTS.iterable(result):
                itemised = shared.ACCEPTS.iterate(result, called, host.expected)  # as the host
    except BaseException as exc:
        refused = shared.refusal(exc)
        # No frame in the plugin: the call itself failed (a signature that does not fit).
        frame = shared.plugin_frame(exc, module_file)
        message = f"{which}{called}() raised {shared.said(exc)}"
        at = frame if frame["path"] else shared.class_where(function)
        shared.invalid(name, message, at, refused=refused)
        return None
    if itemised is not None:  # at the function, as a wrong result of it
        shared.invalid(name, which + itemised, shared.class_where(function))
        return None
    try:
        built = [partial(_named, make, name) for make in host.builders]
        problem, where, refused, method = _returned(request, called, result, built, module_file)
    except StandInFailed as exc:
        own = shared.plugin_frame(exc.__cause__, module_file)["path"]
        shared.skipped(name, f"stand-in failed: {exc}", None if own else "instantiate-with")
        return None
    accepted_by = request.get("accepted_by")
    if problem is None and accepted_by:
        try:
            accept = shared.load(accepted_by)
        except BaseException as exc:  # the contract's callable, not the plugin's failure
            shared.skipped(name, f"accepted-by failed: {shared.said(exc)}", "stand-in")
            return None
        each = bool(request.get("accepted_each"))
        problem, where, refused = _accepted(accept, called, result, module_file, each, plugin=obj)
        method = None
    if problem:
        where = where or shared.class_where(function)
        hook, kind = method if method is not None else (None, None)
        shared.invalid(name, which + problem, where, hook=hook, problem=kind, refused=refused)
        return None
    return _faithful(arguments, request.get("argument_types", []))


def _made(make: Any, plugin: Any) -> Any:
    """A fresh stand-in. A maker with a parameter ``plugin`` is given what the host loaded
    (the module, or what its entry point names): hosts that build an object for each plugin
    (Pyramid's ``config.include`` hands ``includeme`` a Configurator of the add-on's package,
    against which its relative names resolve)."""
    return make(plugin=plugin) if host_calls.takes_plugin(make) else make()


def _handed(request: SetupWork, name: str, called: str, obj: Any, module_file: str | None) -> None:
    """The host's own code (``accepted_by``) given the object the export names, uncalled."""
    try:
        accept = shared.load(request.get("accepted_by") or "")
    except BaseException as exc:  # the contract's callable, not the plugin's failure
        shared.skipped(name, f"accepted-by failed: {shared.said(exc)}", "stand-in")
        return
    problem, where, refused = _accepted(accept, called, obj, module_file, handed=True, plugin=obj)
    if problem:
        where = where or shared.class_where(obj)
        if where["path"] is None:
            where = _binding_where(module_file, called)  # a value: where the module binds it
        shared.invalid(name, problem, where, refused=refused)
    else:
        shared.ok(name, proves=False)


def _binding_where(module_file: str | None, name: str) -> Where:
    """The module's last top-level assignment to ``name`` (a dict, a list: a value has no
    source of its own); no place when the module does not assign it plainly."""
    nowhere = Where(path=None, line=None)
    if module_file is None or not module_file.endswith(".py"):
        return nowhere
    try:
        with open(module_file, "rb") as source:
            tree = ast.parse(source.read())
    except (OSError, SyntaxError, ValueError, MemoryError, RecursionError):
        return nowhere
    lines = [
        stmt.lineno
        for stmt in tree.body
        if isinstance(stmt, (ast.Assign, ast.AnnAssign))
        for target in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
        if isinstance(target, ast.Name) and target.id == name
    ]
    return Where(path=module_file, line=lines[-1]) if lines else nowhere


def _faithful(arguments: list[Any], types: list[str]) -> bool:
    """Whether the call with these stand-ins stands for the host's: each argument whose class
    the contract declares is an object of exactly that class (not a fake, not a subclass that
    may add what the host's lacks)."""
    declared = [(a, t) for a, t in zip(arguments, types, strict=False) if t]
    try:
        return bool(declared) and all(type(a) is shared.load(t) for a, t in declared)
    except Exception:
        return False


class Failed(NamedTuple):
    """What of the host's use of the result failed: a method it calls (``kind`` ``None``) or an
    attribute it reads (``"attribute"``)."""

    name: str | None
    kind: str | None = None


def _returned(
    request: SetupWork,
    export: str,
    result: Any,
    builders: list[Any],
    module_file: str | None,
) -> tuple[str | None, Where | None, shared.Refused, Failed | None]:
    """What is wrong with the entry function's result for this host, where (a traceback),
    what the sandbox refused the plugin's code doing so (a returned class whose construction
    reads a file outside what plugins may read: PC420, not the host's refusal) and what of the
    host's use of it failed (a method of its ``calls``, an attribute it reads; ``None``: the
    result itself)."""
    returns = request.get("returns", "mapping-or-none")
    expected = None
    if returns in ("instance", "subclass"):
        return_type = request["return_type"]
        if return_type is None:  # the contract's validation requires it
            raise ValueError(f"returns = {returns!r} without a return_type")
        expected = shared.load(return_type)
    problem = shared.ACCEPTS.refused(
        export,
        returns,
        result,
        required_keys=request.get("required_keys", []),
        metadata_keys=request.get("metadata_keys"),
        expected=expected,
    )
    if problem is not None or returns not in ("instance", "subclass"):
        return problem, None, None, None
    obj, got = result, f"{export}() returned {type(result).__name__}"
    if returns == "subclass":
        got = f"{export}() returned {result.__qualname__}"
        try:
            arguments = [make() for make in builders]
        except BaseException as exc:  # the stand-in's failure, not the plugin's
            raise StandInFailed(shared.said(exc)) from exc
        try:
            with shared.bounded():
                obj = result(*arguments)
        except BaseException as exc:
            refused = shared.refusal(exc)  # first: describing it makes audit events of its own
            frame = shared.plugin_frame(exc, module_file)
            return (
                f"{got}, and instantiating it as the host does raised {shared.said(exc)}",
                frame if frame["path"] else shared.class_where(result),
                refused,
                None,
            )
    attributes = host_calls.attribute_types(request.get("attributes", []))
    problem, where, refused, read = host_calls.read(obj, got, attributes, module_file)
    if problem is not None:
        return problem, where or shared.class_where(type(obj)), refused, Failed(read, "attribute")
    calls = request.get("calls", [])
    for call in calls:
        problem, where, refused = host_calls.run(call, obj, got, module_file, calls)
        if problem is not None:
            return problem, where or shared.class_where(type(obj)), refused, Failed(call["method"])
    return None, None, None, None


def _accepted(
    accept: Any,
    export: str,
    result: Any,
    module_file: str | None,
    each: bool = False,
    handed: bool = False,
    plugin: Any = None,
) -> tuple[str | None, Where | None, shared.Refused]:
    """The host's own code given what the entry function returned (``accepted-by``; with
    ``each``, every element of a list; ``handed``: ``result`` is the export itself, uncalled):
    what it raises is the host's refusal, at the plugin's frame in the traceback when there is
    one. A callable with a parameter ``plugin`` is also given what the host loaded, as a
    stand-in is: a host whose entry function registers into the host's own tables (Hypothesis'
    setup hooks fill ``AVAILABLE_PROVIDERS``) is judged on what this plugin put there."""
    elements = list(result) if each and isinstance(result, list) else [result]
    extra = {"plugin": plugin} if host_calls.takes_plugin(accept) else {}
    index = 0
    try:
        with shared.bounded():
            for element in elements:
                accept(element, **extra)
                index += 1
    except BaseException as exc:
        refused = shared.refusal(exc)
        frame = shared.plugin_frame(exc, module_file)
        shown = f"{accept.__module__}.{getattr(accept, '__qualname__', accept)}"
        which = f"its element {index}" if each and isinstance(result, list) else "it"
        said = (
            f"the host's {shown}() refused {export}"
            if handed
            else f"{export}() returned {type(result).__name__}, and the host's {shown}() "
            f"refused {which}"
        )
        return (
            f"{said}: {shared.said(exc)}",
            frame if frame["path"] else None,
            refused,
        )
    return None, None, None


def _named(make: Any, name: str) -> Any:
    """What ``make`` builds, for the plugin ``name`` (``{ entry-point = "name" }``: its name)."""
    return shared.named(make(), name)
