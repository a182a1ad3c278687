"""Resolves !kms tags."""  # expect: PC355

from . import exceptions


class KMS:
    def resolve(self, name):
        raise exceptions.ParameterNotFoundError(name)
