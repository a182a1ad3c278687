"""The registration worker's protocol: the request on its stdin and one typed dictionary per
answer status on its stdout, one JSON line each. Stdlib only.

Both ends share it: plugcheck (``rules/_ecosystem.py``) imports it and reads every line with
``parse_answer``; the worker, started by path in the target interpreter, imports it relatively
and builds each answer with the function of its status (``shared.ok``, ``invalid``,
``call_failed``, ``skipped``), so mypy checks every key it sends. A line a plugin forged or
garbled is not an answer: ``parse_answer`` returns ``None`` for it, never raises.
"""

from __future__ import annotations

import json
from typing import Any, Literal, NotRequired, TypedDict

Mode = Literal["pluggy", "subclass", "setup", "classes"]
Status = Literal["ok", "invalid", "call-failed", "skipped"]
STATUSES: tuple[Status, ...] = ("ok", "invalid", "call-failed", "skipped")


class PluginRef(TypedDict):
    """One plugin of the request: its name and the object the host loads (``module:attr``)."""

    name: str
    ref: str


class Placement(TypedDict):
    """The keys of the request every mode reads: where the plugins are, what the host preloads.
    The runner sends them beside the mode's own keys, in one JSON object."""

    sys_path: list[str]
    plugin_roots: list[str]
    """Import roots of the plugins alone (not on the path the host imports its own modules from)."""
    preload: list[str]
    preload_calls: NotRequired[list[dict[str, Any]]]
    """The contract's ``preload-calls`` (``{function, keywords}``), made once the preloads ran."""
    plugins: list[PluginRef]
    census: NotRequired[list[PluginRef]]
    """Plugins the worker does not judge but imports, each in a child of its own, for the
    hookspecs they add (the ``pluggy`` mode's census): the contract's others, in another shard
    or worker."""
    package_dirs: dict[str, list[str]]
    step_seconds: float
    """Each step's deadline (an import, a setup call, a hook call): the harness's."""
    main_file: NotRequired[str]
    """The ``__file__`` of the ``__main__`` plugins see, and ``sys.argv[0]``: a stand-in for the
    host's script."""
    plugin_modules: NotRequired[list[str]]
    """The module names whose code the worker's own process must never run while it imports
    the host's modules (``harness/host_own.guarded``: every plugin of the run but the host's)."""
    plugin_files: NotRequired[list[str]]
    """Their files."""


class AttributeRequest(TypedDict):
    """An attribute the host reads from what it got from a plugin (``attributes``' entries)."""

    name: str
    type: str | None
    """``module:Class`` its value must be an instance of; ``None``: any."""
    non_empty: bool
    """Not ``None``, ``""``, ``0``, ``False`` or an empty container (``if not obj.name``)."""


class HookReturnRequest(TypedDict):
    """What the host does with each value one hook returns (the contract's ``hook-returns``
    entry, ``kinds.pluggy.contract.HookReturn``), judged by ``harness/worker/accepts.py``."""

    returns: str
    """One of ``accepts.RETURNS``."""
    return_type: str | None
    """``module:Type`` each value must be (``instance``) or subclass (``subclass``)."""
    or_list: bool
    """The host also takes a list of such values and checks each item."""
    attributes: list[AttributeRequest]
    """Attributes the host reads from each value."""
    required_keys: list[str]
    declared: NotRequired[bool]
    """Read from the hookspec's return annotation, not the contract: a class that does not
    import leaves the hook unjudged, and another iterable where it names a list, tuple or set
    is the answer's problem ``returns-iterable`` (the host may only iterate it),
    ``returns-sized`` (it has a length too) or ``returns-indexable`` (and items by index)."""


class PluggyRequest(TypedDict):
    """Register each plugin with the host's ``PluginManager`` (then call its hooks once)."""

    mode: Literal["pluggy"]
    project: str
    hookspecs: list[str]
    prefix: str | None
    optional_hooks: list[str]
    addhooks: str | None
    check_pending: bool
    stand_ins: dict[str, str]
    """Hook argument -> its stand-in (the first of its ``samples``, if it has several)."""
    samples: NotRequired[dict[str, list[str]]]
    """Hook argument -> the stand-ins of the values the host passes across its calls (``{
    samples = [...] }``), for an argument with more than one: the hook is called once per
    sample."""
    calls: NotRequired[dict[str, int]]
    """Hook name -> how many times the host calls it (``calls``), for hooks the contract names."""
    default_calls: NotRequired[int]
    """How many times the host calls any other hook (``calls = 3``; default 1)."""
    call_hooks: bool
    awaits: bool
    optional_arguments: dict[str, list[str]]
    hook_returns: dict[str, HookReturnRequest]
    only_hooks: list[str] | None
    """The only hooks called (``call-hooks``); ``None``: all."""
    plugins_variable: str | None
    """A module variable naming more plugins the host imports and registers (``pytest_plugins``)."""
    builtin_plugins: str | None
    """``module:attr``: the names in it a plugins-variable lists are submodules of ``module``'s
    top-level package (pytest: ``_pytest.config:builtin_plugins``, ``pytester``)."""


class SubclassRequest(TypedDict):
    """``issubclass(plugin_class, base)`` against the host's class object."""

    mode: Literal["subclass"]
    base: str


class SetupRequest(TypedDict):
    """Call each plugin's entry function with stand-ins, then judge what it returns."""

    mode: Literal["setup"]
    export: str
    stand_ins: list[str]
    keyword_stand_ins: dict[str, str]
    samples: NotRequired[list[list[str]]]
    """Per argument, the stand-ins the host passes across its calls (``{ samples = [...] }``):
    the function is called once per round, round ``i`` with each argument's ``i``-th sample
    (cycled). Absent: one call, with ``stand_ins``."""
    keyword_samples: NotRequired[dict[str, list[str]]]
    """The same for each keyword argument."""
    metadata_keys: list[str] | None
    returns: str
    required_keys: list[str]
    return_type: str | None
    instantiate_with: list[str]
    argument_types: list[str]
    calls: list[SetupCall]
    """The host's calls on the object it got or built, in order (``setup-function.calls``)."""
    attributes: NotRequired[list[AttributeRequest]]
    """What the host reads from the object it got or built, before its ``calls``."""
    optional: bool
    """The contract's ``exports`` declare ``export`` optional: a plugin module without it is
    not called, as the host skips it (xonsh's ``_load_xontrib_``)."""
    accepted_by: NotRequired[str | None]
    """``module:callable`` the result is passed to last, as the host hands it to its own code;
    what it raises is the host's refusal (``setup-function.accepted-by``)."""
    accepted_each: NotRequired[bool]
    """``accepted_by`` is given each element of a list result (``accepted-each``)."""
    handed: NotRequired[bool]
    """The host never calls the export: it hands the object itself to ``accepted_by``
    (``accepted-by`` without ``stand-ins``: flake8 reads a checker's parameters, then builds and
    runs it per file)."""
    leak_census: NotRequired[bool]
    """What the plugin leaves running when the host would exit is an answer too
    (``call-failed``, problem ``left-running``: ``left_running.py``)."""


class SetupCall(TypedDict):
    """One call the host makes on what the entry function gave it (``lifecycle.calls``' shape)."""

    method: str
    stand_ins: list[str]
    keyword_stand_ins: dict[str, str]
    returns: str
    required_keys: list[str]
    return_type: str | None


class ClassesRequest(TypedDict):
    """Find each plugin module's classes as the host does (beets: subclasses of ``base``;
    yt-dlp: public classes whose names fully match ``names``, a regular expression) and
    instantiate those the host picks. ``base`` or ``names`` may be empty, not both."""

    mode: Literal["classes"]
    base: str
    names: str
    pick: str
    stand_ins: list[str]
    calls: NotRequired[list[SetupCall]]
    """The host's calls on each object it built, in order (``plugin-classes.calls``)."""
    attributes: NotRequired[list[AttributeRequest]]
    """What the host reads from each object it built, before its ``calls``."""
    defined_here: NotRequired[bool]
    """``False``: the host takes every concrete subclass the module binds, wherever it was
    defined (no ``__module__`` test); default ``True``, as beets."""
    accepted_by: NotRequired[str]
    """The host's own code (``module:callable``) given each object built, after the ``calls``;
    what it raises is the host's refusal (``plugin-classes.accepted-by``)."""
    submodules: NotRequired[dict[str, list[str]]]
    """Per plugin, the modules of its package its users import plugin classes from, beside
    the package itself (``plugin-classes.submodules``): each imported, its own classes found."""


ModeRequest = PluggyRequest | SubclassRequest | SetupRequest | ClassesRequest
"""What a pass asks; the runner adds the ``Placement`` keys."""


class OkAnswer(TypedDict):
    """The host accepts the plugin."""

    plugin: str
    status: Literal["ok"]
    message: str
    proves: NotRequired[bool]
    """``False``: the call used stand-ins that are not the host's objects (no proof)."""
    after_plugins: NotRequired[str]
    """(set by the worker's own process, never taken from the child) The host's import that
    loads plugins, which the child made before its plugin: other plugins' code ran there
    first, so the answer is their word too (``passes.Accepted.after``)."""


class InvalidAnswer(TypedDict):
    """The host refuses the plugin."""

    plugin: str
    status: Literal["invalid"]
    message: str
    hook: NotRequired[str | None]
    problem: NotRequired[str]
    path: NotRequired[str | None]
    line: NotRequired[int | None]
    after_plugins: NotRequired[str]
    """As ``OkAnswer.after_plugins``."""
    refused: NotRequired[str]
    """What plugcheck's sandbox refused the plugin's process, when the failure carries it."""
    refused_path: NotRequired[str]
    """The file refused (``refused_write``: for writing), when it was one."""
    refused_write: NotRequired[bool]
    refused_limit: NotRequired[str]
    """Which of plugcheck's limits it passed, when it was one (``cpu``, ``memory``)."""


class CallFailedAnswer(TypedDict):
    """A call of the plugin after it loaded raised (or its result was refused)."""

    plugin: str
    status: Literal["call-failed"]
    message: str
    hook: NotRequired[str | None]
    problem: NotRequired[str]
    path: NotRequired[str | None]
    line: NotRequired[int | None]
    after_plugins: NotRequired[str]
    """As ``OkAnswer.after_plugins``."""
    refused: NotRequired[str]
    """What plugcheck's sandbox refused the plugin's process, when the failure carries it."""
    refused_path: NotRequired[str]
    """The file refused (``refused_write``: for writing), when it was one."""
    refused_write: NotRequired[bool]
    refused_limit: NotRequired[str]
    """Which of plugcheck's limits it passed, when it was one (``cpu``, ``memory``)."""


STAND_IN_PROBLEMS = ("stand-in", "instantiate-with", "plugin-classes", "hook-stand-in")
"""A skipped answer's ``problem`` when a stand-in failed before any plugin code ran: the setup
function's ``stand-ins``, its ``instantiate-with``, ``plugin-classes``' ``stand-ins``, or a
pluggy hook argument's stand-in (sent after the plugin's ``ok``: its registration stands)."""


class SkippedAnswer(TypedDict):
    """The plugin could not be checked (its import failed, a stand-in failed, its child died)."""

    plugin: str
    status: Literal["skipped"]
    message: str
    problem: NotRequired[str]
    """``stand-in`` (or ``instantiate-with``, a builder of the class's arguments): a stand-in
    failed with no frame of the plugin in its traceback."""
    refused: NotRequired[str]
    """What plugcheck's sandbox refused the plugin's process, when the failure carries it."""
    refused_path: NotRequired[str]
    refused_write: NotRequired[bool]
    refused_limit: NotRequired[str]
    """Which of plugcheck's limits it passed, when it was one (``cpu``, ``memory``)."""


Answer = OkAnswer | InvalidAnswer | CallFailedAnswer | SkippedAnswer


class ContractProblem(TypedDict):
    """The contract itself is wrong, whatever the plugins (a ``hookspecs`` entry pluggy's
    ``add_hookspecs`` refuses): a configuration error, not a finding on each plugin. Only the
    worker's own process sends it, before any plugin runs; a plugin's child cannot (its lines
    are taken only when they name that plugin), so the line has no ``plugin`` key."""

    contract: str
    """The contract key at fault, below the contract's table (``pluggy.hookspecs``)."""
    message: str


def parse_contract_problem(raw: str) -> ContractProblem | None:
    """The contract problem on one line of the worker's stdout; ``None`` for any other line."""
    try:
        data: Any = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or "plugin" in data:
        return None
    key, message = data.get("contract"), data.get("message")
    if not isinstance(key, str) or not isinstance(message, str):
        return None
    return ContractProblem(contract=key, message=message)


class Where(TypedDict):
    """Where in the plugin's files a failure is: a traceback frame or a ``def``/``class`` line
    (``None`` when not known)."""

    path: str | None
    line: int | None


_OPTIONAL: dict[str, tuple[type, ...]] = {
    "proves": (bool,),
    "hook": (str, type(None)),
    "problem": (str,),
    "path": (str, type(None)),
    "line": (int, type(None)),
    "refused": (str,),
    "refused_path": (str,),
    "refused_write": (bool,),
    "refused_limit": (str,),
    "after_plugins": (str,),
}
"""The optional keys and the types their values may have."""


REFUSED_KEYS = ("refused", "refused_path", "refused_write", "refused_limit")
"""What plugcheck's sandbox refused, in a failed or skipped answer."""


def parse_answer(raw: str) -> Answer | None:
    """The answer on one line of the worker's stdout; ``None`` for a line that is not one (not
    JSON, no plugin name or status, a key of the wrong type)."""
    try:
        data: Any = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    plugin, status, message = data.get("plugin"), data.get("status"), data.get("message", "")
    if not isinstance(plugin, str) or status not in STATUSES or not isinstance(message, str):
        return None
    answer: dict[str, Any] = {"plugin": plugin, "status": status, "message": message}
    for key, types in _OPTIONAL.items():
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, types) or (key == "line" and isinstance(value, bool)):
            return None
        answer[key] = value
    if status == "skipped":
        skipped = SkippedAnswer(plugin=plugin, status="skipped", message=message)
        if answer.get("problem") in STAND_IN_PROBLEMS:
            skipped["problem"] = answer["problem"]
        for key in REFUSED_KEYS:
            if key in answer:
                skipped[key] = answer[key]  # type: ignore[literal-required]
        return skipped
    if status == "ok":
        ok = OkAnswer(plugin=plugin, status="ok", message=message)
        if "proves" in answer:
            ok["proves"] = answer["proves"]
        if "after_plugins" in answer:
            ok["after_plugins"] = answer["after_plugins"]
        return ok
    failed: InvalidAnswer | CallFailedAnswer = (
        InvalidAnswer(plugin=plugin, status="invalid", message=message)
        if status == "invalid"
        else CallFailedAnswer(plugin=plugin, status="call-failed", message=message)
    )
    for key in ("hook", "problem", "path", "line", "after_plugins", *REFUSED_KEYS):
        if key in answer:
            failed[key] = answer[key]  # type: ignore[literal-required]
    return failed


class PluggyWork(PluggyRequest, Placement):
    """The ``pluggy`` request as the worker reads it."""

    added_specs: NotRequired[dict[str, Any]]
    """Added by the worker: the hookspecs each plugin adds (its census), described as data."""


class SubclassWork(SubclassRequest, Placement):
    """The ``subclass`` request as the worker reads it."""


class SetupWork(SetupRequest, Placement):
    """The ``setup`` request as the worker reads it."""


class ClassesWork(ClassesRequest, Placement):
    """The ``classes`` request as the worker reads it."""
