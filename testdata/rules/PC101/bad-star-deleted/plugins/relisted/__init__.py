"""Star-imports a module that deletes its __all__ and then lists it again without new."""  # expect: PC101

from .impl import *  # noqa: F403
