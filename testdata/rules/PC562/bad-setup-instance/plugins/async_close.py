"""close() is async: the host's call gets a coroutine nobody awaits."""

from handlerhost import Handler


class Shout(Handler):
    def handle(self, request):
        return request.upper()

    async def close(self):  # expect: PC562
        self.options.clear()


def create(options):
    return Shout(options)
