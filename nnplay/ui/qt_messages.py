"""Qt's own messages, kept off the user's terminal.

Qt prints warnings to stderr through its message handler. One of them is noise
a user can do nothing about: the offscreen platform (``--smoke``, headless
rendering) says "This plugin does not support propagateSizeHints()" every time
a window is shown. That one is dropped; every other message still reaches
stderr, as Qt would print it, so that a real problem is not hidden.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

# texts of messages that say nothing about nnplay
HARMLESS = ("This plugin does not support propagateSizeHints()",)


def _handler(kind: QtMsgType, context, message: str) -> None:
    if any(h in message for h in HARMLESS):
        return
    print(message, file=sys.stderr)


def install() -> None:
    """Route Qt's messages through ``_handler`` (once per process)."""
    qInstallMessageHandler(_handler)
