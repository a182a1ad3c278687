"""kw_only=True: the host passes the options by position, and the __init__ takes none."""

import dataclasses

from hostbase import Base


@dataclasses.dataclass(kw_only=True)  # expect: PC561
class Plugin(Base):
    options: dict

    def process(self, items: list[str]) -> list[str]:
        return list(items)
