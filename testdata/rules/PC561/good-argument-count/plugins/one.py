def setup(app):
    return app
