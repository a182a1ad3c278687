"""handle() joins what a nested generator yields: the method itself is a plain function."""

from handlerhost import Handler


class Lines(Handler):
    def handle(self, request):
        def words():
            yield from request.split()

        return " ".join(words())


def create(options):
    return Lines(options)
