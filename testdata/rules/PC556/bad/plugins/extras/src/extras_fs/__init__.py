"""ep.load() ignores the extras; the host reads the whole value and looks up 'ExtrasFS [fast]'."""

from __future__ import annotations

from fsx import FileSystem


class ExtrasFS(FileSystem):
    protocol = "extrafs"

    def cat_file(self, path: str) -> bytes:
        return b""
