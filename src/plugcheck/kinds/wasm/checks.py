"""``kind = "wasm"``: WebAssembly modules a host instantiates (docs/background.md, wazero in Go).

With wasmtime: the module must compile; the contract's ``wasm-exports`` must exist with their
declared types; every import must be satisfiable (WASI when ``wasi = true``, or a host function
declared in ``wasm-imports``); each ``smoke`` call runs with a fuel bound and a memory limit and
must return the expected result. ``.wat`` text is accepted as well as ``.wasm`` binaries; for text,
findings point at the line declaring the export or import.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugcheck.environment import Environment
from plugcheck.kinds import out_of_process as oop
from plugcheck.kinds.wasm.keys import FuncSig, parse_type
from plugcheck.model import Contract, Finding, Location, Phase, Plugin, Severity
from plugcheck.options import Options, UsageError
from plugcheck.passes import KindPass, need_extra
from plugcheck.rules.base import rule
from plugcheck.untrusted import read_source

PC640 = rule(
    "PC640",
    "wasm-invalid-module",
    Severity.ERROR,
    "The WebAssembly module does not compile (malformed, invalid, or unreadable).",
)
PC641 = rule(
    "PC641",
    "wasm-missing-export",
    Severity.ERROR,
    "An export the contract requires (a function, a memory) is missing from the module.",
)
PC642 = rule(
    "PC642",
    "wasm-export-type",
    Severity.ERROR,
    "A required export has a different function type (or kind) than the contract declares.",
)
PC643 = rule(
    "PC643",
    "wasm-unsatisfied-import",
    Severity.ERROR,
    "The module imports something the host does not provide (not WASI, not a declared function).",
)
PC644 = rule(
    "PC644",
    "wasm-trap",
    Severity.ERROR,
    "Instantiating the module or the contract's smoke call traps.",
    phase=Phase.DYNAMIC,
)
PC645 = rule(
    "PC645",
    "wasm-out-of-fuel",
    Severity.ERROR,
    "The smoke call does not finish within the contract's fuel bound.",
    phase=Phase.DYNAMIC,
)
PC646 = rule(
    "PC646",
    "wasm-wrong-result",
    Severity.ERROR,
    "The smoke call returns something other than the contract's expected result.",
    phase=Phase.DYNAMIC,
)

DEFAULT_FUEL = 10_000_000
DEFAULT_MAX_MEMORY = 64 << 20
WASI_MODULES = ("wasi_snapshot_preview1", "wasi_unstable")
_TEXT_ERROR = re.compile(r"-->\s*<anon>:(\d+):(\d+)")
MAX_TABLE_ELEMENTS = 10_000_000
"""Elements a table may have (about 80 MB): the store runs inside plugcheck, and a module whose
call grew a table by 150 million elements and filled it took 1.2 GB of plugcheck's memory
(``max-memory`` bounds linear memories only). Beyond it ``table.grow`` returns -1."""


@dataclass(frozen=True, slots=True)
class Smoke:
    call: str
    args: tuple[int | float, ...]
    result: tuple[int | float, ...] | None


@dataclass(frozen=True, slots=True)
class WasmSettings:
    exports: dict[str, FuncSig | str]
    imports: dict[tuple[str, str], FuncSig | str]
    wasi: bool
    smoke: tuple[Smoke, ...]
    fuel: int
    max_memory: int


def _settings(contract: Contract) -> WasmSettings:
    exports = {
        name: _parsed(spec) for name, spec in oop.option(contract, "wasm-exports", {}).items()
    }
    imports: dict[tuple[str, str], FuncSig | str] = {}
    for key, spec in oop.option(contract, "wasm-imports", {}).items():
        module, _, name = key.rpartition(".")  # "module.name": validated when the config loaded
        imports[(module, name)] = _parsed(spec)
    raw_smoke = oop.option(contract, "smoke", [])
    calls = raw_smoke if isinstance(raw_smoke, list) else [raw_smoke]
    smoke = []
    for call in calls:
        result = call.get("result")
        expected = (
            None if result is None else tuple(result if isinstance(result, list) else [result])
        )
        smoke.append(Smoke(call["call"], tuple(call.get("args", [])), expected))
    return WasmSettings(
        exports=exports,
        imports=imports,
        wasi=bool(oop.option(contract, "wasi", False)),
        smoke=tuple(smoke),
        fuel=int(oop.option(contract, "fuel", DEFAULT_FUEL)),
        max_memory=int(oop.option(contract, "max-memory", DEFAULT_MAX_MEMORY)),
    )


def _parsed(spec: str) -> FuncSig | str:
    parsed = parse_type(spec)
    assert parsed is not None  # validated when the config was loaded
    return parsed


# --- discovery ------------------------------------------------------------------------


def _is_module(path: Path) -> bool:
    return path.suffix in (".wasm", ".wat")


def discover(contract: Contract, env: Environment, explicit_paths: list[Path]) -> list[Plugin]:
    return [
        oop.plugin(path.stem, contract, path)
        for path, _ in oop.candidates(contract, explicit_paths, _is_module, claims=_is_module)
    ]


# --- checks ---------------------------------------------------------------------------


MODULE_LIMIT = 256 * 1024 * 1024
"""Most bytes of a module plugcheck reads (into its own process, where wasmtime compiles it),
and only of a regular file: a sparse 8 GiB ``.wasm`` was read whole (red team sand19)."""


class _Lines:
    """Where things are declared in a ``.wat`` file (line 1 for binaries)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lines: list[str] = []
        if path.suffix == ".wat":
            try:
                text = read_source(path, MODULE_LIMIT).decode("utf-8", "replace")
                self._lines = text.splitlines()
            except OSError:
                self._lines = []

    def _find(self, pattern: str) -> Location:
        compiled = re.compile(pattern)
        for number, line in enumerate(self._lines, start=1):
            if compiled.search(line.split(";;", 1)[0]):
                return Location(self.path, number)
        return Location(self.path)

    def export(self, name: str) -> Location:
        return self._find(rf'\(export\s+"{re.escape(name)}"')

    def import_(self, module: str, name: str) -> Location:
        return self._find(rf'\(import\s+"{re.escape(module)}"\s+"{re.escape(name)}"')

    def module(self) -> Location:
        return self._find(r"\(module\b")


def check(
    contract: Contract,
    plugins: list[Plugin],
    env: Environment,
    options: Options,
    notes: list[str],
) -> list[Finding]:
    settings = _settings(contract)
    if not plugins:
        return []
    need_extra(contract, "wasm", "wasmtime")
    return oop.each_plugin(plugins, options, lambda p: list(_module(p, settings, options)), notes)


def _describe(extern: Any) -> FuncSig | str:
    import wasmtime

    if isinstance(extern, wasmtime.FuncType):
        return FuncSig(tuple(map(str, extern.params)), tuple(map(str, extern.results)))
    if isinstance(extern, wasmtime.MemoryType):
        return "memory"
    if isinstance(extern, wasmtime.TableType):
        return "table"
    if isinstance(extern, wasmtime.GlobalType):
        return "global"
    return type(extern).__name__


def _module(plugin: Plugin, settings: WasmSettings, options: Options) -> Iterator[Finding]:
    import wasmtime

    where = _Lines(plugin.root)
    config = wasmtime.Config()
    config.consume_fuel = True
    engine = wasmtime.Engine(config)
    problem = None
    at = where.module()
    try:
        data = read_source(plugin.root, MODULE_LIMIT)
        if plugin.root.suffix == ".wasm" and not data.startswith(b"\0asm"):
            problem = "it is not a WebAssembly binary (no \\0asm magic number)"
        else:
            module = wasmtime.Module(engine, data)
    except OSError as exc:
        problem = f"cannot read it: {exc.strerror or exc}"
    except (wasmtime.WasmtimeError, ValueError) as exc:
        text = str(exc)
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        if (found := _TEXT_ERROR.search(text)) is not None:
            # A .wat syntax error: its first line, at the position the parser gives.
            problem, at = lines[0], Location(plugin.root, int(found[1]), int(found[2]))
        else:
            # The last line of the error chain is the cause ("type mismatch ... at offset 76").
            problem = re.sub(r"^\d+: ", "", lines[-1]) if lines else text
    if problem is not None:
        yield PC640.at(
            plugin,
            at,
            f"{plugin.root.name} does not compile: {problem}",
            fix="rebuild the module; check it with `wasm-tools validate`",
        )
        return
    exports = {e.name: _describe(e.type) for e in module.exports}
    required = dict(settings.exports)
    for call in settings.smoke:
        required.setdefault(call.call, "function")
    usable = set()
    for name, want in required.items():
        got = exports.get(name)
        if got is None:
            have = ", ".join(sorted(exports)) or "nothing"
            yield PC641.at(
                plugin,
                where.module(),
                f"export {name!r} ({want}) is missing; the module exports {have}",
                fix=f'export it: (func (export "{name}") ...)',
            )
        elif (want == "function" and isinstance(got, FuncSig)) or got == want:
            usable.add(name)
        else:
            yield PC642.at(
                plugin,
                where.export(name),
                f"export {name!r} is {got}; the contract declares {want}",
                fix=f"give {name} the type {want}",
            )
    satisfiable = True
    for imported in module.imports:
        got = _describe(imported.type)
        name = imported.name or ""
        if settings.wasi and imported.module in WASI_MODULES:
            continue
        declared = settings.imports.get((imported.module, name))
        if declared is None or declared != got:
            satisfiable = False
            offered = " or ".join(
                [f"{m}.{n}" for m, n in settings.imports] + ["WASI"] * settings.wasi
            )
            why = (
                f"the host declares it as {declared}"
                if declared is not None
                else f"the host provides {offered or 'no imports'}"
            )
            yield PC643.at(
                plugin,
                where.import_(imported.module, name),
                f"import {imported.module}.{name} ({got}) cannot be satisfied: {why}",
                fix="import only what the host provides (its declared functions, WASI when "
                "allowed)",
            )
    if options.dynamic and satisfiable and oop.wanted(options, PC644, PC645, PC646):
        yield from _smoke_calls(plugin, module, engine, settings, usable, where)


def _smoke_calls(
    plugin: Plugin,
    module: Any,
    engine: Any,
    settings: WasmSettings,
    usable: set[str],
    where: _Lines,
) -> Iterator[Finding]:
    import wasmtime

    store = wasmtime.Store(engine)
    store.set_limits(memory_size=settings.max_memory, table_elements=MAX_TABLE_ELEMENTS)
    store.set_fuel(settings.fuel)
    linker = wasmtime.Linker(engine)
    if settings.wasi:
        linker.define_wasi()
        store.set_wasi(wasmtime.WasiConfig())  # no args, env, preopens or inherited stdio
    for imported in module.imports:
        if imported.module in WASI_MODULES and settings.wasi:
            continue
        linker.define(store, imported.module, imported.name or "", _stub(store, imported.type))
    try:
        instance = linker.instantiate(store, module)
    except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
        yield _trapped(plugin, where.module(), "instantiating the module", exc, settings)
        return
    exports = instance.exports(store)
    for call in settings.smoke:
        if call.call not in usable:
            continue
        func = exports[call.call]
        if not isinstance(func, wasmtime.Func):
            continue
        what = f"{call.call}({', '.join(map(str, call.args))})"
        store.set_fuel(settings.fuel)
        try:
            raw = func(store, *call.args)
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            yield _trapped(plugin, where.export(call.call), what, exc, settings)
            continue
        except (TypeError, ValueError) as exc:
            raise UsageError([f"contract smoke call {what}: arguments do not fit: {exc}"]) from None
        got = tuple(raw) if isinstance(raw, list | tuple) else (() if raw is None else (raw,))
        if call.result is not None and not _same(got, call.result):
            shown = ", ".join(map(str, got)) or "nothing"
            want = ", ".join(map(str, call.result))
            yield PC646.at(
                plugin,
                where.export(call.call),
                f"{what} returned {shown}; the contract expects {want}",
                fix="fix the function, or the contract's expected result",
            )


def _stub(store: Any, extern_type: Any) -> Any:
    """A stand-in for a declared host import: functions return zeros, memories are blank."""
    import wasmtime

    if isinstance(extern_type, wasmtime.FuncType):
        zeros = [0.0 if str(r).startswith("f") else 0 for r in extern_type.results]

        def host(*args: Any) -> Any:
            return None if not zeros else zeros[0] if len(zeros) == 1 else zeros

        return wasmtime.Func(store, extern_type, host)
    if isinstance(extern_type, wasmtime.MemoryType):
        return wasmtime.Memory(store, extern_type)
    if isinstance(extern_type, wasmtime.TableType):
        return wasmtime.Table(store, extern_type, None)
    content = extern_type.content
    return wasmtime.Global(store, extern_type, 0.0 if str(content).startswith("f") else 0)


def _trapped(
    plugin: Plugin, at: Location, what: str, exc: Exception, settings: WasmSettings
) -> Finding:
    import wasmtime

    code = getattr(exc, "trap_code", None)
    message = getattr(exc, "message", None) or str(exc)
    reason = message.strip().splitlines()[-1].strip().removeprefix("wasm trap: ")
    if code == wasmtime.TrapCode.OUT_OF_FUEL:
        return PC645.at(
            plugin,
            at,
            f"{what} used up its {settings.fuel} units of fuel without returning (an endless "
            "loop?)",
            fix="bound the loop; raise the contract's `fuel` if the work is legitimately long",
        )
    return PC644.at(
        plugin,
        at,
        f"{what} trapped: {reason}",
        fix="fix the trap (unreachable, out-of-bounds access, division by zero, memory above "
        f"max-memory={settings.max_memory} bytes)",
    )


def _same(got: tuple[Any, ...], want: tuple[int | float, ...]) -> bool:
    if len(got) != len(want):
        return False
    for g, w in zip(got, want, strict=True):
        if isinstance(g, float) or isinstance(w, float):
            if not isinstance(g, int | float) or not math.isclose(g, w, rel_tol=1e-6):
                return False
        elif g != w:
            return False
    return True


PASS = KindPass(discover=discover, check=check)
