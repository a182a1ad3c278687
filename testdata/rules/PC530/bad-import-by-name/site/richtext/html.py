"""HTML helpers (richtext.util.html in version 2)."""


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;")
