"""check() reads words.txt, which the package does not ship: every call the host makes raises."""

import importlib.resources

import ehost


class Spelling(ehost.Checker):
    def check(self, text):
        words = (importlib.resources.files(__name__) / "words.txt").read_text().split()  # expect: PC545
        return [w for w in text.split() if w not in words]


def plugin(registry, options):
    return Spelling
