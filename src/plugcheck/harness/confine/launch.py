"""The launcher for executables: ``python -I -S confine/__main__.py LIMITS WRITABLE TCP
READABLE -- PROGRAM ARGS...``."""

from __future__ import annotations

import os
import sys

from .limits import set_limit
from .namespaces import _fallback, pid_namespace_of_its_own
from .plan import Plan


def launch(argv: list[str]) -> int:
    """``confine/__main__.py LIMITS WRITABLE TCP READABLE -- PROGRAM ARGS...``: set each
    ``resource=value`` limit (soft = hard), confine (reading only below :data:`SYSTEM` and the
    ``READABLE`` paths; ``*``: everywhere), exec. Exit 126/127 with one line on stderr when it
    cannot."""
    try:
        split = argv.index("--")
    except ValueError:
        split = len(argv)
    options, program = argv[1:split], argv[split + 1 :]
    if len(options) != 4 or not program:
        sys.stderr.write(
            "plugcheck-confine: usage: LIMITS WRITABLE TCP READABLE -- PROGRAM ARGS...\n"
        )
        return 2
    limits, writable, tcp, reads = options
    for pair in filter(None, limits.split(",")):
        name, _, value = pair.partition("=")
        if not set_limit(name, int(value)):
            sys.stderr.write(
                f"plugcheck-confine: failed to execute {program[0]}: cannot set {name}\n"
            )
            return 126
    readable = None if reads == "*" else [r for r in reads.split(os.pathsep) if r]
    writable_paths = [w for w in writable.split(os.pathsep) if w]
    if readable is not None and not Plan(tcp_listen=tcp == "1").landlock:
        # The program's directory, its PATH and the launcher's Python are in ``readable``.
        _fallback([*readable, sys.prefix, sys.base_prefix], writable_paths, net=tcp != "1")
    else:  # nothing the program starts outlives it, even out of its session
        pid_namespace_of_its_own(net=tcp != "1")
    # The read rules are opened now, in the PID namespace: the rule for /proc is its own /proc's.
    plan = Plan(tcp_listen=tcp == "1", readable=readable)
    if plan.apply(writable_paths) != plan.mechanisms():
        sys.stderr.write(f"plugcheck-confine: failed to execute {program[0]}: cannot confine it\n")
        return 126
    try:
        os.execvp(program[0], program)
    except OSError as exc:
        sys.stderr.write(
            f"plugcheck-confine: failed to execute {program[0]}: {exc.strerror or exc}\n"
        )
        return 127 if isinstance(exc, FileNotFoundError) else 126
