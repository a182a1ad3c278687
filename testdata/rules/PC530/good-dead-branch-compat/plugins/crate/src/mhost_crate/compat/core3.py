"""The compiler for mhost 3."""

from mhost.sql import Compiler, crud_params


class CrateCompiler(Compiler):
    params = staticmethod(crud_params)
