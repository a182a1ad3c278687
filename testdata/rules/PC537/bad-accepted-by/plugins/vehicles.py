"""A provider whose formatters work with the host's generator."""

from fhost import BaseProvider


class VehicleProvider(BaseProvider):
    makes = ("Volvo", "Fiat")

    def vehicle_make(self) -> str:
        return self.random_element(self.makes)
