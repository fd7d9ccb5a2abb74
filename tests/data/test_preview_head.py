"""The import dialog's preview reads only the head of a file (a 200 MB file
must not be read whole, in the GUI thread, to show 12 rows)."""

from nnplay.data import csv_text
from nnplay.data.csv_text import read_table


def test_a_preview_reads_whole_lines_of_the_head_only(tmp_path, monkeypatch):
    path = tmp_path / "long.csv"
    path.write_text("a,b,label\n" + "".join(f"{i},{i % 7},{i % 2}\n" for i in range(5000)))
    monkeypatch.setattr(csv_text, "HEAD_BYTES", 300)
    table = read_table(path, max_rows=12)
    assert len(table.text.encode()) <= 300 and table.text.endswith("\n")
    assert len(table.frame) == 12 and table.preview(2, 3) == [["0", "0", "0"], ["1", "1", "1"]]
    assert len(read_table(path).frame) == 5000  # a full read is not cut


def test_a_header_longer_than_the_head_is_read_whole(tmp_path, monkeypatch):
    name = "N" * 1000
    path = tmp_path / "wide.csv"
    path.write_text(f"{name},label\n1,0\n2,1\n")
    monkeypatch.setattr(csv_text, "HEAD_BYTES", 300)
    table = read_table(path, max_rows=12)
    assert table.header == [name, "label"] and len(table.frame) == 2
