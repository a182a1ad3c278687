"""What plugcheck tells a fork server: its setup (the contract's preloads, limits, read rules,
guarded modules) and one run request per plugin (its module, exports, lifecycle)."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from plugcheck.config.fields import preload_call
from plugcheck.environment import Environment, host_package
from plugcheck.harness import host_own, worker
from plugcheck.harness.protocol import HostCallSpec, LifecycleSpec, RegisterSpec, RunRequest, Setup
from plugcheck.harness.results import step_deadline
from plugcheck.model import Contract, Export, HostCall, Plugin

MIB = 1 << 20
_WORKER_DIR = Path(worker.__file__).resolve().parent
_OWN_DIRS = {_WORKER_DIR, _WORKER_DIR.parent, _WORKER_DIR.parent.parent}
"""plugcheck's own folders, never on a plugin's ``sys.path``."""


@dataclass(frozen=True, slots=True)
class Limits:
    address_space: int = 1024 * MIB
    file_size: int = 16 * MIB
    temp_size: int = 64 * MIB
    """All a plugin may write to its temporary directory (a tmpfs of its own, where the kernel
    allows unprivileged user namespaces); ``file_size`` bounds each file everywhere."""
    processes: int = 256
    """RLIMIT_NPROC for non-root users (root ignores it; an audit-hook quota applies to all)."""
    confine: bool = True
    """Landlock, seccomp and no capabilities in every plugin process (harness/confine);
    off only to measure what it costs (bench/bench_harness.py)."""
    zygote: bool = True
    """The zygote makes each plugin process (worker/zygote.py) where it can; off only to
    measure what it saves (bench/probe.py ``harness-forked``)."""
    confinement: tuple[str, ...] = ()
    """What the report says confines plugin processes (``confine.python_plugins()``): a fork
    server that could not put one of them in force is a note, or with ``required`` an error."""
    required: bool = False


def _sys_path(env: Environment, contract: Contract) -> list[str]:
    paths = [*contract.search_path, *env.sys_path]
    seen: list[str] = []
    for path in paths:
        text = str(path)
        if path.resolve() in _OWN_DIRS or text in seen:
            continue
        seen.append(text)
    return seen


def _shared_entries(plugins: Sequence[Plugin]) -> list[str]:
    """Import roots two or more plugins share (a folder of plugin modules), in first-seen order."""
    counts = Counter(str(p.import_root) for p in plugins if p.import_root is not None)
    return [entry for entry, count in counts.items() if count > 1]


def _readable(
    contract: Contract, plugins: Sequence[Plugin], real: Callable[[Path], Path]
) -> list[str]:
    """What plugcheck knows a confined plugin may read: the host's directory and search path,
    and every plugin's root (the worker adds its Python's own paths)."""
    paths = {contract.root, *contract.search_path}
    for plugin in plugins:
        paths.add(plugin.root)
        paths.update(filter(None, (plugin.import_root, plugin.package_dir)))
    return sorted({str(p) for p in paths} | {str(real(p)) for p in paths})


def setup(
    env: Environment,
    contract: Contract,
    plugins: Sequence[Plugin],
    *,
    jobs: int,
    limits: Limits,
    allow: Sequence[str],
    real: Callable[[Path], Path],
    host_roots: Sequence[str],
    guarded: Sequence[Plugin],
) -> Setup:
    """The server's setup line for ``plugins`` (``guarded``: plugins checked elsewhere, whose
    code the server must never run either)."""
    lifecycle = contract.lifecycle
    deadline = step_deadline(contract)
    sys_path = _sys_path(env, contract)
    guarded_modules, guarded_files, plugins_own = host_own.guarded(
        [*plugins, *guarded], env, contract, sys_path
    )
    setup: Setup = {
        "sys_path": sys_path,
        "preload": sorted(
            set(host_own.type_modules(contract))
            | set(contract.options.get("preload", ()))
            | set(host_own.hookspec_modules(contract))
            | set(host_package(contract, env))
            | {m for m, _ in registries(contract)}
        ),
        "jobs": jobs,
        "env_allow": list(allow),
        "scratch": tempfile.gettempdir(),
        "limits": {
            "address_space": (lifecycle.memory * MIB if lifecycle else limits.address_space),
            "file_size": limits.file_size,
            "temp_size": limits.temp_size,
            "processes": limits.processes,
            "cpu_seconds": int(deadline * 10 + 2),
        },
        "confine": limits.confine,
        "zygote": limits.zygote,
        "readable": _readable(contract, plugins, real),
        "protocol": (
            [lifecycle.protocol.module, lifecycle.protocol.name]
            if lifecycle is not None and lifecycle.protocol is not None
            else None
        ),
        "warm": _shared_entries(plugins),
        "host_roots": list(host_roots),
        "plugin_modules": guarded_modules,
        "plugin_files": guarded_files,
        "plugin_own_files": plugins_own,
        # A stand-in for the host's script: a console script beside the target's python.
        "main_file": str(Path(env.executable).parent / contract.name),
        "host_builtins": list(contract.options.get("host-builtins", ())),
        "preload_calls": [
            {"function": function, "keywords": keywords}
            for function, keywords in filter(
                None, map(preload_call, contract.options.get("preload-calls", ()))
            )
        ],
    }
    return setup


def run_request(
    index: int,
    plugin: Plugin,
    env: Environment,
    contract: Contract,
    code_roots: Sequence[Path],
    undeclared: Sequence[str],
) -> RunRequest:
    """The request that runs ``plugin`` (``code_roots``: resolved and as given; ``undeclared``:
    the lifecycle methods the contract's protocol does not declare)."""
    lifecycle = contract.lifecycle
    roots = sorted({str(r) for r in code_roots})
    # A root that is an entry of the target's sys.path keeps its place there, as in the
    # host: put first, site-packages would win over a PYTHONPATH folder's newer copy of a
    # module the plugin imports.
    environment = {str(p) for p in env.sys_path}
    root = plugin.import_root
    path = [str(root)] if root and str(root.absolute()) not in environment else []
    dotted = contract.options.get("entry-point-load") == "dotted-path"
    attr = plugin.entry_point.attr if plugin.entry_point else None

    def _own_path(export: Export) -> bool:
        # fsspec imports `pkg.core` itself for `pkg:core.FS` (entry-point-load =
        # "dotted-path"), which the lookup's getattr chain does not: the static pass
        # judges that name (PC101, PC556).
        return dotted and "." in export.name and export.name == attr

    request: RunRequest = {
        "t": "run",
        "id": index,
        "module": plugin.module,
        "path": path,
        "package_dirs": [str(plugin.package_dir)] if plugin.package_dir else [],
        "roots": roots,
        "exports": [
            {
                "name": e.name,
                "names": list(e.names),
                "optional": e.optional or _own_path(e),
                "kind": e.kind.value if e.kind else None,
                "type": [e.type.module, e.type.name] if e.type and not e.type.inline else None,
            }
            for e in contract.exports_of(plugin)
        ],
        "deadline": step_deadline(contract),
        "async": bool(lifecycle and lifecycle.is_async),
        "lifecycle": None,
        "register": None,
    }
    if census := registries(contract):  # the keys its import adds to each (PC429)
        request["registries"] = [list(ref) for ref in census]
    if lifecycle is not None and lifecycle.register and lifecycle.registry:
        registry = lifecycle.registry
        register: RegisterSpec = {
            "export": lifecycle.register,
            "registry": [registry.module, registry.name],
            "factories": lifecycle.registered_factories,
        }
        request["register"] = register
    factory = contract.factory_of(plugin)
    if lifecycle is not None and factory:
        protocol = lifecycle.protocol
        spec: LifecycleSpec = {
            "factory": factory,
            "protocol": [protocol.module, protocol.name] if protocol else None,
            "config": dict(lifecycle.config),
            "invalid_config": (
                dict(lifecycle.invalid_config) if lifecycle.invalid_config is not None else None
            ),
            "long_running": lifecycle.long_running,
            "reload": lifecycle.reload,
            "calls": None,
            "build": None,
            "undeclared": list(undeclared),
        }
        if lifecycle.calls is not None:
            spec["calls"] = [_call_spec(c) for c in lifecycle.calls]
        if lifecycle.build is not None:
            spec["build"] = _call_spec(lifecycle.build)
        request["lifecycle"] = spec
    return request


def registries(contract: Contract) -> list[tuple[str, str]]:
    """The host's registries whose keys each plugin's import adds (the contract's
    ``registries``, ``module:NAME``): preloaded, so every child starts from the same keys."""
    return [
        (m, n)
        for ref in contract.options.get("registries", ())
        for m, _, n in [str(ref).partition(":")]
    ]


def _call_spec(call: HostCall) -> HostCallSpec:
    return {
        "method": call.method,
        "stand_ins": [[r.module, r.name] for r in call.stand_ins],
        "keywords": [[name, r.module, r.name] for name, r in call.keywords],
        "returns": call.returns,
        "required_keys": list(call.required_keys),
        "return_type": (
            [call.return_type.module, call.return_type.name] if call.return_type else None
        ),
    }
