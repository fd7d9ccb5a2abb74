"""Issue 17's API: Freeze/Prune commands, Trainer.set_frozen/set_pruned, the
per-layer settings in TrainConfig and the snapshot's mask fields."""

import queue

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.commands import (
    Build,
    Freeze,
    Prune,
    SetClip,
    SetDropout,
    SetSchedule,
    Step,
)
from nnplay.training.loop import TrainingLoop

SMALL = {"dataset": "xor", "hidden": (3, 2), "batch_size": 25, "seed": 3}


@pytest.fixture(scope="module")
def trained():
    """A run with layer 1 frozen through the settings and 30 epochs trained."""
    t = Trainer(TrainConfig(**SMALL, freeze=(1,), optimizer="momentum"))
    first = [w.copy() for w in t.net.weights], [b.copy() for b in t.net.biases]
    t.run(30)
    return t, first


def test_freeze_in_the_settings_keeps_the_first_layer_bit_for_bit_while_the_others_train(trained):
    t, (W0, b0) = trained
    np.testing.assert_array_equal(t.net.weights[0], W0[0])
    np.testing.assert_array_equal(t.net.biases[0], b0[0])
    assert not np.array_equal(t.net.weights[1], W0[1]) and not np.array_equal(t.net.weights[2], W0[2])


def test_the_snapshot_carries_the_masks_and_none_when_unused(trained):
    t, _ = trained
    s = t.snapshot(grid_resolution=None)
    assert [f.shape for f in s.frozen_W] == [w.shape for w in t.net.weights]
    assert [f.shape for f in s.frozen_b] == [b.shape for b in t.net.biases]
    assert s.frozen_W[0].all() and s.frozen_b[0].all() and not s.frozen_W[1].any()
    assert s.pruned_W is None and s.pruned_neurons is None
    plain = Trainer(TrainConfig(**SMALL)).snapshot(grid_resolution=None)
    assert plain.frozen_W is None and plain.frozen_b is None


def test_set_pruned_shows_in_the_snapshot_and_restore_clears_it():
    t = Trainer(TrainConfig(**SMALL))
    t.set_pruned(0, 1)  # hidden neuron 1 of the first layer
    t.set_pruned(1, 0, 2)  # the weight W[2][0, 2]
    s = t.snapshot(grid_resolution=None)
    assert [p.shape for p in s.pruned_neurons] == [(3,), (2,), (1,)]
    assert s.pruned_neurons[0].tolist() == [False, True, False] and s.pruned_W[1][0, 2]
    assert s.pruned_W[1].sum() == 1 and not s.pruned_W[0].any()
    t.set_pruned(0, 1, pruned=False)
    t.set_pruned(1, 0, 2, pruned=False)
    assert t.snapshot(grid_resolution=None).pruned_W is None


@pytest.mark.parametrize("call, words", [
    (lambda t: t.set_frozen(3), "freeze: layer 3 does not exist"),
    (lambda t: t.set_frozen(0, 3), "freeze: neuron 3 does not exist in layer 0"),
    (lambda t: t.set_frozen(1, 0, 3), "freeze: input 3 does not exist for layer 1"),
    (lambda t: t.set_frozen(0, None, 1), "freeze: a weight needs its neuron"),
    (lambda t: t.set_pruned(2, 0), "prune: layer 2 does not exist (the network has hidden layers 0..1)"),
    (lambda t: t.set_pruned(-1, 0), "prune: layer -1 does not exist"),
    (lambda t: t.set_dropout([0.95]), "dropout rate must be between 0 and 0.9, got 0.95"),
    (lambda t: t.set_dropout([0.1, 0.2, 0.3]), "dropout must be one rate, or one per hidden layer (2 hidden layers), got '0.1,0.2,0.3'"),
    (lambda t: t.set_clip(-1), "clip: the gradient-norm limit must be a finite number >= 0"),
    (lambda t: t.set_clip(float("nan")), "clip:"),
    (lambda t: t.set_schedule("exponential"), "unknown schedule 'exponential'"),
])
def test_a_bad_edit_is_one_line_naming_the_setting_and_changes_nothing(call, words):
    t = Trainer(TrainConfig(**SMALL))
    before = t.net.params.copy(), t.config
    with pytest.raises(ValueError) as e:
        call(t)
    assert words in str(e.value) and "\n" not in str(e.value)
    assert not t.net.masks.frozen.any() and not t.net.masks.pruned.any() and t.config == before[1]
    np.testing.assert_array_equal(t.net.params, before[0])


@pytest.mark.parametrize("changes, words", [
    ({"hidden": (2,), "freeze": (3,)}, "freeze: layer 3 does not exist (this network has layers 1..2)"),
    ({"dropout": (0.95,)}, "dropout rate must be between 0 and 0.9, got 0.95"),
    ({"dropout": (float("nan"),)}, "dropout rate must be between 0 and 0.9, got nan"),
    ({"schedule": "sometimes"}, "unknown schedule 'sometimes'"),
    ({"clip": -0.5}, "clip:"),
    ({"hidden": (2, 2), "activation": "tanh,relu,relu"}, "activation must be one name, or one per hidden layer (2 hidden layers), got 'tanh,relu,relu'"),
    ({"activation": "tanh,bogus"}, "unknown activation 'bogus'"),
])
def test_config_refuses_bad_layer_settings_in_one_line(changes, words):
    with pytest.raises(ValueError) as e:
        TrainConfig(**changes)
    assert words in str(e.value) and "\n" not in str(e.value)


def test_config_takes_a_list_of_activations_one_per_hidden_layer():
    c = TrainConfig(hidden=(3, 2), activation=["relu", "sigmoid"])
    assert c.activation == "relu,sigmoid" and c.activations == ["relu", "sigmoid"]
    assert TrainConfig(hidden=(3, 2), activation="tanh").activations == ["tanh", "tanh"]
    assert Trainer(c.with_changes(dataset="xor")).net.activation_names == ["relu", "sigmoid"]


def test_the_training_loop_applies_the_edit_commands():
    commands, messages = queue.Queue(), []
    loop = TrainingLoop(commands, lambda *m: messages.append(m))
    loop._apply(Build(1, TrainConfig(**SMALL), None))
    t = loop._trainer
    W = t.net.weights[1].copy()
    for cmd in (Freeze(1), Prune(0, 2), Prune(2, 0, 1), SetDropout((0.0, 0.5)), SetSchedule("step:2:0.5"),
                SetClip(0.25)):
        assert loop._apply(cmd)
    loop._apply(Step(epochs=3))
    loop._step()
    assert t.epoch == 3
    np.testing.assert_array_equal(t.net.weights[1], W)
    assert t.net.masks.neurons[0][2] and t.net.masks.pruned_blocks[2][0, 1]
    assert t.net.dropout.rates == (0.0, 0.5) and t.config.dropout == (0.0, 0.5)
    assert t.config.schedule == "step:2:0.5" and t.config.clip == 0.25
    lr = t.history.column("lr")
    np.testing.assert_allclose(lr, [0.03, 0.03, 0.03, 0.015])  # epochs 1, 2 at alpha_0, epoch 3 halved
    loop._apply(Freeze(1, frozen=False))
    assert not t.net.masks.frozen.any()


def test_describe_edits_names_what_is_set_and_nothing_otherwise():
    t = Trainer(TrainConfig(**SMALL, freeze=(1,), dropout=(0.0, 0.2), schedule="cosine", clip=1.0))
    t.set_pruned(0, 1)
    t.set_pruned(2, 0, 0)
    assert t.describe_edits() == ("frozen 9 of 20 parameters; pruned 1 weight; pruned 1 neuron; dropout 0, 0.2; "
                                  "schedule cosine; gradient norm clipped at 1")
    assert Trainer(TrainConfig(**SMALL)).describe_edits() == ""


def test_a_frames_masks_are_made_again_after_every_edit_and_only_then():
    """Trainer.mask_fields keeps its read-only arrays until the masks change (masks.version):
    each freeze, prune, restore, clear and load shows in the next snapshot."""
    import numpy as np

    from nnplay.training import TrainConfig, Trainer

    t = Trainer(TrainConfig(dataset="circle", hidden=(4, 3)))
    first = t.mask_fields()
    assert first is t.mask_fields() and all(v is None for v in first.values())
    t.set_frozen(0, 1, None, True)
    fields = t.mask_fields()
    assert fields["frozen_W"][0][1].all() and not fields["frozen_W"][0][0].any() and fields["pruned_W"] is None
    assert not fields["frozen_W"][0].flags.writeable
    t.set_pruned(1, 2, None, True)
    fields = t.mask_fields()
    assert fields["pruned_neurons"][1][2] and fields["frozen_W"][0][1].all()
    t.set_pruned(1, 2, None, False)
    assert t.mask_fields()["pruned_neurons"] is None
    t.set_frozen(0, 1, None, False)
    assert t.mask_fields()["frozen_W"] is None
    t.set_frozen(1, 0, 2, True)
    state = t.net.masks.state()
    t.net.masks.clear()
    assert t.mask_fields()["frozen_W"] is None
    t.net.masks.load_state(state)
    assert t.mask_fields()["frozen_W"][1][0, 2]
    snap = t.snapshot()
    np.testing.assert_array_equal(snap.frozen_W[1], t.net.masks.frozen_blocks[1][:, :4])
