"""process is a property whose value is a list: the host's process(items) calls the list."""

from hostbase import Base


class Plugin(Base):  # plugcheck: ignore[PC207]  (a getter has no parameters to annotate)
    @property
    def process(self):  # expect: PC518
        return [item.upper() for item in ["a", "b"]]
