"""The import under `with suppress(ImportError)` succeeds: the hook after it is defined."""

import contextlib

from demo_host import hookimpl

with contextlib.suppress(ImportError):
    import json

    @hookimpl
    def demo_render(page, theme):  # expect: PC502
        return json.dumps(page)
