"""The keys a ``wasm`` contract sets, and how each value is checked when the configuration is
loaded: no check of the kind is imported with them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from plugcheck import config as _config

VALTYPES = ("i32", "i64", "f32", "f64", "v128", "funcref", "externref")
KINDS = ("memory", "table", "global")
_SIGNATURE = re.compile(r"\(\s*([^()]*?)\s*\)\s*->\s*(?:\(\s*([^()]*?)\s*\)|(\w+))\Z")


@dataclass(frozen=True, slots=True)
class FuncSig:
    params: tuple[str, ...]
    results: tuple[str, ...]

    def __str__(self) -> str:
        results = self.results[0] if len(self.results) == 1 else f"({', '.join(self.results)})"
        return f"({', '.join(self.params)}) -> {results}"


def parse_type(text: str) -> FuncSig | str | None:
    """``"(i32, i32) -> i32"`` → a signature; ``"memory"`` → the kind; ``None`` when invalid."""
    text = text.strip()
    if text in KINDS:
        return text
    match = _SIGNATURE.match(text)
    if not match:
        return None
    params = tuple(p.strip() for p in match.group(1).split(",") if p.strip())
    raw = match.group(2) if match.group(3) is None else match.group(3)
    results = tuple(r.strip() for r in raw.split(",") if r.strip())
    if not all(t in VALTYPES for t in (*params, *results)):
        return None
    return FuncSig(params, results)


def _type_table(what: str) -> Callable[[Any], str | None]:
    def validate(value: Any) -> str | None:
        if not isinstance(value, dict) or not value:
            return f'must be a table of {what} = "(i32) -> i32" or "memory"'
        for name, spec in value.items():
            if not isinstance(spec, str) or parse_type(spec) is None:
                return (
                    f'{name}: {spec!r} is not a function type like "(i32, i64) -> f32" '
                    f"or one of {', '.join(KINDS)}"
                )
        return None

    return validate


def _imports(value: Any) -> str | None:
    problem = _type_table('"module.name"')(value)
    if problem is not None:
        return problem
    for key in value:
        module, dot, _ = key.rpartition(".")
        if not dot or not module:
            return f'{key!r} must be "module.name" (e.g. "env.log")'
    return None


def _smoke(value: Any) -> str | None:
    calls = value if isinstance(value, list) else [value]
    for call in calls:
        if not isinstance(call, dict) or not isinstance(call.get("call"), str):
            return 'must be { call = "export", args = [...], result = ... } (or a list of them)'
        unknown = set(call) - {"call", "args", "result"}
        if unknown:
            return f"{sorted(unknown)[0]}: unknown key (expected call, args, result)"
        args = call.get("args", [])
        if not isinstance(args, list) or not all(_number(a) for a in args):
            return f"args of {call['call']}: must be a list of numbers"
        result = call.get("result")
        if result is not None and not (
            _number(result) or (isinstance(result, list) and all(_number(r) for r in result))
        ):
            return f"result of {call['call']}: must be a number or a list of numbers"
    return None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


FIELDS = {
    "wasm-exports": _config.Field(
        _type_table("export"), _config.TABLE, "What the module must export: name = signature."
    ),
    "wasm-imports": _config.Field(
        _imports,
        _config.TABLE,
        'What the host provides: "module.name" = signature; anything else cannot link.',
    ),
    "wasi": _config.Field(_config.boolean, _config.BOOLEAN, "The host provides WASI."),
    "smoke": _config.Field(
        _smoke,
        {"type": ["object", "array"]},
        "Export calls to try: { call, args, result } or a list of them.",
    ),
    "fuel": _config.Field(
        _config.positive_int, _config.POSITIVE_INT, "Instructions a call may run (wasmtime fuel)."
    ),
    "max-memory": _config.Field(
        _config.positive_int, _config.POSITIVE_INT, "Bytes of linear memory a module may use."
    ),
}
