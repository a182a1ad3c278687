"""Returns its version as a string instead of the metadata dict."""


def setup(app):  # expect: PC532
    app.add_js_file("a.js")
    return __version__


__version__ = "1.0"
