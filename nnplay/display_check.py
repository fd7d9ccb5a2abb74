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
    """'' when a window can be opened (or the platform is not a Unix desktop, or the platform chosen
    with QT_QPA_PLATFORM needs no display: offscreen, minimal, eglfs...); otherwise why not, in one
    line naming the display (and QT_QPA_PLATFORM, when it chose xcb or wayland: those aborted too)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return ""
    if env.get("QT_QPA_PLATFORM", "").strip():
        return _chosen_problem(env)
    wayland, x11 = env.get("WAYLAND_DISPLAY"), env.get("DISPLAY")
    if not (wayland or x11):
        return "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set)"
    if wayland and _wayland_socket(wayland, env):
        return ""
    if x11:
        return _x11_problem(x11)
    return f"cannot open the Wayland display {wayland!r} (WAYLAND_DISPLAY): no socket of that name"


def _chosen_problem(env) -> str:
    """'' when one of the platforms QT_QPA_PLATFORM names ("xcb", "wayland;xcb", "xcb:option", in Qt's order
    of trying them) can open, or needs no display; otherwise each one's problem, in one line."""
    chosen = env["QT_QPA_PLATFORM"]
    problems = []
    for name in [p.split(":")[0].strip() for p in chosen.split(";") if p.strip()]:
        if name == "xcb":
            x11 = env.get("DISPLAY")
            said = _x11_problem(x11) if x11 else "DISPLAY is not set"
        elif name.startswith("wayland"):
            wayland = env.get("WAYLAND_DISPLAY") or "wayland-0"  # (Qt's own default)
            said = "" if _wayland_socket(wayland, env) else \
                f"cannot open the Wayland display {wayland!r} (WAYLAND_DISPLAY): no socket of that name"
        else:
            return ""  # offscreen, minimal, vnc, eglfs...: no X or Wayland display to ask
        if not said:
            return ""
        problems.append(said)
    return f"QT_QPA_PLATFORM={chosen}: " + "; ".join(problems) if problems else ""


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
