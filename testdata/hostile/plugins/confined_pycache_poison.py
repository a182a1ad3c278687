"""Writes bytecode into the API's __pycache__, another plugin's and the harness worker's."""

import os
import sys

import hostile_api


class P:
    def init(self, config):  # expect: PC420
        here = os.path.dirname(os.path.abspath(__file__))
        worker = os.path.dirname(sys.modules["_plugcheck_worker"].__file__)
        for folder in (os.path.dirname(hostile_api.__file__), here, worker):
            cache = os.path.join(folder, "__pycache__")
            os.makedirs(cache, exist_ok=True)
            with open(os.path.join(cache, "poison.cpython-3.pyc"), "wb") as out:
                out.write(b"poison")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
