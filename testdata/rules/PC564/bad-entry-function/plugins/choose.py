"""Picks its checker by the style the host passes, 'plain', from a table without it:
plugin() raises KeyError: 'plain'."""

import linthost


class Strict(linthost.Checker):
    def check(self, text):
        return text.split()


def plugin(registry, options):
    return {"strict": Strict}[options["style"]]  # expect: PC564
