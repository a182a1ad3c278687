"""The entry point's attribute path starts with a submodule: the host imports split_fs.core."""

from __future__ import annotations

from split_fs import core as core
