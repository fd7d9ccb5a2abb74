"""What a new run keeps of the run before it (training.carried_edits): a data
set changed under a frozen layer used to drop the freeze in silence while the
schedule and clipping stayed. Now the frozen and pruned parameters stay while
the network keeps its shape (as a Reset keeps them); when the shape changes a
whole frozen layer stays and the rest is dropped, and the run says so."""

from __future__ import annotations

import queue
import threading

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.carried_edits import carry_edits
from nnplay.training.commands import Ack, Build, Freeze, Prune, Quit, Step
from nnplay.training.loop import TrainingLoop


def _edited(**config):
    t = Trainer(TrainConfig(hidden=(4, 2), schedule="cosine:50", clip=1.0, **config))
    t.set_frozen(0)  # layer 1 whole
    t.set_pruned(1, 1)  # neuron 2 of layer 2
    return t


def test_the_same_shape_keeps_every_frozen_and_pruned_parameter():
    old = _edited()
    new = Trainer(TrainConfig(dataset="xor", hidden=(4, 2), schedule="cosine:50", clip=1.0))
    assert carry_edits(new, old) == ""
    for name in ("frozen", "pruned"):
        assert np.array_equal(getattr(new.net.masks, name), getattr(old.net.masks, name))
    assert new.net.masks.neurons[1][1] and new.config.clip == 1.0


def test_another_shape_keeps_a_whole_frozen_layer_and_says_what_was_dropped():
    old = _edited()
    new = Trainer(TrainConfig(hidden=(4, 3)))
    note = carry_edits(new, old)
    assert new.net.masks.frozen_blocks[0].all() and not new.net.masks.frozen_blocks[1].any()
    assert not any(n.any() for n in new.net.masks.neurons)
    assert note.startswith("Dropped what was pruned (neurons and weights)") and "frozen layer 1 kept" in note, note
    assert "was frozen" not in note  # nothing frozen was dropped


def test_nothing_edited_nothing_said():
    assert carry_edits(Trainer(TrainConfig(hidden=(3,))), Trainer(TrainConfig())) == ""


@pytest.mark.timeout(60)
def test_the_training_loop_carries_them_over_a_data_set_change_and_tells():
    commands, messages = queue.Queue(), queue.Queue()
    loop = TrainingLoop(commands, lambda *m: messages.put(m))
    thread = threading.Thread(target=loop.run)
    thread.start()

    def next_of(kind):
        while True:
            m = messages.get(timeout=10)
            if m[0] == "frame":
                commands.put(Ack())
            if m[0] == kind:
                return m
    try:
        commands.put(Build(1, TrainConfig(hidden=(4, 2)), None))
        next_of("run_started")
        commands.put(Freeze(0))
        commands.put(Prune(1, 0))
        commands.put(Step(1))
        next_of("frame")
        commands.put(Build(2, TrainConfig(dataset="xor", hidden=(4, 2)), None))  # another data set
        info = next_of("run_started")[2]
        frame = next_of("frame")[1]
        assert info.notes == () and frame.snapshot.frozen_W is not None and frame.snapshot.frozen_W[0].all()
        commands.put(Build(3, TrainConfig(dataset="xor", hidden=(4,)), None))  # another shape
        info = next_of("run_started")[2]
        assert len(info.notes) == 1 and "pruned" in info.notes[0] and "frozen layer 1 kept" in info.notes[0]
    finally:
        commands.put(Quit())
        thread.join(10)
