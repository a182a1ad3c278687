"""Reads its report directory when the hook is called: one hookimpl on every machine."""

import os

from demo_host import hookimpl


@hookimpl
def demo_render(page):
    report_dir = os.environ.get("DEMO_REPORT_DIR")
    return f"{page} -> {report_dir}" if report_dir else f"{page}"
