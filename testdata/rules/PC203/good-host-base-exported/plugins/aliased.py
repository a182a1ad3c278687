"""Plugin is the host's own base, which is concrete: the host builds and calls it as it is."""

from hostbase import Base

Plugin = Base
