"""A checker whose dictionary demo-lint declares nowhere: off in every environment."""

import demo_words  # expect: PC309


def run(text: str) -> list[str]:
    return [w for w in text.split() if w not in demo_words.WORDS]
