"""Issue 15: every flag of `nnplay train` that does not apply is refused in one
line naming the flag (exit 2), never silently ignored. In-process main() calls."""

import pytest

from nnplay.cli import main


@pytest.fixture(scope="module")
def csvs(tmp_path_factory):
    d = tmp_path_factory.mktemp("flags")
    classes = d / "classes.csv"
    classes.write_text("a,b,colour,label\n" + "".join(
        f"{i % 4},{(i * 7) % 5},{'red' if i % 2 else 'blue'},{i % 2}\n" for i in range(24)))
    quantity = d / "quantity.csv"
    quantity.write_text("a,b,y\n" + "".join(f"{i * 0.1:.1f},{i % 3},{i * 0.37:.2f}\n" for i in range(24)))
    split = d / "split.csv"
    split.write_text("a,b,label,split\n" + "".join(
        f"{i},{i % 3},{i % 2},{'test' if i % 4 == 0 else 'train'}\n" for i in range(24)))
    cased = d / "cased.csv"
    cased.write_text("a,b,B,label\n" + "".join(f"{i},{i % 3},{i % 5},{i % 2}\n" for i in range(24)))
    return {"classes": str(classes), "quantity": str(quantity), "split": str(split), "cased": str(cased)}


def _refused(capsys, argv, flag, words):
    try:
        code = main(["train", "--epochs", "0", *argv])
    except SystemExit as exc:  # refused by argparse (a number out of its range)
        code = exc.code
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert flag in err and words in err, err


@pytest.mark.parametrize("argv,flag,words", [
    (["--task", "regression"], "--task", "applies to your own CSV"),
    (["--target", "label"], "--target", "applies to your own CSV"),
    (["--columns", "x1"], "--columns", "applies to your own CSV"),
    (["--ignore", "x1"], "--ignore", "applies to your own CSV"),
    (["--categorical", "x1"], "--categorical", "applies to your own CSV"),
    (["--na", "refuse"], "--na", "applies to your own CSV"),  # typed with its default value: still refused
    (["--standardize-target"], "--standardize-target", "applies to your own CSV"),
    (["--dataset", "circle", "--classes", "4"], "--classes", "'circle' has fixed classes"),
    (["--dataset", "plane", "--stratify"], "--stratify", "regression set"),
    (["--lr", "0"], "--lr", "learning rate must be"),
    (["--l2", "-1"], "--l2", "L2 rate"),
    (["--batch-size", "0"], "--batch-size", "batch size must be"),
    (["--seed", "-1"], "--seed", "seed must be"),
    (["--noise", "0.9"], "--noise", "noise must be"),
    (["--train-ratio", "0"], "--train-ratio", "train ratio"),
    (["--dataset", "spiral-k", "--classes", "9"], "--classes", "a whole number from 2 to 8"),
    (["--dataset", "spiral-k", "--loss", "bce"], "--loss", "handles two classes"),
    (["--dataset", "plane", "--loss", "ce"], "--loss", "for classification"),
    (["--features", "x1,zz"], "--features", "unknown feature 'zz'"),
    (["--layers", "4,5000"], "--layers", "from 1 to 256"),
    (["--epochs", "-1"], "--epochs", "a whole number from 0 to"),
])
def test_flags_that_do_not_apply_to_a_built_in_set_are_refused(capsys, argv, flag, words):
    _refused(capsys, argv, flag, words)


@pytest.mark.parametrize("file,argv,flag,words", [
    ("quantity", ["--stratify"], "--stratify", "read as a quantity"),
    ("quantity", ["--task", "regression", "--stratify"], "--stratify", "no classes"),
    ("classes", ["--standardize-target"], "--standardize-target", "read as 2 classes"),
    ("classes", ["--task", "classification", "--standardize-target"], "--standardize-target", "classification"),
    ("classes", ["--columns", "a,a"], "--columns", "names 'a' twice"),
    ("classes", ["--ignore", "b,B"], "--ignore", "names 'b' twice"),
    ("classes", ["--categorical", "a,a"], "--categorical", "names 'a' twice"),
    ("classes", ["--columns", "a,label"], "--columns", "names the target column 'label'"),
    ("classes", ["--ignore", "label"], "--ignore", "names the target column 'label'"),
    ("classes", ["--ignore", "nope"], "--ignore", "no column named 'nope'"),
    ("classes", ["--columns", "a,nope"], "--columns", "no column named 'nope'"),
    ("classes", ["--categorical", "nope"], "--categorical", "no column named 'nope'"),
    ("classes", ["--target", "nope"], "--target", "no column named 'nope'"),
    ("classes", ["--target", "7"], "--target", "column 7 does not exist"),
    ("classes", ["--columns", "a,b", "--ignore", "b"], "--ignore", "which --columns lists"),
    ("classes", ["--categorical", "b", "--ignore", "b"], "--categorical", "not an input"),
    ("classes", ["--categorical", "colour", "--columns", "a"], "--categorical", "not an input"),
    ("quantity", ["--categorical", "y", "--task", "regression"], "--categorical", "reads it as a number"),
    ("classes", ["--noise", "0.1"], "--noise", "built-in data sets"),
    ("classes", ["--classes", "3"], "--classes", "built-in data sets"),
    ("classes", ["--features", "x1,x2"], "--features", "two inputs"),
    ("split", ["--train-ratio", "0.8"], "--train-ratio", "'split' column"),
    ("split", ["--stratify"], "--stratify", "'split' column"),
])
def test_flags_that_do_not_apply_to_a_csv_are_refused(capsys, csvs, file, argv, flag, words):
    _refused(capsys, ["--data", csvs[file], *argv], flag, words)


@pytest.mark.parametrize("source,text", [
    (["--data", "classes"], "dataset=spiral"),  # trained the CSV in silence
    (["--data", "classes"], "hidden=3&dataset=plane&lr=0.1"),
    (["--dataset", "xor"], "dataset=plane"),
    (["--dataset", "xor"], "dataset=csv"),
])
def test_a_settings_text_naming_another_data_set_than_the_flags_is_refused_naming_both(capsys, csvs, source, text):
    flag, value = source[0], csvs.get(source[1], source[1])
    named = next(part for part in text.split("&") if part.startswith("dataset="))
    _refused(capsys, [flag, value, "--settings", text], "--settings",
             f"names {named} and {flag}{' the file' if flag == '--data' else ''} {value}: two data sets")


def test_flags_that_apply_are_accepted(capsys, csvs):
    for argv in (["--data", csvs["classes"], "--stratify", "--categorical", "a", "--ignore", "colour", "--na", "drop"],
                 ["--data", csvs["quantity"], "--standardize-target", "--task", "regression", "--target", "y"],
                 ["--data", csvs["split"], "--ignore", "split", "--train-ratio", "0.8"],  # split anew
                 ["--data", csvs["cased"], "--ignore", "b,B"],  # two columns, not one named twice
                 ["--dataset", "spiral-k", "--classes", "4", "--stratify", "--noise", "0.1"],
                 ["--dataset", "plane", "--standardize"],
                 ["--data", csvs["classes"], "--settings", "dataset=csv&hidden=3"],  # the window's text of a CSV
                 ["--dataset", "xor", "--settings", "dataset=xor&lr=0.1"]):
        assert main(["train", "--epochs", "0", "--json", *argv]) == 0, capsys.readouterr().err


def test_a_batch_larger_than_the_training_set_is_said_not_hidden(capsys, csvs):
    assert main(["train", "--epochs", "1", "--json", "--data", csvs["classes"], "--batch-size", "500"]) == 0
    err = capsys.readouterr().err
    assert "--batch-size 500 is more than the 12 training examples" in err
    assert main(["train", "--epochs", "0", "--json", "--data", csvs["classes"], "--batch-size", "9" * 400]) == 0
    assert "--batch-size 1e+400 is more than the 12 training examples" in capsys.readouterr().err  # (not 400 digits)
