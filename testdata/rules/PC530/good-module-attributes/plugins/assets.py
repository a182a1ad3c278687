"""Reads what the import system gives every module: the installed host's source binds none of
these names, and none is missing."""

import os

import demo_api
import demo_api.utils
from demo_api import BasePlugin

HOST_FOLDER = demo_api.__path__[0]
HOST_FILE = os.path.dirname(demo_api.utils.__file__)
HOST_NAME = demo_api.utils.__name__
SPEC = demo_api.__spec__


class Plugin(BasePlugin):
    def on_start(self) -> None:
        print(HOST_FOLDER, HOST_FILE, HOST_NAME, SPEC)
