"""A stamp of the installed plugcheck's code, for the keys of every cache of results.

A cache keyed by the version alone serves the results of the code before an edit in an
editable install, where the version stays the same while the rules change.
"""

from __future__ import annotations

import functools
import hashlib
import os

from plugcheck._version import __version__


@functools.cache
def code_stamp() -> str:
    """The version plus a digest of every file of the package (name, size, modification time)."""
    root = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256(__version__.encode())
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            rel = os.path.relpath(path, root)
            digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return f"{__version__}+{digest.hexdigest()[:16]}"
