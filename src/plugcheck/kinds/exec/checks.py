"""``kind = "exec"``: executables that answer one JSON request on stdin (docs/background.md).

Discovery is kubectl's: files whose name starts with ``prefix`` in the ``paths`` directories, in
order (an earlier one shadows a later one of the same name), or files named directly. Each
executable is then run under the sandbox once per contract example, once with an unknown method
and once with malformed input; Python scripts also get the static rules PC001 and PC110.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from plugcheck import sandbox
from plugcheck.environment import Environment
from plugcheck.kinds import out_of_process as oop
from plugcheck.kinds.exec.shebang import binary, first_line, interpreter_of, is_python
from plugcheck.kinds.out_of_process import quoted, stderr_tail
from plugcheck.model import Contract, Finding, Location, Phase, Plugin, Related, Severity
from plugcheck.options import Options, UsageError
from plugcheck.passes import KindPass, need_extra
from plugcheck.rules.base import Context, rule
from plugcheck.rules.import_time import import_time_work
from plugcheck.rules.whole_plugin import unparseable
from plugcheck.static.index import ModuleIndex

PC600 = rule(
    "PC600",
    "exec-not-executable",
    Severity.ERROR,
    "A file named like an exec plugin (it has the prefix) is not executable.",
)
PC601 = rule(
    "PC601",
    "exec-bad-interpreter",
    Severity.ERROR,
    "An exec plugin's #! interpreter does not exist (or it has no #! line and is not a binary).",
)
PC602 = rule(
    "PC602",
    "exec-shadowed",
    Severity.WARNING,
    "An exec plugin is shadowed by one of the same name earlier in the search order.",
)
PC603 = rule(
    "PC603",
    "exec-invalid-response",
    Severity.ERROR,
    "A declared method is not answered with one JSON object whose result matches the schema.",
    phase=Phase.DYNAMIC,
)
PC604 = rule(
    "PC604",
    "exec-unknown-method-accepted",
    Severity.ERROR,
    "An unknown method is not answered with an `error` response.",
    phase=Phase.DYNAMIC,
)
PC605 = rule(
    "PC605",
    "exec-malformed-input-accepted",
    Severity.ERROR,
    "Malformed JSON on stdin gets neither an `error` response nor a non-zero exit with a message.",
    phase=Phase.DYNAMIC,
)
PC606 = rule(
    "PC606",
    "exec-stdout-garbage",
    Severity.ERROR,
    "Something besides the JSON response is written to stdout (logs, banners, a second object).",
    phase=Phase.DYNAMIC,
)
PC607 = rule(
    "PC607",
    "exec-timeout",
    Severity.ERROR,
    "The executable does not answer within the deadline.",
    phase=Phase.DYNAMIC,
)
PC608 = rule(
    "PC608",
    "exec-crash",
    Severity.ERROR,
    "The executable dies (a signal, or a non-zero exit) when answering a valid request.",
    phase=Phase.DYNAMIC,
)
PC609 = rule(
    "PC609",
    "exec-oversized-response",
    Severity.ERROR,
    "The response is larger than the contract's `max-response` bytes.",
    phase=Phase.DYNAMIC,
)

_DYNAMIC = (PC603, PC604, PC605, PC606, PC607, PC608, PC609)
DEFAULT_DEADLINE = 5.0
DEFAULT_MAX_RESPONSE = 1 << 20
UNKNOWN_METHOD = "plugcheck.no-such-method"
MALFORMED = b'{"method": "plugcheck.truncated", "params": {'


@dataclass(frozen=True, slots=True)
class Method:
    name: str
    params: Mapping[str, Any]
    result: Mapping[str, Any]
    examples: tuple[Any, ...]


def _declared(contract: Contract) -> list[Method]:
    """The contract's methods, with their schemas and examples checked (exit 2 when bad)."""
    oop.require(contract, "methods")
    need_extra(contract, "exec", "jsonschema")
    import jsonschema  # type: ignore[import-untyped]  # no stubs in the exec extra; used as Any

    methods = []
    problems = []
    key = f"{contract.source}: tool.plugcheck.contracts.{contract.name}.methods"
    for name, spec in contract.options["methods"].items():
        invalid = set()
        for part in ("params", "result"):
            try:
                jsonschema.validators.validator_for(spec[part]).check_schema(spec[part])
            except jsonschema.SchemaError as exc:
                problems.append(f"{key}.{name}.{part}: not a valid JSON Schema: {exc.message}")
                invalid.add(part)
        # Examples are checked only against a valid schema: jsonschema crashes on some invalid ones.
        for number, example in enumerate(() if "params" in invalid else spec["examples"]):
            error = jsonschema.exceptions.best_match(
                jsonschema.validators.validator_for(spec["params"])(spec["params"]).iter_errors(
                    example
                )
            )
            if error is not None:
                problems.append(
                    f"{key}.{name}.examples[{number}]: does not match its params schema: "
                    f"{error.message}"
                )
        methods.append(Method(name, spec["params"], spec["result"], tuple(spec["examples"])))
    if problems:
        raise UsageError(problems)
    return methods


# --- discovery ------------------------------------------------------------------------


def discover(contract: Contract, env: Environment, explicit_paths: list[Path]) -> list[Plugin]:
    prefix = oop.option(contract, "prefix", "")
    plugins = []

    def prefixed(path: Path) -> bool:
        return path.name.startswith(prefix)

    for path, named in oop.candidates(contract, explicit_paths, prefixed):
        if named or path.name.startswith(prefix):
            name = path.name.removeprefix(prefix) if prefix else path.name
            plugins.append(oop.plugin(name, contract, path, python=is_python(path)))
    return plugins


# --- checks ---------------------------------------------------------------------------


def check(
    contract: Contract,
    plugins: list[Plugin],
    env: Environment,
    options: Options,
    notes: list[str],
) -> list[Finding]:
    oop.require(contract, "methods")
    methods = _declared(contract) if options.dynamic else []
    dynamic = options.dynamic and oop.wanted(options, *_DYNAMIC)
    findings: list[Finding] = []
    runnable: list[Plugin] = []
    first: dict[str, Plugin] = {}
    index = ModuleIndex()
    ctx = Context(contract=contract, plugins=plugins, index=index, env=env)
    for plugin in plugins:
        problems = list(_static(plugin)) if options.static or options.dynamic else []
        if options.static:
            findings.extend(problems)
            earlier = first.setdefault(plugin.name, plugin)
            if earlier is not plugin:
                findings.append(
                    PC602.at(
                        plugin,
                        Location(plugin.root),
                        f"exec plugin {plugin.name!r} is shadowed by "
                        f"{contract.shown(earlier.root)}, which "
                        "comes earlier in the search order; the host never runs this one",
                        fix="rename or remove one of them",
                        related=[Related(Location(earlier.root), "the plugin the host runs")],
                    )
                )
            if plugin.files:
                findings.extend(import_time_work(ctx, plugin))
        # A Python script that does not parse can only crash: PC001 says why, once.
        syntax = list(unparseable(ctx, plugin)) if plugin.files else []
        if options.static:
            findings.extend(syntax)
        if not problems and not syntax:
            runnable.append(plugin)
    if dynamic:
        deadline = float(oop.option(contract, "deadline", DEFAULT_DEADLINE))
        limit = int(oop.option(contract, "max-response", DEFAULT_MAX_RESPONSE))
        path = sandbox.target_path(env.executable)
        readable = sandbox.readable_paths(env, contract.root)
        findings.extend(
            oop.each_plugin(
                runnable,
                options,
                lambda p: _conformance(p, methods, deadline, limit, path, readable),
                notes,
            )
        )
    return findings


def _static(plugin: Plugin) -> Iterator[Finding]:
    path = plugin.root
    at = Location(path)
    odd = oop.not_regular(path)
    if odd is not None:
        yield PC600.at(
            plugin,
            at,
            f"{path.name} has the exec plugin prefix but is {odd}, not a program; the host's "
            "run of it fails or blocks",
            fix=f"remove {path.name} from the plugin folder (or rename it)",
        )
        return
    if not oop.is_executable(path):
        yield PC600.at(
            plugin,
            at,
            f"{path.name} has the exec plugin prefix but is not executable; the host skips it",
            fix=f"chmod +x {path.name} (or rename it if it is not a plugin)",
        )
        return
    line = first_line(path)
    programs = interpreter_of(line)
    if programs is None:
        if not binary(line):
            yield PC601.at(
                plugin,
                at,
                f"{path.name} has no #! line and is not a binary; running it fails with "
                "'exec format error'",
                fix="add a #! line naming its interpreter",
            )
        return
    if not programs:
        yield PC601.at(plugin, at, f"{path.name} has an empty #! line", fix="name the interpreter")
        return
    interpreter = programs[0]
    if not os.access(interpreter, os.X_OK):
        yield PC601.at(
            plugin,
            at,
            f"#! interpreter {interpreter} does not exist or is not executable; the host's "
            "exec fails with 'no such file'",
            fix="point the #! line at an interpreter that exists, e.g. #!/usr/bin/env python3",
        )
    elif len(programs) > 1 and shutil.which(programs[1]) is None:
        yield PC601.at(
            plugin,
            at,
            f"#! line runs {programs[1]!r} through env, but there is no {programs[1]} on PATH",
            fix="name an interpreter that is installed wherever the host runs",
        )


def _conformance(
    plugin: Plugin,
    methods: list[Method],
    deadline: float,
    limit: int,
    path: str,
    readable: tuple[str, ...],
) -> list[Finding]:
    import jsonschema

    argv = [str(plugin.root.absolute())]
    found: list[Finding] = []
    at = Location(plugin.root)

    def call(payload: bytes) -> sandbox.Result:
        return sandbox.run(
            argv,
            stdin=payload,
            env={"PATH": path},
            deadline=deadline,
            max_output=limit + 1,
            readable=readable,
        )

    def transport(result: sandbox.Result, what: str) -> _Parsed | None:
        """Findings every probe shares (hang, signal, size, garbage); the parsed response."""
        if result.timed_out:
            found.append(
                PC607.at(
                    plugin,
                    at,
                    f"{what}: no answer within {deadline:g} s; the host's call hangs",
                    fix="answer one request and exit; set `deadline` if it needs longer",
                )
            )
            return None
        if result.signal is not None or not result.started:
            found.append(
                PC608.at(
                    plugin,
                    at,
                    f"{what}: {result.describe()}{stderr_tail(result.stderr)}",
                    fix="answer errors with an `error` response instead of dying",
                )
            )
            return None
        if result.stdout_size > limit:
            found.append(
                PC609.at(
                    plugin,
                    at,
                    f"{what}: response of {result.stdout_size} bytes exceeds max-response "
                    f"({limit} bytes)",
                    fix="return less data, or raise the contract's `max-response`",
                )
            )
            return None
        parsed = _parse(result.stdout)
        if parsed.garbage:
            found.append(
                PC606.at(
                    plugin,
                    at,
                    f"{what}: stdout holds more than the JSON response ({parsed.garbage}); the "
                    "host's JSON decoding fails",
                    fix="write logs to stderr; print exactly one JSON object",
                )
            )
        return parsed

    for method in methods:
        validate = jsonschema.validators.validator_for(method.result)(method.result)
        for number, example in enumerate(method.examples):
            what = f"method {method.name!r} (example {number + 1})"
            request = json.dumps({"method": method.name, "params": example}).encode() + b"\n"
            result = call(request)
            parsed = transport(result, what)
            if parsed is None:
                continue
            if result.exit_code and not parsed.ok:
                found.append(
                    PC608.at(
                        plugin,
                        at,
                        f"{what}: {result.describe()} without a response"
                        + stderr_tail(result.stderr),
                        fix="answer the request; report failures as an `error` response",
                    )
                )
                continue
            problem = _response_problem(parsed, result)
            if problem is None and isinstance(parsed.value, dict):
                if parsed.value.get("error"):  # an empty one is no error to the host
                    problem = f"answered a valid request with error {parsed.value['error']!r}"
                elif "result" not in parsed.value:
                    problem = "the response has neither `result` nor `error`"
                else:
                    error = jsonschema.exceptions.best_match(
                        validate.iter_errors(parsed.value["result"])
                    )
                    if error is not None:
                        where = "/".join(map(str, error.absolute_path)) or "(root)"
                        problem = f"result does not match the schema at {where}: {error.message}"
            if problem is not None:
                found.append(
                    PC603.at(
                        plugin,
                        at,
                        f"{what}: {problem}",
                        fix='reply {"result": ...} matching the contract\'s result schema',
                    )
                )
            elif result.exit_code:
                found.append(
                    PC608.at(
                        plugin,
                        at,
                        f"{what}: answered, then {result.describe()}"
                        f"{stderr_tail(result.stderr)}; the host treats a non-zero exit as a "
                        "failed call",
                        fix="exit 0 after answering",
                    )
                )

    what = f"unknown method {UNKNOWN_METHOD!r}"
    result = call(json.dumps({"method": UNKNOWN_METHOD, "params": {}}).encode() + b"\n")
    parsed = transport(result, what)
    if parsed is not None and not _is_error(parsed):
        got = _response_problem(parsed, result) or f"got {quoted(parsed.text)}"
        found.append(
            PC604.at(
                plugin,
                at,
                f"{what}: expected an `error` response; {got}",
                fix='reply {"error": "unknown method ..."} for a method you do not implement',
            )
        )

    what = "malformed JSON on stdin"
    result = call(MALFORMED)
    parsed = transport(result, what)
    if parsed is not None and not _is_error(parsed):
        if result.exit_code == 0:
            got = _response_problem(parsed, result) or f"got {quoted(parsed.text)}"
            found.append(
                PC605.at(
                    plugin,
                    at,
                    f"{what}: exited 0 without an `error` response; {got}",
                    fix='reply {"error": "..."} or exit non-zero with a message on stderr',
                )
            )
        elif not result.stderr.strip():
            found.append(
                PC605.at(
                    plugin,
                    at,
                    f"{what}: {result.describe()} with nothing on stderr; the user learns nothing",
                    fix="print what was wrong with the input to stderr before exiting",
                )
            )
    return _merged(found)


def _merged(found: list[Finding]) -> list[Finding]:
    """One finding per rule and plugin: a banner on stdout spoils every request alike."""
    first: dict[str, Finding] = {}
    more: dict[str, list[str]] = {}
    for finding in found:
        if finding.code in first:
            more[finding.code].append(finding.message.partition(": ")[0])
        else:
            first[finding.code] = finding
            more[finding.code] = []
    return [
        replace(f, message=f"{f.message} (also for: {', '.join(more[code])})") if more[code] else f
        for code, f in first.items()
    ]


@dataclass(frozen=True, slots=True)
class _Parsed:
    text: str
    value: Any
    """The JSON value found (``None`` with ``ok`` False when there is none)."""
    ok: bool
    garbage: str | None = None
    undecodable: str | None = None
    """Why the bytes are no text the host's ``json.loads`` decodes (invalid UTF-8)."""


def _parse(stdout: bytes) -> _Parsed:
    try:
        # As the host's json.loads(stdout) decodes it (and text=True fails alike). Before, the
        # bytes were decoded with "replace": a response with an invalid UTF-8 byte in a string
        # validated, "All checks passed", and the host raised UnicodeDecodeError (red59).
        text = stdout.decode(json.detect_encoding(stdout), "surrogatepass")
    except UnicodeDecodeError as exc:
        bad = stdout[exc.start : exc.start + 1].hex()
        why = f"byte 0x{bad} at offset {exc.start} is not {exc.encoding.upper()}"
        return _Parsed(stdout.decode("utf-8", "replace"), None, False, undecodable=why)
    # Only what JSON calls whitespace, as json.loads skips it: str.strip() also takes a form
    # feed, \x1c-\x1f or U+2028 after the object, on which the host's json.loads raises
    # "Extra data"; before, such a response passed (red team red59).
    stripped = text.strip(_JSON_SPACE)
    if not stripped:
        return _Parsed(text, None, False)
    try:
        return _Parsed(text, json.loads(stripped), True)
    except json.JSONDecodeError:
        pass
    except (RecursionError, ValueError):
        # Nested deeper, or a number longer (over 4,300 digits), than the host's json.loads
        # reads either: before, the ValueError crashed the check (red team sand17).
        return _Parsed(text, None, False)
    decoder = json.JSONDecoder()
    start = stripped.find("{")
    while start >= 0:
        try:
            value, end = decoder.raw_decode(stripped, start)
        except json.JSONDecodeError:
            start = stripped.find("{", start + 1)
            continue
        except (RecursionError, ValueError):
            return _Parsed(text, None, False)
        before, after = stripped[:start].strip(_JSON_SPACE), stripped[end:].strip(_JSON_SPACE)
        parts = [f"before it: {_shown(before)}"] if before else []
        parts += [f"after it: {_shown(after)}"] if after else []
        return _Parsed(text, value, True, "; ".join(parts))
    return _Parsed(text, None, False)


_JSON_SPACE = " \t\n\r"
"""JSON's whitespace (RFC 8259), all json.loads skips around a value."""


def _shown(text: str) -> str:
    """What a plugin printed, quoted; its escapes where it is all spaces of other kinds."""
    return quoted(text) if text.split() else repr(text[:60])


def _response_problem(parsed: _Parsed, result: sandbox.Result) -> str | None:
    if parsed.undecodable is not None:
        return f"stdout is not text the host's JSON decoding reads: {parsed.undecodable}"
    if not parsed.ok:
        if not parsed.text.strip():
            return f"no response on stdout ({result.describe()}){stderr_tail(result.stderr)}"
        return f"stdout is not JSON: {quoted(parsed.text)}"
    if not isinstance(parsed.value, dict):
        return f"the response is a JSON {type(parsed.value).__name__}, not an object"
    error = parsed.value.get("error")
    if error is not None and not isinstance(error, str):
        return f"`error` must be a string, got {quoted(json.dumps(parsed.value['error']))}"
    return None


def _is_error(parsed: _Parsed) -> bool:
    """An ``error`` the host sees: a non-empty string. Hosts test it for being set (Go's
    ``resp.Error != ""``, Python's ``if response.get("error")``): before, ``{"error": ""}``
    passed as the answer to an unknown method, which such a host takes for a success without
    a result (red team red59)."""
    value = parsed.value
    error = value.get("error") if parsed.ok and isinstance(value, dict) else None
    return isinstance(error, str) and error != ""


PASS = KindPass(discover=discover, check=check)
