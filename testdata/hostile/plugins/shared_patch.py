# Replaces json.dumps by a name it computes as it is imported, os.path.join and a method of  # expect: PC430
# the host's own Plugin class from init(), and json.loads from init() until its shutdown():
# every caller in the host's process meanwhile gets its versions (no spelling a static rule
# reads).
import json
import os

import hostile_api

_DUMPS = "".join(["du", "mps"])
_dumps = getattr(json, _DUMPS)
_join = os.path.join
_LOADS = "".join(["lo", "ads"])
_loads = getattr(json, _LOADS)


def _compact(obj, **kw):
    kw.setdefault("separators", (",", ":"))
    return _dumps(obj, **kw)


def _joined(*parts):
    return _join(*parts)


setattr(json, _DUMPS, _compact)


class P:
    def init(self, config):
        setattr(os.path, "".join(["jo", "in"]), _joined)
        setattr(hostile_api.Plugin, "".join(["ru", "n"]), P.run)
        setattr(json, _LOADS, lambda text, **kw: _loads(text, **kw))

    def run(self):
        pass

    def shutdown(self, timeout):
        setattr(json, _LOADS, _loads)


def new():
    return P()
