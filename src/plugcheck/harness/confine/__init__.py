"""Confinement of a plugin process: Landlock, a seccomp filter, no capabilities, no new privileges.

Stdlib only and loadable by path: the harness worker loads it in the target interpreter, and
``python -I -S confine/__main__.py LIMITS WRITABLE TCP READABLE -- ARGV...`` confines itself,
then ``exec``\\s ``ARGV`` (the launcher :mod:`plugcheck.sandbox` uses for exec, go-plugin,
wasm and native children).

:class:`Plan` is built once, in the parent: it asks the kernel what it supports and assembles
the seccomp program. :meth:`Plan.apply` runs in each child after ``fork`` and before any plugin
code: ``PR_SET_NO_NEW_PRIVS``; every capability dropped (root in the child is an ordinary user
that happens to own root's files); a Landlock domain (read and execute everywhere, write only
below the child's own directory and to /dev/null, TCP connect and bind denied, abstract unix
sockets and signals scoped to the domain); then the seccomp filter (no ptrace, no
``process_vm_*``, no network sockets, no namespaces, no mounts, no raising rlimits, no
bpf/perf/keyring/io_uring). Whatever the kernel lacks is left out; :meth:`Plan.mechanisms`
says what is in force.

The package is stdlib only and imports itself relatively: the worker loads it by path under
another name (``worker/isolate.py``), and ``__main__.py`` loads it the same way when it runs
as a script. Its modules: :mod:`.kernel` (prctl and syscall through ctypes), :mod:`.landlock`,
:mod:`.seccomp`, :mod:`.plan`, :mod:`.limits` (rlimits), :mod:`.namespaces` (the fallback),
:mod:`.report` (what the report says), :mod:`.launch` and :mod:`.hidden` (what stays unreadable
inside a readable tree: a checkout's ``.git``, ``.env``).
"""

from __future__ import annotations

from .landlock import SYSTEM, landlock
from .launch import launch
from .limits import capped, oom_first, set_limit
from .namespaces import enter_namespaces, hide_siblings, own_proc, private_root
from .plan import Plan
from .report import (
    FILES,
    NAMESPACES,
    describe,
    python_plugins,
    ran_without,
    shortfall,
    undumpable,
)
from .seccomp import seccomp_program

__all__ = [
    "FILES",
    "NAMESPACES",
    "SYSTEM",
    "Plan",
    "capped",
    "describe",
    "enter_namespaces",
    "hide_siblings",
    "landlock",
    "launch",
    "oom_first",
    "own_proc",
    "private_root",
    "python_plugins",
    "ran_without",
    "seccomp_program",
    "set_limit",
    "shortfall",
    "undumpable",
]
