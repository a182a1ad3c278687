"""A plugin star-importing a module whose __all__ hides the factory."""  # expect: PC101

from .impl import *  # noqa: F403
