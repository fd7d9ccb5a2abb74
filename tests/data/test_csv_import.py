"""Issue 15: missing values, column roles and types, classes against regression,
stratified splits, target standardisation and the regression figures of the CLI."""

import json

import numpy as np
import pytest

from nnplay.data import (
    CLASSIFICATION,
    REGRESSION,
    DataError,
    load_csv,
    train_test_indices,
)
from nnplay.data.columns import ImportOptions, guess_columns
from nnplay.data.csv_text import read_table
from tests.cli_run import nnplay


def _write(tmp_path, text, name="data.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _binary(n=40, target_cell=None, at=7):
    rows = ["a,b,label"] + [f"{i * 0.1:.1f},{(i * 7) % 5},{i % 2}" for i in range(n)]
    if target_cell is not None:
        rows[at] = rows[at].rsplit(",", 1)[0] + "," + target_cell
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("marker", ["", "NA", "N/A", "NaN", "nan", "?", "null", "NULL", " na "])
def test_a_missing_target_is_not_a_class_it_is_refused_or_dropped(tmp_path, marker):
    p = _write(tmp_path, _binary(target_cell=marker))
    with pytest.raises(DataError) as err:
        load_csv(p)
    message = str(err.value)
    assert "line 8, column 3 ('label')" in message and "missing value" in message and "\n" not in message
    d = load_csv(p, options=ImportOptions(na="drop"))
    assert d.task == CLASSIFICATION and d.n_classes == 2 and d.class_names == ["0", "1"]
    assert d.n_examples == 39 and any("dropped 1 of 40 rows" in n and "line 8" in n for n in d.notes)


def test_a_missing_value_in_a_continuous_target_is_named_not_counted_as_classes(tmp_path):
    rows = ["x,y"] + [f"{i},{i * 0.731:.3f}" for i in range(500)]
    rows[101] = "100,NA"
    p = _write(tmp_path, "\n".join(rows))
    with pytest.raises(DataError) as err:
        load_csv(p)
    assert "line 102, column 2 ('y'): 'NA' is a missing value" in str(err.value)
    assert "classes" not in str(err.value)
    d = load_csv(p, options=ImportOptions(na="drop"))
    assert d.task == REGRESSION and d.n_examples == 499


def test_missing_inputs_in_any_column_and_only_in_used_columns(tmp_path):
    p = _write(tmp_path, "a,b,note,label\n1,2,x,0\n3,?,y,1\n5,6,,1\n7,8,z,0\n")
    with pytest.raises(DataError, match=r"line 3, column 2 \('b'\): '\?' is a missing value"):
        load_csv(p, options=ImportOptions(ignore=("note",)))
    d = load_csv(p, options=ImportOptions(ignore=("note",), na="drop"))
    assert d.n_examples == 3 and d.input_names == ["a", "b"]  # the empty note does not drop line 4
    with pytest.raises(DataError, match="every row has a missing value"):
        load_csv(_write(tmp_path, "a,label\nNA,1\n2,NA\n"), options=ImportOptions(na="drop"))


def test_sixteen_whole_number_classes_are_classes_with_a_note(tmp_path):
    rows = ["a,b,label"] + [f"{i},{i % 7},{i % 16}" for i in range(160)]
    d = load_csv(_write(tmp_path, "\n".join(rows)))
    assert d.task == CLASSIFICATION and d.n_classes == 16
    assert any("16 distinct whole numbers" in n for n in d.notes)
    assert load_csv(_write(tmp_path, "\n".join(rows)), task="regression").task == REGRESSION


def test_an_id_column_is_ignored_with_a_note_unless_asked_for(tmp_path):
    rows = ["rid,a,b,label"] + [f"{1001 + i},{i % 3},{(i * 7) % 5},{i % 2}" for i in range(30)]
    p = _write(tmp_path, "\n".join(rows))
    d = load_csv(p)
    assert d.input_names == ["a", "b"] and any("'rid' looks like an ID" in n for n in d.notes)
    assert load_csv(p, options=ImportOptions(columns=("rid", "a"))).input_names == ["rid", "a"]
    named = _write(tmp_path, "ID,a,label\n5,1,0\n2,2,1\n9,3,1\n", name="named.csv")
    assert load_csv(named).input_names == ["a"]
    # the only candidate input is kept: a regression on a counting column is not an ID
    only = _write(tmp_path, "a,target\n" + "".join(f"{i},{i * 0.37}\n" for i in range(20)), name="only.csv")
    assert load_csv(only).input_names == ["a"]


@pytest.mark.parametrize("header,column", [("x,x,y", "'x' is used twice (columns 1 and 2)"),
                                            ("a,label,label", "'label' is used twice (columns 2 and 3)")])
def test_duplicate_column_names_are_refused(tmp_path, header, column):
    p = _write(tmp_path, f"{header}\n1,2,0\n3,4,1\n")
    with pytest.raises(DataError, match="line 1") as err:
        load_csv(p)
    assert column in str(err.value)


def test_the_target_is_found_in_any_case_and_an_ambiguous_one_is_refused(tmp_path):
    p = _write(tmp_path, "bill,flipper,Species\n1,2,Adelie\n3,4,Gentoo\n5,6,Adelie\n")
    for name in ("Species", "species", "SPECIES"):
        assert load_csv(p, target=name).class_names == ["Adelie", "Gentoo"]
    p = _write(tmp_path, "a,Kind,kind\n1,0,1\n2,1,0\n")
    assert load_csv(p, target="kind").input_names == ["a", "Kind"]  # the exact name wins
    with pytest.raises(DataError, match="in all but case"):
        load_csv(p, target="KIND")


def test_text_columns_are_one_hot_categories_and_many_levels_are_noted_or_refused(tmp_path):
    p = _write(tmp_path, "island,mass,label\nBiscoe,3.1,0\nDream,4.2,1\nBiscoe,3.9,1\nTorgersen,2.5,0\n")
    d = load_csv(p)
    assert d.input_names == ["island=Biscoe", "island=Dream", "island=Torgersen", "mass"]
    np.testing.assert_array_equal(d.X[:, :3], [[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1]])
    d = load_csv(p, options=ImportOptions(categorical=("label",), ignore=("island",), target="mass"))
    assert d.task == REGRESSION and d.input_names == ["label=0", "label=1"]
    many = "\n".join(["word,label"] + [f"w{i},{i % 2}" for i in range(30)])
    assert any("30 categories" in n for n in load_csv(_write(tmp_path, many, "many.csv")).notes)
    huge = "\n".join(["word,v,label"] + [f"w{i},{i % 3},{i % 2}" for i in range(300)])
    with pytest.raises(DataError, match="column 1 \\('word'\\): 300 distinct categories"):
        load_csv(_write(tmp_path, huge, "huge.csv"))


def test_guesses_for_a_penguins_like_table(tmp_path):
    p = _write(tmp_path, "id,bill,island,sex,species\n" + "".join(
        f"{i},{30 + i % 9},{'Dream' if i % 2 else 'Biscoe'},{'male' if i % 3 else 'NA'},{'AGC'[i % 3]}\n"
        for i in range(1, 25)))
    guesses = guess_columns(p, read_table(p), ImportOptions())
    assert [(g.role, g.kind) for g in guesses] == [("ignore", "number"), ("input", "number"), ("input", "category"),
                                                  ("input", "category"), ("target", "category")]


def test_a_quoted_file_reads_as_its_unquoted_twin(tmp_path):
    rng = np.random.default_rng(3)
    rows = [[f"{v:.3f}" for v in rng.normal(size=3)] + [["NA", "cat", "dog"][i % 3]] for i in range(50)]
    plain = _write(tmp_path, "a,b,c,label\n" + "\n".join(",".join(r) for r in rows), "plain.csv")
    quoted = _write(tmp_path, '"a","b","c","label"\n' + "\n".join(",".join(f'"{c}"' for c in r) for r in rows),
                    "quoted.csv")
    a, b = (load_csv(p, options=ImportOptions(na="drop")) for p in (plain, quoted))
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    assert a.notes == b.notes and a.n_examples == 33


def test_stratified_split_keeps_each_class_share():
    y = np.array([0] * 90 + [1] * 10)
    for seed in range(20):
        tr, te = train_test_indices(100, 0.5, seed, strata=y)
        assert np.sum(y[tr] == 1) == 5 and np.sum(y[te] == 1) == 5
        assert sorted(np.concatenate([tr, te])) == list(range(100))
    shares = [np.sum(y[train_test_indices(100, 0.5, s)[0]] == 1) for s in range(20)]
    assert set(shares) != {5}  # the plain split does not keep them, which is why the option exists


def test_standardised_target_trains_on_z_scores_and_reports_rmse_in_file_units(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (200, 2))
    y = (x[:, 0] + x[:, 1]) * 1e-6
    p = tmp_path / "tiny.csv"
    np.savetxt(p, np.column_stack([x, y]), delimiter=",", header="a,b,target", comments="")
    d = load_csv(p, options=ImportOptions(standardize_target=True))
    assert abs(d.y.mean()) < 1e-9 and abs(d.y.std() - 1) < 1e-9
    np.testing.assert_allclose(d.y * d.target_scale[1] + d.target_scale[0], y, rtol=1e-9, atol=1e-18)


def _train_json(*args):
    r = nnplay("train", "--json", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout), r.stderr


def test_cli_regression_prints_r2_and_rmse_that_expose_a_tiny_loss(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (200, 2))
    p = tmp_path / "tiny.csv"
    np.savetxt(p, np.column_stack([x, (x[:, 0] + x[:, 1]) * 1e-6]), delimiter=",", header="a,b,target", comments="")
    plain, _ = _train_json("--data", str(p), "--epochs", "20")
    assert plain["test_loss"] < 1e-2 and plain["test_r2"] < -100  # a "small" loss, a useless model
    scaled, notes = _train_json("--data", str(p), "--epochs", "20", "--standardize-target")
    assert scaled["test_r2"] > 0.5 and scaled["test_rmse"] < 1e-6 and "standardised" in notes
    r = nnplay("train", "--data", p, "--epochs", "5")
    assert "R²" in r.stdout and "RMSE" in r.stdout
    classes, _ = _train_json("--epochs", "2")
    assert classes["test_r2"] is None and classes["test_accuracy"] is not None


def test_cli_column_flags_reach_the_loader(tmp_path):
    p = _write(tmp_path, "rid,a,b,colour,Kind\n" + "".join(
        f"{100 + i},{i % 4},{'' if i == 3 else i % 5},{'red' if i % 2 else 'blue'},{i % 2}\n" for i in range(40)))
    r = nnplay("train", "--data", p, "--epochs", "1")
    assert r.returncode == 2 and "line 5, column 3 ('b'): an empty cell is a missing value" in r.stderr
    out, notes = _train_json("--data", str(p), "--epochs", "1", "--na", "drop", "--target", "kind", "--ignore", "b",
                             "--categorical", "a", "--stratify", "--layers", "3")
    assert "'rid' looks like an ID" in notes and out["epochs"] == 1 and "dropped" not in notes  # b is ignored
    out, notes = _train_json("--data", str(p), "--epochs", "1", "--na", "drop", "--columns", "a,b")
    assert "dropped 1 of 40 rows" in notes


def test_import_choices_travel_in_the_session(tmp_path):
    from nnplay.training import TrainConfig
    from nnplay.training.session import Session, load_session, save_session

    p = _write(tmp_path, "a,b,label\n" + "".join(f"{i},{(i * 3) % 7},{i * 0.5}\n" for i in range(30)))
    options = ImportOptions(ignore=("b",), standardize_target=True, na="drop", stratify=True)
    d = load_csv(p, options=options)
    save_session(tmp_path / "s.nnplay", Session(TrainConfig(dataset="csv"), d, None, f"csv:{p}"))
    back = load_session(tmp_path / "s.nnplay").data
    assert back.import_options == options.to_dict() and back.stratify
    assert back.target_scale == pytest.approx(d.target_scale)
    assert ImportOptions.from_dict(back.import_options) == options


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_device_or_a_pipe_is_refused_in_one_line_without_reading_it(special, tmp_path):
    """/dev/zero used to be read whole (tens of GB, until the kernel killed nnplay);
    a named pipe with no writer blocked forever."""
    import os

    if special == "fifo":
        special = tmp_path / "data.csv"
        os.mkfifo(special)
    with pytest.raises(DataError, match="not a regular file") as err:
        load_csv(special)
    assert "\n" not in str(err.value)
