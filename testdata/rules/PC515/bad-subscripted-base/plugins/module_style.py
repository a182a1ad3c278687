"""Subscripts the host's Base through a module alias: the class statement raises TypeError."""

import hostbase as hb


class Plugin(hb.Base[str]):  # expect: PC515
    def process(self, items: list[str]) -> list[str]:
        return list(items)
