"""Runs tests marked `order` first, in their order; the others after, as collected."""


def pytest_collection_modifyitems(session, config, items):
    def key(item):
        marker = item.get_closest_marker("order")
        return (0, marker.args[0]) if marker else (1, 0)

    items.sort(key=key)
