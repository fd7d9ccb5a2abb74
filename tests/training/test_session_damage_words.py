"""A damaged session names the part that is wrong and what is wrong with it (tester 17: a
settings block that is the text "hello" gave "unknown settings: e, h, l, o", its letters
read as names; every damaged data array gave the same "the saved data set is damaged")."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

from nnplay.training import TrainConfig
from nnplay.training.session import SessionError, load_session

from .test_session import _damaged, _npy


def _json(edit):
    def mutate(name, data):
        if name != "session.json":
            return data
        doc = json.loads(data)
        edit(doc)
        return json.dumps(doc).encode()
    return mutate


def _array(member, value):
    return lambda name, data: _npy(value) if name == member else data


X = np.random.default_rng(0).normal(size=(500, 2))


def _rng(edit):
    return _json(lambda d: edit(d["run"]["rng"]) if isinstance(d["run"]["rng"], dict) else None)


RUN_FIELDS = [  # tester 19: a TypeError from NumPy's PCG64, a window that said nothing
    ("rng_state_text", _rng(lambda r: r.__setitem__("state", "x")),
     "run.rng (the random generator) in session.json: state: the text 'x', not a table"),
    ("rng_null", _json(lambda d: d["run"].__setitem__("rng", None)), "run.rng (the random generator) in session.json: null"),
    ("rng_list", _json(lambda d: d["run"].__setitem__("rng", [1, 2])), "in session.json: a list of 2 items"),
    ("rng_inc_text", _rng(lambda r: r["state"].__setitem__("inc", "x")), "state.inc: the text 'x', not a whole number"),
    ("rng_negative", _rng(lambda r: r["state"].__setitem__("state", -5)), "state.state: the number -5 is below 0, the least it can be"),
    ("rng_huge", _rng(lambda r: r["state"].__setitem__("state", 2**130)), "state.state: the number 1.36113e+39 is over the limit 2**128 - 1"),
    ("rng_has_uint32", _rng(lambda r: r.__setitem__("has_uint32", "x")), "has_uint32: the text 'x'"),
    ("rng_has_uint32_2", _rng(lambda r: r.__setitem__("has_uint32", 2)), "has_uint32: the number 2, not 0 or 1"),
    ("rng_uinteger", _rng(lambda r: r.__setitem__("uinteger", 2**33)), "uinteger: the number 8589934592 is over the limit 2**32 - 1"),
    ("rng_other_generator", _rng(lambda r: r.__setitem__("bit_generator", "MT19937")),
     "bit_generator: the text 'MT19937', not one of 'PCG64'"),
    ("rng_a_name_to_look_up", _rng(lambda r: r.__setitem__("bit_generator", "os.system")),
     "bit_generator: the text 'os.system', not one of 'PCG64'"),
    ("epoch_text", _json(lambda d: d["run"].__setitem__("epoch", "abc")),
     "run.epoch in session.json: the text 'abc', not a whole number from 0"),
    ("epoch_negative", _json(lambda d: d["run"].__setitem__("epoch", -1)), "run.epoch in session.json: the number -1"),
    # tester 20: 1e300 epochs were written out in 301 digits, a line wider than the screen
    ("epoch_huge", _json(lambda d: d["run"].__setitem__("epoch", 1e300)),
     "run.epoch in session.json: the number 1e+300 is over the limit 2**63 - 1"),
    ("epoch_digits", _json(lambda d: d["run"].__setitem__("epoch", 10**400)),
     "run.epoch in session.json: the number 1e+400 is over the limit 2**63 - 1"),
    ("epoch_infinite", _json(lambda d: d["run"].__setitem__("epoch", float("inf"))),
     "run.epoch in session.json: the number Infinity, not a whole number"),  # (as the file writes it)
    ("optimizer_t_huge", _json(lambda d: d["run"].__setitem__("optimizer_t", 2**64)),
     "run.optimizer_t in session.json: the number 18446744073709551616 is over the limit 2**63 - 1"),
    ("diverged_text", _json(lambda d: d["run"].__setitem__("diverged_at", "abc")),
     "run.diverged_at in session.json: the text 'abc', not a whole number from 0 up to 2**63 - 1 or null"),
    ("optimizer_t_fraction", _json(lambda d: d["run"].__setitem__("optimizer_t", 2.5)),
     "run.optimizer_t in session.json: the number 2.5"),
    # tester21: 2**63 was written 9.22337e+18 beside "up to 2**63 - 1", as if in range
    ("epoch_just_over", _json(lambda d: d["run"].__setitem__("epoch", 2**63)),
     "run.epoch in session.json: the number 9223372036854775808 is over the limit 2**63 - 1"),
    ("epoch_just_over_as_float", _json(lambda d: d["run"].__setitem__("epoch", 2.0**63)),  # named as written
     "run.epoch in session.json: the number 9.223372036854776e+18 is over the limit 2**63 - 1"),
]


@pytest.mark.parametrize("case,mutate,said", [
    ("config_text", _json(lambda d: d.__setitem__("config", "hello")),
     "config in session.json (the run's settings): the text 'hello', not a table of names and values"),
    ("data_list", _json(lambda d: d.__setitem__("data", [1, 2])), "data in session.json (the data set's description): "
     "a list of 2 items"),
    ("input_names_text", _json(lambda d: d["data"].__setitem__("input_names", "x1")),
     "input_names in session.json: the text 'x1', not a list of names"),
    ("class_names_number", _json(lambda d: d["data"].__setitem__("class_names", 3)),
     "class_names in session.json: the number 3, not a list of names"),
    ("run_text", _json(lambda d: d.__setitem__("run", "x")), "run in session.json (the run's state): the text 'x'"),
    ("optimizer_arrays_text", _json(lambda d: d["run"].__setitem__("optimizer_arrays", "mv")),
     "optimizer_arrays in session.json: the text 'mv', not a list of names"),
    ("history_text", _json(lambda d: d["run"].__setitem__("history", "abc")), "history in session.json: the text 'abc'"),
    ("domain_text", _json(lambda d: d["data"].__setitem__("domain", "abc")),
     "domain in session.json: the text 'abc', not a list of (low, high) number pairs"),
    ("task_number", _json(lambda d: d["data"].__setitem__("task", 5)),
     "task in session.json: the number 5, not one of 'classification', 'regression'"),
    ("X_one_dimension", _array("X.npy", X[:, 0]), "X.npy (the inputs) has 1 dimension; it needs 2"),
    ("X_not_finite", _array("X.npy", np.where(np.arange(1000).reshape(500, 2) == 3, np.nan, X)),
     "X.npy (the inputs) holds 1 value that is not a finite number"),
    ("X_text", _array("X.npy", X.astype(str)), "X.npy (the inputs) holds text, not numbers"),
    # tester21: X.npy cut to one column was blamed on the weights ("83 numbers do not fit this network (65)")
    ("X_one_column", _array("X.npy", X[:, :1]),
     "the saved data set is damaged: X.npy (the inputs) has 1 column, but input_names in session.json names 2 (x1, x2)"),
    ("X_three_columns", _array("X.npy", np.column_stack([X, X[:, 0]])),
     "X.npy (the inputs) has 3 columns, but input_names in session.json names 2 (x1, x2)"),
    # a setting refused names its field (config.KEY), not only its words ("dropout rate must be ...")
    ("config_dropout", _json(lambda d: d["config"].__setitem__("dropout", 5.0)),
     "config.dropout in session.json: dropout rate must be between 0 and 0.9, got 5.0"),
    ("config_dataset", _json(lambda d: d["config"].__setitem__("dataset", "mnist")),
     "config.dataset in session.json: unknown data set 'mnist'"),
    ("config_seed", _json(lambda d: d["config"].__setitem__("seed", 10**30)), "config.seed in session.json: seed must be"),
    ("y_short", _array("y.npy", np.zeros(498, int)), "y.npy (the targets) holds 498 values in 1 dimension for the "
     "500 rows of X.npy"),
] + RUN_FIELDS)
def test_a_damaged_part_is_named_with_what_is_wrong(tmp_path, case, mutate, said):
    path = _damaged(tmp_path, case + ".nnplay", mutate)
    with pytest.raises(SessionError) as err:
        load_session(path)
    assert said in str(err.value) and "\n" not in str(err.value)
    assert len(str(err.value).replace(str(path), "")) < 200  # (a line, not 301 digits)
    assert "e, h, l, o" not in str(err.value)
    assert "PCG64.state" not in str(err.value) and "invalid literal" not in str(err.value)  # (never Python's words)


def test_settings_that_are_not_a_table_are_said_so():
    with pytest.raises(ValueError, match="the settings: the text 'hello', not a table"):
        TrainConfig.from_dict("hello")


@pytest.mark.parametrize("member,said", [
    ("history_exact.npy", "history_exact.npy (the saved curves) is missing"),
    ("history_level_hi.npy", "history_level_hi.npy (the saved curves) is missing"),
    ("grad_norms_top_lo.npy", "grad_norms_top_lo.npy (the saved gradient norms) is missing"),
    ("distributions_level_counts.npy", "distributions_level_counts.npy (the saved distributions) is missing"),
])
def test_a_session_missing_an_array_of_its_run_is_refused_in_one_line_naming_it(tmp_path, member, said):
    """Tester 18: a session without one of its histories' arrays gave `nnplay diagnose` a KeyError
    traceback, and the window a run that never started (the training process stopped on it)."""
    from nnplay.training.session import open_trainer

    path = _damaged(tmp_path, "missing.nnplay", lambda name, data: None if name == member else data)
    with zipfile.ZipFile(path) as z:  # (the session had the array to take out)
        assert member not in z.namelist()
    with pytest.raises(SessionError) as err:
        open_trainer(path)
    assert str(err.value) == f"{path}: {said}"


@pytest.mark.parametrize("hidden,said", [("hello", "got 'hello'"), ({"a": 1}, "got {'a': 1}"), ("4,x", "got 'x'"),
                                         (True, "got True")])
def test_hidden_layers_of_the_wrong_kind_are_named_whole_not_by_their_first_letter(hidden, said):
    """Tester 18: a session's "hidden": "hello" was refused as "got 'h'", a table as its first key."""
    with pytest.raises(ValueError) as err:
        TrainConfig(hidden=hidden)
    place = "layer 2 of '4,x': " if hidden == "4,x" else ""  # (one of several: the bad one named, and where)
    assert str(err.value) == f"{place}hidden layer size must be a whole number from 1 to 256, {said}"


def test_hidden_layers_as_a_text_or_one_number_are_read_as_sizes():
    assert TrainConfig(hidden="4, 2").hidden == (4, 2) and TrainConfig(hidden=5).hidden == (5,)
    assert TrainConfig(hidden="").hidden == () and TrainConfig(hidden=[3.0]).hidden == (3,)


def test_a_saved_generator_state_loads_as_saved(tmp_path):
    """The check refuses only damage: a real session's generator state goes on as saved."""
    path = _damaged(tmp_path, "whole.nnplay", lambda name, data: data)
    state = load_session(path).state
    rng = np.random.default_rng()
    rng.bit_generator.state = state["rng"]
    assert rng.bit_generator.state == state["rng"]


@pytest.mark.parametrize("case,mutate,said", [
    # tester21: "the saved history's parts do not fit together", naming no part
    ("history_n", _json(lambda d: d["run"]["history"].__setitem__("n", 10**12)),
     "run.history.n in session.json (the saved curves): 1000000000000, but its parts hold 3 points"),
    ("grad_norms_top_bucket", _json(lambda d: d["run"]["grad_norms"].__setitem__("top_bucket", 3)),
     "run.grad_norms.top_bucket in session.json (the saved gradient norms): 3, not a power of 2"),
    ("history_exact_rows", _array("history_exact.npy", np.zeros((5000, 7))),
     "history_exact.npy (the saved curves): 5,000 rows, more than 2,047"),
    ("params_short", _array("params.npy", np.zeros(10)),
     "params.npy (the weights) holds 10 numbers; the network of config in session.json has 25 (layers 2-4-2-1)"),
    ("params_nan", lambda name, data: _npy(np.full(25, np.nan)) if name == "params.npy" else data,
     "params.npy (the weights) holds 25 values that are not finite numbers"),
    ("trajectory_points", _array("trajectory_points.npy", np.zeros((3, 7))),
     "trajectory_points.npy and trajectory_epochs.npy (the weights' path): points of shape (3, 7), not (points, 25)"),
])
def test_a_damaged_part_of_the_run_is_named_by_its_member_or_field(tmp_path, case, mutate, said):
    """The parts checked once the run is rebuilt (``open_trainer``): each message names the session.json
    field or the .npy member at fault, never only "the saved ... do not fit"."""
    from nnplay.training.session import open_trainer

    path = _damaged(tmp_path, case + ".nnplay", mutate)
    with pytest.raises(SessionError) as err:
        open_trainer(path)
    assert str(err.value).startswith(f"{path}: ") and said in str(err.value) and "\n" not in str(err.value), err.value


def _without(*keys):
    """session.json with the field at ``keys`` (a path of names) taken out."""
    def edit(doc):
        for k in keys[:-1]:
            doc = doc[k]
        del doc[keys[-1]]
    return _json(edit)


@pytest.mark.parametrize("case,mutate,said", [
    # a field missing: "the field 'task' is missing" named no table (tester 22)
    ("no_data_task", _without("data", "task"), "(data.task in session.json is missing)"),
    ("no_run_epoch", _without("run", "epoch"), "(run.epoch in session.json is missing)"),
    ("no_config", _without("config"), "(config in session.json is missing)"),
    ("no_history_n", _without("run", "history", "n"), ": run.history.n in session.json (the saved curves) is missing"),
    # the wrong kind of value: "a field holds the wrong kind of value", or a traceback
    ("name_number", _json(lambda d: d["data"].__setitem__("name", 5)), "data.name in session.json: the number 5, not a text"),
    ("target_scale_text", _json(lambda d: d["data"].__setitem__("target_scale", "x")),
     "data.target_scale in session.json (the target's standardisation): the text 'x', not a (mean, standard "
     "deviation) pair of numbers"),
    ("import_text", _json(lambda d: d["data"].__setitem__("import", "x")),  # (Python's "dictionary update sequence")
     "data.import in session.json (how the CSV was read): the text 'x', not a table of names and values"),
    ("features_numbers", _json(lambda d: d["config"].__setitem__("features", [1])),  # (an AttributeError traceback)
     "config.features in session.json: a list of 1 item is not a value it takes"),
    ("history_config_text", _json(lambda d: d["run"]["history"].__setitem__("config", "x")),  # (a TypeError traceback)
     "run.history in session.json (the saved curves): a part holds the wrong kind of value"),
    ("clip_text", _json(lambda d: d["config"].__setitem__("clip", "x")),  # ("could not convert string to float")
     "config.clip in session.json: the text 'x' is not a value it takes"),
    # a bad number in a nested field
    ("target_scale_negative", _json(lambda d: d["data"].__setitem__("target_scale", [0, -1])),
     "data.target_scale in session.json (the target's standardisation): the standard deviation −1 is not a number "
     "over 0"),
    ("domain_nested_text", _json(lambda d: d["data"].__setitem__("domain", [[0, "x"], [0, 1]])),
     "data.domain in session.json: a list of 2 items, not a list of (low, high) number pairs"),
    ("history_n_negative", _json(lambda d: d["run"]["history"].__setitem__("n", -1)),
     "run.history.n in session.json (the saved curves): -1"),
])
def test_every_refusal_of_a_session_names_the_field_at_fault(tmp_path, case, mutate, said):
    """Tester 22: some refusals of a damaged session said what was wrong but not where."""
    from nnplay.training.session import open_trainer

    path = _damaged(tmp_path, case + ".nnplay", mutate)
    with pytest.raises(SessionError) as err:
        open_trainer(path)
    text = str(err.value)
    assert text.startswith(f"{path}: ") and said in text and "\n" not in text, text
