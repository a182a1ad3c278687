"""@retry(times=2) wraps process in inner(*args, **kwargs), which passes the call on."""

import functools

from hostbase import Base


def retry(times=3):
    def deco(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except OSError:
                    if attempt == times - 1:
                        raise
            return None

        return inner

    return deco


class Plugin(Base):
    @retry(times=2)
    def process(self, items: list[str]) -> list[str]:
        return list(items)
