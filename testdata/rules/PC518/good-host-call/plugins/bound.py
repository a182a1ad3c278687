"""process is a property whose value is a bound method: the host's call works."""

from hostbase import Base


class Plugin(Base):  # plugcheck: ignore[PC207]  (a getter has no parameters to annotate)
    def _upper(self, items: list[str]) -> list[str]:
        return [item.upper() for item in items]

    @property
    def process(self):
        return self._upper
