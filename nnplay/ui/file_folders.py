"""The folders a file dialog starts in and the paths the window keeps
(recent files, last folders): absolute and resolved when stored, a folder
remembered only once a file in it was written or read, never a system folder
(/proc, /sys, /dev: listing one can hang the dialog on a file such as
/proc/kmsg), and a remembered folder that is gone replaced by the home folder."""

from __future__ import annotations

import os
from pathlib import Path

SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


def absolute(path: str | os.PathLike) -> str:
    """``path`` made absolute (against the current folder) with ``~`` and symbolic
    links resolved, so that it names the same file from any working directory
    (only made absolute when the system refuses to resolve it)."""
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, ValueError, RuntimeError):  # a link loop, a name the system refuses
        return os.path.abspath(path)


def is_system_folder(folder: str | os.PathLike) -> bool:
    """True for /proc, /sys, /dev and anything under them."""
    text = absolute(folder)
    return any(text == root or text.startswith(root + "/") for root in SYSTEM_FOLDERS)


def folder_to_remember(path: str | os.PathLike) -> str | None:
    """The absolute folder of the file ``path``, or None when it must not be
    remembered (a system folder, or a folder that does not exist)."""
    folder = Path(absolute(path)).parent
    if is_system_folder(folder) or not folder.is_dir():
        return None
    return str(folder)


def start_folder(stored: str) -> str:
    """The folder a dialog starts in from the ``stored`` one: itself when it is
    a folder one may list, the home folder when it is gone or a system folder,
    "" (the dialog's own default) when none was stored."""
    if not stored:
        return ""
    try:
        if not is_system_folder(stored) and Path(stored).is_dir():
            return stored
    except OSError:
        pass
    return str(Path.home())
