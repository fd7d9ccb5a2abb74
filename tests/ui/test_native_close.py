"""The app quits when its main window's X window is destroyed under it (``xdotool
windowclose``): the process used to go on training with no window. Checked by
hand under Xvfb; here the xcb DestroyNotify parsing and the filter's decision."""

import ctypes

import pytest
from PySide6.QtCore import QByteArray

from nnplay.ui.native_close import (
    XCB_DESTROY_NOTIFY,
    CloseWhenDestroyed,
    destroyed_window,
)

pytestmark = pytest.mark.timeout(30)

XCB = QByteArray(b"xcb_generic_event_t")


def _event(kind: int, window: int):
    """An xcb event of 32 bytes: response_type, pad, sequence, event, window."""
    buf = ctypes.create_string_buffer(32)
    buf[0] = kind | 0x80  # (the top bit: sent by another client, as xdotool's is not; both count)
    buf[8:12] = window.to_bytes(4, "little")
    return buf, ctypes.addressof(buf)


class _Window:
    def __init__(self, wid):
        self.wid = wid

    def winId(self):
        return self.wid


def test_destroy_notify_is_read_and_other_events_are_not():
    _buf, at = _event(XCB_DESTROY_NOTIFY, 0x200011)  # (the buffer must live while its address is read)
    assert destroyed_window(XCB, at) == 0x200011
    _other, at2 = _event(18, 0x200011)  # UnmapNotify
    assert destroyed_window(XCB, at2) is None
    assert destroyed_window(QByteArray(b"windows_generic_MSG"), at) is None


def test_the_window_closes_once_when_its_own_native_window_goes(qtbot):
    closed = []
    watcher = CloseWhenDestroyed(_Window(0x200011), lambda: closed.append(1))
    _, other = _event(XCB_DESTROY_NOTIFY, 0x200007)  # another window (the launch window): nothing
    assert watcher.nativeEventFilter(XCB, other) == (False, 0)
    qtbot.wait(20)
    assert closed == []
    _, mine = _event(XCB_DESTROY_NOTIFY, 0x200011)
    watcher.nativeEventFilter(XCB, mine)
    watcher.nativeEventFilter(XCB, mine)
    qtbot.waitUntil(lambda: closed == [1], timeout=2000)
    qtbot.wait(20)
    assert closed == [1]
