"""An fsspec-like host: each entry point of fsx.specs names a file-system class. The host
registers ``ep.value.replace(":", ".")`` and later imports all but its last dotted part with
import_module, then takes the last part with getattr."""

from __future__ import annotations


class FileSystem:
    protocol = "abstract"

    def cat_file(self, path: str) -> bytes:
        raise NotImplementedError
