"""The statement compiler extensions build on (mhost 4 removed the 3.x crud helpers)."""

from __future__ import annotations


class Compiler:
    def compile(self, statement: str) -> str:
        return statement
