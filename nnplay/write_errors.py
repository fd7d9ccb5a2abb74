"""One wording, everywhere, for a file that cannot be read or written:
'PATH: cannot read: WHY' and 'PATH: cannot write: WHY', the same words for a
missing folder or file whichever subcommand or dialog asks (a CSV, a session,
a lesson, an export), the file's name shortened (user_text.file_name).

WHY names the real cause, found by walking the path's folders from the top
(``_where``): a part of the path that is a file, not a folder; a folder that
does not exist; a name that is a folder; a folder that takes no new file
(/proc, a read-only disk). ``unwritable`` is the one check every output path
passes before any work or any other question (the CLI's --out/--save/
--predictions, the window's save and export dialogs)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .user_text import file_name


def unwritable(path) -> str | None:
    """Why no file can be written at ``path``, in one line 'PATH: cannot write:
    WHY' (see the module's notes), or None when it can: the path's folders are
    walked, then a temporary file is made beside it and removed at once
    (``file_write.write_probe``), so a folder that exists but refuses new files
    is found before any work."""
    from .file_write import write_probe

    p = Path(path)
    why = _where(p, writing=True)
    if why is None:
        try:
            write_probe(p)
        except OSError as exc:
            why = _refusal(p, exc)
        except ValueError:  # a NUL in the name
            why = "the system refuses this file name"
    return None if why is None else f"{file_name(path)}: cannot write: {why}"


def cannot_write(path, exc: OSError | None = None) -> str:
    """'PATH: cannot write: WHY' for a write that failed with ``exc`` (an OSError):
    the path's own problem when it has one (a part that is a file, a missing
    folder, a folder given as the name), else the folder that takes no new file
    or the system's reason."""
    p = Path(path)
    why = _where(p, writing=True) or _refusal(p, exc)
    return f"{file_name(path)}: cannot write: {why}"


def _where(p: Path, writing: bool) -> str | None:
    """What is wrong with the place ``p`` names, before the system is asked to
    open it: the first of its folders (from the top) that is a file or does not
    exist, or (``writing``) ``p`` itself a folder; None when nothing is."""
    try:
        for folder in reversed(p.parents):
            if folder.is_dir():
                continue
            if folder.exists():
                return f"{file_name(folder)} is a file, not a folder"
            return f"the folder {file_name(p.parent)} does not exist"
        if writing and p.is_dir():
            return "it is a folder; give a file name"
    except OSError as exc:  # a folder that may not be looked into, a name too long
        return _reason(exc)
    except ValueError:  # a NUL in the name
        return "the system refuses this file name"
    return None


def _refusal(p: Path, exc: OSError | None) -> str:
    """The words for a folder that exists but where ``exc`` stopped a new file."""
    if exc is None:
        return "not writable"
    if exc.errno == errno.ENOENT:  # the folder is there but takes no new file (/proc)
        return f"the folder {file_name(p.parent)} does not take new files"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):  # (/sys, a folder of another user, a read-only disk)
        return f"the folder {file_name(p.parent)} does not take new files ({_reason(exc)})"
    return _reason(exc)


def unreadable(path, kind: str = "file") -> str | None:
    """Why ``path`` cannot be read as a ``kind`` ("CSV file", "session file"), in
    one line 'PATH: cannot read: WHY' (the folder does not exist, no such file, it
    is a folder, or a device/pipe/socket); None when it is a regular file."""
    p = Path(path)
    try:
        if p.is_file():
            return None
        if p.is_dir():
            why = f"it is a folder, not a {kind}"
        elif p.exists():  # a device (/dev/zero), a pipe or a socket: endless, or waiting forever
            why = f"it is not a regular file (a device, pipe or socket); give a {kind}"
        else:
            why = _where(p, writing=False) or "no such file"
    except (OSError, ValueError) as exc:  # a name the system refuses (too long, a NUL in it)
        why = _reason(exc) if isinstance(exc, OSError) else "the system refuses this file name"
    return f"{file_name(path)}: cannot read: {why}"


def cannot_read(path, exc: OSError | None = None, kind: str = "file") -> str:
    """``unreadable``'s line when the file is missing or not a file, else
    'PATH: cannot read: <the system's reason>' (``exc``, an OSError)."""
    return unreadable(path, kind) or f"{file_name(path)}: cannot read: {_reason(exc) if exc else 'not readable'}"


def _reason(exc: OSError) -> str:
    """The system's reason in words ('Permission denied'), without Python's [Errno N] and repr of the name."""
    return exc.strerror or os.strerror(exc.errno) if exc.errno else str(exc)
