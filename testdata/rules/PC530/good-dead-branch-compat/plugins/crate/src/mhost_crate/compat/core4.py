"""The compiler for mhost 4."""

from mhost.sql import Compiler


class CrateCompiler(Compiler):
    pass
