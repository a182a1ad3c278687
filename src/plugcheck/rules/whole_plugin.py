"""Rules about the plugin as a whole: can it be read, found, and told apart from the others."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

from plugcheck import config as _config
from plugcheck.model import EntryPoint, Finding, Location, Plugin, Related, Severity
from plugcheck.namespace_folders import no_module
from plugcheck.projectmeta import FILES
from plugcheck.rules.base import Context, contract_check, plugin_check, rule
from plugcheck.rules.never_imported import never_imported
from plugcheck.rules.target_compile import Verdict, older_grammar_doubt, target_verdicts
from plugcheck.static.parse import ModuleInfo, ParseFailure

PC001 = rule(
    "PC001",
    "unparseable-plugin",
    Severity.ERROR,
    "A plugin source file cannot be parsed (syntax error, not UTF-8, NUL bytes).",
)
PC002 = rule(
    "PC002",
    "unresolvable-entry-point",
    Severity.ERROR,
    "An entry point names a module that cannot be found in the target environment.",
    overruled_by="import",
)
PC003 = rule(
    "PC003",
    "duplicate-plugin-name",
    Severity.ERROR,
    "Two plugins of one contract claim the same name; a host that keys plugins by name keeps only "
    "one.",
)

PC570 = rule(
    "PC570",
    "bytecode-not-source",
    Severity.ERROR,
    "A plugin ships bytecode (__pycache__) that the host's import loads instead of a source file, "
    "and it is not what that source compiles to: the static checks read code that never runs.",
)

PC578 = rule(
    "PC578",
    "module-file-shadowed",
    Severity.ERROR,
    "A plugin's module file lies beside a package of the same name, which the host's import "
    "loads instead: the static checks read a file that never runs.",
)

PC427 = rule(
    "PC427",
    "links-outside-tree",
    Severity.ERROR,
    "A plugin source file is a symbolic link out of the checked tree (the project, the search "
    "path, the target's sys.path); plugcheck does not read it and the harness does not import "
    "the plugin.",
)


@plugin_check(PC427)
def links_outside(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for link, real in plugin.outside:
        done = "did not read it"
        if link.name in FILES:  # the project file
            done = "read the project's metadata from it but does not edit it (--fix)"
        yield PC427.at(
            plugin,
            Location(link, 1),
            f"{link.name} links outside the checked tree (to {_target(link, real)}); plugcheck "
            f"{done} and did not import the plugin",
            fix="put the plugin's code into the repository instead of linking to it",
        )


def _target(link: Path, real: Path) -> str:
    """Where ``link`` leads as the link itself says it (``ls -l``), the same wherever the tree
    is checked out; the real path when the file lies in a linked directory."""
    try:
        return os.readlink(link)
    except OSError:
        return str(real)


@plugin_check(PC001)
def unparseable(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for folder, why in plugin.cut_off:
        yield PC001.at(
            plugin,
            Location(folder, 1),
            f"cannot check {folder.name}/: {why}, more than plugcheck walks; plugcheck neither "
            "checks nor imports the plugin",
            fix="flatten the plugin's folders, or move what the plugin does not ship out of it",
        )
    results = {}
    for path in plugin.files:
        if compiled(ctx, path) and ctx.index.is_file(path):
            # An extension module (C, Cython, mypyc) or a sourceless .pyc: no source to read,
            # the host imports it all the same; the harness judges it (red team finding 31).
            # One that is no regular file (a FIFO, a dangling link) fails to read below.
            ctx.notes.append(f"{plugin.name}: {path.name} is compiled: checked by the harness only")
            continue
        results[path] = ctx.index.parse(path)
    newer = [p for p, r in results.items() if isinstance(r, ParseFailure) and r.newer]
    target = (ctx.env.version[0], ctx.env.version[1])
    if target < sys.version_info[:2]:
        newer += [
            p
            for p, r in results.items()
            if isinstance(r, ModuleInfo) and older_grammar_doubt(r, target)
        ]
    verdicts = target_verdicts(ctx.env.executable, newer) if newer else None
    for path, result in results.items():
        finding = _unparseable(ctx, plugin, path, result, verdicts)
        if finding is None:
            continue
        if finding.severity is Severity.ERROR and never_imported(ctx, plugin, path):
            finding = _not_imported(ctx, plugin, finding)
        yield finding


def _unparseable(
    ctx: Context,
    plugin: Plugin,
    path: Path,
    result: ModuleInfo | ParseFailure,
    verdicts: dict[Path, Verdict] | None,
) -> Finding | None:
    if isinstance(result, ModuleInfo):
        refused = verdicts.get(path) if verdicts is not None else None
        if refused is not None:  # an older target's compiler refuses what ast accepted
            return _refused(ctx, plugin, path, refused)
    elif verdicts is not None and path in verdicts:
        return _newer_grammar(ctx, plugin, result, verdicts[path])
    elif result.importable:
        return PC001.at(
            plugin,
            Location(path, result.line, result.col),
            f"cannot check {path.name}: {result.message}; plugcheck neither checks nor "
            "imports the plugin",
            fix="split the module, the expression or the nesting into smaller pieces",
        )
    else:
        return PC001.at(
            plugin,
            Location(path, result.line, result.col),
            f"cannot parse {path.name}: {result.message}; the host's import fails here",
            fix="fix the file so that `python -m py_compile` accepts it",
        )
    return None


def _not_imported(ctx: Context, plugin: Plugin, finding: Finding) -> Finding:
    """PC001 as an info for a file no import of the plugin reaches on the target."""
    major, minor = ctx.env.version[:2]
    said = finding.message.partition("; ")[0]
    return PC001.at(
        plugin,
        finding.location,
        f"{said}; no import of it runs on Python {major}.{minor}, the target: neither the "
        "host's import of the plugin nor any code of the plugin that runs there imports it, so "
        "the host is not affected (an import of it would fail)",
        severity=Severity.INFO,
        fix="fix the file so that `python -m py_compile` accepts it on the target, or remove it "
        "if nothing uses it",
    )


def _refused(ctx: Context, plugin: Plugin, path: Path, verdict: tuple[int, int, str]) -> Finding:
    """PC001 at the target compiler's own message."""
    (major, minor), (line, col, message) = ctx.env.version[:2], verdict
    return PC001.at(
        plugin,
        Location(path, line, col),
        f"cannot parse {path.name}: syntax error: {message} (Python {major}.{minor}, the "
        "target, refuses it); the host's import fails here",
        fix="fix the file so that `python -m py_compile` accepts it",
    )


def _newer_grammar(
    ctx: Context, plugin: Plugin, failure: ParseFailure, verdict: Verdict
) -> Finding:
    """PC001 for a file plugcheck's grammar refuses and the (newer) target's compiler judged:
    an error at the target's own message when it refuses it too, else an info (the harness,
    in the target, still imports and runs the plugin)."""
    path, (major, minor) = failure.path, ctx.env.version[:2]
    if verdict is not None:
        return _refused(ctx, plugin, path, verdict)
    ours = f"{sys.version_info[0]}.{sys.version_info[1]}"
    said = failure.message.split(" (")[0]
    return PC001.at(
        plugin,
        Location(path, failure.line, failure.col),
        f"cannot check {path.name} statically: it needs a newer grammar than plugcheck's "
        f"Python {ours} reads ({said}); the target, Python {major}.{minor}, compiles it, so "
        "only the harness judges the plugin",
        severity=Severity.INFO,
        fix=f"run plugcheck with Python {major}.{minor} to check the plugin statically too",
    )


def compiled(ctx: Context, path: Path) -> bool:
    """Whether ``path`` is a module the target imports without source: an extension module
    (one of its extension suffixes) or a ``.pyc``."""
    name = path.name
    return name.endswith(".pyc") or any(
        name.endswith(suffix) for suffix in ctx.env.extension_suffixes if suffix != ".py"
    )


@plugin_check(PC002)
def unresolvable(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    ep = plugin.entry_point
    if plugin.module_path is not None or plugin.files or plugin.outside or no_module(plugin):
        return  # a folder with no module is imported all the same: PC101 says what it lacks
    if ep is not None:
        where = f"entry point {ep.name} = {ep.value!r}"
    else:
        where = f"project {plugin.name!r}"
    yield PC002.at(
        plugin,
        plugin.claim,
        f"{where}: module {plugin.module!r} cannot be found; the host's import fails with "
        "ModuleNotFoundError",
        fix="install the distribution, or correct the module path in the entry point",
        subject=plugin.module,
    )


def claimed_name(plugin: Plugin) -> str:
    if plugin.entry_point is not None:
        return plugin.entry_point.name
    return canonicalize_name(plugin.project.name if plugin.project else plugin.name)


KEYED_BY_NAME = "keyed-by-name"
"""Whether the host keys plugins by name (default false): only a contract that says so
(pluggy's ``register(plugin, name=ep.name)``, a dict of factories keyed by entry-point name) gets
PC003; many hosts load every entry point of their group whatever its name (keyring, Pygments)."""


RESERVED_NAMES = "reserved-names"
"""Plugin names the host registers itself before it loads its plugins (pytest's builtin plugins
``mark``, ``main``...) or refuses (pytest's plugins merged into it, ``pytest_catchlog``): with
``keyed-by-name``, a plugin of such a name is never registered (pluggy's
``load_setuptools_entrypoints`` skips a name already registered)."""


@contract_check(PC003)
def duplicates(ctx: Context) -> Iterator[Finding]:
    if ctx.contract.options.get(KEYED_BY_NAME, False) is not True:
        return
    reserved = set(ctx.contract.options.get(RESERVED_NAMES, ()))
    first: dict[tuple[str | None, str], Plugin] = {}
    checked = {id(p) for p in ctx.plugins}
    for plugin in ctx.peers or ctx.plugins:
        name = claimed_name(plugin)
        # A host keys each group it builds the name of by name (cliff: one command manager
        # per group): names repeat across the groups a pattern matches.
        ep = plugin.entry_point if ctx.contract.group_pattern else None
        key = (ep.group if ep else None, name)
        if id(plugin) not in checked:  # another plugin of the host, not checked in this run
            first.setdefault(key, plugin)
            continue
        if name in reserved:
            yield PC003.at(
                plugin,
                plugin.claim,
                f"plugin name {name!r} is one the host keeps for itself (the contract's "
                "reserved-names: its own plugins, or names it refuses): the host never registers "
                "this plugin, so it never runs",
                fix="rename the plugin (its entry point)",
            )
            continue
        earlier = first.setdefault(key, plugin)
        if earlier is plugin:
            continue
        where = earlier.claim
        yield PC003.at(
            plugin,
            plugin.claim,
            f"plugin name {name!r} is also claimed by {ctx.shown(where.path)}:{where.line}; "
            "the host registers one of them and shadows the other",
            fix="rename one of the plugins",
            related=[Related(where, f"first claim of {name!r}")],
        )


PC004 = rule(
    "PC004",
    "entry-point-name-rejected",
    Severity.ERROR,
    "An entry-point name does not match the pattern the host requires (`entry-point-name`).",
)


DISTRIBUTION_NAME = "distribution-name"
"""The distribution name the host derives from the entry-point name and requires (Lektor 3.3's
``load_plugins``: ``"lektor-" + ep.name.lower() != ep.dist.project_name.lower()`` raises)."""


def _validate_template(raw: Any) -> str | None:
    if not isinstance(raw, str) or raw.count("{name}") != 1:
        return "must be a distribution name with {name} once for the entry-point name"
    if "{" in raw.replace("{name}", "") or "}" in raw.replace("{name}", ""):
        return "may hold no braces besides {name}"
    return None


def _validate_pattern(raw: Any) -> str | None:
    if not isinstance(raw, str) or not raw:
        return "must be a regular expression the whole entry-point name must match"
    try:
        re.compile(raw)
    except re.error as exc:
        return f"is not a valid regular expression: {exc}"
    return None


FIELDS = {
    KEYED_BY_NAME: _config.Field(
        _config.boolean, _config.BOOLEAN, "The host keys plugins by name (default false; PC003)."
    ),
    RESERVED_NAMES: _config.Field(
        _config.string_list,
        _config.STRINGS,
        "Plugin names the host registers itself before loading its plugins (PC003, with "
        "keyed-by-name).",
    ),
    "entry-point-name": _config.Field(
        _validate_pattern,
        _config.STRING,
        "A regular expression every entry-point name must match (PC004).",
    ),
    DISTRIBUTION_NAME: _config.Field(
        _validate_template,
        _config.STRING,
        "The name the host requires of the distribution of each entry point, with {name} for "
        "the entry-point name (Lektor: 'lektor-{name}'); compared case-insensitively with the "
        "distribution's name as pkg_resources spells it (PC006).",
    ),
}
"""Contract keys of the whole-plugin rules (any Python kind)."""


@plugin_check(PC004)
def entry_point_name(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    pattern = ctx.contract.options.get("entry-point-name")
    ep = plugin.entry_point
    if not isinstance(pattern, str) or ep is None or re.fullmatch(pattern, ep.name):
        return
    yield PC004.at(
        plugin,
        plugin.claim,
        f"entry point name {ep.name!r} does not match {pattern!r}, which the host requires of "
        f"every {ep.group!r} entry point; the host refuses to load the plugin",
        fix=f"rename the entry point to a name matching {pattern!r}",
    )


PC006 = rule(
    "PC006",
    "distribution-name-rejected",
    Severity.ERROR,
    "The distribution of an entry point is not named as the host requires (`distribution-name`).",
)


def pkg_resources_name(name: str) -> str:
    """A name as pkg_resources' ``safe_name`` spells it."""
    return re.sub(r"[^A-Za-z0-9.]+", "-", name)


def project_name(ep: EntryPoint, distribution: str) -> str:
    """The distribution's ``project_name`` in pkg_resources: read from the name of its
    ``.dist-info`` / ``.egg-info`` folder when installed (``lektor_foo-1.0.dist-info`` is
    ``lektor-foo`` even when its METADATA says ``lektor.foo``), else from its declared name."""
    folder = ep.source.parent if ep.source is not None else None
    if folder is not None and folder.suffix.lower() in (".dist-info", ".egg-info"):
        return pkg_resources_name(folder.stem.split("-")[0])
    return pkg_resources_name(distribution)


@plugin_check(PC006)
def distribution_name(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    template = ctx.contract.options.get(DISTRIBUTION_NAME)
    ep = plugin.entry_point
    if not isinstance(template, str) or ep is None or ep.distribution is None:
        return
    required = template.replace("{name}", ep.name)
    actual = project_name(ep, ep.distribution)
    if required.lower() == actual.lower():
        return
    before, after = template.split("{name}")
    fits = (
        len(actual) > len(before) + len(after)
        and actual.lower().startswith(before.lower())
        and actual.lower().endswith(after.lower())
    )
    name = actual[len(before) : len(actual) - len(after)] if fits else None
    if pkg_resources_name(required).lower() == actual.lower():
        why = (
            f"the host compares that with {actual!r}, the distribution's name as pkg_resources "
            "spells it, and does not rewrite the entry-point name"
        )
        fix = f"rename the entry point to {name!r}" if name else "rename the entry point"
    else:
        why = f"it is named {ep.distribution!r}" + (
            f" ({actual!r} to pkg_resources)" if actual != ep.distribution else ""
        )
        fix = f"rename the distribution to {required!r}" + (
            f", or the entry point to {name!r}" if name else ""
        )
    yield PC006.at(
        plugin,
        plugin.claim,
        f"the host requires the distribution of entry point {ep.name!r} to be named "
        f"{required!r} ({DISTRIBUTION_NAME} {template!r}), but {why}; the host refuses the "
        "plugin",
        fix=fix,
    )
