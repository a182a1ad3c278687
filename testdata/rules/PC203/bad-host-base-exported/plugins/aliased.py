"""Plugin is the host's own base: issubclass(Base, Base) holds, but Python refuses to
instantiate a class with an abstract method left, so the host's Plugin(options) raises TypeError."""

from hostbase import Base

Plugin = Base  # expect: PC203
