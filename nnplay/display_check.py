"""Whether the window has a display to open on, asked before Qt is (Qt aborts the
process, exit code 134, with a misleading "xcb-cursor0 is needed" when the X server
named by DISPLAY does not answer). No Qt here: libxcb itself, through ctypes, as Qt's
xcb platform plugin would connect (its handshake and authorisation included); a Wayland
display is its socket in XDG_RUNTIME_DIR."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys


def display_problem(environ=None) -> str:
    """'' when a window can be opened (or the platform is not a Unix desktop, or Qt's platform is
    chosen by hand with QT_QPA_PLATFORM); otherwise why not, in one line naming the display."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) or env.get("QT_QPA_PLATFORM"):
        return ""
    wayland, x11 = env.get("WAYLAND_DISPLAY"), env.get("DISPLAY")
    if not (wayland or x11):
        return "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set)"
    if wayland and _wayland_socket(wayland, env):
        return ""
    if x11:
        return _x11_problem(x11)
    return f"cannot open the Wayland display {wayland!r} (WAYLAND_DISPLAY): no socket of that name"


def _wayland_socket(name: str, env) -> bool:
    path = name if os.path.isabs(name) else os.path.join(env.get("XDG_RUNTIME_DIR") or "", name)
    return os.path.exists(path)


def _x11_problem(name: str) -> str:
    """'' when libxcb connects to X display ``name`` (or libxcb cannot be loaded: Qt will say why)."""
    lib = ctypes.util.find_library("xcb")
    if lib is None:
        return ""
    try:
        xcb = ctypes.CDLL(lib)
    except OSError:
        return ""
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(name.encode(), None)
    try:
        failed = not connection or xcb.xcb_connection_has_error(connection)
    finally:
        if connection:
            xcb.xcb_disconnect(connection)
    if failed:
        return (f"cannot open the X display {name!r} (DISPLAY): no X server answers there, or it refuses "
                "this user")
    return ""
