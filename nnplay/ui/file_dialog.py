"""The window's file dialogs: Qt's own (non-native) dialog, as the static
``QFileDialog.getSaveFileName`` / ``getOpenFileName`` show it where no desktop
dialog is offered, with an icon provider that never reads a file.

Typing ``/proc/`` in the dialog froze the window for good (running as root):
listing a folder, Qt's model asks its icon provider for each file's icon on
the GUI thread (``QFileSystemModelPrivate::fileSystemChanged`` ->
``QFileInfoGatherer::getInfo`` -> ``QFileIconProvider::icon``), which asks
``QMimeDatabase::mimeTypeForFile(info)`` in its default mode: a file whose name
does not decide its type is opened and its first bytes read, and a read of
``/proc/kmsg`` waits for the next kernel message (seen with gdb: the GUI thread
in the kernel's ``syslog_print``). ``NameOnlyIcons`` chooses icons and type
names from the file name alone (``QMimeDatabase.MatchMode.MatchExtension``), as
file managers do for special file systems; folders keep the folder icon.
``DontUseCustomDirectoryIcons`` spares a folder's ``.directory`` file too.

Qt opens the dialog at its size hint, 632x408, its Name column 255 px: a
tester's file names were cut ("penguins_measurements_20…"). It opens at ROOM
(within the screen, ``screen_fit``), its other columns wide enough for their
values and the Name column the rest. The Size, Type and Date Modified columns are sized to their
content again as each folder is listed (``fit_columns``): sized by a count of average characters, the
Size column read "137…KiB" and "18….MiB" (digits are wider than the average character).""" 

from __future__ import annotations

from PySide6.QtCore import QFileInfo, QMimeDatabase, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QFileSystemModel, QTreeView

from .screen_fit import resize_within_screen

_MIME = QMimeDatabase()
ROOM = (980, 600)  # px: the dialog's size where the screen has room (Qt's own, 632x408, cut the names)
OTHER_CHARS = (11, 20, 18)  # characters of the Size, Type and Date Modified columns ("439.5 KiB", "CSV document")
SIDE_PX = 170  # the sidebar, margins and scroll bar beside the file list: the Name column takes the rest


class NameOnlyIcons(QFileIconProvider):
    """Qt's file icons and type names, chosen from the file's name, never its content."""

    def icon(self, what):  # noqa: D102 (Qt's two overloads: an IconType, or a QFileInfo)
        if not isinstance(what, QFileInfo):
            return super().icon(what)
        if what.isDir() or what.isRoot():
            return super().icon(QFileIconProvider.IconType.Folder)
        mime = _MIME.mimeTypeForFile(what.fileName(), QMimeDatabase.MatchMode.MatchExtension)
        return QIcon.fromTheme(mime.iconName(), super().icon(QFileIconProvider.IconType.File))

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return super().type(info)  # ("Folder": Qt reads nothing for a folder)
        mime = _MIME.mimeTypeForFile(info.fileName(), QMimeDatabase.MatchMode.MatchExtension)
        return mime.comment() or mime.name()


def _dialog(parent, title: str, start: str, filters: str, save: bool) -> QFileDialog:
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    dialog.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons)
    dialog._icons = NameOnlyIcons()  # (kept alive with the dialog: the model holds a plain pointer)
    dialog.setIconProvider(dialog._icons)
    _roomy(dialog)
    model = dialog.findChild(QFileSystemModel)
    if model is not None:  # each folder's rows measured as they come (the model adds them in batches, later
        # than its directoryLoaded): once, shortly after the last batch
        later = QTimer(dialog, singleShot=True, interval=50)
        later.timeout.connect(lambda: fit_columns(dialog))
        for signal in (model.directoryLoaded, model.rowsInserted, model.layoutChanged, model.dataChanged):
            signal.connect(lambda *_: later.start())
    return dialog


def _roomy(dialog: QFileDialog) -> None:
    """The dialog at ROOM (less where the screen is smaller), its Name column wide enough to read."""
    hint = dialog.sizeHint()
    resize_within_screen(dialog, max(ROOM[0], hint.width()), max(ROOM[1], hint.height()))
    fit_columns(dialog)


def fit_columns(dialog: QFileDialog) -> None:
    """The Detail view's Size, Type and Date Modified columns as wide as their header and the values
    listed (at least OTHER_CHARS average characters), the Name column the rest of the dialog's width."""
    chars = dialog.fontMetrics().averageCharWidth()
    for view in dialog.findChildren(QTreeView):  # (the Detail view's list: Name, Size, Type, Date Modified)
        header = view.header()
        others = [max(c * chars, view.sizeHintForColumn(k), header.sectionSizeHint(k))
                  for k, c in enumerate(OTHER_CHARS, start=1)]
        for k, width in enumerate(others, start=1):
            header.resizeSection(k, width)
        header.resizeSection(0, max(header.sectionSize(0), dialog.width() - SIDE_PX - sum(others)))


def _ask(parent, title: str, start: str, filters: str, save: bool) -> tuple[str, str]:
    dialog = _dialog(parent, title, start, filters, save)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return "", ""
        return dialog.selectedFiles()[0], dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()


def get_save_file_name(parent, title: str, start: str, filters: str) -> tuple[str, str]:
    """As ``QFileDialog.getSaveFileName`` (the file, the filter chosen; ("", "")
    when cancelled), its icons never read from a file (see the module's notes)."""
    return _ask(parent, title, start, filters, save=True)


def get_open_file_name(parent, title: str, start: str, filters: str) -> tuple[str, str]:
    """As ``QFileDialog.getOpenFileName``, its icons never read from a file."""
    return _ask(parent, title, start, filters, save=False)
