"""Star-imports a module that deletes its __all__: new comes along."""

from .impl import *  # noqa: F403
