"""Every number and noun shown to a user agree ("1 epoch", "2 epochs"; "1 of 4
tanh units is saturated ... unit 3"): one helper (nnplay.numbers.count and
agree) used everywhere. The tester saw "1 epochs.", "1 epochs/s" and "1 of 4
tanh units are saturated ... units 3"; the source is checked for the kind: a
number put before a plural noun by hand, or a hand-rolled "(s)"."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

import nnplay
from nnplay.numbers import agree, count

ROOT = Path(nnplay.__file__).parent
NOUNS = ("epochs|units|examples|neurons|rows|columns|classes|frames|mini-batches|layers|points|inputs|weights|"
         "steps|records|findings|files|values|cells|seconds|outputs|lessons|runs|batches|ReLUs|features|parameters")
BY_HAND = re.compile(r"\{([^{}]+)\} (?:" + NOUNS + r")\b")
HAND_ROLLED = re.compile(r"""['"]s['"] if |['"]{2} if \w+ == 1 else ['"]s['"]""")
IN_QUOTES = re.compile(r"""["'][^"']*["']""")
OR_MORE = re.compile(r"[a-z]\(s\)")  # "neuron(s)" in a message
CONSTANT = re.compile(r"^[A-Z0-9_ +*-]+(:[^}]*)?$")  # a constant's count (SMOKE_EPOCHS: 50) is never 1
# placeholders that are never 1, or no count at all
NEVER_ONE = {
    "benchmark.py": ("v['examples']", "r['epochs']:>12,", "r['points_drawn']:>7,"),  # a benchmark's sizes
    "engine/mlp.py": ("self.params.size",),  # a network has a weight and a bias at least
    "lessons/schema.py": ("len(raw):,",),  # bytes over the limit
    "training/gradient_flow.py": ("act.name",),  # "tanh units": a name, not a count
    "ui/diagram_bounds.py": ("block.size:,",),  # a summarised block is thousands of weights
    "ui/import_preview.py": ("total:,",),  # more columns than shown
    "ui/render_animation.py": ("epochs // every + 1:,",),  # more frames than the limit
    "ui/scatter_sample.py": ("what",),  # "training points": a name
}


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text()


def test_no_number_is_put_before_a_plural_noun_by_hand():
    found = []
    for name, text in _sources():
        for i, line in enumerate(text.splitlines(), 1):
            for m in BY_HAND.finditer(line):
                held = m.group(1).strip()
                if not CONSTANT.match(held) and held not in NEVER_ONE.get(name, ()):
                    found.append(f"{name}:{i}: {m.group(0)}")
            if HAND_ROLLED.search(line) or any(OR_MORE.search(q) for q in IN_QUOTES.findall(line)):
                found.append(f"{name}:{i}: {line.strip()}")
    assert found == [], "use nnplay.numbers.count / agree:\n" + "\n".join(found)


def test_count_and_agree():
    assert count(1, "epoch") == "1 epoch" and count(70, "epoch") == "70 epochs" and count(0, "row") == "0 rows"
    assert count(2, "class", "classes") == "2 classes" and count(12000, "row") == "12,000 rows"
    assert agree(1, "is", "are") == "is" and agree(3, "unit") == "units" and agree(1.5, "epoch") == "epochs"


def test_the_speed_read_out_of_one_epoch_a_second():
    from nnplay.ui.epoch_readout import rate_text

    def frame(eps):
        return SimpleNamespace(playing=True, epochs_per_second=eps)

    assert rate_text(frame(1.0)) == "1 epoch/s"
    assert rate_text(frame(0.35)) == "0.35 epochs/s" and rate_text(frame(1250.0)) == "1,250 epochs/s"


def test_one_saturated_unit_is_one_unit():
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.health import diagnose

    t = Trainer(TrainConfig(hidden=(4,), activation="tanh"))
    t.net.weights[0][2, :] = 60.0  # unit 3 of layer 1: |Z| large for nearly every example, tanh flat
    t.run(1)
    t.net.weights[0][2, :] = 60.0
    sat = [f for f in diagnose(t) if f.kind == "saturated"]
    assert sat and sat[0].units == [3], [f.message for f in sat]
    assert "1 of 4 tanh units is saturated" in sat[0].message and "unit 3;" in sat[0].message


def test_the_distributions_caption_says_what_it_counts():
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.distributions import Distributions, due
    from nnplay.ui.distributions_caption import distributions_caption

    t = Trainer(TrainConfig(hidden=(3,)))
    records = Distributions(t.net.n_layers)
    records.record(0, t.net, t.X_train)
    one = distributions_caption(records, {}, short=True)
    assert one.startswith("Epoch 0 only") and "1 epochs" not in one, one
    for epoch in range(1, 175):
        records.record(epoch, t.net, t.X_train)  # as a run of 174 epochs records them: ever fewer
    many = distributions_caption(records, {}, short=False)
    n, last = len(records), max(e for e in range(175) if due(e))  # (the last recorded: 168)
    assert n < 174 and f"Epochs 0–{last}, {n} records." in many, many  # the span is the epochs', the count the records'


@pytest.mark.parametrize("text, expected", [("cosine:1", "Cosine annealing over 1 epoch"),
                                            ("step:200:0.3", "Step decay: ×0.3 every 200 epochs"),
                                            ("warmup:1:0.5", "Linear warm-up over 1 epoch (from ×0.5)")])
def test_schedule_words(text, expected):
    from nnplay.ui.schedule_controls import schedule_text

    assert schedule_text(text) == expected
