"""What sqlite-utils passes to its two hooks.

sqlite_utils.cli, when imported, calls ``pm.hook.register_commands(cli=cli)`` with its top-level
click group; ``Database.__init__`` calls ``pm.hook.prepare_connection(conn=self.conn)`` with each
connection it opens (``Database(memory=True)``: ``sqlite3.connect(":memory:")``).
"""

from __future__ import annotations

from typing import Any


def cli() -> Any:
    import click

    @click.group()
    def cli() -> None:
        """A fresh top-level group: sqlite-utils' own is built as sqlite_utils.cli is imported,
        which also loads every installed plugin."""

    return cli


def conn() -> Any:
    import sqlite3

    return sqlite3.connect(":memory:")
