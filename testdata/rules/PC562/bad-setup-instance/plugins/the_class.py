"""Returns the class where the host wants an instance."""

from handlerhost import Handler


class Shout(Handler):
    def handle(self, request):
        return request.upper()


def create(options):  # expect: PC562
    return Shout
