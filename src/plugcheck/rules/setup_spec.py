"""The ``setup-function`` contract key: its validation and its parsed form (``SetupContract``),
shared by the host-name rule (the argument types are the host's) and the setup-function rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plugcheck import config as _config
from plugcheck._ecosystem_worker.protocol import AttributeRequest, SetupCall
from plugcheck.config.fields import (
    ATTRIBUTES,
    CALL_RETURNS,
    CALL_SCHEMA,
    MAX_SAMPLES,
    STAND_IN,
    attribute_requests,
    attributes_problem,
    sample_refs,
)
from plugcheck.harness.worker import accepts
from plugcheck.model import ENTRY_POINT_OBJECT, Contract, Plugin, TypeRef, shown_stand_in

RETURNS = accepts.RETURNS
"""What the host accepts back from the function (``mapping-or-none``: Sphinx's metadata;
``iterable``: the host iterates the result, as Babel does an extractor's, which runs a generator's
body)."""
_SAMPLED: dict[str, Any] = {
    "anyOf": [
        STAND_IN,
        _config.table_of(
            {
                "samples": {
                    "type": "array",
                    "items": STAND_IN,
                    "minItems": 1,
                    "maxItems": MAX_SAMPLES,
                }
            },
            "samples",
        ),
    ]
}
"""An entry function's stand-in: one, or ``{ samples = [...] }`` (the host's calls pass each)."""
SCHEMA = _config.table_of(
    {
        "export": _config.STRING,
        "argument": _config.TYPEREF,
        "arguments": {"type": "array", "items": {"anyOf": [_config.TYPEREF, {"const": ""}]}},
        "stand-in": _config.TYPEREF,
        "stand-ins": {"type": "array", "items": _SAMPLED},
        "keyword-stand-ins": {
            "type": "object",
            "propertyNames": _config.IDENTIFIER,
            "additionalProperties": _SAMPLED,
        },
        "metadata-keys": _config.STRINGS,
        "returns": {"enum": list(RETURNS)},
        "required-keys": _config.STRINGS,
        "return-type": _config.TYPEREF,
        "instantiate-with": _config.STAND_INS,
        "calls": {"type": "array", "items": CALL_SCHEMA},
        "attributes": ATTRIBUTES,
        "accepted-by": _config.TYPEREF,
        "accepted-each": _config.BOOLEAN,
    },
    "export",
)
"""``setup-function``: the keys ``_validate_setup`` reads."""
_SETUP_KEYS = set(SCHEMA["properties"])


@dataclass(frozen=True, slots=True)
class SetupContract:
    export: str
    arguments: tuple[TypeRef | None, ...] = ()
    """The class of the object the host passes at each position (``sphinx.application:Sphinx``
    first); ``None`` where the contract names none."""
    stand_ins: tuple[str, ...] | None = None
    """``module:callable`` per argument, each returning what the host passes there (``:<json>``:
    a literal, ``{ value = ... }``; an argument with ``samples``: its first); ``None``: no
    stand-ins supplied, so it is never called."""
    keyword_stand_ins: tuple[tuple[str, str], ...] = ()
    """``(name, module:callable)`` per keyword argument the host passes (Babel's ``options=``)."""
    samples: tuple[tuple[str, ...], ...] = ()
    """Per argument, every stand-in the host passes across its calls (``{ samples = [...] }``;
    one for a plain stand-in): the function is called once per sample, in rounds."""
    keyword_samples: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The same for each keyword argument."""
    metadata_keys: tuple[str, ...] | None = None
    returns: str = "mapping-or-none"
    required_keys: tuple[str, ...] = ()
    return_type: str | None = None
    """``module:Class`` the result must be an instance (or, for ``subclass``, a subclass) of."""
    instantiate_with: tuple[str, ...] = ()
    """Stand-ins the host passes when it instantiates a returned class."""
    calls: tuple[SetupCall, ...] = ()
    """The host's calls on the object it got (``returns = "instance"``) or built from the class
    it got (``"subclass"``), in order, as the worker takes them: ``method``, ``stand_ins``,
    ``keyword_stand_ins``, ``returns``, ``required_keys``, ``return_type`` (``lifecycle.calls``'
    entries)."""
    attributes: tuple[AttributeRequest, ...] = ()
    """What the host reads from the object it got or built, before its ``calls``."""
    accepted_by: str | None = None
    """``module:callable`` the harness passes the result to, as the host hands it to its own
    code (asdf wraps each returned extension in ``ExtensionProxy``): what it raises is the
    host's refusal."""
    accepted_each: bool = False
    """``accepted_by`` is given each element of a list result (anything else: itself), as asdf
    wraps each returned extension (``for element in elements: proxy_class(element)``)."""
    modules: bool = False
    """The group's entry points name modules (a pluggy host registers the module itself), or
    the contract has no group (the host imports each plugin module by name): a plugin no entry
    point names is its module all the same."""

    def function_of(self, plugin: Plugin) -> str | None:
        """The name of ``plugin``'s function the host calls: ``export``, or the attribute its
        entry point names (``export = "entry-point"``; ``None`` when it names a module, except
        where the host's code is handed the module itself: ``accepted-by`` without stand-ins,
        as pytest is each ``pytest11`` module; ``None`` too for a module no entry point names,
        where what the host would load is unknown: not where the group's entry points name
        modules, nor where there is no group and the host imports the module by name)."""
        if self.export != ENTRY_POINT_OBJECT:
            return self.export
        ep = plugin.entry_point
        if self.handed and (ep.attr is None if ep is not None else self.modules):
            return plugin.module
        return ep.attr if ep is not None else None

    @property
    def handed(self) -> bool:
        """The host never calls the export: it hands it to its own code (``accepted_by``)."""
        return self.stand_ins is None and self.accepted_by is not None

    def call(self, function: str) -> str:
        """``extract(babel_contract:fileobj(), ..., options=babel_contract:options())``; an
        argument with samples shows them all (``"hello" | ""``)."""
        made = [_made(refs) for refs in self.samples or [(r,) for r in self.stand_ins or ()]]
        made += [f"{name}={_made(refs)}" for name, refs in self.keyword_samples]
        return f"{function}({', '.join(made)})"

    @property
    def times(self) -> int:
        """How many times the host calls the function: as often as an argument has samples."""
        counts = [len(s) for s in self.samples] + [len(s) for _, s in self.keyword_samples]
        return max(counts, default=1)


def _made(refs: tuple[str, ...]) -> str:
    return " | ".join(map(shown_stand_in, refs))


def _is_ref(value: object) -> bool:
    return isinstance(value, str) and bool(_config._TYPEREF.match(value))


def _is_stand_in(value: object) -> bool:
    """``"module:callable"``, ``{ value = <literal> }`` (a value JSON holds) or
    ``{ none = true }``."""
    return _config.stand_in_ref(value) is not None


def _is_sampled(value: object) -> bool:
    """A stand-in, or ``{ samples = [stand-in, ...] }`` (what the host passes across its
    calls)."""
    return sample_refs(value) is not None


def _sampled(value: object) -> tuple[str, ...]:
    return tuple(sample_refs(value) or ())


def _stand_in(value: object) -> str:
    """A stand-in as the worker takes it: ``module:callable``, or ``:<json>`` for a literal."""
    return _config.stand_in_ref(value) or ""


def _validate_setup(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return "must be a table: " + ", ".join(sorted(_SETUP_KEYS))
    unknown = sorted(set(raw) - _SETUP_KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (expected one of: {', '.join(sorted(_SETUP_KEYS))})"
    export = raw.get("export")
    if not isinstance(export, str) or not (export.isidentifier() or export == ENTRY_POINT_OBJECT):
        return (
            '`export` (the setup function\'s name, e.g. "setup", or "entry-point": the object '
            "each entry point names) is required"
        )
    for key in ("argument", "stand-in", "return-type", "accepted-by"):
        value = raw.get(key)
        if value is not None and not _is_ref(value):
            return f'`{key}` must be "module:name", got {value!r}'
    for key, fits in (("stand-ins", _is_sampled), ("instantiate-with", _is_stand_in)):
        value = raw.get(key)
        if value is not None and (not isinstance(value, list) or not all(map(fits, value))):
            spelled = '"module:callable", { value = ... } or { none = true }'
            if fits is _is_sampled:
                spelled += f" (or {{ samples = [<1 to {MAX_SAMPLES} of those>] }})"
            return f"`{key}` must be a list of {spelled}, one per argument, got {value!r}"
    keywords = raw.get("keyword-stand-ins")
    if keywords is not None and (
        not isinstance(keywords, dict)
        or not all(k.isidentifier() and _is_sampled(r) for k, r in keywords.items())
    ):
        return (
            '`keyword-stand-ins` must be a table: name = "module:callable" (or { value = ... },'
            " or { samples = [...] }), one per keyword argument the host passes, got"
            f" {keywords!r}"
        )
    if "accepted-each" in raw and not isinstance(raw["accepted-each"], bool):
        return f"`accepted-each` must be true or false, got {raw['accepted-each']!r}"
    if raw.get("accepted-each") and "accepted-by" not in raw:
        return "`accepted-each` goes with `accepted-by` (the host's callable given each element)"
    called = "stand-in" in raw or "stand-ins" in raw
    judged = ("returns", "return-type", "required-keys", "instantiate-with", "calls")
    handed = [k for k in (*judged, "accepted-each", "metadata-keys") if k in raw]
    if "accepted-by" in raw and not called and handed:
        return (
            f"`{handed[0]}` judges what the host's call of {export} gives back; without "
            "`stand-ins` the host does not call it, it hands it to `accepted-by` as it is"
        )
    if keywords and not called:
        return "`keyword-stand-ins` goes with `stand-ins` (`[]` when the host passes only keywords)"
    arguments = raw.get("arguments")
    if arguments is not None and (
        not isinstance(arguments, list) or not all(a == "" or _is_ref(a) for a in arguments)
    ):
        return (
            '`arguments` must be a list of "module:Class", one per argument ("" for one not '
            f"checked), got {arguments!r}"
        )
    if "argument" in raw and "arguments" in raw:
        return (
            "`argument` (the first argument's class) and `arguments` (one per argument) exclude "
            "each other"
        )
    if "stand-in" in raw and "stand-ins" in raw:
        return "`stand-in` (one argument) and `stand-ins` (one per argument) exclude each other"
    for key in ("metadata-keys", "required-keys"):
        keys = raw.get(key)
        if keys is not None and (
            not isinstance(keys, list) or not all(isinstance(k, str) for k in keys)
        ):
            return f"`{key}` must be a list of strings"
    returns = raw.get("returns", "mapping-or-none")
    if returns not in RETURNS:
        return f"`returns` must be one of: {', '.join(RETURNS)}, got {returns!r}"
    typed = returns in ("instance", "subclass")
    if typed != ("return-type" in raw) and returns != "iterable":
        return (
            '`return-type` ("module:Class") goes with returns = "instance" or "subclass" (or '
            '"iterable": each item\'s class)'
        )
    if "instantiate-with" in raw and returns != "subclass":
        return '`instantiate-with` goes with returns = "subclass"'
    if "required-keys" in raw and returns not in ("mapping", "mapping-or-none"):
        return '`required-keys` goes with returns = "mapping" or "mapping-or-none"'
    for key in ("calls", "attributes"):
        if key in raw and not typed:
            return (
                f"`{key}` (the host's use of what it got back) goes with returns = "
                '"instance" or "subclass"'
            )
    if "attributes" in raw and (problem := attributes_problem(raw["attributes"], "attributes")):
        return problem
    return validate_calls(raw["calls"]) if "calls" in raw else None


def validate_calls(calls: object) -> str | None:
    """``calls = [{ method = "check", stand-ins = [...], returns = "iterable" }]``, each entry as
    one of ``lifecycle.calls``."""
    shape = '`calls` must be a list of tables { method = "name", stand-ins = [...] }'
    if not isinstance(calls, list):
        return shape
    known = set(CALL_SCHEMA["properties"])
    for number, item in enumerate(calls):
        where = f"`calls[{number}]`"
        if not isinstance(item, dict):
            return shape
        unknown = sorted(set(item) - known)
        if unknown:
            return (
                f"{where}: unknown key {unknown[0]!r} (expected one of: {', '.join(sorted(known))})"
            )
        method = item.get("method")
        if not isinstance(method, str) or not method.isidentifier():
            return f"{where}.method must be a method name, got {method!r}"
        stand_ins = item.get("stand-ins", [])
        if not isinstance(stand_ins, list) or not all(map(_is_stand_in, stand_ins)):
            return f"{where}.stand-ins must be a list of stand-ins, one per argument"
        keywords = item.get("keyword-stand-ins", {})
        if not isinstance(keywords, dict) or not all(
            isinstance(k, str) and k.isidentifier() and _is_stand_in(r) for k, r in keywords.items()
        ):
            return f"{where}.keyword-stand-ins must be a table: name = stand-in"
        returns = item.get("returns", "any")
        if returns not in CALL_RETURNS:
            return f"{where}.returns must be one of: {', '.join(CALL_RETURNS)}, got {returns!r}"
        typed = returns in ("instance", "subclass")
        ref = item.get("return-type")
        if (ref is not None and not _is_ref(ref)) or (
            typed != (ref is not None) and returns != "iterable"
        ):
            return (
                f'{where}.return-type ("module:Class") goes with returns = "instance" or '
                '"subclass" (or "iterable": each item\'s class)'
            )
        keys = item.get("required-keys", [])
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            return f"{where}.required-keys must be a list of strings"
    return None


def worker_call(item: dict[str, Any]) -> SetupCall:
    """One ``calls`` entry as the worker takes it."""
    return {
        "method": item["method"],
        "stand_ins": [_stand_in(r) for r in item.get("stand-ins", [])],
        "keyword_stand_ins": {
            k: _stand_in(r) for k, r in item.get("keyword-stand-ins", {}).items()
        },
        "returns": item.get("returns", "any"),
        "required_keys": list(item.get("required-keys", [])),
        "return_type": item.get("return-type"),
    }


FIELDS = {
    "setup-function": _config.Field(
        _validate_setup,
        SCHEMA,
        "The module-level function the host calls with its stand-ins (PC531).",
    ),
}
"""Contract keys of the setup-function rules (any Python kind)."""


def setup_contract(contract: Contract) -> SetupContract | None:
    raw = contract.options.get("setup-function")
    if not isinstance(raw, dict):
        return None

    def ref(value: object) -> TypeRef | None:
        if not isinstance(value, str):
            return None
        module, _, name = value.partition(":")
        return TypeRef(module, name)

    keys = raw.get("metadata-keys")
    stand_ins = raw.get("stand-ins")
    if stand_ins is None and isinstance(raw.get("stand-in"), str):
        stand_ins = [raw["stand-in"]]
    samples = tuple(map(_sampled, stand_ins)) if isinstance(stand_ins, list) else ()
    keyword_samples = tuple((k, _sampled(v)) for k, v in raw.get("keyword-stand-ins", {}).items())
    return SetupContract(
        export=raw["export"],
        arguments=tuple(ref(a) if a else None for a in raw.get("arguments", [raw.get("argument")])),
        stand_ins=tuple(s[0] for s in samples) if isinstance(stand_ins, list) else None,
        keyword_stand_ins=tuple((k, s[0]) for k, s in keyword_samples),
        samples=samples,
        keyword_samples=keyword_samples,
        metadata_keys=tuple(keys) if isinstance(keys, list) else None,
        returns=raw.get("returns", "mapping-or-none"),
        required_keys=tuple(raw.get("required-keys", ())),
        return_type=raw.get("return-type"),
        instantiate_with=tuple(map(_stand_in, raw.get("instantiate-with", ()))),
        calls=tuple(worker_call(item) for item in raw.get("calls", ())),
        attributes=tuple(attribute_requests(raw.get("attributes", []))),
        accepted_by=raw.get("accepted-by"),
        accepted_each=bool(raw.get("accepted-each", False)),
        # A contract with no entry points finds plugins as modules (paths): the host imports
        # each by name, so the module is what it loads (Jupyter Server's extension packages).
        modules=contract.kind == "pluggy" or contract.entry_point_group is None,
    )
