"""The import dialog's preview of a CSV: a bounded table whatever the file.

A 5000-character column name once blanked the preview (its column, sized to
its contents, was wider than Qt draws) and 3000 columns took minutes to show.
The preview shows at most PREVIEW_COLS columns of the first rows, each at most
MAX_COLUMN_PX wide unless the table has room to spare (then given to those cut),
names elided with "…" to the width of their column (again when the user widens
it: Qt's header clips a centred text at both ends instead) on the side that
keeps them apart, with the full name as the header's tooltip; a caption
says how many columns are shown of how many. A column's cells are sized by
their contents (up to CELL_CHARS characters) and elided to the width their column
then has, in pixels, the whole value in the tooltip of a cell still cut: every
cell was cut to NAME_CHARS characters whatever its column's room ("…0 with
extra words" beside 330 px of empty table, tester 22).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableWidget, QTableWidgetItem

from ..numbers import count
from ..user_text import cut, distinct_cuts
from .elide import elided_list, wrapped
from .widgets import after_font_change
from .zoom_style import font_zoom

PREVIEW_COLS = 40  # columns shown in the preview (all of them still get a role)
NAME_CHARS = 32  # characters of a column name shown before an ellipsis
MAX_COLUMN_PX = 180
CELL_CHARS = 120  # characters of a cell measured for its column's width (a 5000-character cell: no wider)


def elide(name: str, limit: int = NAME_CHARS) -> str:
    """``name`` cut to ``limit`` characters with '…' when longer."""
    return name if len(name) <= limit else name[:limit - 1] + "…"


def column_cuts(texts, limit: int = NAME_CHARS) -> list[str]:
    """A column's ``texts`` cut to ``limit`` characters on the side that keeps different ones apart."""
    return distinct_cuts(texts, lambda text, side: cut(text, limit, side))


def preview_caption(file_name: str, n_rows: int, shown: int, total: int) -> str:
    """'<b>file</b>: the first 12 rows' and, when cut, 'showing 40 of 3,000 columns'."""
    caption = f"<b>{elide(file_name, 60)}</b>: the first {count(n_rows, 'row')}"
    if shown < total:
        caption += f", showing {shown:,} of {total:,} columns (every column is listed below)"
    return caption


def preview_table(table, names: list[str], max_cols: int = PREVIEW_COLS) -> QTableWidget:
    """A read-only QTableWidget of ``table``'s first rows and first ``max_cols`` columns."""
    cells = table.preview(len(table.frame), max_cols)
    n_cols = min(max_cols, table.n_cols)
    view = QTableWidget(len(cells), n_cols)
    view.setObjectName("import_preview")
    view.setUpdatesEnabled(False)
    for j in range(n_cols):
        header = QTableWidgetItem(elide(names[j]))
        header.setToolTip(wrapped(names[j]))
        view.setHorizontalHeaderItem(j, header)
    view.setVerticalHeaderLabels([str(n) for n in table.lines[:len(cells)]])
    view.cells = [list(column) for column in zip(*cells)] if cells else []  # each column's whole texts
    for i, row in enumerate(cells):
        for j, text in enumerate(row):
            view.setItem(i, j, QTableWidgetItem(text))
    view.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    shown = names[:n_cols]
    fit_columns(view, shown)
    view.horizontalHeader().sectionResized.connect(lambda j, *_: (fit_header(view, shown, j), fit_cells(view, j)))
    # sized again in the dialog's font once the table is in it (View › Zoom): made apart from it, the table
    # had the application's and at ×1.6 its cells read "…" and "-…2"
    after_font_change(view, lambda: fit_columns(view, shown))
    # the room the view has once laid out given to the columns cut at MAX_COLUMN_PX (50 class names read
    # "class_3_wit…er_long_name" beside 350 px of empty table); again as the dialog is resized
    after_font_change(view.viewport(), lambda: fit_columns(view, shown), (QEvent.Type.Resize,))
    view.setUpdatesEnabled(True)
    return view


def fit_columns(view: QTableWidget, names: list[str]) -> None:
    """Each column of ``view`` as wide as its contents and its name in the view's font, at most
    MAX_COLUMN_PX at the font's zoom, its name then elided to it (``fit_header``)."""
    for j, name in enumerate(names):  # (measured whole: an elided name measured kept its column too narrow)
        view.horizontalHeaderItem(j).setText(elide(name))
    for j, texts in enumerate(view.cells):  # so are the cells (up to CELL_CHARS)
        for i, text in enumerate(column_cuts(texts, CELL_CHARS)):
            view.item(i, j).setText(text)
    view.resizeColumnsToContents()
    wanted = [view.columnWidth(j) for j in range(len(names))]
    most = round(MAX_COLUMN_PX * font_zoom(view))
    widths = [min(w, most) for w in wanted]
    spare = view.viewport().width() - sum(widths) if view.isVisible() else 0
    cut_short = sorted((j for j in range(len(names)) if wanted[j] > widths[j]), key=lambda j: wanted[j] - widths[j])
    for k, j in enumerate(cut_short):  # the least cut first, an even share of what is left each: most made whole
        more = min(wanted[j] - widths[j], max(0, spare) // (len(cut_short) - k))
        widths[j] += more
        spare -= more
    for j in range(len(names)):
        view.setColumnWidth(j, widths[j])
    for j in range(len(names)):
        fit_header(view, names, j)
        fit_cells(view, j)


def header_room(view: QTableWidget, j: int) -> int:
    """Pixels of column ``j``'s width that its header's text may take."""
    head = view.horizontalHeader()
    margin = head.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, head)
    return max(0, view.columnWidth(j) - 2 * margin - 2)


def fit_cells(view: QTableWidget, j: int) -> None:
    """Column ``j``'s cells elided to its width in pixels, on the side that keeps its different values apart
    (``elide.elided_list``); a cell still cut has its whole value as its tooltip."""
    if j >= len(view.cells):
        return
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    texts = view.cells[j]
    for i, (shown, text) in enumerate(zip(elided_list(texts, view.font(), view.columnWidth(j) - 2 * margin - 1),
                                          texts)):
        item = view.item(i, j)
        item.setText(shown)
        item.setToolTip(wrapped(text) if shown != text else "")


def fit_header(view: QTableWidget, names: list[str], j: int) -> None:
    """Column ``j``'s name elided to its column's width (again whenever the column is resized), on the side
    that keeps it apart from the other names elided to that width (``elide.elided_list``)."""
    item = view.horizontalHeaderItem(j)
    if item is not None and j < len(names):
        item.setText(elided_list(names, view.horizontalHeader().font(), header_room(view, j))[j])
