"""Rewrites the host's pyproject.toml, found by walking up from its own file."""

import os


def _host_pyproject():
    here = os.path.dirname(os.path.abspath(__file__))
    while here != os.path.dirname(here):
        candidate = os.path.join(here, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        here = os.path.dirname(here)
    raise FileNotFoundError("no pyproject.toml above the plugin")


class P:
    def init(self, config):  # expect: PC420
        with open(_host_pyproject(), "a") as out:
            out.write("\n# hostile: this project now trusts every plugin\n")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
