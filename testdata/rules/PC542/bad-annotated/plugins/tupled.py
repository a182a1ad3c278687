"""Tuples where the hookspecs say list[str]: the host only iterates the sections (a warning),
but adds the header to its list (list + tuple raises); and a formatter that is not the host's."""

from reporthost import hookimpl


class PlainFormatter:
    def format(self, lines):
        return "\n".join(lines)


@hookimpl
def reporthost_sections(config):  # expect: PC542
    return ("intro", "results")


@hookimpl
def reporthost_header(config):  # expect: PC542
    return (f"title: {config['title']}",)


@hookimpl
def reporthost_formatter(config):  # expect: PC542
    return PlainFormatter()
