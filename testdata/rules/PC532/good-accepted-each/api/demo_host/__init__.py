"""The host's proxy, built from each element a plugin's get_extensions() returns."""


class Proxy:
    def __init__(self, delegate: object, package_name: str | None = None) -> None:
        tags = getattr(delegate, "tags", ())
        if len(tags) > 1 and not hasattr(delegate, "select_tag"):
            raise RuntimeError("Converter handles multiple tags but does not implement select_tag")
        self.delegate = delegate
        self.package_name = package_name
