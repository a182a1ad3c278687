"""An instance, whose methods take the host's calls."""

from handlerhost import Handler


class Shout(Handler):
    def handle(self, request, extra=""):
        return request.upper() + extra

    def close(self):
        self.options.clear()


def create(options):
    return Shout(options)
