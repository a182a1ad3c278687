"""process() imports an optional module under a guard, and a stdlib one."""

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        import json

        try:
            import plugcheck_absent_module
        except ImportError:
            return [json.dumps(item) for item in items]
        return plugcheck_absent_module.process(items)
