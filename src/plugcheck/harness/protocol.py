"""The harness protocol: every message between plugcheck, the fork server and a plugin's child,
one typed dictionary per message and per facts payload, and the steps as an enum.

Both ends share it. plugcheck (``harness/fork_server.py``) imports it; the worker is started by path
in the target interpreter without plugcheck, so it imports this module only for type checking
and writes the same literals, which mypy checks against these types. Stdlib only.
"""

from __future__ import annotations

import enum
from typing import Any, Literal, NotRequired, TypedDict


class Step(enum.StrEnum):
    """The steps the worker reports, in the order it runs them (``run-stop`` only for a
    long-running plugin, ``invalid-config`` and ``reload`` only when the contract asks)."""

    IMPORT = "import"
    LOOKUP = "lookup"
    REGISTER = "register"
    FACTORY = "factory"
    IDENTITY = "identity"
    INIT = "init"
    RUN = "run"
    SHUTDOWN = "shutdown"
    RUN_STOP = "run-stop"
    SECOND_SHUTDOWN = "second-shutdown"
    AFTER_SHUTDOWN = "after-shutdown"
    INVALID_CONFIG = "invalid-config"
    RELOAD = "reload"
    CALL = "call"
    """One of the contract's ``lifecycle.calls`` (instead of init, run and shutdown)."""
    RELEASE = "release"
    """The harness drops the object the factory made, as the host does after its last call:
    the object's finalizers run (after whichever step was last)."""
    AT_EXIT = "at-exit"
    """The ``atexit`` handlers the plugin registered, run last (only when it registered one)."""


StepName = Literal[
    "import",
    "lookup",
    "register",
    "factory",
    "identity",
    "init",
    "run",
    "shutdown",
    "run-stop",
    "second-shutdown",
    "after-shutdown",
    "invalid-config",
    "reload",
    "call",
    "release",
    "at-exit",
]
"""``Step``'s values as a type the stdlib-only worker can use without importing the enum."""

OutcomeName = Literal["ok", "raised", "timeout", "skipped"]
"""What a child reports for a step it finished; the server and plugcheck add the rest
(``crashed``, ``exited``, ``lost``, ``timeout`` of a step that never returned)."""

FramePair = tuple[str, int] | list[Any]
"""``(path, line)`` of the innermost plugin frame (a list once through JSON)."""


class FrameDict(TypedDict, total=False):
    path: str
    line: int
    function: str
    source: str


class RefusalDict(TypedDict):
    """What plugcheck's sandbox refused the plugin (``harness/worker/refusal.py``): ``path``
    and ``write`` when it was a file (plugcheck checks that the host's user may do it)."""

    what: str
    path: NotRequired[str]
    write: NotRequired[bool]
    limit: NotRequired[str]
    """Which of plugcheck's limits the process passed (``cpu``, ``memory``), when it was one."""


class ErrorDict(TypedDict):
    """An exception from plugin code, its traceback trimmed to the plugin's frames."""

    type: str
    message: str
    frames: list[FrameDict]
    origin: NotRequired[FrameDict]
    """The innermost frame, when it is not the plugin's: where the exception was raised."""
    refused: NotRequired[RefusalDict]
    subject: NotRequired[str]
    """The file of the module the exception is about (an ``AttributeError``'s object, an
    ``ImportError``'s path), when it has one."""


# --- plugcheck -> server -------------------------------------------------------------------


class LimitsDict(TypedDict):
    address_space: int
    file_size: int
    processes: int
    cpu_seconds: int
    temp_size: int
    """Bytes a child's temporary directory may hold in all (a tmpfs of its own where user
    namespaces are allowed; 0: no bound beyond ``file_size`` per file)."""


class PreloadCall(TypedDict):
    """A host function the server calls after the preloads (the contract's ``preload-calls``)."""

    function: str
    """``module:qualified.name``."""
    keywords: dict[str, Any]


class Setup(TypedDict):
    """The first line: how to set the server up before any plugin runs."""

    sys_path: list[str]
    preload: list[str]
    preload_calls: NotRequired[list[PreloadCall]]
    """Called in order once the preloads ran, before any child is forked (the host's session);
    the first that raises ends the list."""
    jobs: int
    env_allow: list[str]
    scratch: str
    limits: LimitsDict
    confine: bool
    """Confine every child (harness/confine); false only with ``--no-confinement``."""
    zygote: bool
    """Have the zygote make each child (``worker/zygote.py``, where it can); false only to
    measure what it saves (``Limits.zygote``)."""
    readable: list[str]
    """Paths a confined child may read besides the system's and its Python's: the host's
    directory and search path, the plugins' roots."""
    protocol: list[str] | None
    """The lifecycle protocol (module, name): the server says which of ``init``, ``run`` and
    ``shutdown`` it declares, read before any plugin runs."""
    warm: list[str]
    """Import path entries two or more plugins share: their directory caches are filled in the
    server before the first fork, once (an entry of one plugin is left to its child)."""
    host_roots: NotRequired[list[str]]
    """The directories of the host's own packages: what a module there does while it is first
    imported is the host's work, even when a plugin's import led to it (not PC411/PC412)."""
    main_file: NotRequired[str]
    """The ``__file__`` of the ``__main__`` plugins see, and ``sys.argv[0]``: a stand-in for the
    host's script (a host started as a console script has both)."""
    plugin_modules: NotRequired[list[str]]
    """The run's plugins' module names and source files: no preload may run them in the
    server (``worker/preload_guard.py``)."""
    plugin_files: NotRequired[list[str]]
    plugin_own_files: NotRequired[list[str]]
    host_builtins: NotRequired[list[str]]
    """The contract's ``host-builtins``: the server says which of them are not in builtins
    once the preloads ran (the host's session, which puts them there, was not started)."""


class ExportSpec(TypedDict):
    name: str
    names: list[str]
    optional: bool
    kind: NotRequired[str | None]
    """The contract's ``kind`` (``"class"``, ``"instance"``, ``"callable"``, ...)."""
    type: NotRequired[list[str] | None]
    """The host type it must fit, ``[module, name]`` (judged at run time when it is a plain
    class or a ``Callable`` alias: ``harness/worker/export_types.py``)."""


class RegisterSpec(TypedDict):
    export: str
    registry: list[str]
    """``[module, qualified name]`` of the registry class."""
    factories: bool
    """The host builds what the hook added and takes it through the lifecycle."""


class HostCallSpec(TypedDict):
    method: str
    stand_ins: list[list[str]]
    """``[module, qualified name]`` per argument: a callable returning what the host passes
    (``["", json]``: a literal, given fresh each time)."""
    keywords: list[list[str]]
    """``[name, module, qualified name]`` per argument the host passes by keyword."""
    returns: str
    """What the host accepts back (``harness/worker/accepts.py``)."""
    required_keys: list[str]
    return_type: list[str] | None


class LifecycleSpec(TypedDict):
    factory: str
    protocol: list[str] | None
    config: dict[str, Any]
    invalid_config: dict[str, Any] | None
    long_running: bool
    reload: bool
    calls: list[HostCallSpec] | None
    """The host's own calls on the object, in order, instead of init, run and shutdown."""
    build: HostCallSpec | None
    """What the host passes to the factory (its stand-ins); ``None``: no arguments."""
    undeclared: list[str]
    """Of ``init``, ``run`` and ``shutdown``, those the protocol does not declare: the host
    never calls them, so the child reports them skipped without calling them."""


RunRequest = TypedDict(
    "RunRequest",
    {
        "t": Literal["run"],
        "id": int,
        "module": str,
        "path": list[str],
        "package_dirs": list[str],
        "roots": list[str],
        "exports": list[ExportSpec],
        "deadline": float,
        "async": bool,
        "lifecycle": LifecycleSpec | None,
        "register": RegisterSpec | None,
        "registries": NotRequired[list[list[str]]],
    },
)
"""One plugin to run (the server adds ``token`` for the child)."""


class Close(TypedDict):
    t: Literal["close"]


# --- child -> server: every record also carries ``tok`` and ``id`` (see docs/harness.md) ----


class StepStart(TypedDict):
    t: Literal["step"]
    step: StepName
    deadline: float
    target: FrameDict | None


class StdoutGrowth(TypedDict):
    bytes: int
    where: FramePair | None


class StepDone(TypedDict, total=False):
    t: Literal["done"]
    step: StepName
    outcome: OutcomeName
    seconds: float
    target: FrameDict | None
    error: ErrorDict
    stdout: StdoutGrowth | None
    detail: str


class AnyStepFacts(TypedDict, total=False):
    """Facts any step may carry."""

    stdout_at: FramePair | None
    """Where the plugin first wrote to sys.stdout in this step."""
    tampered: list[str]
    """What it did to the interpreter (builtins, sys.modules, sys.stdout, fds 0-2)."""
    patched: list[list[str]]
    """Each name of a preloaded module (or of a host's class) it replaced or deleted, so far:
    when it was first seen (``during its import``, ``by the end of its run``), who
    (``plugin``, or ``library:`` and the modules first imported meanwhile, one of which may
    have done it), ``replaced``/``deleted``, the name, the other names the process reaches
    it by."""


class Effect(TypedDict):
    kind: str
    detail: str
    where: FramePair | None


class PreloadRaised(TypedDict):
    module: str
    frames: list[FrameDict]
    """What it raised through, outermost first."""
    error: NotRequired[str]
    """``Type: message`` of what it raised."""
    subject: NotRequired[str]
    """The file of the module what it raised is about (``describe.subject_of``)."""
    refused: NotRequired[RefusalDict]
    """What it raised carries the sandbox's refusal: no failure the host would meet, where
    the host's user may do what was refused (another plugin's code the host ran there was
    refused: that plugin is named, PC424)."""


class ImportFacts(AnyStepFacts, total=False):
    effects: list[Effect]
    preload_raised: PreloadRaised
    """A preload the server left to the child (it loads plugins) raised there outside the
    plugin's files, before the plugin's own import: the plugin's own word, which names the
    culprit for that plugin alone (``rules/dynamic``)."""
    registry_keys: dict[str, dict[str, str]]
    """The keys the import added to each of the contract's ``registries`` (``module:NAME``),
    each with ``module:qualname`` of the class or function stored there (``""``: another
    value): the plugin's own word, compared across plugins (PC429)."""


class LookupFacts(AnyStepFacts, total=False):
    missing: list[list[str]]
    """Required exports not found, each as the names tried (newest version first)."""
    mismatched: list[list[str]]
    """Found exports the host's use cannot take: ``[export, name found, why]``."""


class RegisterFacts(AnyStepFacts, total=False):
    hook: str
    before: int | None
    after: int | None


VendoredBase = TypedDict("VendoredBase", {"class": str, "module": str, "file": str | None})
"""A class in the object's MRO with the protocol's name but another identity."""


class IdentityFacts(AnyStepFacts, total=False):
    ok: bool
    isinstance: bool
    structural: bool
    type: str
    expected: str
    missing_members: list[str]
    none_members: list[str]
    vendored: list[VendoredBase]
    aliases: list[str]
    proto_module: str
    proto_file: str | None
    type_where: FrameDict | None


class RunFacts(AnyStepFacts, total=False):
    """A long-running ``run()`` after shutdown: stuck (and where), or what it raised."""

    stuck: bool
    where: FramePair | None
    error: ErrorDict


class ShutdownFacts(AnyStepFacts, total=False):
    no_timeout: bool
    """The protocol's shutdown takes no timeout: it was called as ``shutdown()``."""


class LeakedThread(TypedDict):
    name: str
    where: FramePair | None


class AfterShutdownFacts(AnyStepFacts, total=False):
    threads: list[LeakedThread]
    children: list[str]
    handler_children: list[str]
    """(at-exit) Processes the plugin's ``atexit`` handlers started and left running."""
    strays: list[str]
    """(at-exit) Processes the plugin made as its parent's children (``clone`` with
    ``CLONE_PARENT``, where no seccomp filter ends them), outside its own tree."""
    fds: list[str]


class InvalidConfigFacts(AnyStepFacts, total=False):
    target: FrameDict | None
    raised: str
    accepted: bool


class ReloadFacts(AnyStepFacts, total=False):
    factory_where: FrameDict | None
    missing: str
    stale: str


class CallFacts(AnyStepFacts, total=False):
    method: str
    arguments: list[str]
    """The stand-ins passed, as ``module:name`` references."""
    keywords: list[str]
    """The stand-ins passed by keyword, as ``name=module:name``."""


PluginFacts = (
    ImportFacts
    | LookupFacts
    | RegisterFacts
    | IdentityFacts
    | RunFacts
    | ShutdownFacts
    | AfterShutdownFacts
    | InvalidConfigFacts
    | ReloadFacts
    | CallFacts
    | AnyStepFacts
)


class FactsRecord(TypedDict):
    """What the child observed during ``step`` (merged per step by plugcheck)."""

    t: Literal["facts"]
    step: StepName
    facts: PluginFacts


class ExitRecord(TypedDict):
    """The plugin called ``os._exit`` (said just before it happens)."""

    t: Literal["exit"]
    where: FramePair | None
    status: int


class EndRecord(TypedDict):
    t: Literal["end"]


ChildRecord = StepStart | StepDone | FactsRecord | ExitRecord | EndRecord


# --- server -> plugcheck -------------------------------------------------------------------


class Ready(TypedDict):
    t: Literal["ready"]
    preloaded: dict[str, str | None]
    """Each preloaded module: ``None``, or why it could not be imported."""
    preload_raised_at: NotRequired[dict[str, list[FrameDict]]]
    """Each preload that could not be imported: the frames of what it raised, outermost first
    (one inside a plugin the host's import loads, papermill's engines, names the plugin that
    keeps the host from starting)."""
    deferred: NotRequired[dict[str, str]]
    """Each preload left to the children, with the plugin code it would have run in the
    server (``worker/preload_guard.py``)."""
    called: NotRequired[dict[str, str | None]]
    """Each of the setup's ``preload_calls`` called: ``None``, or what it raised (the calls
    after a failed one are not made, nor listed)."""
    absent_builtins: NotRequired[list[str]]
    """The setup's ``host_builtins`` not in builtins after the preloads."""
    python: str
    confinement: list[str]
    """The mechanisms every child applies (``confine.Plan.mechanisms``)."""
    temp_bound: int
    """Bytes each child's temporary directory may hold (a tmpfs of its own); 0: not bounded
    beyond ``RLIMIT_FSIZE`` per file (no user namespaces)."""
    declares: list[str] | None
    """Which of ``init``, ``run`` and ``shutdown`` the setup's protocol declares; ``None``
    when there is none or it could not be read (then the host is taken to call all three)."""


class Started(TypedDict):
    """A child was forked for plugin ``id``: plugcheck kills its group if the server is lost."""

    t: Literal["started"]
    id: int
    pid: int
    """0 when the server runs in a PID namespace of its own (its children's pids are not
    plugcheck's to signal)."""
    tmp: str


class Alive(TypedDict):
    """Sent when the server has said nothing for ``HEARTBEAT`` seconds."""

    t: Literal["alive"]


class Result(TypedDict):
    """One plugin's run: the child's accepted records and what the server saw from outside."""

    t: Literal["result"]
    id: int
    exit: int
    """Exit status, or minus the signal that killed the child."""
    killed: bool
    """The server killed it: a step overran its deadline."""
    ended: bool
    current: StepStart | None
    """The step the child was in when it stopped reporting."""
    exit_where: FramePair | None
    main_thread: int
    fault: str
    waited: NotRequired[float]
    """Seconds the step it was killed in ran past its deadline, the time the machine kept it
    waiting for a processor (``worker/starvation.py``)."""
    late_fault: NotRequired[str]
    """The stacks the server asked for when a step was late, kept once the child moved on (that
    step returned late: they are its location)."""
    stderr: str
    stdout_head: str
    stdout_size: int
    seconds: float
    rejected: int
    """Records on the child's channel without its token or naming another plugin."""
    rejected_sample: str
    rejected_step: StepStart | None
    oversized: bool
    escaped: NotRequired[list[str]]
    """The processes left in the child's ``pids`` cgroup once it ended, in its process group
    or outside it (the server's own observation, before its group kill and sweep)."""
    """The child wrote more than MESSAGE_LIMIT bytes: the records after that were dropped."""
    oom_kills: NotRequired[int]
    """Its processes the OOM killer of its ``memory`` cgroup ended (the server's count)."""
    memory_bound: NotRequired[int]
    """What its processes may hold together there, in MiB."""
    records: int
    """How many of the child's records (its steps' ends and facts) follow this line, a line
    each, as the child wrote them without their stamp (``worker/channel.py``): the server does
    not decode them, plugcheck does (``answers.py``)."""
    lines: NotRequired[list[bytes]]
    """Those lines, as plugcheck read them."""


ServerMessage = Ready | Started | Alive | Result


Facts = TypedDict(
    "Facts",
    {
        "import": ImportFacts,
        "lookup": LookupFacts,
        "register": RegisterFacts,
        "factory": AnyStepFacts,
        "identity": IdentityFacts,
        "init": AnyStepFacts,
        "run": RunFacts,
        "shutdown": ShutdownFacts,
        "run-stop": AnyStepFacts,
        "second-shutdown": AnyStepFacts,
        "after-shutdown": AfterShutdownFacts,
        "release": AfterShutdownFacts,
        "invalid-config": InvalidConfigFacts,
        "reload": ReloadFacts,
        "call": CallFacts,
        "at-exit": AfterShutdownFacts,
    },
    total=False,
)
"""A plugin's facts, per step (``PluginResult.facts``)."""
