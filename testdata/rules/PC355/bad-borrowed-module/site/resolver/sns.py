"""Resolves !sns tags."""  # expect: PC355

from resolver import exceptions

ERRORS = exceptions


class SNS:
    def resolve(self, name):
        raise ERRORS.ParameterNotFoundError(name)
