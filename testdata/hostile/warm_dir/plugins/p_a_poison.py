"""Run first: writes into the plugins' shared folder, whose directory cache the fork server
filled before forking. It leaves zz_unshipped.py (which p_b_missing imports and nobody ships)
and a __pycache__ entry for helper_broken compiled from a healthy source with the real
source's mtime and size (which p_c_broken_helper imports): had either landed, a later child
would have imported it and its broken plugin would have passed. Each write is refused
(Landlock, or the read-only root of the namespace fallback); the poisoner itself is healthy."""

import importlib.util
import marshal
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def _write(path, data):
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            out.write(data)
    except OSError:
        pass


_write(os.path.join(HERE, "zz_unshipped.py"), b"VALUE = 1\n")
_source = os.path.join(HERE, "helper_broken.py")
try:
    _stat = os.stat(_source)
    _code = compile("VALUE = 1\n", _source, "exec")
    _header = importlib.util.MAGIC_NUMBER + (0).to_bytes(4, "little")
    _header += int(_stat.st_mtime).to_bytes(4, "little") + (_stat.st_size & 0xFFFFFFFF).to_bytes(
        4, "little"
    )
    _write(importlib.util.cache_from_source(_source), _header + marshal.dumps(_code))
except OSError:
    pass


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
