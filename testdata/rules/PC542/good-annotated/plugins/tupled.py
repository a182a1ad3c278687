"""Lists where the hookspecs say list[str], and a formatter subclassing the host's."""

from reporthost import hookimpl
from reporthost.formatting import Formatter


class PlainFormatter(Formatter):
    def format(self, lines):
        return "\n".join(lines)


@hookimpl
def reporthost_sections(config):
    return ["intro", "results"]


@hookimpl
def reporthost_header(config):
    return [f"title: {config['title']}"]


@hookimpl
def reporthost_formatter(config):
    return PlainFormatter()
