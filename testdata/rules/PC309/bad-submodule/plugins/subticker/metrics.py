from __future__ import annotations

import ticker_metrics_sdk  # expect: PC309


def count() -> None:
    ticker_metrics_sdk.count()
