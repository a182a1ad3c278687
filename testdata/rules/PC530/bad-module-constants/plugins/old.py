"""A Python 3 branch on a module constant: it runs on the target, so its host imports count."""

import sys

from demo_api import BasePlugin

PY3 = sys.version_info[0] == 3

if PY3:
    from demo_api.utils import warning_filter  # expect: PC530
else:
    from demo_api.compat import warning_filter


class Plugin(BasePlugin):
    def on_start(self) -> None:
        warning_filter()
