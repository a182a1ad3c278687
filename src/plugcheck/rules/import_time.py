"""Work done at import time: Python's version of Go's "package main without func main()"."""

from __future__ import annotations

from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule

PC110 = rule(
    "PC110",
    "import-time-work",
    Severity.WARNING,
    "A plugin module does work at import time beyond defining things.",
)


@plugin_check(PC110)
def import_time_work(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for path in plugin.files:
        if path.name == "__main__.py":
            continue
        info = ctx.index.info(path)
        if info is None:
            continue
        for stmt in info.work:
            yield PC110.at(
                plugin,
                Location(path, stmt.line, stmt.col, stmt.end_line, stmt.end_col),
                f"{stmt.description} runs when the host imports the plugin; importing must "
                "only define things",
                fix="move it into a function the host calls (init(), register()), or under "
                '`if __name__ == "__main__":`',
            )
