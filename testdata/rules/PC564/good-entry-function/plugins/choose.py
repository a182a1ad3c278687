"""Picks its checker by the style the host passes, 'plain', from a table that has it."""

import linthost


class Plain(linthost.Checker):
    def check(self, text):
        return [w for w in text.split() if len(w) > 10]


class Strict(linthost.Checker):
    def check(self, text):
        return text.split()


def plugin(registry, options):
    return {"plain": Plain, "strict": Strict}[options["style"]]
