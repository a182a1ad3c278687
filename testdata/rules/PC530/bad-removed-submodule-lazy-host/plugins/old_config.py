"""`from host.oldsub.x import Y` (ipython-sql 0.3.6: from IPython.config.configurable import ...)."""

from quill.config.configurable import Configurable  # expect: PC530


def make():
    return Configurable
