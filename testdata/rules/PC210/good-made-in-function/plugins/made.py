"""Plugin is the class _make() makes; it implements process."""

from hostbase import Base


def _make():
    """Build the plugin class."""

    class Plugin(Base):
        def process(self, items):
            return [item.upper() for item in items]

    return Plugin


Plugin = _make()  # plugcheck: ignore[PC207] (unannotated on purpose: mypy sees Any)
