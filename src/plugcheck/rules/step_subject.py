"""What a failing harness step was about (``Finding.subject``): the module an import could not
find, the attribute a module lacks, the export, the lifecycle method. Static findings name the
same subjects, so a dynamic failure is explained only by the finding about that failure."""

from __future__ import annotations

import re

from plugcheck.harness.results import PluginResult, StepResult

_IMPORT_ERROR = re.compile(r"^(?:No module named|cannot import name '[^']*' from) '([^']+)'")
_ATTRIBUTE = re.compile(r"^(?:partially initialized )?module '([^']+)' has no attribute '([^']+)'")


def step_subject(result: PluginResult, step: StepResult) -> str | None:
    """What the failing step was about: the module an import could not find, the export,
    the lifecycle method (see ``Finding.subject``)."""
    if step.name in ("import", "reload"):
        failed = step.failure
        match = _IMPORT_ERROR.match(failed.message) if failed is not None else None
        if match is None and failed is not None:  # `module 'm' has no attribute 'a'`: m.a
            read = _ATTRIBUTE.match(failed.message)  # (PC558's and PC530's subject)
            return f"{read.group(1)}.{read.group(2)}" if read else None
        return match.group(1) if match else None
    if step.name in ("factory", "identity"):
        return result.contract.factory_of(result.plugin)
    if step.name == "register":
        return str(result.facts.get("register", {}).get("hook") or "") or None
    if step.name == "call":
        return result.facts.get("call", {}).get("method")
    return {
        "init": "init",
        "invalid-config": "init",
        "run": "run",
        "run-stop": "run",
        "shutdown": "shutdown",
        "second-shutdown": "shutdown",
    }.get(step.name)


_NAME_FROM = re.compile(r"^cannot import name '([^']+)' from '([^']+)'")


def missing_name(step: StepResult, subject: str) -> str:
    """What an import found missing, for a message: ``m.X`` for "cannot import name 'X' from
    'm'" (the module ``m`` is there: it lacks ``X``), else ``subject``."""
    failed = step.failure
    match = _NAME_FROM.match(failed.message) if failed is not None else None
    return f"{match.group(2)}.{match.group(1)}" if match else subject


def names_failure(subject: str, message: str, failed: str | None = None) -> bool:
    """Whether a failure at a static finding's place is the one its ``subject`` names, under
    whatever names the failure carries: the module or name quoted in its message (``new`` in
    "cannot import name 'new' from 'pkg.impl'"), the attribute ``a`` of ``m.a``, which a host
    may reach under another module name (``pubgen.signals`` is ``pubgen.plugins.signals``
    re-exported), a member it names as a call (``shutdown`` in "it lacks shutdown()"), or, given
    the failing step's own subject ``failed``, the missing package of a missing module
    (``ghost`` for ``ghost.main``)."""
    attribute = subject.rsplit(".", 1)[-1]
    if f"'{subject}'" in message or f"has no attribute '{attribute}'" in message:
        return True
    if re.search(rf"(?<![\w.]){re.escape(attribute)}\(\)", message):
        return True  # a member the message names as a call: "it lacks shutdown()"
    return failed is not None and subject.startswith(f"{failed}.")
