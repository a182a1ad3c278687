"""Its own __init__ takes the options, but hands Base.__init__ nothing: Plugin(options) raises
TypeError (Base.__init__() missing 1 required positional argument: 'options')."""

from hostbase import Base


class Plugin(Base):  # expect: PC561
    def __init__(self, options):
        super().__init__()
        self.level = int(options.get("level", "0"))

    def process(self, items):
        return list(items)
