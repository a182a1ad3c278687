"""process() imports a module that is not installed, on every call the host makes."""

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        import plugcheck_absent_module  # expect: PC214

        return plugcheck_absent_module.process(items)
