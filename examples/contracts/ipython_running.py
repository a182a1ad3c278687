"""Preloaded by ipython.toml: IPython loads extensions from a running shell, so an extension
may call ``get_ipython()`` when it is imported (ipython_memory_usage reads
``get_ipython().user_ns`` at import). Importing this module starts that shell, before any
plugin is imported, as the session does."""

from __future__ import annotations

from ipython_standin import shell

shell()
