"""``kind = "c-shared"``: C shared libraries against an interface header (PC70x).

Load failures are predicted from the files before anything is loaded (ELF class and machine,
exported dynamic symbols against the header's prototypes, DT_NEEDED resolved like the loader),
then confirmed by ctypes in an isolated process. Discovery is shared with ``go-so``
(kinds/go_so/), and so is ``keys`` (both kinds' contract keys).
"""

from __future__ import annotations

import glob
import os
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from plugcheck import passes
from plugcheck.environment import Environment
from plugcheck.kinds import native_load
from plugcheck.model import Contract, Finding, Location, Origin, Phase, Plugin, Related, Severity
from plugcheck.options import Options, UsageError
from plugcheck.passes import KindPass, guarded
from plugcheck.rules.base import RULES, rule
from plugcheck.static import cheader, elf

# --- c-shared -----------------------------------------------------------------------------------

PC701 = rule(
    "PC701",
    "c-declared-not-exported",
    Severity.ERROR,
    "A function or extern variable the interface header declares is not exported by the library.",
)
PC702 = rule(
    "PC702",
    "c-undeclared-export",
    Severity.WARNING,
    "The library exports a symbol with the interface prefix that the header does not declare.",
)
PC703 = rule(
    "PC703",
    "native-wrong-architecture",
    Severity.ERROR,
    "The library is built for another ELF class or machine than the host's interpreter.",
)
PC704 = rule(
    "PC704",
    "c-missing-needed-library",
    Severity.ERROR,
    "A DT_NEEDED library cannot be found where the dynamic loader looks.",
)
PC705 = rule(
    "PC705",
    "native-not-loadable",
    Severity.ERROR,
    "The plugin file is not a readable ELF shared object (not ELF, truncated, an executable).",
)
PC706 = rule(
    "PC706",
    "c-load-failed",
    Severity.ERROR,
    "Loading the library with ctypes in an isolated process fails (dlopen error, crash).",
    phase=Phase.DYNAMIC,
)
PC707 = rule(
    "PC707",
    "c-smoke-failed",
    Severity.ERROR,
    "The contract's no-argument smoke function crashes, hangs or cannot be called.",
    phase=Phase.DYNAMIC,
)


# --- discovery (both kinds) ---------------------------------------------------------------------


def discover(contract: Contract, env: Environment, explicit: list[Path]) -> list[Plugin]:
    files: list[Path] = []
    targets: set[Path] = set()
    for pattern in contract.paths:
        for match in sorted(glob.glob(str(contract.root / pattern), recursive=True)):
            path = Path(match)
            # libfoo.so -> libfoo.so.1 is one library (checked under its first name); a dangling
            # symlink is kept, it is a library the host cannot open, and so is a FIFO, a socket
            # or a device (the host's dlopen blocks or fails; before, skipped without a word).
            if path.is_dir() or path.resolve() in targets:
                continue
            targets.add(path.resolve())
            files.append(path)
    if explicit:
        chosen = [p.resolve() for p in explicit]
        files = [
            f
            for f in files
            if any(f.resolve() == c or f.resolve().is_relative_to(c) for c in chosen)
        ]
        # A library named on the command line outside the globs (a plugin author checking a
        # fresh build against the host's contract) belongs to the kind it looks like.
        known = {f.resolve() for f in files}
        files.extend(
            p
            for p in explicit
            if p.is_file() and p.resolve() not in known and looks_like(p) == contract.kind
        )
    return [
        Plugin(
            name=path.name,
            contract=contract.name,
            origin=Origin.EXPLICIT if explicit else Origin.PATH,
            root=path,
            module=path.name,
            module_path=None,
            import_root=None,
            files=(path,),
        )
        for path in files
    ]


def looks_like(path: Path) -> str | None:
    """``go-so`` for a Go plugin, ``c-shared`` for another ELF shared object, else ``None``."""
    try:
        info = elf.read_elf(path, symbols=True)
    except (elf.ElfError, elf.MissingExtra):
        return None
    if info.elf_type != "ET_DYN":
        return None
    if any(name.startswith("go.link.pkghash.") for name in info.dynamic_symbols):
        return "go-so"
    return "c-shared"


def contract_file(contract: Contract, key: str) -> Path:
    raw = contract.options.get(key)
    if not isinstance(raw, str):
        raise UsageError(
            [
                f"{contract.source}: tool.plugcheck.contracts.{contract.name}.{key}: "
                f"is required for kind = {contract.kind!r}"
            ]
        )
    path = contract.root / raw
    if not path.is_file():
        raise UsageError(
            [
                f"{contract.source}: tool.plugcheck.contracts.{contract.name}.{key}: "
                f"{raw!r}: file not found"
            ]
        )
    return path


def need_extra(contract: Contract) -> None:
    """pyelftools for both native kinds, pycparser for headers too (the ``native`` extra)."""
    headers = ("pycparser",) if contract.kind == "c-shared" else ()
    passes.need_extra(contract, "native", "elftools.elf", *headers)


def at_file(plugin: Plugin) -> Location:
    return Location(plugin.root, 1, 1)


# --- c-shared -----------------------------------------------------------------------------------


def _c_check(
    contract: Contract,
    plugins: list[Plugin],
    env: Environment,
    options: Options,
    notes: list[str],
) -> list[Finding]:
    header = contract_file(contract, "header")
    need_extra(contract)
    if not plugins or not (options.static or options.dynamic):
        return []
    include = tuple(contract.root / d for d in contract.options.get("include-dirs", []))
    try:
        declared = cheader.prototypes(header, include)
    except cheader.HeaderError as exc:
        raise UsageError([f"contract {contract.name!r}: header {exc}"]) from None
    target = _target(env)
    loaded = elf.loaded_sonames(target) if target is not None else frozenset()
    findings: list[Finding] = []
    loads: list[tuple[Plugin, frozenset[str]]] = []
    for plugin in plugins:
        found, exported = guarded(
            plugin, partial(_c_static, contract, plugin, declared, target, loaded), notes
        ) or ([], None)
        findings.extend(found)
        if options.dynamic and exported is not None:
            loads.append((plugin, exported))
    # Each load is a child process; run them side by side (--jobs, default: one per CPU).
    workers = max(1, min(len(loads), options.jobs or os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for produced in pool.map(
            lambda job: (
                guarded(job[0], partial(_c_dynamic, contract, job[0], env, declared, job[1]), notes)
                or []
            ),
            loads,
        ):
            findings.extend(produced)
    return only_phases(findings, options)


def only_phases(findings: list[Finding], options: Options) -> list[Finding]:
    """Drop the static findings of a dynamic-only run (the static work still decides what to
    load), and the dynamic ones of a static-only run."""
    wanted = {Phase.STATIC} if options.static else set()
    wanted |= {Phase.DYNAMIC} if options.dynamic else set()
    return [f for f in findings if RULES[f.code].phase in wanted]


def _target(env: Environment) -> elf.ElfInfo | None:
    try:
        return elf.read_elf(env.executable.resolve())
    except elf.ElfError:
        return None


def _c_static(
    contract: Contract,
    plugin: Plugin,
    declared: list[cheader.Prototype],
    target: elf.ElfInfo | None,
    loaded: frozenset[str],
) -> tuple[list[Finding], frozenset[str] | None]:
    """Findings for one library, and its exported functions when loading it is worth trying."""
    try:
        info = elf.read_elf(plugin.root)
    except elf.ElfError as exc:
        return [
            PC705.at(
                plugin,
                at_file(plugin),
                f"{plugin.name} cannot be loaded as a shared library: {exc}",
                fix="point the contract's paths at the built .so files, and rebuild this one",
            )
        ], None
    findings: list[Finding] = []
    if info.elf_type != "ET_DYN":
        findings.append(
            PC705.at(
                plugin,
                at_file(plugin),
                f"{plugin.name} is an ELF file of type {info.elf_type}, not a shared object",
                fix="build it with -shared -fPIC (or go build -buildmode=c-shared)",
            )
        )
        return findings, None
    if target is not None and (info.elf_class, info.machine) != (
        target.elf_class,
        target.machine,
    ):
        findings.append(
            PC703.at(
                plugin,
                at_file(plugin),
                f"{plugin.name} is built for {info.arch}, but the host's interpreter "
                f"{target.path.name} is {target.arch}; dlopen will refuse it",
                fix=f"rebuild it for {target.arch}",
            )
        )
        return findings, None
    for name, needer in elf.missing_needed(info, loaded=loaded):
        via = "" if needer == info.path.name else f" (needed by {needer})"
        findings.append(
            PC704.at(
                plugin,
                at_file(plugin),
                f"{plugin.name} needs {name}{via}, which the dynamic loader cannot find "
                "(RPATH/RUNPATH, LD_LIBRARY_PATH, the ldconfig cache, default directories)",
                fix=f"install {name}, or link with -Wl,-rpath,'$ORIGIN' and ship it beside "
                f"{plugin.name}",
            )
        )
    for proto in declared:
        table, other = (
            (info.exported_objects, info.exported_functions)
            if proto.variable
            else (info.exported_functions, info.exported_objects)
        )
        if proto.name in table:
            continue
        what = f"the variable {proto.name}" if proto.variable else f"{proto.name}()"
        also = (
            f" (it exports {proto.name} as a {'function' if proto.variable else 'variable'})"
            if proto.name in other
            else ""
        )
        findings.append(
            PC701.at(
                plugin,
                Location(proto.path, proto.line, 1),
                f"{plugin.name} does not export {what}, which the header {proto.path.name} "
                f"declares: {proto.text}{also}",
                fix=f"define {proto.name} with default visibility (no static, no "
                "-fvisibility=hidden without an export attribute)",
                related=(Related(at_file(plugin), f"{plugin.name}: no such dynamic symbol"),),
            )
        )
    prefix = contract.options.get("interface-prefix")
    if isinstance(prefix, str):
        names = {p.name for p in declared}
        exported = {**info.exported_functions, **info.exported_objects}
        for name in sorted(exported):
            if name.startswith(prefix) and name not in names:
                findings.append(
                    PC702.at(
                        plugin,
                        at_file(plugin),
                        f"{plugin.name} exports "
                        + (
                            f"{name}()"
                            if name in info.exported_functions
                            else f"the variable {name}"
                        )
                        + f" with the interface prefix {prefix!r}, but the header does not "
                        "declare it; the host will never use it (a typo, or a declaration the "
                        "header lost)",
                        fix=f"declare {name} in the header, rename it, or make it static",
                    )
                )
    if any(f.code == PC704.code for f in findings):
        return findings, None
    return findings, frozenset(info.exported_functions)


def _c_dynamic(
    contract: Contract,
    plugin: Plugin,
    env: Environment,
    declared: list[cheader.Prototype],
    exported: frozenset[str],
) -> list[Finding]:
    smoke = contract.options.get("smoke-function")
    if smoke not in exported and any(p.name == smoke for p in declared):
        smoke = None  # declared but not exported: PC701 already says so
    outcome = native_load.load_c(env, plugin.root, smoke)
    if outcome.load_error is not None:
        return [
            PC706.at(
                plugin,
                at_file(plugin),
                f"loading {plugin.name} with ctypes failed: {outcome.load_error}",
                fix="fix what the loader reports (an undefined symbol: link the library that "
                "defines it; a crash in a constructor: fix the constructor)",
            )
        ]
    if outcome.exit_error is not None:
        return [
            PC706.at(
                plugin,
                at_file(plugin),
                f"the process that loaded {plugin.name} with ctypes did not exit: "
                f"{outcome.exit_error}",
                fix="make the library's destructors and atexit handlers return: one that never "
                "returns hangs the host's exit",
            )
        ]
    if smoke and outcome.smoke_error is not None:
        return [
            PC707.at(
                plugin,
                at_file(plugin),
                f"calling the smoke function {smoke}() of {plugin.name} failed: "
                f"{outcome.smoke_error}",
                fix=f"make {smoke}() return normally with no arguments",
            )
        ]
    return []


PASS = KindPass(discover, _c_check)
