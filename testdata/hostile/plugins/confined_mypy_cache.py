"""Poisons plugcheck's caches: the per-user mypy seed (under the real home's cache directory)
and the project's .plugcheck_cache next to the host's pyproject.toml."""

import os
import pwd


def _targets():
    home = pwd.getpwuid(os.getuid()).pw_dir
    yield os.path.join(home, ".cache", "plugcheck")
    here = os.path.dirname(os.path.abspath(__file__))
    while here != os.path.dirname(here):
        if os.path.isfile(os.path.join(here, "pyproject.toml")):
            yield os.path.join(here, ".plugcheck_cache")
            return
        here = os.path.dirname(here)


class P:
    def init(self, config):  # expect: PC420
        for directory in _targets():
            os.makedirs(directory, exist_ok=True)
            with open(os.path.join(directory, "hostile-cache.db"), "wb") as out:
                out.write(b"not a database")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
