"""(the hooks' child) Each hook a registered plugin implements called as the host calls it: in
the host's order, with fresh stand-ins, as many times as the contract says (``calls``) or as
an argument has samples (``samples``), its results judged as the host takes them."""

from __future__ import annotations

import contextlib
import inspect
import sys
from collections.abc import Callable
from typing import Any

from . import host_calls, shared
from .protocol import PluggyWork, Where


def _spec_order(request: PluggyWork) -> Callable[[Any], tuple[int, int]]:
    """Where the host calls a hook in the order of its calls: historic hooks first
    (pluggy replays a ``call_historic`` made before the plugin's ``register`` inside it: a
    ``*_configure`` hook has run before any other), then the hookspecs in the order their
    modules define them (a plugin keeps in ``configure`` what ``collect`` reads), hooks
    without a spec last. Not alphabetical: ``collect`` before ``configure`` failed plugins
    that work and passed plugins that do not."""
    position: dict[str, int] = {}
    for ref in request["hookspecs"]:
        with contextlib.suppress(Exception):
            for name in vars(shared.load(ref)):
                position.setdefault(name, len(position))

    def key(caller: Any) -> tuple[int, int]:
        return (0 if _historic(caller) else 1, position.get(caller.name, len(position)))

    return key


def _historic(caller: Any) -> bool:
    return caller.spec is not None and bool(caller.spec.opts.get("historic"))


def _times(request: PluggyWork, caller: Any, names: list[str]) -> int:
    """How many times the host calls ``caller``'s hook: once for a historic hook (pluggy
    replays the host's one ``call_historic`` at ``register``), else the contract's ``calls``
    for it, at least as many as the most samples one of its arguments has."""
    if _historic(caller):
        return 1
    samples = request.get("samples", {})
    wanted = request.get("calls", {}).get(caller.name, request.get("default_calls", 1))
    return max([wanted, *(len(samples[a]) for a in names if a in samples)])


def call_hooks(
    request: PluggyWork, manager: Any, plugin: Any, name: str, calling: Callable[[str], object]
) -> None:
    """Call the hooks ``plugin`` implements, as the host would: keyword arguments from fresh
    stand-ins, historic hooks through ``call_historic``, hooks without a spec only when the
    host declares what it passes. A hook whose arguments have no stand-in is skipped. Hooks
    called more than once are called in rounds (round ``i`` calls every hook with more than
    ``i`` calls, its arguments' ``i``-th samples, cycled), as a host calls its hooks once per
    item it handles; a hook stops at its first failure, which names the call and the samples.
    ``calling`` is told each hook's name before its call."""
    makers = {arg: shared.load(ref) for arg, ref in request["stand_ins"].items()}
    samples = {
        arg: [shared.load(ref) for ref in refs] for arg, refs in request.get("samples", {}).items()
    }
    kept = _Kept([*makers.values(), *(s for made in samples.values() for s in made)])
    returns = request.get("hook_returns", {})
    bases, returns = _return_types(returns)
    read = {h: host_calls.attribute_types(r.get("attributes", [])) for h, r in returns.items()}
    passed = request.get("optional_arguments", {})
    module_file = module_file_of(plugin)
    order = _spec_order(request)
    callers = manager.get_hookcallers(plugin) or ()
    only = request.get("only_hooks")
    planned: list[tuple[Any, list[str], list[Any], int]] = []
    for caller in sorted(callers, key=lambda c: (*order(c), c.name)):
        if only is not None and caller.name not in only:
            continue  # the contract calls only these (pytest_addoption at every start-up)
        if caller.spec is not None:
            names = list(caller.spec.argnames)
        elif caller.name in passed:
            names = list(passed[caller.name])
        else:
            continue  # the host never calls a hook it has no spec for
        own = [i for i in caller.get_hookimpls() if i.plugin is plugin]
        wanted = {a for impl in own for a in impl.argnames}
        if own and wanted <= set(makers):
            planned.append((caller, names, own, _times(request, caller, names)))
    said = False
    last: tuple[Any, list[Any], str] | None = None
    """The hook called last, its hookimpls and its call: what rewrote a stand-in since."""
    failed: set[str] = set()
    warned: set[tuple[str, str]] = set()  # (hook, problem) refused only softly: _judged
    for round_ in range(max((p[3] for p in planned), default=0)):
        for caller, names, own, times in planned:
            if round_ >= times or caller.name in failed:
                continue
            if (rewrote := kept.rewritten()) and last is not None:
                # A hook that rewrote a stand-in's code made the host's later arguments its own
                # (a "page" that is never empty): its failure (red team red51).
                hook, hook_own, hook_which = last
                failed.add(hook.name)
                message = (
                    f"{hook_which}{hook.name}() rewrote the contract's stand-in "
                    f"{rewrote} in the host's process (its code, defaults or closure): the "
                    "host's later calls would get what the plugin made, not the host's values"
                )
                where = _at(None, hook_own, module_file)
                shared.call_failed(name, message[:2000], where, hook=hook.name)
                if caller.name in failed:
                    continue
            which = _which(request, names, round_, times)
            kwargs: dict[str, Any] = {}
            making = ""
            try:
                for making in (a for a in names if a in makers):
                    sample = samples.get(making)
                    kwargs[making] = (sample[round_ % len(sample)] if sample else makers[making])()
            except BaseException as exc:
                failed.add(caller.name)  # the hook is not called
                refused = shared.refusal(exc)
                where = shared.plugin_frame(exc, module_file)
                if where["path"]:
                    # The plugin's code ran in making the host's argument (it rewrote what the
                    # stand-in calls): its failure. Before, it was passed over in silence, and
                    # a plugin broke the stand-in of the call it would fail (red team red50).
                    message = (
                        f"{which}making the contract's stand-in for {making!r} raised "
                        f"{shared.said(exc)} in the plugin's code, calling {caller.name}"
                    )
                    shared.call_failed(
                        name, message[:2000], where, hook=caller.name, refused=refused
                    )
                elif not said:
                    # The stand-in's failure, not the plugin's: with no frame of the plugin's
                    # code, it fails whatever the plugin (one PC418 for the contract).
                    reason = f"stand-in failed: {shared.said(exc)}"
                    shared.skipped(name, f"{reason}, calling {caller.name}"[:2000], "hook-stand-in")
                    said = True
                continue
            calling(caller.name)
            last = (caller, own, which)
            results = _call_once(request, caller, own, kwargs, name, module_file, which)
            judged = (returns, bases, read)
            if results is None:
                failed.add(caller.name)
                continue
            if not _judged(caller, own, results, judged, name, which, warned):
                failed.add(caller.name)


class _Kept:
    """The stand-ins' makers as loaded, with what a plugin can rewrite of a function in its
    own process (``__code__``, ``__defaults__``, ``__kwdefaults__``, ``__closure__``'s cells'
    contents), to tell a rewrite from the host's own and to put the host's back."""

    _PARTS = ("__code__", "__defaults__", "__kwdefaults__")

    def __init__(self, makers: list[Any]) -> None:
        self.makers = [m for m in makers if inspect.isfunction(m)]
        self.state = [self._state(m) for m in self.makers]

    def _state(self, maker: Any) -> tuple[Any, ...]:
        cells = tuple(_cell(c) for c in maker.__closure__ or ())
        return (*(getattr(maker, part) for part in self._PARTS), cells)

    def rewritten(self) -> str | None:
        """The first maker rewritten since (its name), put back as the host made it."""
        for maker, was in zip(self.makers, self.state, strict=True):
            now = self._state(maker)
            if any(a is not b for a, b in zip(now[:3], was[:3], strict=True)) or any(
                a is not b for a, b in zip(now[3], was[3], strict=True)
            ):
                for part, value in zip(self._PARTS, was, strict=False):
                    with contextlib.suppress(Exception):
                        setattr(maker, part, value)
                for cell, value in zip(maker.__closure__ or (), was[3], strict=False):
                    with contextlib.suppress(Exception):
                        cell.cell_contents = value
                return f"{maker.__module__}:{maker.__qualname__}"
        return None


def _cell(cell: Any) -> Any:
    try:
        return cell.cell_contents
    except ValueError:  # empty
        return None


def _which(request: PluggyWork, names: list[str], round_: int, times: int) -> str:
    """``call 2 of 3 (page = host.testing:empty_page): ``, the call that failed and the
    samples it passed, for a hook called more than once; empty for one called once."""
    if times == 1:
        return ""
    samples = request.get("samples", {})
    shown = ", ".join(
        f"{a} = {_ref(samples[a][round_ % len(samples[a])])}" for a in names if a in samples
    )
    return f"call {round_ + 1} of {times}" + (f" ({shown})" if shown else "") + ": "


def _ref(ref: str) -> str:
    """A stand-in as the contract spells it: ``module:callable``, or the literal's JSON."""
    return ref[1:] if ref.startswith(":") else ref


def _call_once(
    request: PluggyWork,
    caller: Any,
    own: list[Any],
    kwargs: dict[str, Any],
    name: str,
    module_file: str | None,
    which: str,
) -> list[Any] | None:
    """One call of ``caller``'s hook: its results; ``None`` (and the failure said) when it
    raised."""
    try:
        with shared.bounded():
            if _historic(caller):
                results: list[Any] = []
                caller.call_historic(result_callback=results.append, kwargs=kwargs)
            else:
                results = shared.ACCEPTS.hook_results(caller, caller(**kwargs))
            for value in results:
                shared.ACCEPTS.awaited(value, bool(request.get("awaits")))
    except BaseException as exc:
        refused = shared.refusal(exc)
        message = which + f"{caller.name}() raised {shared.said(exc)}"
        where = _at(exc, own, module_file)
        shared.call_failed(name, message[:2000], where, hook=caller.name, refused=refused)
        return None
    return results


def _judged(
    caller: Any,
    own: list[Any],
    results: list[Any],
    judged: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
    name: str,
    which: str,
    warned: set[tuple[str, str]],
) -> bool:
    """What the hook returned, judged as the host takes it (``judged``: what it accepts of
    each hook, the classes it names, the attributes it reads); False (and said) when
    refused. True after a soft refusal, another iterable where a list is declared (a warning
    where the host only iterates it), said once per hook and kind (``warned``): the host's
    later calls are still made, since a plugin whose first call returned a tuple on purpose
    and whose second raised had the hook stopped at that warning, its error never seen (red
    team red50)."""
    returns, bases, read = judged
    module_file = module_file_of(own[0].plugin)
    accepts = returns.get(caller.name)
    try:  # the host's reads of attributes run the plugin's properties
        with shared.bounded():
            why = accepts and shared.ACCEPTS.refused_results(
                caller.name, results, accepts, bases.get(caller.name), read.get(caller.name, ())
            )
    except BaseException as exc:
        refused = shared.refusal(exc)  # first: describing it makes audit events of its own
        message = f"the host's read of what {caller.name}() returned raised {shared.said(exc)}"
        where = _at(exc, own, module_file)
        message = which + message
        shared.call_failed(name, message[:2000], where, hook=caller.name, refused=refused)
        return False
    if not why:
        return True
    where = _at(None, own, module_file)
    soft = accepts and accepts.get("declared")
    expected = bases.get(caller.name)
    problem = (
        shared.ACCEPTS.iterable_kind(results, expected)
        if soft and shared.ACCEPTS.other_sequences(results, expected)
        else "returns"
    )
    if (caller.name, problem) in warned:
        return True  # said at an earlier call
    message = which + why
    shared.call_failed(name, message[:2000], where, hook=caller.name, problem=problem)
    if problem == "returns":
        return False
    warned.add((caller.name, problem))
    return True


def _return_types(returns: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Each hook's ``return_type`` loaded, and the entries still judged: one read from a
    hookspec's annotation whose class does not import (a library the host imports only for
    type checking) is dropped, not a failure of the plugin's."""
    bases: dict[str, Any] = {}
    judged = dict(returns)
    for hook, wanted in returns.items():
        if not (ref := wanted.get("return_type")):
            continue
        try:
            bases[hook] = shared.load(ref)
        except Exception:
            if not wanted.get("declared"):
                raise
            del judged[hook]
    return bases, judged


def module_file_of(plugin: Any) -> str | None:
    """The file of the module that defines ``plugin`` (a module or a class's)."""
    return getattr(inspect.getmodule(plugin), "__file__", None) or getattr(
        sys.modules.get(getattr(plugin, "__module__", "")), "__file__", None
    )


def _at(exc: BaseException | None, own: list[Any], module_file: str | None) -> Where:
    """Where a hook call went wrong: the innermost frame of ``exc`` in the plugin, else the
    first hookimpl's ``def`` line."""
    frame = shared.plugin_frame(exc, module_file)
    code = getattr(inspect.unwrap(own[0].function), "__code__", None)
    if not frame["path"] and code is not None:
        frame = Where(path=code.co_filename, line=code.co_firstlineno)
    return frame
