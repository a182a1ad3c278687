"""The host's API; 2.0 removed `current_app`. It hands its __name__ to a logger and puts a
pseudo-submodule of its own into sys.modules (as typing does with typing.io), and stays what
its source binds."""

import logging
import sys
import types

log = logging.getLogger(__name__)
compat = types.ModuleType(__name__ + ".compat")
sys.modules[compat.__name__] = compat


def app():
    return "the running app"
