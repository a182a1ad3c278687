"""Marked by hand with an attribute pluggy's demo manager does not read (another project's):
its arguments are never checked (no PC502 for verbose), and it never runs."""


def demo_handle(request, verbose):  # expect: PC573
    return None


demo_handle.other_impl = {}
