"""C3 linearization (Python's method resolution order) of classes known by name."""

from __future__ import annotations


def c3(sequences: list[list[str] | None], bases: list[str]) -> list[str] | None:
    """The merge of the bases' orders and the bases themselves; ``None`` when a sequence is
    unknown or no consistent order exists (Python raises TypeError at class creation)."""
    if any(s is None for s in sequences):
        return None
    seqs = [list(s) for s in sequences if s] + [list(bases)]
    result: list[str] = []
    while any(seqs):
        seqs = [s for s in seqs if s]
        for seq in seqs:
            head = seq[0]
            if not any(head in s[1:] for s in seqs):
                break
        else:
            return None
        result.append(head)
        for seq in seqs:
            if seq[0] == head:
                del seq[0]
    return result
