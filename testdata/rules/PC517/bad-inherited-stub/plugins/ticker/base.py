"""The base class plugins extend."""


class Base:
    def run(self) -> None:
        raise NotImplementedError("run")  # expect: PC517
