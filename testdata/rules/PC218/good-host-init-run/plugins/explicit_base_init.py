"""__init__ calls Base.__init__ by name: self.options is set."""

import hostbase


class Plugin(hostbase.Base):
    def __init__(self, options):
        hostbase.Base.__init__(self, options)

    def process(self, items: list[str]) -> list[str]:
        return [self.options.get("prefix", "") + item for item in items]
