"""``kind = "go-so"``: Go ``-buildmode=plugin`` files against their host binary (PC72x).

Build-information differences explain the cause; the package hashes ``plugin.Open`` compares
(``go.link.pkghash.<import path>``) decide the verdict. When a Go toolchain of the host's version
is present, a tiny loader opens each plugin in an isolated process to confirm (report notes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from plugcheck.environment import Environment
from plugcheck.kinds import native_load
from plugcheck.kinds.c_shared.checks import (
    at_file,
    contract_file,
    discover,
    need_extra,
    only_phases,
)
from plugcheck.model import Contract, Finding, Partial, Phase, Plugin, Related, Severity
from plugcheck.options import Options, UsageError
from plugcheck.passes import KindPass, guarded
from plugcheck.rules.base import rule
from plugcheck.static import elf, gobuild

PC721 = rule(
    "PC721",
    "go-toolchain-mismatch",
    Severity.ERROR,
    "The plugin was built with another Go toolchain version than the host.",
)
PC722 = rule(
    "PC722",
    "go-platform-mismatch",
    Severity.ERROR,
    "The plugin was built for another GOOS/GOARCH (or ELF class/machine) than the host.",
)
PC723 = rule(
    "PC723",
    "go-build-flags-mismatch",
    Severity.ERROR,
    "Host and plugin differ in -trimpath, -race or build tags, or the host is built without CGO.",
)
PC724 = rule(
    "PC724",
    "go-module-version-mismatch",
    Severity.WARNING,
    "A module both depend on is at another version or sum in the plugin than in the host.",
)
PC725 = rule(
    "PC725",
    "go-package-hash-mismatch",
    Severity.ERROR,
    "A package in both files has another hash: plugin.Open fails ('different version of package').",
)
PC726 = rule(
    "PC726",
    "go-not-a-plugin",
    Severity.ERROR,
    "The file is not a Go -buildmode=plugin shared object (not ELF, truncated, not Go).",
)
PC727 = rule(
    "PC727",
    "go-hashes-unavailable",
    Severity.INFO,
    "Host or plugin carries no package hashes (stripped): only build information was compared.",
)
PC728 = rule(
    "PC728",
    "go-symbol-missing",
    Severity.ERROR,
    "A symbol the contract looks up (plugin.Lookup) is not defined by the plugin.",
)

PC729 = rule(
    "PC729",
    "go-duplicate-plugin-path",
    Severity.ERROR,
    "Two plugins have the same plugin path: after one is opened the other is 'already loaded'.",
)
PC730 = rule(
    "PC730",
    "go-init-failed",
    Severity.ERROR,
    "Opening the plugin ran init functions that panicked, exited, crashed or never returned.",
    phase=Phase.DYNAMIC,
)

# --- checks -----------------------------------------------------------------------------------


def _go_check(
    contract: Contract,
    plugins: list[Plugin],
    env: Environment,
    options: Options,
    notes: list[str],
) -> list[Finding]:
    host_path = contract_file(contract, "host-binary")
    need_extra(contract)
    if not plugins or not (options.static or options.dynamic):
        return []
    where = f"contract {contract.name!r}: host-binary {host_path.name}"
    try:
        host = gobuild.read_go(host_path)
    except elf.ElfError as exc:
        raise UsageError([f"{where}: {exc}"]) from None
    if not host.is_go:
        raise UsageError([f"{where}: no Go build information or package hashes in it"])
    symbols = host.elf.symbols.keys() | host.elf.dynamic_symbols.keys()
    if host.elf.symbols and not any(name.startswith("plugin.") for name in symbols):
        raise UsageError([f"{where}: does not import package plugin, so it cannot load plugins"])
    lookups = [str(s) for s in contract.options.get("lookup-symbols", [])]
    findings: list[Finding] = []
    claimed: dict[str, Plugin] = {}
    load = options.dynamic
    for plugin in plugins:
        produced, go_file = guarded(plugin, partial(_go_static, plugin, host, lookups), notes) or (
            [],
            None,
        )
        findings.extend(produced)
        if go_file is not None and go_file.plugin_path:
            first = claimed.setdefault(go_file.plugin_path, plugin)
            if first is not plugin:
                findings.append(_duplicate(plugin, first, go_file.plugin_path))
        if load and go_file is not None:
            outcome = guarded(
                plugin, partial(native_load.load_go, host, plugin.root, lookups, options), notes
            ) or native_load.GoLoad(False, reason="the loader crashed")
            if outcome.ended is not None:
                findings.append(_init_failed(plugin, outcome.ended))
            elif outcome.ran:
                notes.append(_confirmation(plugin, outcome, produced))
            else:  # the same reason holds for every plugin of the contract
                # Partial: a passing summary names it (the plugins' init functions never ran).
                notes.append(Partial(f"go loader: not run for {contract.name} ({outcome.reason})"))
                load = False
    return only_phases(findings, options)


def _duplicate(plugin: Plugin, first: Plugin, path: str) -> Finding:
    return PC729.at(
        plugin,
        at_file(plugin),
        f"{plugin.name} has the plugin path {path}, like {first.name}: a host that opens both "
        f"gets 'plugin already loaded' for the second",
        fix="build each plugin from its own package (its own import path), or ship only one",
        related=(Related(at_file(first), f"{first.name} has the same plugin path"),),
    )


def _init_failed(plugin: Plugin, ended: str) -> Finding:
    # Not a note like the loader's other outcomes: plugin.Open runs the plugin's init functions
    # (and its packages') in the host's process, and nothing in the host's packages can stop a
    # panic or an exit there. Before, "All checks passed" for a plugin whose init panics.
    return PC730.at(
        plugin,
        at_file(plugin),
        f"{plugin.name}'s init functions did not return from plugin.Open in a loader built like "
        f"the host ({ended}): they end or hang the host's process the same way",
        fix="make the plugin's package-level variables and init functions return without "
        "panicking, exiting or blocking; do the work in a function the host looks up and calls",
    )


def _confirmation(plugin: Plugin, outcome: native_load.GoLoad, predicted: list[Finding]) -> str:
    """One note comparing the real load in the isolated Go loader with the prediction."""
    errors = sorted({f.code for f in predicted if f.severity is Severity.ERROR})
    if outcome.open_error is None and not outcome.missing:
        verdict = "opened" + (
            f" (it cannot confirm {', '.join(errors)}: it does not link the host's own packages)"
            if errors
            else ""
        )
    elif outcome.open_error is not None:
        verdict = f"plugin.Open failed: {outcome.open_error}" + (
            f" (predicted: {', '.join(errors)})" if errors else " (NOT predicted)"
        )
    else:
        verdict = "Lookup failed: " + "; ".join(f"{n}: {e}" for n, e in outcome.missing)
    return f"go loader: {plugin.name}: {verdict}"


def _go_static(
    plugin: Plugin, host: gobuild.GoFile, lookups: list[str]
) -> tuple[list[Finding], gobuild.GoFile | None]:
    at = at_file(plugin)
    try:
        go = gobuild.read_go(plugin.root)
    except elf.ElfError as exc:
        return [PC726.at(plugin, at, f"{plugin.name} is not a Go plugin: {exc}")], None
    problem = None
    if not go.is_go:
        problem = "it carries no Go build information or package hashes"
    elif go.elf.elf_type != "ET_DYN" or not go.plugin:
        kind = "an executable" if go.elf.elf_type != "ET_DYN" else "a c-shared library"
        problem = f"it is {kind}, not built with -buildmode=plugin"
    if problem is not None:
        return [
            PC726.at(
                plugin,
                at,
                f"{plugin.name} is not a Go plugin: {problem}",
                fix="build it with go build -buildmode=plugin",
            )
        ], None
    differing = sorted(
        p
        for p in go.pkghashes.keys() & host.pkghashes.keys()
        if go.pkghashes[p] != host.pkghashes[p]
    )
    std = [p for p in differing if "." not in p.split("/", 1)[0]]
    causes = list(_go_build_differences(plugin, host, go, std))
    findings = [*causes, *_go_modules(plugin, host, go, differing)]
    cause = causes[0].code if causes else None
    findings.extend(_go_hashes(plugin, host, go, differing, std, cause=cause))
    findings.extend(_go_lookups(plugin, host, go, lookups))
    return findings, go


def _std_note(std: list[str]) -> str:
    if not std:
        return ""
    shown = ", ".join(std[:4]) + (f" and {len(std) - 4} more" if len(std) > 4 else "")
    return f"; as a result {len(std)} standard-library package hashes differ ({shown})"


def _go_build_differences(
    plugin: Plugin, host: gobuild.GoFile, go: gobuild.GoFile, std: list[str]
) -> Iterator[Finding]:
    """Toolchain, platform and flag differences; the first one carries the std-hash count."""
    for index, finding in enumerate(_build_causes(plugin, host, go)):
        if index == 0 and std:
            finding = replace(finding, message=finding.message + _std_note(std))
        yield finding


def _build_causes(plugin: Plugin, host: gobuild.GoFile, go: gobuild.GoFile) -> Iterator[Finding]:
    at = at_file(plugin)
    hb, pb = host.build, go.build
    if hb.go_version and pb.go_version and hb.go_version != pb.go_version:
        yield PC721.at(
            plugin,
            at,
            f"{plugin.name} was built with {pb.go_version}, the host with {hb.go_version}; "
            "plugin.Open fails: plugin was built with a different version of package runtime/...",
            fix=f"rebuild the plugin with {hb.go_version}",
        )
    if (host.elf.elf_class, host.elf.machine) != (go.elf.elf_class, go.elf.machine):
        yield PC722.at(
            plugin,
            at,
            f"{plugin.name} is {go.elf.arch}, the host is {host.elf.arch}",
            fix="rebuild the plugin with the host's GOOS/GOARCH",
        )
    else:
        for key in ("GOOS", "GOARCH"):
            if key in hb.settings and key in pb.settings and hb.settings[key] != pb.settings[key]:
                yield PC722.at(
                    plugin,
                    at,
                    f"{plugin.name} has {key}={pb.settings[key]}, the host {key}="
                    f"{hb.settings[key]}",
                    fix=f"rebuild the plugin with {key}={hb.settings[key]}",
                )
    if hb.settings.get("CGO_ENABLED") == "0":
        yield PC723.at(
            plugin,
            at,
            "the host was built with CGO_ENABLED=0; its plugin.Open always fails with "
            "'plugin: not implemented'",
            fix="rebuild the host with CGO_ENABLED=1",
        )
    if host.race != go.race:
        yield PC723.at(
            plugin,
            at,
            f"-race differs: host {'with' if host.race else 'without'}, {plugin.name} "
            f"{'with' if go.race else 'without'}; the runtime packages will not match",
            fix="build host and plugin both with or both without -race",
        )
    host_trim, plugin_trim = _trimpath(hb), _trimpath(pb)
    if host_trim is not None and plugin_trim is not None and host_trim != plugin_trim:
        yield PC723.at(
            plugin,
            at,
            f"-trimpath differs: the host is built {'with' if host_trim else 'without'} it, "
            f"{plugin.name} {'with' if plugin_trim else 'without'}; every package that records "
            "source paths gets another hash",
            fix="build host and plugin both with or both without -trimpath",
        )
    if hb.source == pb.source == "buildinfo" and hb.settings.get("-tags") != pb.settings.get(
        "-tags"
    ):
        yield PC723.at(
            plugin,
            at,
            f"build tags differ: the host has {_setting(hb, '-tags')}, {plugin.name} has "
            f"{_setting(pb, '-tags')}",
            fix="build host and plugin with the same -tags",
            severity=Severity.WARNING,
        )


def _trimpath(build: gobuild.BuildInfo) -> bool | None:
    """Whether -trimpath was used; ``None`` when the file does not tell."""
    value = build.settings.get("-trimpath")
    if value is not None:
        return value == "true"
    return False if build.source == "buildinfo" else None


def _go_modules(
    plugin: Plugin, host: gobuild.GoFile, go: gobuild.GoFile, differing: list[str]
) -> Iterator[Finding]:
    """Modules at another version or sum whose common packages do not (yet) differ.

    When a package of the module is in both files with another hash, PC725 reports it and names
    the two versions; this rule covers the rest (the host and plugin share none of its packages
    today, or the files carry no package hashes).
    """
    at = at_file(plugin)
    host_mods = _modules(host.build)
    for path, module in sorted(_modules(go.build).items()):
        if any(p == path or p.startswith(path + "/") for p in differing):
            continue
        other = host_mods.get(path)
        if other is None or not _differs(other, module):
            continue
        yield PC724.at(
            plugin,
            at,
            f"module {path} is at {_version(other)} in the host but at {_version(module)} "
            f"in {plugin.name}"
            + (
                f" (sums {other.effective[2]} / {module.effective[2]})"
                if module.effective[:2] == other.effective[:2]
                else ""
            ),
            fix=f"require {path} {other.effective[1]} in the plugin's go.mod (the host's)",
            severity=Severity.ERROR if not host.pkghashes or not go.pkghashes else Severity.WARNING,
        )


def _differs(a: gobuild.Module, b: gobuild.Module) -> bool:
    """Another path or version, or another sum when both sums are known."""
    (path_a, version_a, sum_a), (path_b, version_b, sum_b) = a.effective, b.effective
    return (path_a, version_a) != (path_b, version_b) or bool(sum_a and sum_b and sum_a != sum_b)


def _setting(build: gobuild.BuildInfo, key: str) -> str:
    value = build.settings.get(key)
    return f"{key}={value}" if value else "none"


def _version(module: gobuild.Module) -> str:
    text = module.version
    if module.replace is not None:
        text += f" => {module.replace.path} {module.replace.version}".rstrip()
    return text


def _modules(build: gobuild.BuildInfo) -> dict[str, gobuild.Module]:
    modules = dict(build.deps)
    if build.main is not None and build.main.version not in ("", "(devel)"):
        modules[build.main.path] = build.main
    return modules


def _go_hashes(
    plugin: Plugin,
    host: gobuild.GoFile,
    go: gobuild.GoFile,
    differing: list[str],
    std: list[str],
    *,
    cause: str | None,
) -> Iterator[Finding]:
    at = at_file(plugin)
    if not host.pkghashes or not go.pkghashes:
        if cause:  # the build information already decides: plugin.Open fails
            return
        which = "the host" if not host.pkghashes else plugin.name
        yield PC727.at(
            plugin,
            at,
            f"{which} has no go.link.pkghash symbols (stripped?): only build information "
            "was compared, plugin.Open may still fail",
            fix="keep the dynamic symbol table (do not strip it) to get the exact check",
        )
        return
    for package in (p for p in differing if p not in std):
        why = _module_of(package, host.build, go.build) or (
            f"a consequence of the {cause} build difference" if cause else "an edited copy?"
        )
        yield PC725.at(
            plugin,
            at,
            f"plugin.Open will fail: plugin was built with a different version of package "
            f"{package} ({why})",
            fix=f"rebuild {plugin.name} against the exact {package} the host was built with",
        )
    if std and not cause:
        yield PC725.at(
            plugin,
            at,
            "plugin.Open will fail"
            + _std_note(std).replace("; as a result", ":")
            + " (same Go version and flags: check GOFLAGS, -gcflags, GOEXPERIMENT)",
            fix="build host and plugin with the same Go toolchain and flags",
        )


def _module_of(package: str, host: gobuild.BuildInfo, plugin: gobuild.BuildInfo) -> str:
    host_mods, plugin_mods = _modules(host), _modules(plugin)
    for path in sorted(host_mods.keys() & plugin_mods.keys(), key=len, reverse=True):
        if package == path or package.startswith(path + "/"):
            a, b = host_mods[path], plugin_mods[path]
            if _differs(a, b):
                return f"module {path}: host {a}, plugin {b}"
    return ""


def _go_lookups(
    plugin: Plugin, host: gobuild.GoFile, go: gobuild.GoFile, lookups: list[str]
) -> Iterator[Finding]:
    names = go.elf.symbols.keys() | go.elf.dynamic_symbols.keys()
    own = (
        [go.plugin_path] if go.plugin_path else sorted(go.pkghashes.keys() - host.pkghashes.keys())
    )
    if not own or not names:
        return
    for symbol in lookups:
        if not any(f"{pkg}.{symbol}" in names for pkg in own):
            yield PC728.at(
                plugin,
                at_file(plugin),
                f"{plugin.name} does not define {symbol}; plugin.Lookup({symbol!r}) fails "
                f"(package main of the plugin: {own[0]})",
                fix=f"define an exported func or var {symbol} in the plugin's package main",
            )


def _plugin_path(plugin: Plugin) -> str | None:
    """What PC729 compares: two plugins of one plugin path must be in one ``--shard``."""
    try:
        return gobuild.read_go(plugin.root).plugin_path
    except (elf.ElfError, OSError):
        return None


PASS = KindPass(discover, _go_check, together=_plugin_path)
