"""process() is async: the host's call gets a coroutine, which it cannot iterate. One failure,
one error: PC562 (what the host wants back) says it, not PC205 as well."""

from hostbase import Base


class Plugin(Base):
    async def process(self, items: list[str]) -> list[str]:  # expect: PC562
        return list(items)
