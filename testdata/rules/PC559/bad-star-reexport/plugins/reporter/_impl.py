"""Writes a report file when its directory is configured; that hookimpl asks for an argument
the hookspec does not pass, so pluggy refuses the plugin on every machine that sets it."""

import os

from demo_host import hookimpl

if os.environ.get("DEMO_REPORT_DIR"):

    @hookimpl
    def demo_render(page, report_dir):  # expect: PC559
        return f"{page} -> {report_dir}"

else:

    @hookimpl
    def demo_render(page):
        return f"{page}"
