"""A playing frame's grid and thumbnails made by the window's process (training.live_pictures): the
training process sends a PictureJob in their place, and LivePictures.finish gives the very pictures
the training process would have sent (numbers to the last bit, dtypes, shapes), of that frame's own
weights, across a new run, new data, a new network, a prune and a reset through one receiver."""

import pickle

import numpy as np
import pytest

from nnplay.data import generate
from nnplay.training import TrainConfig, Trainer
from nnplay.training.frame_pipe import message_bytes
from nnplay.training.live_grid import LIVE_GRID, frame_request
from nnplay.training.live_pictures import LivePictures
from nnplay.training.loop import Frame
from nnplay.training.probes import ViewRequest

from .test_packed_snapshot import assert_same, fields

PLAYING = frame_request(ViewRequest(), True)
PICTURES = ("grid", "grid_classes", "neurons", "grid_extent")


def received(snap):
    """``snap`` as the window's relay thread reads it off the pipe (before it finishes the pictures)."""
    return pickle.loads(message_bytes(("frame", Frame(1, snap, True, 0.0))))[1].snapshot


def assert_pictures_of(trainer, got, what=""):
    """``got`` (a finished frame) holds the pictures ``trainer``'s snapshot holds now, made in place."""
    want = trainer.snapshot(PLAYING, 1)
    for name in PICTURES:
        assert_same(getattr(want, name), getattr(got, name), f"{what} {name}")


SETTINGS = [
    dict(dataset="circle", hidden=(8,) * 6, activation="tanh", batch_size=10),  # bench case B
    dict(dataset="spiral-k", classes=4, hidden=(8, 5), activation="relu"),  # ce, 4 outputs
    dict(dataset="multigauss", hidden=(6, 3), activation="sigmoid"),  # regression: no classes
    dict(dataset="xor", hidden=(3,), dtype="float32"),  # a float32 network: no twin
    dict(dataset="xor", hidden=(4,), loss="tanh_mse"),
]


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: f"{s['dataset']}-{s.get('loss', s.get('dtype', ''))}")
def test_a_playing_frame_for_the_pipe_carries_a_job_and_arrives_as_the_whole_snapshot(settings):
    t = Trainer(TrainConfig(**settings))
    t.run(3)
    t.set_pruned(0, 0, None, True)  # (a pruned neuron changes the function: the job carries it)
    whole, piped = t.snapshot(PLAYING, 1), t.snapshot(PLAYING, 1, for_pipe=True)
    assert piped.picture_job is not None and piped.grid is None and piped.neurons is None
    assert len(message_bytes(("frame", Frame(1, piped, True, 0.0)))) < \
        len(message_bytes(("frame", Frame(1, whole, True, 0.0))))
    got = received(piped)
    assert got.grid is None and got.picture_job is not None
    LivePictures().finish(got)
    assert got.picture_job is None and got.grid.shape[:2] == (LIVE_GRID, LIVE_GRID)
    for name, value in fields(whole).items():
        assert_same(value, getattr(got, name), name)


def test_the_pictures_are_of_the_frames_weights_not_the_networks_since():
    """A frame finished after the run has trained on shows the weights it was sent with."""
    t = Trainer(TrainConfig(dataset="circle", hidden=(8, 8), batch_size=10))
    t.run(2)
    whole, got = t.snapshot(PLAYING, 1), received(t.snapshot(PLAYING, 1, for_pipe=True))
    t.run(20)  # the live network moves on
    assert not np.array_equal(t.snapshot(PLAYING, 1).grid, whole.grid)
    LivePictures().finish(got)
    for name in PICTURES:
        assert_same(getattr(whole, name), getattr(got, name), name)


def test_rechecked_cells_and_huge_weights_are_the_runs_own_numbers():
    """The float32 twin's rules hold on the receiving side: a network whose weights float32 cannot
    stand in for is evaluated in float64 there too, and cells near a class border rechecked."""
    t = Trainer(TrainConfig(dataset="circle", hidden=(6, 6), batch_size=10))
    t.run(2)
    receiver = LivePictures()
    for scale in (1.0, 3e4):  # (3e4: past picture_net.FLOAT32_SAFE)
        t.net.params[...] *= scale
        got = received(t.snapshot(PLAYING, 1, for_pipe=True))
        receiver.finish(got)
        assert_pictures_of(t, got, f"scale {scale}")
    assert got.grid.dtype == np.float64


def test_one_receiver_follows_reset_new_data_new_network_and_prune():
    """The relay thread's one LivePictures across runs: each frame's pictures are its run's."""
    receiver = LivePictures()
    t = Trainer(TrainConfig(dataset="circle", hidden=(8, 8), batch_size=10))
    steps = [
        ("first run", lambda t: t),
        ("prune", lambda t: (t.set_pruned(0, 2, None, True), t)[1]),
        ("restore", lambda t: (t.set_pruned(0, 2, None, False), t)[1]),
        ("reset", lambda t: Trainer(TrainConfig(dataset="circle", hidden=(8, 8), batch_size=10, seed=5))),
        ("new data", lambda t: Trainer(TrainConfig(dataset="circle", hidden=(8, 8), batch_size=10),
                                       data=generate("spiral", noise=0.3, seed=1))),
        ("new network", lambda t: Trainer(TrainConfig(dataset="xor", hidden=(5,), activation="relu"))),
        ("other inputs", lambda t: Trainer(TrainConfig(dataset="xor", hidden=(5,), features=("x1", "x2", "x1x2")))),
    ]
    for what, change in steps:
        t = change(t)
        t.run(2)
        got = received(t.snapshot(PLAYING, 1, for_pipe=True))
        receiver.finish(got)
        assert_pictures_of(t, got, what)


@pytest.mark.parametrize("view", [
    frame_request(ViewRequest(), False),  # paused or stepped: the screen's 100-grid, made where it was
    frame_request(ViewRequest(focus=(1, 0)), True),  # a neuron in the grid
    frame_request(ViewRequest(neuron_resolution=None), True),  # no thumbnails asked for
], ids=["paused", "focus", "no-thumbnails"])
def test_frames_other_than_the_shared_live_pass_are_made_as_before(view):
    t = Trainer(TrainConfig(dataset="circle", hidden=(8, 8), batch_size=10))
    t.run(2)
    piped = t.snapshot(view, 1, for_pipe=True)
    assert piped.picture_job is None
    got = received(piped)
    LivePictures().finish(got)  # (nothing to do)
    whole = t.snapshot(view, 1)
    for name, value in fields(whole).items():
        assert_same(value, getattr(got, name), name)


def _played_frames(trainer_changes, frames: int = 6):
    """The pickled frames a TrainingLoop for a pipe sends while playing case B, each acknowledged at
    once; ``trainer_changes(k, trainer)`` is called before frame k is made."""
    import queue

    from nnplay.training.commands import Ack, Build, Play, SetSpeed
    from nnplay.training.loop import TrainingLoop

    commands, sent = queue.Queue(), []

    def emit(kind, *payload):
        if kind == "frame":
            sent.append(message_bytes((kind, *payload)))
            commands.put(Ack())

    loop = TrainingLoop(commands, emit, None, pickled=True)
    for command in (Build(1, TrainConfig(**SETTINGS[0]), None), SetSpeed(0), Play()):
        commands.put(command)
    while len(sent) < frames:
        if loop._trainer is not None:
            trainer_changes(len(sent), loop._trainer)
        loop._step()
    return sent


def test_a_picture_job_crosses_the_pipe_once_and_the_frames_after_it_name_it():
    """A job is the same frame after frame (its grid's points and the inputs' thumbnails: 46 kB on case B);
    the loop sends it whole once and then a SentJob; the receiver's pictures are those of the whole job."""
    from nnplay.training.live_pictures import PictureJob, SentJob

    def prune_at_4(k, t):
        if k == 4 and not t.net.masks.dead.any():
            t.set_pruned(0, 1, None, True)  # a new job: sent whole again

    sent = _played_frames(prune_at_4, 7)
    snaps = [pickle.loads(b)[1].snapshot for b in sent]
    jobs = [s.picture_job for s in snaps]
    playing = [k for k, j in enumerate(jobs) if j is not None]  # (the first frame, before Play, has none)
    assert isinstance(jobs[playing[0]], PictureJob)
    whole = [k for k in playing if isinstance(jobs[k], PictureJob)]
    named = [k for k in playing if isinstance(jobs[k], SentJob)]
    assert len(whole) == 2 and len(named) == len(playing) - 2  # the first job, the pruned network's
    assert all(len(sent[k]) < 12_000 < 40_000 < len(sent[whole[0]]) for k in named)  # (8 kB, 53 kB)
    receiver = LivePictures()
    for k, snap in enumerate(snaps):
        if k in named:  # the same frame with the job it names, finished by a receiver of its own
            alone = pickle.loads(sent[k])[1].snapshot
            kept = max(w for w in whole if w < k)
            object.__setattr__(alone, "picture_job", pickle.loads(sent[kept])[1].snapshot.picture_job)
            LivePictures().finish(alone)
        receiver.finish(snap)
        assert snap.picture_job is None
        if k in named:
            for name in PICTURES:
                assert_same(getattr(alone, name), getattr(snap, name), f"frame {k} {name}")
    assert snaps[-1].neurons[1][:, :, 1].tolist() == np.zeros_like(snaps[-1].neurons[1][:, :, 1]).tolist()


def test_a_job_named_but_never_received_is_said_not_guessed():
    from nnplay.training.live_pictures import SentJob

    t = Trainer(TrainConfig(**SETTINGS[0]))
    t.run(2)
    got = received(t.snapshot(PLAYING, 1, for_pipe=True))
    object.__setattr__(got, "picture_job", SentJob((1, 7)))
    with pytest.raises(ValueError, match=r"picture job \(1, 7\) of the training process, never received"):
        LivePictures().finish(got)
