"""`nnplay train --settings TEXT`: the text sets the run, options typed beside
it override it, options left at their defaults do not; bad values are one
line and exit 2."""

import pytest

from nnplay.cli import main
from nnplay.training.session import load_session


def _config(tmp_path, *argv):
    path = tmp_path / "run.nnplay"
    assert main(["train", "--epochs", "0", "--save", str(path), *argv]) == 0
    return load_session(path).config


TEXT = "dataset=xor&hidden=2,2&activation=tanh,sigmoid&freeze=1&dropout=0,0.2&seed=7&schedule=cosine&clip=1&lr=0.1"


def test_the_settings_text_sets_every_setting_of_the_run(tmp_path):
    c = _config(tmp_path, "--settings", TEXT)
    assert (c.dataset, c.hidden, c.activations, c.freeze, c.dropout, c.seed, c.schedule, c.clip, c.lr) == \
        ("xor", (2, 2), ["tanh", "sigmoid"], (1,), (0.0, 0.2), 7, "cosine", 1.0, 0.1)
    assert c.batch_size == 10 and c.optimizer == "sgd"  # the text is silent: the defaults


def test_options_typed_beside_the_text_override_it_and_defaults_do_not(tmp_path):
    c = _config(tmp_path, "--settings", TEXT, "--lr", "0.03", "--seed", "3", "--layers", "4,4")
    assert c.lr == 0.03 and c.seed == 3 and c.data_seed == 3 and c.hidden == (4, 4)  # 0.03 is --lr's default
    assert c.dataset == "xor" and c.schedule == "cosine" and c.dropout == (0.0, 0.2)
    d = _config(tmp_path, "--settings", "optimizer=adam&standardize=1", "--dataset", "circle")
    assert d.optimizer == "adam" and d.standardize and d.dataset == "circle" and d.lr == 0.03


@pytest.mark.parametrize("text, words", [
    ("lr=inf", "setting 'lr': learning rate must be in (0, 100], got 'inf'"),
    ("hidden=2&freeze=3", "freeze: layer 3 does not exist"),
    ("dropout=0.95", "setting 'dropout': dropout rate must be between 0 and 0.9, got '0.95'"),
    ("dropout=-0.1", "setting 'dropout': dropout rate must be between 0 and 0.9, got '-0.1'"),
    ("schedule=weekly", "unknown schedule 'weekly'"),
    ("clip=-1", "clip: the gradient-norm limit must be a finite number >= 0"),
    ("hidden=2,2&activation=tanh,relu,relu", "argument --settings: activation must be one name, or one per hidden layer (2 hidden layers), got 'tanh,relu,relu' (see nnplay train --help)"),
    ("dataset=csv", "give the file with --data"),
])
def test_a_bad_settings_text_is_one_line_and_exit_2(text, words, capsys):
    assert main(["train", "--epochs", "1", "--settings", text]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_bad_option_beside_the_text_still_wins_and_is_refused(capsys):
    assert main(["train", "--epochs", "1", "--settings", "hidden=3", "--layers", "2,2",
                 "--activation", "relu"]) == 0
    assert main(["train", "--epochs", "1", "--settings", "activation=tanh,relu", "--layers", "2,2,2"]) == 2
    assert "argument --settings: activation must be one name, or one per hidden layer (3 hidden layers)" in capsys.readouterr().err


def test_the_settings_texts_data_set_is_the_one_the_flags_are_checked_against_and_trained_on():
    from tests.cli_run import nnplay

    r = nnplay("train", "--settings", "dataset=plane", "--stratify", "--epochs", "1")
    assert r.returncode == 2 and "'plane' is a regression set" in r.stderr  # not trained on circle
    r = nnplay("train", "--settings", "dataset=xor", "--classes", "3", "--epochs", "1")
    assert r.returncode == 2 and "'xor' has fixed classes" in r.stderr
    r = nnplay("train", "--settings", "dataset=spiral-k&classes=4", "--stratify", "--epochs", "1", "--json")
    assert r.returncode == 0 and "4 classes" not in r.stderr
    r = nnplay("train", "--settings", "dataset=plane", "--dataset", "xor", "--epochs", "1")
    assert r.returncode == 2 and "argument --settings: names dataset=plane and --dataset xor: two data sets" in r.stderr
