"""Its fourth parameter is not called ``options``: the host passes options=... by keyword."""


def extract_renamed(fileobj, keywords, comment_tags, opts):  # expect: PC561
    for number, line in enumerate(fileobj, 1):
        yield number, "_", [line.decode().strip()], []
