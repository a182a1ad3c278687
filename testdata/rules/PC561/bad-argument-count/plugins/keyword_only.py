def setup(*, app=None):  # expect: PC561
    return app
