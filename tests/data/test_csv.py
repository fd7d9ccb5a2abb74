import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnplay.data import CLASSIFICATION, REGRESSION, DataError, generate, load_csv, write_csv


def _write(tmp_path, content, name="data.csv"):
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return p


GOOD = {
    "header_label_last": ("x1,x2,label\n1,2,0\n3,4,1\n5,6,1\n", [[1, 2], [3, 4], [5, 6]], [0, 1, 1], CLASSIFICATION),
    "no_header": ("1,2,0\n3,4,1\n", [[1, 2], [3, 4]], [0, 1], CLASSIFICATION),
    "label_named_first": ("label,a,b\n1,2,3\n0,4,5\n", [[2, 3], [4, 5]], [1, 0], CLASSIFICATION),
    "target_named_y": ("a,y,b\n1,0,3\n2,1,5\n", [[1, 3], [2, 5]], [0, 1], CLASSIFICATION),
    "semicolon_decimal_comma": ("a;b;label\n1,5;2;0\n3;4,25;1\n", [[1.5, 2], [3, 4.25]], [0, 1], CLASSIFICATION),
    "tab": ("a\tb\tlabel\n1\t2\t0\n3\t4\t1\n", [[1, 2], [3, 4]], [0, 1], CLASSIFICATION),
    "labels_1_2": ("1,2,1\n3,4,2\n", [[1, 2], [3, 4]], [0, 1], CLASSIFICATION),
    "labels_minus1_1": ("1,2,-1\n3,4,1\n5,6,-1\n", [[1, 2], [3, 4], [5, 6]], [0, 1, 0], CLASSIFICATION),
    "string_labels": ("a,b,label\n1,2,cat\n3,4,dog\n5,6,cat\n", [[1, 2], [3, 4], [5, 6]], [0, 1, 0], CLASSIFICATION),
    "quoted_scientific": ('"a","b","c"\n"1e3","-2.5E-1","0"\n"3","4","1"\n', [[1000, -0.25], [3, 4]], [0, 1],
                          CLASSIFICATION),
    "regression": ("a,target\n" + "".join(f"{i},{i * 0.37}\n" for i in range(20)),
                   [[i] for i in range(20)], [i * 0.37 for i in range(20)], REGRESSION),
    "blank_lines_and_spaces": ("a, b, label\n\n 1, 2, 0\n\n3 ,4 ,1\n\n", [[1, 2], [3, 4]], [0, 1], CLASSIFICATION),
    "crlf": ("a,b,label\r\n1,2,0\r\n3,4,1\r\n", [[1, 2], [3, 4]], [0, 1], CLASSIFICATION),
}


@pytest.mark.parametrize("case", list(GOOD))
def test_good_files_load(tmp_path, case):
    text, X, y, task = GOOD[case]
    d = load_csv(_write(tmp_path, text))
    assert d.task == task
    np.testing.assert_allclose(d.X, np.array(X, dtype=float))
    np.testing.assert_allclose(d.y, y)


def test_bom_and_latin1_load(tmp_path):
    d = load_csv(_write(tmp_path, b"\xef\xbb\xbfa,b,label\n1,2,0\n3,4,1\n"))
    assert d.input_names == ["a", "b"]
    d = load_csv(_write(tmp_path, "temp\xe9rature,b,label\n1,2,0\n3,4,1\n".encode("latin-1")))
    assert d.input_names == ["temp\xe9rature", "b"]
    d = load_csv(_write(tmp_path, "a,b,label\n1,2,0\n3,4,1\n".encode("utf-16")))
    assert d.n_examples == 2


def test_class_names_and_many_columns(tmp_path):
    rows = ["," .join([f"c{i}" for i in range(100)] + ["label"])]
    rng = np.random.default_rng(0)
    for r in range(30):
        rows.append(",".join(f"{v:.3f}" for v in rng.normal(size=100)) + f",{r % 3 + 5}")
    d = load_csv(_write(tmp_path, "\n".join(rows)))
    assert d.n_inputs == 100 and d.class_names == ["5", "6", "7"] and d.n_classes == 3


def test_task_override(tmp_path):
    p = _write(tmp_path, "a,label\n1,0\n2,1\n3,1\n")
    assert load_csv(p).task == CLASSIFICATION
    assert load_csv(p, task="regression").task == REGRESSION
    p = _write(tmp_path, "a,label\n1,0.5\n2,1.5\n3,1.5\n")
    d = load_csv(p, task="classification")
    assert d.task == CLASSIFICATION and d.class_names == ["0.5", "1.5"]


def test_target_by_name_and_index(tmp_path):
    p = _write(tmp_path, "a,b,c\n1,0,5\n2,1,6\n")
    assert load_csv(p, target="b").input_names == ["a", "c"]
    assert load_csv(p, target=0).input_names == ["b", "c"]
    with pytest.raises(DataError, match="no column named 'z'"):
        load_csv(p, target="z")


BAD = {
    "empty": (b"", "empty"),
    "whitespace_only": (b"\n\n  \n", "empty"),
    "header_only": (b"a,b,label\n", "line 1: there is a header but no data rows"),
    "non_numeric": (b"a,b,label\n1,2,0\n3,x,1\n", "line 3, column 2 ('b'): 'x' is not a number"),
    "nan": (b"a,b,label\n1,nan,0\n3,4,1\n", "line 2, column 2 ('b'): 'nan' is a missing value"),
    "inf": (b"a,b,label\n1,2,0\n-inf,4,1\n", "line 3, column 1 ('a'): '-inf' is not a finite number"),
    "empty_cell": (b"a,b,label\n1,,0\n3,4,1\n", "line 2, column 2 ('b'): an empty cell is a missing value"),
    "ragged_short": (b"a,b,label\n1,2,0\n3,4\n", "line 3, column 3: this row has 2 values"),
    "ragged_long": (b"a,b,label\n1,2,0,9\n3,4,1\n", "line 2, column 4: this row has 4 values"),
    "one_class": (b"a,b,label\n1,2,1\n3,4,1\n", "column 3 ('label'): every row has the class '1'"),
    "one_column": (b"a\n1\n2\n", "only 1 column"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    "bad_encoding": (b"a,b,label\n1,2,0\n3,4,\x81\x8d\n", "line 3: the text is neither UTF-8 nor Windows-1252"),
    "regression_text": (b"a,target\n1,0.5\n2,abc\n", None),
    "empty_label": (b"a,b,label\n1,2,cat\n3,4,\n", "line 3, column 3 ('label')"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_files_are_refused_with_one_line_naming_the_place(tmp_path, case):
    content, expected = BAD[case]
    p = _write(tmp_path, content)
    task = "regression" if case == "regression_text" else "auto"
    with pytest.raises(DataError) as err:
        load_csv(p, task=task)
    message = str(err.value)
    assert "\n" not in message and message.startswith(str(p))
    if expected:
        assert expected in message
    else:
        assert "line 3, column 2 ('target'): 'abc' is not a number" in message


def test_folder_missing_and_huge_files(tmp_path):
    with pytest.raises(DataError, match="is a folder"):
        load_csv(tmp_path)
    with pytest.raises(DataError, match="no such file"):
        load_csv(tmp_path / "nope.csv")
    p = _write(tmp_path, "a,label\n" + "1,0\n2,1\n" * 1000)
    with pytest.raises(DataError, match="up to 0 MB|up to"):
        load_csv(p, max_bytes=1000)


def test_unreadable_file(tmp_path, monkeypatch):
    p = _write(tmp_path, "a,label\n1,0\n")

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(p), "open", denied)
    with pytest.raises(DataError, match="cannot read: Permission denied"):
        load_csv(p)


def test_write_then_load_round_trips(tmp_path):
    for name in ("spiral-k", "plane"):
        d = generate(name, noise=0.1, seed=4, classes=4)
        p = tmp_path / f"{name}.csv"
        write_csv(d, p)
        back = load_csv(p)
        assert back.task == d.task
        np.testing.assert_array_equal(back.X, d.X)
        np.testing.assert_array_equal(back.y, d.y)


_cell = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-5, 5).map(str),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
    st.sampled_from(["", " ", '"', '"1"', "1e999", "nan", "\n", "\r", ",", ";", "\t", "\x00"]),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_cell, min_size=1, max_size=5), max_size=8), sep=st.sampled_from([",", ";", "\t"]),
       task=st.sampled_from(["auto", "classification", "regression"]))
def test_fuzz_structured_csv_only_raises_dataerror(tmp_path, rows, sep, task):
    p = tmp_path / "fuzz.csv"
    p.write_text("\n".join(sep.join(r) for r in rows), encoding="utf-8")
    try:
        d = load_csv(p, task=task)
    except DataError as exc:
        assert "\n" not in str(exc)
        return
    assert d.n_examples >= 1 and np.all(np.isfinite(d.X))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300))
def test_fuzz_random_bytes_only_raise_dataerror(tmp_path, content):
    p = tmp_path / "fuzz.csv"
    p.write_bytes(content)
    try:
        load_csv(p)
    except DataError as exc:
        assert "\n" not in str(exc)


def test_text_classes_and_levels_are_in_natural_order(tmp_path):
    """Tester 16 (mc.png): classes c0..c11 came as c0, c1, c10, c11, c2...: numbers in a name sort as numbers."""
    names = [f"c{k}" for k in range(12)]
    rows = ["x,y,group,label"] + [f"{k}.5,{k % 3},g{k % 11},{names[k]}" for k in range(12)] * 2
    path = tmp_path / "many.csv"
    path.write_text("\n".join(rows) + "\n")
    d = load_csv(path)  # (the text column group: one-hot inputs, one a level)
    assert d.class_names == names
    assert [d.class_names[i] for i in d.y[:12]] == names  # each row keeps its own class
    groups = [n for n in d.input_names if n.startswith("group=")]
    assert groups == [f"group=g{k}" for k in range(11)]
