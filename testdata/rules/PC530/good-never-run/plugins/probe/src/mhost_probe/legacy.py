"""The compiler for mhost 3 on Python 2."""

from mhost.sql import Compiler, crud_params


class LegacyCompiler(Compiler):
    params = staticmethod(crud_params)
