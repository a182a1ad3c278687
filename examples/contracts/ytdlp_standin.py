"""What yt-dlp passes a post-processor plugin class: the YoutubeDL running the download.

Runs in the target interpreter (plugcheck calls it there, in a sandboxed process).
``YoutubeDL.__init__`` builds each ``--use-postprocessor`` class as ``get_postprocessor(key)(self,
**args)``; here that is a quiet YoutubeDL with default options (its construction loads the
installed plugins, as yt-dlp's does).
"""

from __future__ import annotations

from typing import Any


def downloader() -> Any:
    from yt_dlp import YoutubeDL

    return YoutubeDL({"quiet": True, "no_warnings": True})
