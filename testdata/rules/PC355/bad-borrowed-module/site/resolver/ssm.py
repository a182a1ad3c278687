"""Resolves !ssm tags."""  # expect: PC355

from resolver.exceptions import ParameterNotFoundError


class SSM:
    def resolve(self, name):
        raise ParameterNotFoundError(name)
