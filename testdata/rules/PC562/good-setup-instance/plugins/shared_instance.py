"""A module-level instance made once; handle() is a staticmethod and close() a plain def."""

from handlerhost import Handler


class Shout(Handler):
    @staticmethod
    def handle(request):
        return request.upper()


SHARED = Shout({})


def create(options):
    return SHARED
