"""Sorts the collected tests by a marker every test is assumed to carry."""


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=lambda item: item.get_closest_marker("order").args[0])  # expect: PC532
