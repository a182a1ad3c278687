"""Findings located in code a plugin generated (``exec``/``compile`` of a string) point at the
plugin's line that ran it.

A hookimpl made with ``exec(src, ns)`` has ``<string>`` as its file: the finding was located at
``<string>:1:1``, and a GitHub annotation or a SARIF result naming it lands nowhere (red team
finding 23). Such a finding moves to the plugin's first ``exec``/``compile``/``eval`` call (in
its module first, then its other files), else to where the plugin is declared; its message
keeps the generated location.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

from plugcheck import untrusted
from plugcheck.model import Finding, Location, Plugin
from plugcheck.run_report import Report
from plugcheck.untrusted import read_source

_RUNNERS = frozenset({"exec", "compile", "eval"})


def generated(path: Path) -> bool:
    """Whether ``path`` names no file but code made at run time (``<string>``, ``<run>``)."""
    text = str(path)
    return text.startswith("<") and text.endswith(">")


def relocate(report: Report) -> None:
    """Move every finding located in generated code to its plugin's line that generated it;
    and so each failure a finding explained away and the finding that explained it
    (``report.explained``): a suppression or a withdrawal of the moved finding gives the
    failure back (it looks it up by equality), at a line of a real file. Before, a moved
    explainer no longer equalled the one recorded, and silencing it kept its failure hidden."""
    everything = [*report.findings, *(f for e in report.explained for f in (e.failure, e.by))]
    if not any(generated(f.location.path) for f in everything):
        return
    plugins = {(p.contract, p.reported_name): p for p in report.plugins}
    sites: dict[tuple[str, str], Location | None] = {}

    def moved(finding: Finding) -> Finding:
        where = finding.location
        plugin = plugins.get((finding.contract, finding.plugin))
        if not generated(where.path) or plugin is None:
            return finding
        if plugin.key not in sites:
            sites[plugin.key] = _runner_call(plugin)
        site = sites[plugin.key]
        made = "here" if site else "at run time"
        return replace(
            finding,
            location=site or plugin.claim,
            message=f"{finding.message} (in code the plugin generated: "
            f"{where.path}:{where.line}, made {made})",
        )

    report.findings[:] = map(moved, report.findings)
    report.explained[:] = [
        replace(e, failure=moved(e.failure), by=moved(e.by)) for e in report.explained
    ]


def _runner_call(plugin: Plugin) -> Location | None:
    """The plugin's first call of ``exec``, ``compile`` or ``eval`` (a plain or ``builtins.``
    name), its module's file first."""
    files = [f for f in (plugin.module_path, *plugin.files) if f is not None]
    for path in dict.fromkeys(files):
        try:
            tree = untrusted.parse(read_source(path))
        except (OSError, ValueError, SyntaxError, RecursionError, MemoryError):
            continue
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and (
                (isinstance(node.func, ast.Name) and node.func.id in _RUNNERS)
                or (
                    isinstance(node.func, ast.Attribute)
                    and node.func.attr in _RUNNERS
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "builtins"  # not re.compile
                )
            )
        ]
        if calls:
            first = min(calls, key=lambda c: (c.lineno, c.col_offset))
            return Location(path, first.lineno, first.col_offset + 1)
    return None
