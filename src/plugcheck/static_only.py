"""A run without the harness (``--no-dynamic``) never says "All checks passed" for a compiled
plugin: an extension module or a sourceless ``.pyc`` has no source for the static pass, and the
harness is what judges it (red team findings 30 and 31). Each such plugin is an info PC001
saying nothing checked it."""

from __future__ import annotations

from plugcheck.model import Location, Severity
from plugcheck.options import Options
from plugcheck.rules.base import wanted
from plugcheck.rules.whole_plugin import PC001
from plugcheck.run_report import Report


def unchecked_compiled(report: Report, options: Options) -> None:
    """Add the info PC001 for every plugin whose module has no source, in a static-only run."""
    if options.dynamic:
        return
    suffixes = [s for s in report.env.extension_suffixes if s != ".py"]
    for plugin in report.plugins:
        path = plugin.module_path
        if path is None or not wanted(PC001.code, report.config, plugin.contract):
            continue
        if not path.is_file():
            continue  # a FIFO, a dangling link named x.so: the static PC001 error says so
        if path.name.endswith(".pyc") or any(path.name.endswith(s) for s in suffixes):
            report.findings.append(
                PC001.at(
                    plugin,
                    Location(path),
                    f"cannot check {path.name} statically: it is compiled (no source), and "
                    "--no-dynamic skipped the harness, which judges it: nothing checked the "
                    "plugin",
                    severity=Severity.INFO,
                    fix="run without --no-dynamic",
                )
            )
