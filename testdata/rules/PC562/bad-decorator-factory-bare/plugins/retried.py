"""@retry is a decorator factory used without its parentheses: retry(process) returns deco,
which the class binds as process; the host's process(items) calls deco(self, items) and raises
TypeError: deco() takes 1 positional argument but 2 were given."""

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


class Plugin(Base):  # expect: PC562
    @retry
    def process(self, items: list[str]) -> list[str]:
        return list(items)
