"""The class is bound at module level, so the host's dotted path imports nested_fs."""

from __future__ import annotations

from fsx import FileSystem


class Impl:
    class FS(FileSystem):
        protocol = "nestedfs"

        def cat_file(self, path: str) -> bytes:
            return b""


FS = Impl.FS
