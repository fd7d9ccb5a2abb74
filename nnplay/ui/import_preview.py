"""The import dialog's preview of a CSV: a bounded table whatever the file.

A 5000-character column name once blanked the preview (its column, sized to
its contents, was wider than Qt draws) and 3000 columns took minutes to show.
The preview shows at most PREVIEW_COLS columns of the first rows, each at most
MAX_COLUMN_PX wide, names elided to NAME_CHARS characters with the full name
as the header's tooltip; a caption says how many columns are shown of how many.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

PREVIEW_COLS = 40  # columns shown in the preview (all of them still get a role)
NAME_CHARS = 32  # characters of a column name shown before an ellipsis
MAX_COLUMN_PX = 180


def elide(name: str, limit: int = NAME_CHARS) -> str:
    """``name`` cut to ``limit`` characters with '…' when longer."""
    return name if len(name) <= limit else name[:limit - 1] + "…"


def preview_caption(file_name: str, n_rows: int, shown: int, total: int) -> str:
    """'<b>file</b>: the first 12 rows' and, when cut, 'showing 40 of 3,000 columns'."""
    caption = f"<b>{elide(file_name, 60)}</b>: the first {n_rows} rows"
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
        header.setToolTip(names[j])
        view.setHorizontalHeaderItem(j, header)
    view.setVerticalHeaderLabels([str(n) for n in table.lines[:len(cells)]])
    for i, row in enumerate(cells):
        for j, text in enumerate(row):
            item = QTableWidgetItem(elide(text))
            if text != item.text():
                item.setToolTip(text)
            view.setItem(i, j, item)
    view.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    head = view.horizontalHeader()
    head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.resizeColumnsToContents()
    for j in range(n_cols):
        view.setColumnWidth(j, min(view.columnWidth(j), MAX_COLUMN_PX))
    view.setUpdatesEnabled(True)
    return view
