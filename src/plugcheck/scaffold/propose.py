"""The starter contract (TOML text) proposed from a :class:`Survey`."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from plugcheck.model import ENTRY_POINT_OBJECT
from plugcheck.scaffold.accepted_by import accepted_lines
from plugcheck.scaffold.call_tables import class_lines, setup_lines
from plugcheck.scaffold.distributions import INSTALLED, distribution, installed_distribution
from plugcheck.scaffold.folder_loads import paths_line
from plugcheck.scaffold.group_patterns import group_line, subsumed
from plugcheck.scaffold.held_classes import held_line
from plugcheck.scaffold.host_builtins import builtins_line
from plugcheck.scaffold.load_lines import load_lines
from plugcheck.scaffold.loaded_first import preload_line
from plugcheck.scaffold.model import Lookup, Survey
from plugcheck.scaffold.module_names import module_name
from plugcheck.scaffold.name_scans import scan_contract
from plugcheck.scaffold.namespace_walks import unclaimed, walk_lines, walked_contract
from plugcheck.scaffold.proposed_exports import (
    export_lines,
    match,
    merged_exports,
    returns_protocol,
    setup_lookup,
)
from plugcheck.scaffold.protocol_members import member_lines
from plugcheck.scaffold.pyproject import toml_key, toml_string
from plugcheck.scaffold.registration_methods import other_route, route_note
from plugcheck.scaffold.session_start import preload_calls_line
from plugcheck.scaffold.syntax import MODULE_DUNDERS
from plugcheck.scaffold.typed_registries import typed_line
from plugcheck.scaffold.uses import Use, lifecycle_lines

_LIFECYCLE = {"init", "start", "run", "shutdown", "stop", "close"}


def _api_package(found: Survey) -> str | None:
    """The top-level package that defines most of the protocols, ABCs and Callable aliases."""
    score: dict[str, int] = {}
    for module, _ in (*found.protocols, *found.abcs):
        score[module.partition(".")[0]] = score.get(module.partition(".")[0], 0) + 1
    for alias in found.aliases:
        top = alias.module.partition(".")[0]
        score[top] = score.get(top, 0) + 1
    return max(sorted(score), key=lambda k: score[k]) if score else None


def _key(text: str) -> str:
    key = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")
    return key or "plugins"


def propose(found: Survey) -> str:
    """A starter ``[tool.plugcheck]`` contract (TOML text) for the surveyed host."""
    walks = unclaimed(found)
    # With no group, the host's lookups on loaded modules reach only the modules it walks
    # (Sopel's handler keeps each on self and calls its setup): they go with the walk.
    held = [lk for lk in found.lookups if not lk.named_object] if walks and not found.groups else []
    rest = [lk for lk in found.lookups if lk not in held]
    plain = [c for c in found.classes if c.suffix is None]
    text = _propose_host(replace(found, namespaces={}, lookups=rest, classes=plain))
    if (walks or found.scans) and not (found.groups or rest or plain or found.pluggy.found):
        text = text.partition("\n\n")[0] + "\n"  # no placeholder beside what the host walks
    for ns, where in walks:  # each namespace package walked: a contract, by path
        walked = {ns: where}
        if found.groups:
            # A group's too: the lookups made in a method of the class the host builds for each
            # walked module (Sopel's PyModulePlugin.setup, which EntryPointPlugin inherits).
            handlers = found.handlers.get(ns, set())
            held = [lk for lk in rest if not lk.named_object and lk.owner in handlers]
        named = [c for c in found.classes if c.suffix is not None and c.namespace == ns]
        own = replace(
            found, groups={}, data_groups={}, lookups=held, classes=named, namespaces=walked
        )
        text += walked_contract(_propose(own), ns, where, f"tool.plugcheck.contracts.{_key(ns)}")
    return text + "".join(scan_contract(scan) for scan in found.scans)


def _propose_host(found: Survey) -> str:
    if found.pluggy.found:  # pluggy's load_setuptools_entrypoints takes one group by name
        named = {g: w for g, w in found.groups.items() if g not in found.patterns}
        return _propose_pluggy(replace(found, groups=named))
    # A module the host imports by name where it asks for no group (``import_module(
    # f"ns.{name}")`` then ``mod.setup(self)``) is no entry point of the groups it also reads:
    # its lookups get a contract of their own, found by path.
    alone = [lk for lk in found.lookups if lk.by_name and not lk.named_object]
    # Unless the first group's entry points are only ever imported by value, in the module of
    # that import (xonsh's xontribs): then it is that group's loading path, judged once, there.
    valued = found.value_groups.get(min(found.groups, default=""), "").rpartition(":")[0]
    alone = [lk for lk in alone if lk.where.rpartition(":")[0] != valued and not _dunders(lk)]
    if not found.groups or not alone:
        return _propose(found)
    grouped = _propose(replace(found, lookups=[lk for lk in found.lookups if lk not in alone]))
    own = _propose(replace(found, groups={}, data_groups={}, lookups=alone, classes=[]))
    name = "modules" if "plugins" in {_key(g) for g in found.groups} else "plugins"
    body = own.partition("\n\n")[2].replace(
        "tool.plugcheck.contracts.plugins", f"tool.plugcheck.contracts.{name}"
    )
    return f"{grouped}\n# the host also imports plugin modules by name\n{body}"


def _what(lookup: Lookup) -> str:
    """What a lookup does to a plugin, in a TODO's words."""
    if lookup.named_object:
        return "the host calls an object an entry point names"
    return f"the host looks up {' or '.join(lookup.names)} on a plugin it loads"


def _dunders(lookup: Lookup) -> bool:
    """``getattr(m, "__all__", [])``, ``m.__file__``: names every module has, no plugin's."""
    return all(n in MODULE_DUNDERS for n in lookup.names)


def _propose(found: Survey) -> str:
    host = found.host
    api = _api_package(found)
    lines = ["[tool.plugcheck]"]
    api_root = found.roots.get(api) if api else None
    # The API package, else the host's own packages (what plugins import from the host).
    # Only a package beside pyproject.toml (flat layout): other roots found in the tree are
    # the plugins' own (``plugins/x/src``), never put on the host's path.
    own = [
        n
        for n, root in sorted(found.roots.items())
        if root.resolve() == host.resolve() and (root / n / "__init__.py").is_file()
    ]
    paths = _search_path(found, [api] if api else own)
    if paths:
        what = "the API package lives" if api else "the host's own packages live"
        listed = ", ".join(map(toml_string, paths))
        lines.append(f"search-path = [{listed}]  # where {what}")
    lines.append("")
    for script, where in sorted(found.script_groups.items()):
        lines.append(
            f"# entry-point group {script} ({where}) names the environment's commands, not"
            " plugins of the host: no contract"
        )
    for data, where in sorted(found.data_groups.items()):
        lines.append(
            f"# entry-point group {data} ({where}) points the host at files it reads, never at"
            " code it loads through the entry point: no contract"
        )
    # Groups the host names first: the first one's table takes what is not another's.
    asked = (g for g in found.groups if not subsumed(found, g))
    groups = sorted(asked, key=lambda g: (g in found.patterns, g))
    group = groups[0] if groups else None
    name = _key(group) if group else "plugins"
    table = f"tool.plugcheck.contracts.{name}"
    aliases = [a for a in found.aliases if api and a.module.partition(".")[0] == api]
    protocols = [
        p for p in (*found.protocols, *found.abcs) if api and p[0].partition(".")[0] == api
    ]
    # Lookups on the modules of other groups only (a list those fill) are theirs. One tied to
    # no group is the first group's, unless its own function (or the class the host builds
    # with each group) asks for others only: opentelemetry's _load_provider calls what
    # entry_points(group=f"opentelemetry_{provider}") names, never a configurator: a TODO.
    loose = [
        lk
        for lk in found.lookups
        if len(groups) > 1
        and lk.asked
        and not (lk.groups or lk.group or group in lk.asked or (lk.names and _dunders(lk)))
    ]
    lines += [f"# TODO: {_what(lk)} at {lk.where}: which group's plugins?" for lk in loose]
    found = replace(found, lookups=[lk for lk in found.lookups if lk not in loose])
    mine = [lk for lk in found.lookups if not group or not lk.groups or group in lk.groups]
    aside = other_route(found, group, mine)
    mine = [lk for lk in mine if all(lk is not other for other in aside)]
    exports = merged_exports(replace(found, lookups=mine), aliases)
    factory = next((e for e in exports if e[1] and returns_protocol(e[1], protocols)), None)
    setup = setup_lookup(exports)
    objects = [
        lk
        for lk in found.lookups
        if lk.named_object
        and (lk.group == group or (lk.group is None and (not lk.groups or group in lk.groups)))
    ]
    if setup is None and objects and group:
        # ``ep.load()(registry)``: the host calls the object each entry point names.
        setup = (ENTRY_POINT_OBJECT, objects.pop(0))
    classes = found.classes[0] if found.classes and not exports and not setup else None
    hooks = [e for e in exports if not e[2].read]  # values the host only reads are no hook
    kind = "factory" if factory or setup or not hooks else "register"
    if group:
        lines.append(f"# the host asks for entry points of this group at {found.groups[group]}")
    lines += [f"[{table}]", f'kind = "{kind}"']
    # The API and its distribution are the host's, whichever group a plugin is under.
    shared: list[str] = []
    # An application that calls each plugin with itself (pdm's `plugin.load()(self)` in Core):
    # its plugins run only inside it, installed into its environment (`pdm self add`), and most
    # never declare it. `api` would make PC301 warn each healthy one of that; the API package's
    # names are still judged through host-packages, the declared range through api-distribution.
    itself = bool(setup and setup[1].host and (setup[1].args or [])[:1] == ["self"])
    # The API is the very package that loads the group (SQLAlchemy's dialects, MkDocs' plugins,
    # Poetry's): plugins run only inside it, and healthy ones often leave it undeclared or
    # under an extra (trino's `sqlalchemy; extra == "all"`, mkdocs-glightbox, pdm's). `api`
    # stays for what else it judges; only PC301 is not asked for.
    walk = next(iter(found.namespaces.items()), None) if not group else None
    asked_at = found.groups[group] if group else walk[1] if walk else None
    if asked_at is None and found.classes:
        asked_at = found.classes[0].where  # Jinja2's extensions, imported by dotted path
    home = _host_package(found, None, asked_at) if asked_at else None
    loads_itself = bool(api and home and api.partition(".")[0] == home and not itself)
    if api:
        shared.append(
            f"# api = {toml_string(api)}  # not set: the host calls each plugin with itself, so"
            " plugins run only inside it; set it to have PC301 ask each to declare the host"
            if itself
            else f"api = {toml_string(api)}"
        )
        dist = distribution(found, api_root, api) if api_root else None
        if dist:
            shared.append(f"api-distribution = {toml_string(dist)}")
    ignored = []
    if api and loads_itself:
        ignored.append(
            (
                "PC301",
                "the API is the host, which loads its plugins itself: they run only inside"
                " it; drop this to have each declare the host",
            )
        )
    if found.reads_all is None:
        # A host that never reads __all__ (no `mod.__all__`, no star import of a plugin) finds
        # exports with getattr or an attribute read: __all__ hides nothing from it (IPython's
        # load_ipython_extension, left out of watermark's __all__, loads).
        ignored.insert(
            0,
            (
                "PC103",
                "the host never star-imports a plugin nor reads its list of public names: it"
                " finds exports by attribute",
            ),
        )
    if ignored:
        codes = ", ".join(toml_string(code) for code, _ in ignored)
        why = "; ".join(f"{code}: {reason}" for code, reason in ignored)
        shared.append(f"ignore = [{codes}]  # {why}")
    # A host with no API package of its own (pybtex): its plugins' declared range on the host's
    # distribution decides whether the installer takes them (PC302).
    root = found.roots.get(home) if home else None
    dist = installed_distribution(root, home) if home and root and root.name in INSTALLED else None
    if not api and dist:
        shared.append(f"api-distribution = {toml_string(dist)}  # the host's own distribution")
    lines += shared
    if group:
        lines.append(group_line(found, group))
        lines += load_lines(found, group)
    alias = match(setup[1], aliases) if setup and setup[0] == ENTRY_POINT_OBJECT else None
    lines += typed_line(found, group or "") if not setup else []
    built = _built_object(table, setup) if setup and not alias else []
    if built and setup and setup[1].use:
        lines.append(_built_kind(setup[1], setup[1].use))
    elif setup and setup[0] == ENTRY_POINT_OBJECT and setup[1].subclass_of and not alias:
        lines.append(_built_kind(setup[1], None))  # `cls = ep.load()`, issubclass, then cls()
    elif setup and setup[0] == ENTRY_POINT_OBJECT and setup[1].subclass_of_any:
        lines.append(
            f'# entry-point-object = {{ type = "{" or ".join(setup[1].subclass_of_any)}", kind ='
            ' "class" }  # TODO: the one this group\'s classes derive from; the host accepts a'
            f" subclass of any of them: {setup[1].where}"
        )
    if alias:
        lines.append(
            f'entry-point-object = "{alias.module}:{alias.name}"  # the host calls it as'
            f" {alias.name} says: {setup[1].where if setup else ''}"
        )
    held = held_line(found, group) if group and setup is None else []
    lines += held
    named = classes or next((lk for _, _, lk in exports if lk.namespace), None)
    if named and named.namespace and not walk:
        lines.append(
            f"namespace = {toml_string(named.namespace)}  # the host imports plugin modules"
            f" as {named.namespace}.<name>: {named.where}"
        )
    lines += walk_lines(*walk) if walk else []
    package = (
        _host_package(found, setup[1] if setup else None)
        or (classes.base.partition(".")[0].partition(":")[0] if classes else None)
        or home
    )
    if package:
        lines.append(
            f"host-packages = [{toml_string(package)}]  # names plugins import from the host"
            " must exist in the installed one"
        )
    read = [lk for _, _, lk in exports]
    lines += preload_line(found, setup[1] if setup else None, package, group, read)
    lines += preload_calls_line(found) + builtins_line(found)
    globbed = paths_line(found.folder_loads) if not walk else None
    if globbed:
        lines.append(globbed)
    elif _plugin_dir(host) and not walk:
        lines.append('paths = ["plugins/*"]')
    elif not group and not walk:
        lines.append('paths = ["plugins/*"]  # TODO: where the plugins live')
    lines += ["", f"[{table}.exports]"]
    lines += export_lines(exports)
    if aside:
        elsewhere = merged_exports(replace(found, lookups=aside), aliases)
        lines.append(route_note(found, [export for export, _, _ in elsewhere]))
        lines += [f"# {line}" for line in export_lines(elsewhere)]
    lines += (members := member_lines(found, group, {e for e, _, _ in exports}))
    # Typed by the host's registry: the Protocol's members, or a Callable the object must be.
    typed_here = bool(members or typed_line(found, group or ""))
    if not exports and not objects and not setup and not classes and not held and not typed_here:
        lines.append('# new = "my_api:Factory"  # TODO: each symbol a plugin must export')
    used = {a for _, a, _ in exports if a}
    for alias in aliases:
        if alias not in used:
            hint = f"{alias.name[0].lower()}{alias.name[1:]}"
            lines.append(f'# {hint} = "{alias.module}:{alias.name}"  # an unused Callable alias')
    use = setup[1].use if setup else None
    # A lifecycle built by "the entry point's object" needs the entry-point-object line above.
    buildable = setup is not None and (setup[0] != ENTRY_POINT_OBJECT or alias is not None)
    calls = (
        lifecycle_lines(table, setup[0], setup[1].where, use) if setup and use and buildable else []
    )
    calls = calls or built
    if setup and not calls:
        lines += ["", f"[{table}.setup-function]", *setup_lines(*setup)]
        lines += accepted_lines(found, group)
    if use and not calls:
        made = ", ".join(f"{c.method}() ({c.where})" for c in use.calls)
        lines.append(
            f"# TODO: the host then calls {made} on what {setup[0] if setup else ''} returns: a"
            " lifecycle with calls, once the host's check and a stand-in per argument are known"
        )
    if classes:
        picked = [f"[{table}.plugin-classes]", *class_lines(classes)]
        if any(line.startswith("# stand-ins") for line in picked):
            # Built with no arguments, a class the host builds with some fails in every plugin.
            picked = [f"# {line}" for line in picked]
            picked[0] += "  # TODO: uncomment once stand-ins say what the host passes"
        lines += ["", *picked]
    if objects:
        lines.append(
            f"# TODO: the host also calls the object each entry point names ({objects[0].where})"
        )
    returned = factory[1].returns.rpartition(".")[2] if factory and factory[1] else ""
    protocol = next((p for p in protocols if p[1] == returned), None)
    # A lifecycle is Init/Run/Shutdown (docs/background.md); other protocols are only named below.
    lines += calls
    if factory and protocol and not calls and found.methods.get(protocol, set()) & _LIFECYCLE:
        lines += [
            "",
            f"[{table}.lifecycle]",
            f"protocol = {toml_string(f'{protocol[0]}:{protocol[1]}')}",
            f"factory = {toml_string(factory[0])}",
            _config_line(found),
            "deadline = 5.0",
        ]
    if protocols:
        found_types = ", ".join(f"{m}:{n}" for m, n in protocols)
        lines.append(f"# protocols and ABCs in the API: {found_types}")
    # Pygments reads lexers, formatters, styles and filters: a contract for each group.
    for other in groups[1:]:
        if any(other in lk.groups for lk in found.lookups if not lk.named_object):
            lines += ["", *_fed(found, other)]
            continue
        called = next(
            (
                lk
                for lk in found.lookups
                if lk.named_object and (lk.group == other or other in lk.groups)
            ),
            None,
        )
        held = held_line(found, other) if called is None else []
        held = held or (typed_line(found, other) if called is None else [])
        typed = other in found.protocol_exports
        todo = (
            ""
            if called or held or typed
            else '  # TODO: "subclass" with base = "module:Class" for classes'
        )
        lines += [
            "",
            f"# the host also asks for entry points of this group at {found.groups[other]}",
            f"[tool.plugcheck.contracts.{_key(other)}]",
            f'kind = "factory"{todo}',
            *shared,
            group_line(found, other),
            *load_lines(found, other),
            *held,
        ]
        if called is not None and called.subclass_of:
            lines.append(_built_kind(called, None))
        # The host's package, whichever group: the one this group's call names, else the first's.
        theirs = (_host_package(found, called) if called else None) or package or home
        if theirs:
            lines.append(f"host-packages = [{toml_string(theirs)}]")
        lines += preload_line(found, None, theirs, other)
        lines += member_lines(found, other, set(), f"tool.plugcheck.contracts.{_key(other)}")
        if called is not None:
            table = f"tool.plugcheck.contracts.{_key(other)}.setup-function"
            lines += ["", f"[{table}]", *setup_lines(ENTRY_POINT_OBJECT, called)]
            lines += accepted_lines(found, other)
    return "\n".join(lines) + "\n"


def _fed(found: Survey, group: str) -> list[str]:
    """The contract of another group whose modules the host also looks names up on (both
    fill OpenStackClient's ``PLUGIN_MODULES``): as the first group's, from its own lookups."""
    own = [
        lk for lk in found.lookups if group in lk.groups or (lk.named_object and lk.group == group)
    ]
    alone = replace(found, groups={group: found.groups[group]}, lookups=own, classes=[])
    alone = replace(alone, data_groups={}, script_groups={}, namespaces={})
    body = _propose(alone).partition("\n\n")[2].rstrip("\n")
    return body.replace("# the host asks for", "# the host also asks for", 1).splitlines()


def _built_object(table: str, setup: tuple[str, Lookup]) -> list[str]:
    """``obj = ep.load()(self, style="plain")``, ``isinstance(obj, Base)``, ``obj.format(...)``:
    the entry point names a class the host builds (with stand-ins for what it passes), checks
    and calls methods on: the lifecycle lines, or ``[]`` when some argument has no stand-in."""
    export, lookup = setup
    use = lookup.use
    if export != ENTRY_POINT_OBJECT or use is None or lookup.arguments is None:
        return []
    if lookup.returns != "instance" or use.check != lookup.return_type:
        return []
    return lifecycle_lines(table, export, lookup.where, use, lookup.arguments) or []


def _built_kind(lookup: Lookup, use: Use | None) -> str:
    """The ``entry-point-object`` line of an object the host builds from what each entry point
    names: a class where the host checks that object with ``issubclass`` first, else anything
    whose call returns the checked type (a class or a function returning one)."""
    if lookup.subclass_of and lookup.annotated:
        return (
            f"entry-point-object = {{ type = {toml_string(lookup.subclass_of)}, kind ="
            ' "class" }  # the host keeps what each entry point names as a class of it'
            f" ({lookup.annotated}) and calls it: {lookup.where}"
        )
    if lookup.subclass_of or use is None:
        return (
            f"entry-point-object = {{ type = {toml_string(lookup.subclass_of or '')}, kind ="
            ' "class" }  # the host checks what each entry point names with issubclass before'
            f" calling it: {lookup.where}"
        )
    return (
        f"entry-point-object = {{ type = {toml_string(use.check or '')}, kind ="
        ' "factory" }  # the host calls what each entry point names (a class or a function)'
        f" and checks the result: {use.where}"
    )


def _host_package(found: Survey, lookup: Lookup | None, where: str | None = None) -> str | None:
    """The host's top-level package, whose names plugins import: the class of the host object
    the entry function gets, else the package ``init`` was pointed at (the package of the
    module ``where`` the host makes its call or asks for its group)."""
    if lookup is not None and lookup.host:
        return lookup.host.partition(".")[0].partition(":")[0]
    if lookup is None and where is None:
        return None
    path = found.host / (lookup.where if lookup else str(where)).rpartition(":")[0]
    module, _ = module_name(path)
    # A module of a package (not a loose script) is the host's package.
    return module.partition(".")[0] if path.parent.joinpath("__init__.py").is_file() else None


def _config_line(found: Survey) -> str:
    if found.config is None:
        return "config = {}  # TODO: a configuration init() accepts"
    values, where = found.config
    items = ", ".join(f"{toml_key(k)} = {toml_string(v)}" for k, v in values.items())
    return f"config = {{ {items} }}  # host: {where}"


def _search_path(found: Survey, modules: list[str]) -> list[str]:
    paths = []
    for module in modules:
        root = found.roots.get(module.partition(".")[0])
        # An installed package is found on the target interpreter's sys.path already.
        installed = root is not None and root.name in INSTALLED
        if root is not None and not installed:
            # relpath, not relative_to: the root is the host's parent when the host directory
            # is itself a package (``plugcheck init site-packages/tox``). A package beside
            # pyproject.toml (flat layout) needs "." too: plugin processes never get the
            # directory plugcheck was started in on their sys.path (a plugin could read it).
            rel = Path(os.path.relpath(root.resolve(), found.host.resolve())).as_posix()
            if rel not in paths:
                paths.append(rel)
    return paths


def _propose_pluggy(found: Survey) -> str:
    """A pluggy host: the project name, the hookspecs it registers, whether it checks pending
    hooks, its hookimpl prefix, and the setuptools entry-point group -- each with its evidence.
    A contract per manager where the host has one for each group it loads (Kedro)."""
    host = found.pluggy
    specs = host.hookspecs or host.marked
    managed = host.managed(found.groups, found.pluggy_groups)
    lines = ["[tool.plugcheck]"]
    every = [s for _, _, own in managed for s in own] or list(specs)
    paths = _search_path(found, [s.partition(":")[0] for s in every])
    if paths:
        lines.append(f"search-path = [{', '.join(map(toml_string, paths))}]")
    # The group pluggy loads, not another the host happens to read (console_scripts).
    groups = sorted(found.groups, key=lambda g: (g not in found.pluggy_groups, g))
    one: list[tuple[str | None, str | None, dict[str, str]]] = [
        (groups[0] if groups else None, host.projects[0] if host.projects else None, specs)
    ]
    for group, name, own in managed or one:
        lines += ["", *_pluggy_contract(found, group, name, own)]
    return "\n".join(lines) + "\n"


def _pluggy_contract(
    found: Survey, group: str | None, project: str | None, specs: dict[str, str]
) -> list[str]:
    host = found.pluggy
    lines = []
    table = f"tool.plugcheck.contracts.{_key(group) if group else 'plugins'}"
    if group:
        lines.append(
            f"# the host loads setuptools entry points of this group at {found.groups[group]}"
        )
    lines += [f"[{table}]", 'kind = "pluggy"']
    if group:
        lines.append(f"entry-point-group = {toml_string(group)}")
    top = next(iter(specs), "").partition(".")[0].partition(":")[0]
    root = found.roots.get(top)
    dist = distribution(found, root, top) if root and top else None
    if dist:
        lines.append(
            f"api-distribution = {toml_string(dist)}  # ships the hookspecs: a plugin's"
            " Requires-Dist on it must admit the installed one"
        )
    if group in found.pluggy_groups:
        lines.append(
            "keyed-by-name = true  # load_setuptools_entrypoints skips a name already registered"
        )
    if globbed := paths_line(found.folder_loads):
        lines.append(globbed)
    elif _plugin_dir(found.host) or not group:
        lines.append('paths = ["plugins/*"]' + ("" if group else "  # TODO: where plugins live"))
    lines += ["", f"[{table}.pluggy]"]
    if project:
        managers = ", ".join(f"{m} ({w})" for m, w in host.managers.items())
        why = f"  # the host's PluginManager subclass: {managers}" if managers else ""
        if host.family:
            why = (
                f"  # read in {host.family}, installed beside the host: its classes the host"
                " subclasses create the manager and load the group (none in the host itself)"
            )
        if project in host.origins and len(host.origins) > 1:
            file, first, _ = host.origins[project]
            why = f"  # the manager made at {file}:{first} (one of {len(host.origins)})"
        lines.append(f"project = {toml_string(project)}{why}")
    else:
        lines.append('project = "TODO"  # TODO: no PluginManager(...) or marker name was found')
    how = "add_hookspecs" if host.hookspecs and not host.family else "hookspecs"
    lines.append("hookspecs = [")
    lines += [f"    {toml_string(s)},  # {how}: {w}" for s, w in specs.items()]
    lines.append("]")
    if host.prefix:
        prefix, where = host.prefix
        lines.append(f"prefix = {toml_string(prefix)}  # unmarked hookimpls: {where}")
    if host.addhooks:
        hook, where = host.addhooks
        lines.append(
            f"addhooks = {toml_string(hook)}  # the host passes plugins its manager: {where}"
        )
    if host.check_pending is None:
        lines.append(
            "check-pending = false  # the host never calls check_pending(): an unknown hook"
            " never runs"
        )
    if host.no_arguments:
        lines.append(
            "stand-ins = {}  # no hookspec takes an argument: each hook is called with none,"
            " the only way the host can call it"
        )
    return lines + host.samples.lines(f"{table}.pluggy", bool(host.no_arguments))


def _plugin_dir(host: Path) -> bool:
    """``plugins/`` holds plugins, unless it is a package of the host's own (flake8.plugins)."""
    return (host / "plugins").is_dir() and not (host / "plugins" / "__init__.py").is_file()
