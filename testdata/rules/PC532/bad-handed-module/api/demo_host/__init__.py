"""A Jupyter-Server-like host: it imports each extension package by the name its configuration
enables and reads the package's points from ``_extension_points()``, else from the older
``_extension_paths()``, else it takes the package itself as its one point; it then imports each
point's module and calls its ``load`` with itself. No function of the package is required."""

import importlib


class Server:
    def __init__(self) -> None:
        self.handlers: list[str] = []


def enable(package) -> None:
    try:
        points = package._extension_points()
    except AttributeError:
        try:
            points = package._extension_paths()
        except AttributeError:
            points = [{"module": package.__name__}]
    server = Server()
    for point in points:
        module = importlib.import_module(point["module"])
        try:
            loader = module.load
        except AttributeError:
            raise LookupError(f"{point['module']} has no load function") from None
        loader(server)
