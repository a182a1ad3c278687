def setup(app, options=None, *extra):
    return app, options, extra
