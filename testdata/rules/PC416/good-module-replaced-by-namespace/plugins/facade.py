"""Exposes only its public face: the module puts a namespace in its place."""

import sys
import types


def _setup(app):
    app.connect("builder-inited", print)
    return {"version": "1.0", "parallel_read_safe": True}


sys.modules[__name__] = types.SimpleNamespace(setup=_setup, __version__="1.0")
