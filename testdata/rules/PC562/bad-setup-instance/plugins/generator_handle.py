"""handle() yields: the host's call gets a generator, and the body never runs."""

from handlerhost import Handler


class Shout(Handler):
    def handle(self, request):  # expect: PC562
        yield request.upper()


def create(options):
    return Shout(options)
