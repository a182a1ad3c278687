"""Writing a cache file whole or not at all: the JSON goes to a temporary file beside it, which
then replaces it, so a reader (a concurrent run, the next run after a crash) sees the old file or
the new one, never half of one."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def write_json(path: Path, data: object) -> None:
    """Write ``data`` to ``path`` as compact JSON, atomically (makes ``path``'s folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            # dumps, not dump: dump streams through the pure-Python encoder, about four times
            # slower (the static result cache is megabytes at a thousand plugins).
            out.write(json.dumps(data, separators=(",", ":")))
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
