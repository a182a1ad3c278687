"""The host's API; 2.0 removed `current_app`."""

import logging
import sys

log = logging.getLogger(__name__)
registry = dict.fromkeys(sys.modules[__name__].__dict__)


def app():
    return "the running app"
