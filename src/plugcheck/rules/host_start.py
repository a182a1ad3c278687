"""PC422 and PC424: a plugin that keeps the host from starting is reported once, against it.

A host that loads its plugins while one of its own modules is imported (OpenStackClient's
``clientmanager`` reads every extension's ``API_NAME`` when imported, papermill's engines,
Datasette's ``datasette.plugins``) cannot start at all with one such plugin broken: the module
the host imports first raises, and so does the import of every plugin that imports it. That is
the broken plugin's failure (PC422, once, naming the host's step that fails); each plugin it
kept from being checked says so (PC424, which fails the run: never a pass).

Blame needs two things: the failure points into the plugin (a frame in its files, or the module
an ``AttributeError`` or ``ImportError`` is about: the host's code read a name the plugin lacks),
and the plugin fails on its own in this run (an error of its own). A plugin shapes its own
exceptions and frames, so it can point at another plugin: a blame it forges turns its own
failure into PC424, which fails the run as well, and never lands on a plugin without errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plugcheck.harness.results import Frame, PreloadRaised
from plugcheck.model import Explained, Finding, Location, Partial, Phase, Plugin, Related, Severity
from plugcheck.rules.base import rule
from plugcheck.rules.dynamic_findings import module_location

if TYPE_CHECKING:
    from plugcheck.passes import Accepted, RunInput

Key = tuple[str, str]
"""``Plugin.key``: entry points naming one module share it."""

PC422 = rule(
    "PC422",
    "breaks-host-start",
    Severity.ERROR,
    "The host cannot start, or cannot load its other plugins, with this plugin installed: a "
    "module the host imports before its plugins (the contract's preload), or the import of "
    "other plugins, fails inside it or on a name it lacks.",
    phase=Phase.DYNAMIC,
    fix="fix the plugin's own failure (its other findings name it): until then the host "
    "fails for every plugin, not only this one",
)
PC424 = rule(
    "PC424",
    "not-checked-host-broken",
    Severity.INFO,
    "The plugin was not checked as the host loads it: another plugin keeps the host from "
    "starting (that plugin's PC422, when one can be named), so the host never gets to load "
    "this one, or plugcheck's sandbox refused another plugin's code that the host runs first "
    "(that plugin's PC420). A run with it never passes.",
    phase=Phase.DYNAMIC,
    fix="fix or uninstall the plugin its PC422 names, then check again",
)


@dataclass(slots=True)
class Observed:
    """What one plugin's harness result adds to the run."""

    plugin: Plugin
    steps: list[tuple[str, str]]
    accepted: list[Accepted] = field(default_factory=list)
    unchecked: list[Finding] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    explained: list[Explained] = field(default_factory=list)
    """What the harness saw that an earlier finding explained (not reported, said in a note)."""
    import_failure: str = ""
    """The exception importing the plugin raised (``ModuleNotFoundError: ...``), if it did."""
    raised_at: Frame | None = None
    """Where that exception was raised: the innermost frame of its traceback."""
    own_frame: Frame | None = None
    """The innermost frame of that traceback in the plugin's own module (its package, for a
    package): the plugin's line that led there, where the host's file raised it."""
    raised_about: Path | None = None
    """The file of the module that exception is about (``Failure.subject``), if any."""
    refused_at: Frame | None = None
    """Where that exception was raised when it carries the sandbox's refusal (another
    plugin's code, which the host's import the plugin makes ran first, may be to blame)."""
    import_finding: Finding | None = None
    """The finding reporting that failure, unless a static finding explained it."""
    preload_raised: PreloadRaised | None = None
    """A preload left to the plugin's process that raised there (outside the plugin's files),
    as that process says: the plugin's own word."""
    registry_keys: dict[str, dict[str, str]] = field(default_factory=dict)
    """The keys its import added to each of the contract's ``registries``, each with where the
    value stored there was defined (its own word)."""
    seen: list[tuple[Finding, bool]] = field(default_factory=list)
    """What the harness saw, each with whether the plugin raised it, until ``dynamic._judge``
    weighs it against the earlier passes' findings."""

    @property
    def key(self) -> Key:
        return self.plugin.key


@dataclass(frozen=True, slots=True)
class _Evidence:
    """Where a failure points into a plugin: a frame of its files, or the module it is about."""

    culprit: int
    """The plugin's index in the run's results."""
    path: Path
    line: int
    frame: bool


@dataclass(slots=True)
class _Blame:
    """What one culprit broke: the host's steps that failed, and the plugins not checked."""

    location: Location
    steps: list[str] = field(default_factory=list)
    failures: set[str] = field(default_factory=set)
    """The exceptions the steps name: each is said once."""
    victims: list[int] = field(default_factory=list)


class _Owners:
    """Which plugins of the run a file belongs to (indices in the run's results): the plugins
    whose module it is, else the package their module is, else the plugins whose code roots
    hold it, unless it is the host's (a host that ships plugins in its own package has the
    host's files in their roots) or the folder an installed module shares with other
    distributions. Entry points naming one module are one plugin each."""

    def __init__(self, plugins: Sequence[Plugin], hosts: Iterable[Path]) -> None:
        self.modules: dict[Path, list[int]] = {}
        self.packages: dict[Path, list[int]] = {}
        self.roots: dict[Path, list[int]] = {}
        self.hosts = frozenset(h.resolve() for h in hosts)
        self.known: dict[Path, list[int]] = {}
        for index, plugin in enumerate(plugins):
            if plugin.module_path is not None:
                module = plugin.module_path.resolve()
                self.modules.setdefault(module, []).append(index)
                package = module.parent
                if module.name == "__init__.py" and not any(
                    h == package or package in h.parents for h in self.hosts
                ):
                    self.packages.setdefault(package, []).append(index)
            # Not the folder an installed module shares with every distribution (site-packages).
            own = [r for r in plugin.code_roots if r != plugin.root or plugin.own_tree is not None]
            for root in dict.fromkeys(r.resolve() for r in own):
                self.roots.setdefault(root, []).append(index)

    def of(self, path: Path) -> list[int]:
        if path not in self.known:
            self.known[path] = self._of(path.resolve())
        return self.known[path]

    def _of(self, path: Path) -> list[int]:
        if path in self.modules:
            return self.modules[path]
        above = path.parents
        package = next((self.packages[d] for d in above if d in self.packages), None)
        if package is not None:  # the innermost package module holding it
            return package
        if path in self.hosts or any(d in self.hosts for d in above):
            return []
        return [i for d in (path, *above) for i in self.roots.get(d, ())]


def blame(
    parts: Sequence[Observed],
    static: Mapping[int, Sequence[Finding]],
    raised: Mapping[str, PreloadRaised],
    problems: Mapping[str, Mapping[str, str]],
    hosts: Iterable[Path],
    data: RunInput,
) -> set[str]:
    """Give each plugin that keeps the host from starting PC422, and each plugin it kept from
    being checked PC424 (in ``parts``), with a Partial per contract. ``static``: the earlier
    findings per plugin (by ``id``); ``raised`` and ``problems``: per contract, the preload
    that raised and why each of its preloads failed. Returns the contracts whose failed
    preload a culprit explains."""
    plugins = [part.plugin for part in parts]
    owners = _Owners(plugins, hosts)
    broken = {n for n, part in enumerate(parts) if _broken(part, static)}
    """The plugins with an error of their own, before any is blamed."""
    blamed: dict[int, _Blame] = {}
    explained: set[str] = set()

    def evidence(
        frames: Sequence[tuple[Path, int]], subject: Path | None, skip: int | None
    ) -> _Evidence | None:
        """The first broken plugin (not ``skip``'s module) ``frames`` (innermost first) fall in,
        else the one ``subject`` is."""
        avoid = plugins[skip].module_path if skip is not None else None
        places = [(p, n, True) for p, n in frames]
        places += [(subject, 1, False)] if subject is not None else []
        for path, line, frame in places:
            for index in owners.of(path):
                if index in broken and (avoid is None or plugins[index].module_path != avoid):
                    return _Evidence(index, path, line, frame)
        return None

    # The server's failed preloads, then each plugin's own word on a preload left to it.
    failed: list[tuple[str, PreloadRaised, int | None]] = [(c, p, None) for c, p in raised.items()]
    failed += [
        (p.plugin.contract, p.preload_raised, n) for n, p in enumerate(parts) if p.preload_raised
    ]
    unnamed: dict[str, list[str]] = {}
    refused: dict[tuple[str, str, str], list[str]] = {}
    """(contract, preload, culprit or "") -> the plugins a refused preload kept unchecked."""
    for contract, pre, only in failed:
        found = evidence(pre.frames[::-1], pre.subject, only)
        if pre.refusal is not None and only is not None:
            who = _refused_first(parts, only, pre, contract, found, owners, only in broken)
            if who is not None:
                refused.setdefault((contract, pre.module, who), []).append(plugins[only].name)
                data.failed_in.update({plugins[only].key: who} if who else {})
            continue
        if found is None:
            if only is not None and only not in broken:
                _unblamed(parts[only], pre, contract)
                unnamed.setdefault(contract, []).append(plugins[only].name)
            continue
        if only is None:
            explained.add(contract)
        culprit = plugins[found.culprit]
        why = pre.error or problems.get(contract, {}).get(pre.module, "an exception")
        entry = blamed.setdefault(found.culprit, _Blame(_location(culprit, found)))
        _step(
            entry,
            why,
            f"importing {pre.module}, which the host does before it loads plugins (contract "
            f"{contract}'s preload), raised {why}{_how(found, culprit, pre.frames[-1:])}",
        )
        own = parts[found.culprit].import_failure
        for index, part in enumerate(parts):
            plugin = part.plugin
            if plugin.contract != contract or plugin.module_path == culprit.module_path:
                continue
            if (only is not None and index != only) or index in entry.victims:
                continue  # a plugin's word is about itself alone
            reported = part.import_finding
            if reported is not None and reported in part.findings:
                failure = part.import_failure
                points = evidence(_frames(part), part.raised_about, index)
                if not (
                    failure in (own, why)
                    or "(most likely due to a circular import)" in failure
                    or (points is not None and points.culprit == found.culprit)
                ):
                    continue  # a failure of its own: it stays
                said = f"importing it raised {failure}{_at(part.raised_at)}"
            elif index in broken:
                continue  # it fails on its own: its errors say so
            else:
                reported, said = None, f"it was imported without {pre.module}"
            _not_checked(part, index, reported, culprit, entry, said, pre.module)
            data.failed_in[plugin.key] = culprit.name

    for index, part in enumerate(parts):
        reported = part.import_finding
        if reported is None or reported not in part.findings or part.raised_at is None:
            continue
        if index in owners.of(part.raised_at.path):
            continue  # raised in its own files: its own failure
        found = evidence(_frames(part), part.raised_about, index)
        if found is None:
            continue
        if found.frame and parts[found.culprit].import_failure != part.import_failure:
            continue  # raised in a plugin that fails otherwise: this failure is not its own
        culprit = plugins[found.culprit]
        entry = blamed.setdefault(found.culprit, _Blame(_location(culprit, found)))
        how = _how(found, culprit, _frames(part))
        _step(
            entry, part.import_failure, f"importing other plugins raised {part.import_failure}{how}"
        )
        said = f"importing it raised {part.import_failure}{_at(part.raised_at)}"
        _not_checked(part, index, reported, culprit, entry, said, None)
        data.failed_in[part.plugin.key] = culprit.name

    for contract, names in unnamed.items():
        data.notes.append(
            Partial(
                f"contract {contract!r}: {_count(names)} not checked as the host loads "
                f"{'it' if len(names) == 1 else 'them'} ({_names(names)}): the host's preload "
                "raised after it loaded plugins, and no plugin is to blame (PC424)"
            )
        )
    for (contract, module, name), names in refused.items():
        them = "it" if len(names) == 1 else "them"
        ran = (
            f"runs {name}'s code first, which plugcheck's sandbox refused"
            if name
            else "was refused in plugcheck's sandbox"
        )
        data.notes.append(
            Partial(
                f"contract {contract!r}: {_count(names)} not checked as the host loads {them} "
                f"({_names(names)}): the host's import of {module} {ran} (PC424)"
            )
        )
    contracts: dict[str, list[str]] = {}
    culprits: dict[str, list[str]] = {}
    for index, entry in blamed.items():
        parts[index].findings.append(_pc422(plugins[index], entry, plugins))
        for victim in entry.victims:
            contract = plugins[victim].contract
            contracts.setdefault(contract, []).append(plugins[victim].name)
            named = culprits.setdefault(contract, [])
            named += [] if plugins[index].name in named else [plugins[index].name]
    for contract, names in contracts.items():
        them = "it" if len(names) == 1 else "them"
        data.notes.append(
            Partial(
                f"contract {contract!r}: {_count(names)} not checked as the host loads {them} "
                f"({_names(names)}): the host cannot start with "
                f"{' and '.join(culprits[contract])} installed (PC422)"
            )
        )
    return explained


def own_frame(plugin: Plugin, frames: Sequence[Frame]) -> Frame | None:
    """The innermost of ``frames`` (innermost last) in the plugin's own module, or in its
    package when the module is one."""
    if plugin.module_path is None:
        return None
    module = plugin.module_path.resolve()
    package = module.parent if module.name == "__init__.py" else None
    for frame in reversed(frames):
        path = frame.path.resolve()
        if path == module or (package is not None and package in path.parents):
            return frame
    return None


def _frames(part: Observed) -> list[tuple[Path, int]]:
    at = part.raised_at
    return [(at.path, at.line)] if at is not None else []


def _step(entry: _Blame, failure: str, step: str) -> None:
    if failure not in entry.failures:
        entry.failures.add(failure)
        entry.steps.append(step)


def _at(frame: Frame | None) -> str:
    return f" at {frame.path.name}:{frame.line}" if frame is not None else ""


def _how(found: _Evidence, culprit: Plugin, innermost: Sequence[tuple[Path, int]]) -> str:
    """Where the failure was raised, and how it points into the culprit."""
    if found.frame:
        return f" inside it ({found.path.name}:{found.line})"
    at = f" at {innermost[-1][0].name}:{innermost[-1][1]}" if innermost else ""
    own = culprit.module_path is not None and culprit.module_path.resolve() == found.path.resolve()
    return f"{at}, on its module {culprit.module if own else found.path.name}"


def _location(plugin: Plugin, found: _Evidence) -> Location:
    if found.frame:
        return Location(found.path, found.line)
    return module_location(plugin) or Location(plugin.module_path or plugin.root)


def _not_checked(
    part: Observed,
    index: int,
    reported: Finding | None,
    culprit: Plugin,
    entry: _Blame,
    said: str,
    preload: str | None,
) -> None:
    """Replace ``reported`` (the plugin's import failure, if any) with PC424."""
    plugin = part.plugin
    why = (
        f"the host imports {preload} before its plugins, which fails"
        if preload
        else "the host cannot start"
    )
    message = (
        f"{plugin.module} was not checked as the host loads it: {said}; {why} with "
        f"{culprit.name} installed (see its PC422)"
    )
    # The plugin's own line that led to the failure: the reported place may be the host's
    # file (a host that ships its plugins in its own package counts its files as theirs).
    own = part.own_frame
    location = (
        Location(own.path, own.line)
        if own is not None
        else reported.location
        if reported is not None
        else module_location(plugin)
    )
    finding = PC424.at(
        plugin,
        location or Location(plugin.module_path or plugin.root),
        message,
        related=[Related(entry.location, f"PC422: {culprit.name} keeps the host from starting")],
    )
    if reported is not None:
        part.findings.remove(reported)
        part.import_finding = None  # explained: no later step may drop it again
    part.findings.append(finding)
    entry.victims.append(index)


def _broken(part: Observed, static: Mapping[int, Sequence[Finding]]) -> bool:
    """Whether the plugin has an error of its own (static, or the harness's so far)."""
    found = (*static.get(id(part.plugin), ()), *part.findings)
    return any(f.severity is Severity.ERROR for f in found)


_NOT_HERE = ("ModuleNotFoundError:", "ImportError:")
"""A preload that is not there to import (a typo, a host not installed in the target): the
plugins ran without it, which a passing summary names."""


def host_fails(
    parts: Sequence[Observed],
    static: Mapping[int, Sequence[Finding]],
    contract: str,
    failed: Mapping[str, str],
    notes: list[str],
) -> dict[str, str]:
    """The preloads of ``contract`` that the fork server imported and that raised there
    (``failed``: module -> ``Type: message``) with no plugin to blame: the host's own import
    fails in the target, so it starts with none of its plugins. PC424 for each plugin without
    an error of its own, and a Partial; returns the preloads merely missing (``_NOT_HERE``).
    Before, each plugin passed: a distribution declaring a second entry point named like
    another made the host's import raise ``ValueError: two engines named 'good'`` while it
    read the group (no plugin code ran), and the run said "All checks passed" (red team red45)."""
    raised = {m: why for m, why in failed.items() if not why.startswith(_NOT_HERE)}
    if not raised:
        return dict(failed)
    said = "; ".join(f"importing {m} raised {why}" for m, why in sorted(raised.items()))
    names = []
    for part in parts:
        plugin = part.plugin
        if plugin.contract != contract or _broken(part, static):
            continue
        names.append(plugin.name)
        part.findings.append(
            PC424.at(
                plugin,
                module_location(plugin) or Location(plugin.module_path or plugin.root),
                f"{plugin.module} was not checked as the host loads it: {said}, which the host "
                f"does before it loads plugins (contract {contract}'s preload), and no plugin "
                "can be named for it: the host cannot start in this environment",
            )
        )
    if names:
        notes.append(
            Partial(
                f"contract {contract!r}: {_count(names)} not checked as the host loads "
                f"{'it' if len(names) == 1 else 'them'} ({_names(names)}): {said} (PC424)"
            )
        )
    return {m: why for m, why in failed.items() if m not in raised}


def _unblamed(part: Observed, pre: PreloadRaised, contract: str) -> None:
    """PC424 for a plugin whose process says a preload the server left to it (one that loads
    plugins) raised outside its files and in no broken plugin's: the host cannot start with
    the plugins installed, whichever of them made it fail. Before, the plugin passed: a plugin
    that broke the host's import from a frame of the host's own (its load left the host's
    registry read-only) had "All checks passed" for every plugin (red team red45)."""
    plugin = part.plugin
    frame = pre.frames[-1:]
    at = f" at {frame[0][0].name}:{frame[0][1]}" if frame else ""
    part.findings.append(
        PC424.at(
            plugin,
            module_location(plugin) or Location(plugin.module_path or plugin.root),
            f"{plugin.module} was not checked as the host loads it: importing {pre.module}, "
            f"which the host does before it loads plugins (contract {contract}'s preload), "
            f"raised {pre.error or 'an exception'}{at} after it had run plugins' code, and in "
            "no file of a plugin that fails on its own: the host cannot start with the plugins "
            "installed",
        )
    )


def _refused_first(
    parts: Sequence[Observed],
    index: int,
    pre: PreloadRaised,
    contract: str,
    found: _Evidence | None,
    owners: _Owners,
    broken: bool,
) -> str | None:
    """PC424 for the plugin ``index`` whose process says a preload the server left to it (one
    that loads plugins) failed there on plugcheck's sandbox's refusal of what the host's user
    may do: in the host that import goes on, so the plugin was not checked as the host loads
    it. ``found``: the plugin (with errors of its own) whose code was refused, named in the
    finding; its refusal is its own PC420, never a PC422 (the host starts). The culprit's name
    ("" when none), or ``None`` when the plugin keeps its own errors. Before, such a plugin
    was PC420 "refused writing ... at __init__.py:1", its own first line, with nothing naming
    the plugin whose code the host's import ran and the sandbox refused; one whose import
    does not import the host was reported as the host's failure or passed (the refusal was
    read after its own import's requests to the kernel, red team red47)."""
    part = parts[index]
    plugin, refusal = part.plugin, pre.refusal
    assert refusal is not None
    culprit = parts[found.culprit] if found is not None else None
    reported = part.import_finding if part.import_finding in part.findings else None
    at = part.refused_at
    if culprit is not None and found is not None and reported is not None and at is not None:
        if found.culprit not in owners.of(at.path):
            return None  # refused in code of its own, or of another plugin: its PC420 stays
        said = "its own import ran that code again and failed the same way"
    elif broken:
        return None  # it fails on its own: its errors say so
    else:
        reported, said = None, f"it was imported without {pre.module}"
    where = pre.frames[-1:]
    how = f" at {where[0][0].name}:{where[0][1]}" if where else ""
    ran = f", which runs {culprit.plugin.name}'s code," if culprit is not None else ""
    message = (
        f"{plugin.module} was not checked as the host loads it: the host imports "
        f"{pre.module} before its plugins (contract {contract}'s preload){ran} and "
        f"plugcheck's sandbox refused {refusal.what} there ({pre.error or 'an exception'}{how}), "
        f"which the host's user may do; {said}"
    )
    related: list[Related] = []
    if culprit is not None and found is not None:
        own = any(f.code == "PC420" for f in culprit.findings)
        message += f" (see {culprit.plugin.name}'s {'PC420' if own else 'findings'})"
        related.append(
            Related(
                _location(culprit.plugin, found),
                f"{culprit.plugin.name}'s code, which plugcheck's sandbox refused there",
            )
        )
    location = reported.location if reported is not None else module_location(plugin)
    if reported is not None:
        part.findings.remove(reported)
        part.import_finding = None
    part.findings.append(
        PC424.at(
            plugin,
            location or Location(plugin.module_path or plugin.root),
            message,
            related=related,
        )
    )
    return culprit.plugin.name if culprit is not None else ""


def _pc422(plugin: Plugin, entry: _Blame, plugins: Sequence[Plugin]) -> Finding:
    names = [plugins[n].name for n in entry.victims]
    others = (
        f"; {_count(names)} not checked because of it ({_names(names)}: PC424)" if names else ""
    )
    return PC422.at(
        plugin,
        entry.location,
        f"the host cannot start with {plugin.name} installed: {'; '.join(entry.steps)}{others}",
    )


def _count(names: Sequence[str]) -> str:
    return f"{len(names)} plugin{'s were' if len(names) != 1 else ' was'}"


def _names(names: Sequence[str]) -> str:
    """The first five names (each once: entry points naming one module share it), and how
    many more plugins."""
    once = list(dict.fromkeys(names))
    return ", ".join(once[:5]) + (
        f" and {len(names) - len(once[:5])} more" if len(names) > 5 else ""
    )


__all__ = ["PC422", "PC424", "Observed", "blame", "own_frame"]
