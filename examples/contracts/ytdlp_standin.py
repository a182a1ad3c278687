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
    from yt_dlp.globals import all_plugins_loaded

    # YoutubeDL() loads every installed plugin first unless yt-dlp has loaded them already
    # (YoutubeDL.__init__: `if not all_plugins_loaded.value: load_all_plugins()`): about 5 s of
    # CPU per post-processor checked, spent importing the other plugins into this plugin's
    # process. plugcheck imports each plugin in a process of its own, and this one is imported
    # by now, so its process is in the state yt-dlp's own start leaves: plugins loaded.
    all_plugins_loaded.value = True
    return YoutubeDL({"quiet": True, "no_warnings": True})
