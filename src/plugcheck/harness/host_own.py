"""Which plugins' code the fork server must never run while it preloads: every plugin's of the
run but the host's own, an entry point of the contract's ``api-distribution``.

nbconvert's built-in exporters are entry points of the group it defines, in
``nbconvert.exporters``, the very module the contract names as its API: counted as plugin
code, that preload was left to each of the run's 27 plugin processes (2 s of CPU each)
instead of made once in the server. The host's own distribution is trusted as its preloads
are (see "Preloading" in docs/harness.md); its plugin is left out of the guard only where
the server's import of its module finds the file that distribution installed (no other
file earlier on the server's ``sys.path``), and what any other plugin lists stays guarded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from plugcheck.environment import Environment
from plugcheck.harness.host_distribution import Infos, installed, on_path, owns_host
from plugcheck.model import Contract, Origin, Plugin

_ENTRY_MODULE = re.compile(r"\s*([\w.]+)")


def guarded(
    plugins: Sequence[Plugin], env: Environment, contract: Contract, sys_path: Sequence[str]
) -> tuple[list[str], list[str], list[str]]:
    """The module names and source files (sorted) whose code the server's preloads must not
    run: those of ``plugins`` and of every entry point the target has in the run's groups,
    whether this run checks it or not (red team red45: a plugin another shard checks, or one
    installed beside the plugin checked by path, ran in the server and forged that plugin's
    pass), but the host's own; then those files without the others their distributions
    installed (what a child counts as its plugin's code having run: commitizen imports its
    plugins' packages as it is imported, and a package's ``__init__`` counted there made the
    stream commitizen replaced a healthy plugin's tampering, PC414)."""
    native = (*env.extension_suffixes, ".so")
    host = _normal(contract.api_distribution) if contract.api_distribution else None
    # The host's own packages: those of the modules the contract names as the host's. A
    # distribution's name is its own claim: a plugin's distribution named like the host
    # declared an entry point of its own module, which the server then trusted and ran,
    # unconfined, as its preload loaded the group (red team red47).
    preloads = [m for m in contract.options.get("preload", ()) if isinstance(m, str)]
    named_here = [*preloads, *hookspec_modules(contract)]
    tops = contract.host_modules() | {m.partition(".")[0] for m in named_here}
    # Nor is its metadata's place: a distribution named like the host whose RECORD lists none
    # of the files the host's packages are imported from is no host, and while one is there,
    # none of that name is trusted (its Requires-Dist made a plugin's helper the host's).
    ours = filter(None, (_found(top, sys_path, native) for top in sorted(tops)))
    infos = on_path(sys_path, _normal) if host is not None else Infos({}, complete=True)
    own = host if host is not None and owns_host(host, ours, infos) else None
    modules: set[str] = set()
    files: set[str] = set()
    for p in plugins:
        if not _host_own(p.module, p.module_path, _declared(p), own, tops, sys_path, native):
            modules.add(p.module)
            # As discovery found them, not resolved as well: 0.14 s of CPU per 10,000 files,
            # and a module imported by name is stopped by its name anyway.
            files.update(str(f) for f in (*p.files, *filter(None, [p.module_path])))
    plugin_dists = {_normal(d) for p in plugins if (d := _declared(p))}
    for ep in env.entry_points:
        named = _ENTRY_MODULE.match(ep["value"])
        where = ep["module_file"]
        module = named.group(1) if named else ""
        declared = ep["dist_name"]
        if named and _host_own(
            module, Path(where) if where else None, declared, own, tops, sys_path, native
        ):
            continue
        modules.update([named.group(1)] if named else [])
        files.update([where] if where else [])
        plugin_dists.update([_normal(ep["dist_name"])] if ep["dist_name"] else [])
    # Their other entry points, in groups no contract of the run names, and those of what they
    # require: a host's preload that loads such a group ran them in the server, unconfined
    # (red team red46). The host's own distribution and what it requires are the host's.
    # Nor a requirement's name that two distributions claim: a second `markdown` dist-info
    # requiring a plugin's helper made the helper the host's (red team red49).
    claimed = {name for name, found in infos.named.items() if len(found) > 1}
    trusted = _required({own}, env.requirements, claimed) if own else set()
    for dist in _required(plugin_dists, env.requirements) - trusted:
        modules.update(env.entry_modules.get(dist, ()))
    # Every file of code their distributions installed, wherever they put it: a module a
    # plugin's wheel put into the host's own package, which the host's preload imports with
    # its others (`pkgutil.iter_modules`), ran in the server, unconfined (red team red51).
    # Not those the host requires, which are the host's as above: asdf imports asdf_standard,
    # a plugin of its own group, and guarding it dropped numpy's half-made import in the server.
    extra: set[str] = set()
    if theirs := plugin_dists - {own} - trusted:
        if host is None:
            infos = on_path(sys_path, _normal)
        extra = installed(infos, theirs, (".py", ".pyc", *native))
    if host:  # but what a distribution named like the host declares outside its packages
        modules.update(
            m for m in env.entry_modules.get(host, ()) if m.partition(".")[0] not in tops
        )
    return sorted(modules), sorted(files | extra), sorted(files)


def hookspec_modules(contract: Contract) -> list[str]:
    """A pluggy contract's hookspec modules (the module of a ``module:Class`` reference): the
    host imports them before it loads plugins, and the contract names them as the host's, as
    it names its preloads (sqlfluff's ``sqlfluff.core.plugin.hookspecs:PluginSpec``)."""
    raw = contract.options.get("pluggy") if contract.kind == "pluggy" else None
    specs = raw.get("hookspecs") if isinstance(raw, dict) else None
    if not isinstance(specs, list):
        return []
    return [s.partition(":")[0] for s in specs if isinstance(s, str)]


def type_modules(contract: Contract) -> list[str]:
    """The modules of the types the contract names (its exports', the entry-point object's, the
    lifecycle's protocol and registry) and its ``api``, in that order, each once: the host has
    imported them before it loads a plugin, so the fork server and the setup-function worker
    both preload them (before, the worker did not, and each plugin's child imported the host's
    package again: cislow49)."""
    found = [r.module for r in contract.references()] + ([contract.api] if contract.api else [])
    return list(dict.fromkeys(found))


def others_may_run_first(modules: Sequence[str], plugin: Plugin) -> bool:
    """Whether ``modules`` (those whose code the preloads must not run, :func:`guarded`) name
    one outside ``plugin``'s own top-level package: only then may a host's import that runs
    plugins' code have run another plugin's before this one's, in its process. Where the host's
    only other plugin is this one (a registry's environment of the host and the plugin), what
    its process says is its own word (``passes.Accepted.after``)."""
    own = plugin.module.partition(".")[0]
    return any(module.partition(".")[0] != own for module in modules)


def _declared(plugin: Plugin) -> str | None:
    entry = plugin.entry_point
    return entry.distribution if plugin.origin is Origin.ENTRY_POINT and entry else None


def _required(
    dists: set[str],
    requirements: Mapping[str, Sequence[str]],
    claimed: frozenset[str] | set[str] = frozenset(),
) -> set[str]:
    """``dists`` and every distribution they require, directly or not (as installed), but
    those named in ``claimed`` and what only they lead to."""
    found, todo = set(dists), list(dists)
    while todo:
        for name in requirements.get(todo.pop(), ()):
            if name not in found and name not in claimed:
                found.add(name)
                todo.append(name)
    return found


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _host_own(
    module: str,
    path: Path | None,
    declared: str | None,
    host: str | None,
    tops: frozenset[str],
    sys_path: Sequence[str],
    native: tuple[str, ...],
) -> bool:
    """Whether an entry point of ``module`` (file ``path``) that the distribution
    ``declared`` declares is the host's own: ``host`` (normalised) declares it, ``module`` is
    in one of the host's packages (``tops``), and the server's import of ``module`` finds
    ``path``."""
    if host is None or declared is None or path is None or _normal(declared) != host:
        return False
    if module.partition(".")[0] not in tops:
        return False
    found = _found(module, sys_path, native)
    try:
        return found is not None and found.resolve() == path.resolve()
    except (OSError, RuntimeError):
        return False


def _found(module: str, sys_path: Sequence[str], native: tuple[str, ...]) -> Path | None:
    """The source file the import system finds for ``module`` along ``sys_path`` (a package's
    ``__init__.py``), as ``PathFinder`` looks in each folder in turn: a regular package, else
    an extension module, else a ``.py`` file; a namespace portion only where no folder has
    one. ``None``: no source file of its own there (an extension module, a namespace
    package, bytecode only, not found)."""
    locations = [Path(entry) for entry in sys_path]
    parts = module.split(".")
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        portions: list[Path] = []
        for folder in locations:
            package = folder / part
            if any((package / f"__init__{suffix}").exists() for suffix in native):
                return None
            if (package / "__init__.py").is_file():
                if last:
                    return package / "__init__.py"
                locations = [package]
                break
            if any((folder / (part + suffix)).exists() for suffix in native):
                return None
            if (folder / f"{part}.py").is_file():
                return folder / f"{part}.py" if last else None
            if package.is_dir():
                portions.append(package)
        else:
            if last or not portions:
                return None
            locations = portions
    return None
