"""check() is a generator: the host iterates it, which runs its body."""

from toolhost import Plugin


class Lazy(Plugin):
    def check(self, text):
        for word in text.split():
            if self.options.strict:
                yield word


def plugin(version):
    return Lazy
