"""Uses what the installed host has, and guards what older hosts had."""

import demo_api.utils
from demo_api import BasePlugin
from demo_api.utils import slugify

try:
    from demo_api.utils import warning_filter
except ImportError:
    warning_filter = None

try:
    import demo_api._speedups as codec
except ImportError:
    import json as codec

try:  # the stdlib first; the host's old copy only where the stdlib lacks it
    from json import loads
except ImportError:
    from demo_api.utils import loads

SLUG = demo_api.utils.slugify("A B")
DUMP = codec.dumps
LOAD = loads


class Plugin(BasePlugin):
    def on_start(self) -> None:
        if hasattr(demo_api.utils, "old_helper"):
            demo_api.utils.old_helper()
        slugify(str(warning_filter))
