import ticker_metrics_sdk.client  # expect: PC309


def plugin() -> object:
    return ticker_metrics_sdk.client
