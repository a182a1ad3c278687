"""Takes the first word of the file as its domain: an empty file has none."""


def extract_header(fileobj, keywords, comment_tags, options):
    domain = fileobj.readline().split()[0]  # expect: PC532
    return [(1, "_", [domain.decode()], [])]
