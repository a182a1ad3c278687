"""A provider written when random_element was a classmethod of the host's."""

from fhost import BaseProvider


class ShipProvider(BaseProvider):
    names = ("Argo", "Nautilus")

    @classmethod
    def ship_name(cls) -> str:
        return cls.random_element(cls.names)  # expect: PC537
