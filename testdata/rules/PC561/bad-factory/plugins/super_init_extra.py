"""super().__init__ gets one argument more than Base.__init__ takes."""

from hostbase import Base


class Plugin(Base):  # expect: PC561
    def __init__(self, options):
        super().__init__(options, True)

    def process(self, items):
        return list(items)
