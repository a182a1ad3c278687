"""handle() wants a second argument the host never passes."""

from handlerhost import Handler


class Shout(Handler):  # expect: PC562
    def handle(self, request, extra):
        return request + extra


def create(options):
    return Shout(options)
