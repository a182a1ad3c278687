"""The dynamic rules (PC4xx, PC541): what the harness reports, and which static rules may
explain each failure away (``explained_by``), and the contract keys the harness reads."""

from __future__ import annotations

from typing import Any

from plugcheck import config as _config
from plugcheck.model import Phase, Severity
from plugcheck.rules.base import Rule, rule


def _validate_preload(raw: Any) -> str | None:
    if not isinstance(raw, list) or not all(
        isinstance(m, str) and _config._DOTTED.match(m) for m in raw
    ):
        return "must be a list of module names the host imports before it loads plugins"
    return None


_CALL_SHAPE = '"module:function" or { function = "module:function", keywords = { ... } }'


def _validate_preload_calls(raw: Any) -> str | None:
    if not isinstance(raw, list):
        return f"must be a list of host functions to call: {_CALL_SHAPE}"
    for entry in raw:
        if _config.preload_call(entry) is None:
            return f"{entry!r} is not a host function to call: {_CALL_SHAPE}"
    return None


def _validate_registries(raw: Any) -> str | None:
    if not isinstance(raw, list) or not all(
        isinstance(r, str) and _config._TYPEREF.match(r) for r in raw
    ):
        return (
            'must be a list of "module:NAME": the host\'s dicts at module level that plugins '
            "fill as they are imported"
        )
    return None


# Modules the host has imported before it loads plugins: a plugin that reaches one through its
# package (`mkdocs.config.config_options` after `import mkdocs`) works in the host.
# Functions the host calls before it loads plugins (xonsh's `setup()`, which starts the session
# xontribs read at import): run once in the fork server after the preloads, before any plugin.
FIELDS = {
    "preload": _config.Field(
        _validate_preload, _config.STRINGS, "Modules the host imports before it loads plugins."
    ),
    "preload-calls": _config.Field(
        _validate_preload_calls,
        {
            "type": "array",
            "items": {
                "anyOf": [
                    _config.TYPEREF,
                    {
                        "type": "object",
                        "properties": {"function": _config.TYPEREF, "keywords": _config.TABLE},
                        "required": ["function"],
                        "additionalProperties": False,
                    },
                ]
            },
        },
        "Host functions called, in order, after the preloads and before any plugin loads "
        "(the host's session: xonsh's `xonsh.main:setup`); a table adds keyword arguments.",
    ),
    "registries": _config.Field(
        _validate_registries,
        {"type": "array", "items": _config.TYPEREF},
        "The host's module-level dicts plugins fill at import (module:NAME): the harness "
        "compares the keys each plugin's import adds (PC429).",
    ),
}


def _dynamic(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    fix: str,
    steps: tuple[str, ...] = (),
    explained_by: tuple[str, ...] = (),
) -> Rule:
    return rule(
        code,
        name,
        severity,
        summary,
        phase=Phase.DYNAMIC,
        fix=fix,
        steps=steps,
        explained_by=explained_by,
    )


# `explained_by`: the static rules whose *error* about the same subject (the import, export
# or lifecycle method) predicts the failure: a module that is missing, a re-export of a name
# that does not exist, a signature the host's call does not fit, a vendored API. See
# :func:`explanation`.
PC401 = _dynamic(
    "PC401",
    "import-fails",
    Severity.ERROR,
    "Importing the plugin module raises, hangs, crashes or ends the process.",
    fix="make the module importable on its own: no work, exits or blocking calls at import time",
    steps=("import",),
    explained_by=("PC002", "PC1", "PC2", "PC3"),
)
PC402 = _dynamic(
    "PC402",
    "export-missing-at-run-time",
    Severity.ERROR,
    "A required symbol is not an attribute of the imported plugin module.",
    fix="define the symbol at module level (not conditionally, not deleted later)",
    steps=("lookup",),
    explained_by=("PC101", "PC102", "PC104", "PC105", "PC107"),
)
PC428 = _dynamic(
    "PC428",
    "export-wrong-at-run-time",
    Severity.ERROR,
    "A required export found on the imported module is not what the host's use of it needs: "
    "not a class of the contract's base, not an instance of the host's class, not callable.",
    fix="bind the export to what the contract's type says (derive the class from the host's "
    "base, export an instance, a function)",
    # PC561: the plugin's own decorator left None where the entry function was
    explained_by=("PC104", "PC2", "PC561"),
)
PC403 = _dynamic(
    "PC403",
    "factory-fails",
    Severity.ERROR,
    "Calling the plugin's factory raises, hangs or crashes.",
    fix="make the factory build and return the object without side effects",
    steps=("factory",),
    # PC561: a factory (or class) whose parameters cannot take the factory stand-ins; PC564:
    # its __init__ reads a key a complete stand-in lacks
    explained_by=("PC2", "PC104", "PC561", "PC564"),
)
PC404 = _dynamic(
    "PC404",
    "not-a-plugin-instance",
    Severity.ERROR,
    "The factory's result is not an instance of the host's protocol class object.",
    fix="return an object of a class that implements the API's protocol, importing the API "
    "only as the contract's `api` package",
    steps=("identity",),
    explained_by=("PC2", "PC35", "PC104"),
)
PC405 = _dynamic(
    "PC405",
    "init-fails",
    Severity.ERROR,
    "init() with the contract's configuration raises, hangs or crashes.",
    fix="accept the contract's configuration in init()",
    steps=("init",),
    explained_by=("PC2",),
)
PC406 = _dynamic(
    "PC406",
    "invalid-config-accepted",
    Severity.ERROR,
    "init() with the contract's invalid configuration does not raise an exception.",
    fix="validate the configuration in init() and raise the API's ConfigError",
    steps=("invalid-config",),
    explained_by=("PC2",),
)
PC407 = _dynamic(
    "PC407",
    "run-fails",
    Severity.ERROR,
    "run() raises, hangs or crashes, or a long-running run() ignores shutdown.",
    fix="return from run(); a long-running run() must return once shutdown() is called",
    steps=("run", "run-stop"),
    explained_by=("PC2",),
)
PC408 = _dynamic(
    "PC408",
    "shutdown-fails",
    Severity.ERROR,
    "shutdown(deadline) raises, crashes or does not return within the deadline.",
    fix="make shutdown() stop everything and return within its timeout",
    steps=("shutdown",),
    explained_by=("PC2",),
)
PC409 = _dynamic(
    "PC409",
    "repeated-shutdown-fails",
    Severity.WARNING,
    "A second shutdown() call raises or hangs instead of doing nothing.",
    fix="make shutdown() idempotent: a second call must do nothing",
    steps=("second-shutdown",),
    explained_by=("PC2",),
)
PC410 = _dynamic(
    "PC410",
    "leaks-after-shutdown",
    Severity.ERROR,
    "Threads, child processes or file descriptors started by the plugin outlive shutdown(), or "
    "keep the host from exiting.",
    fix="stop and join every thread, process and file the plugin started, in shutdown()",
    steps=("after-shutdown",),
)
PC411 = _dynamic(
    "PC411",
    "import-side-effects",
    Severity.WARNING,
    "Importing the plugin writes files, connects sockets or starts processes.",
    fix="move the work into init() or run(); importing must only define things",
    explained_by=("PC110",),
)
PC412 = _dynamic(
    "PC412",
    "writes-to-stdout",
    Severity.WARNING,
    "The plugin writes to standard output, which belongs to the host.",
    fix="log through `logging` or write to sys.stderr; stdout is the host's",
    explained_by=("PC110",),
)
PC413 = _dynamic(
    "PC413",
    "reload-unsafe",
    Severity.WARNING,
    "importlib.reload() of the plugin fails or leaves stale class identity behind.",
    fix="keep registration and caches out of module scope, or make them reload-safe",
    steps=("reload",),
)
PC414 = _dynamic(
    "PC414",
    "tampers-with-interpreter",
    Severity.ERROR,
    "The plugin replaces builtins, sys.modules entries or sys.stdout, or closes fds 0-2.",
    fix="do not modify builtins, sys.modules, sys.stdout or the process's standard fds",
)
PC415 = _dynamic(
    "PC415",
    "register-fails",
    Severity.ERROR,
    "The register hook the host picks raises, hangs or crashes with the contract's registry, "
    "or registers nothing.",
    fix="make the register hook add the plugin's entries to the registry it is given, once "
    "each, and return",
    steps=("register",),
    explained_by=("PC2",),
)
PC419 = _dynamic(
    "PC419",
    "atexit-handler-fails",
    Severity.ERROR,
    "An atexit handler the plugin registered raises, hangs or crashes when the host's "
    "interpreter exits.",
    fix="make the handler finish quickly and never raise: bound every wait (join with a "
    "timeout) and catch its own errors, or do the work in shutdown()",
    steps=("at-exit",),
)
PC421 = _dynamic(
    "PC421",
    "finalizer-fails",
    Severity.ERROR,
    "The object the plugin's factory made ends the process, hangs, raises or leaves a thread or "
    "process running in a finalizer (__del__, weakref.finalize) when the host drops it after its "
    "last call.",
    fix="keep finalizers to releasing what the object holds: never end the process, block or "
    "raise there; do the work in shutdown() or a context manager",
    steps=("release",),
)
PC541 = _dynamic(
    "PC541",
    "host-call-fails",
    Severity.ERROR,
    "A call the contract says the host makes on the plugin's object (`lifecycle.calls`, such "
    "as extendMarkdown(md)) raises, hangs or crashes.",
    fix="make the method work with what the host passes (the contract's stand-ins)",
    steps=("call",),
    # PC562: the method certainly returns what the call refuses; PC545/PC547: it reads a file
    # or an imported name that is not there on every call
    explained_by=("PC2", "PC562", "PC545", "PC547"),
)

PC430 = _dynamic(
    "PC430",
    "patches-preloaded-module",
    Severity.WARNING,
    "The plugin's process replaced or deleted a public function, class or module of a module "
    "the host had imported before its plugins (the standard library's, an installed "
    "library's, the host's own), or a method of a class defined there.",
    fix="call the plugin's own function or subclass where it needs other behaviour; leave the "
    "shared module as it is",
    # the static rules that name the same change: the host's API (PC565), any other (PC579)
    explained_by=("PC565", "PC579"),
)
PC425 = _dynamic(
    "PC425",
    "harness-result-forged",
    Severity.ERROR,
    "The plugin's harness records are incomplete or not the harness's own: records without the "
    "child's token, steps out of order, or an end before the steps the contract requires.",
    fix="do not write to descriptors the plugin did not open, and do not end the process from "
    "plugin code",
)
PC426 = _dynamic(
    "PC426",
    "attacks-the-harness",
    Severity.ERROR,
    "The plugin's process stopped, traced or killed the harness's fork server.",
    fix="do not send signals to, trace or kill processes the plugin did not start",
)
