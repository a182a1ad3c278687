"""The host imports this module by the value's dotted path and takes DottedFS from it."""

from __future__ import annotations

from fsx import FileSystem


class DottedFS(FileSystem):
    protocol = "dottedfs"

    def cat_file(self, path: str) -> bytes:
        return b""
