"""Quit when the main window's native window is destroyed under the application.

A window manager's close button sends WM_DELETE_WINDOW, which Qt turns into a
close event: nnplay saves its session and quits. A tool (``xdotool
windowclose``) or a crashed compositor may instead destroy the X window itself;
Qt does not treat that as a close, and the process went on running, with its
training process, and no window. On X11 (xcb) this filter watches the
DestroyNotify event of the window's native id and closes the window as its
close button would. Elsewhere it does nothing.
"""

from __future__ import annotations

import ctypes

from PySide6.QtCore import QAbstractNativeEventFilter, QTimer

XCB_DESTROY_NOTIFY = 17  # xcb_destroy_notify_event_t: response_type, pad, sequence, event, window (uint32s)


def destroyed_window(event_type, message) -> int | None:
    """The X window id an xcb DestroyNotify ``message`` (a pointer) is about; None for any other event."""
    if bytes(event_type) != b"xcb_generic_event_t":
        return None
    head = ctypes.string_at(int(message), 12)
    if head[0] & 0x7F != XCB_DESTROY_NOTIFY:
        return None
    return int.from_bytes(head[8:12], "little")


class CloseWhenDestroyed(QAbstractNativeEventFilter):
    """Calls ``close`` once (from the event loop) when ``window``'s native window is
    destroyed. Its id is read when a window is destroyed, not kept: Qt may replace a
    top-level's native window after it is first shown."""

    def __init__(self, window, close):
        super().__init__()
        self.window = window
        self._close = close
        self.fired = False

    def nativeEventFilter(self, event_type, message):
        gone = None if self.fired else destroyed_window(event_type, message)
        if gone is not None and gone == int(self.window.winId()):
            self.fired = True
            QTimer.singleShot(0, self._close)
        return False, 0


def install(app, window, close) -> CloseWhenDestroyed | None:
    """Watch ``window``'s native window on X11; keep the returned filter alive."""
    if app.platformName() != "xcb":
        return None
    watcher = CloseWhenDestroyed(window, close)
    app.installNativeEventFilter(watcher)
    return watcher
