"""check() calls its own exit() helper, which returns: no process ends."""

from toolhost import Plugin


class sys:  # noqa: N801 - a stand-in that shadows the module on purpose
    @staticmethod
    def exit(code):
        return [str(code)]


class Shadowed(Plugin):
    def check(self, text):
        sys.exit(3)
        return text.split()


def plugin(version):
    return Shadowed
