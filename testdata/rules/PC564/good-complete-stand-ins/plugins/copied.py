"""process() reads the option the host passes from the copy Base.__init__ keeps."""

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        return [self.options["level"] + item for item in items]
