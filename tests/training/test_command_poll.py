"""The training process's look at its commands (training/command_pipe.py): one
``select.poll`` registered once, not a selector built by ``Connection.poll`` at
each of the hundreds of looks a second; the queue's behaviour unchanged."""

import multiprocessing as mp
import queue
import select

import pytest

from nnplay.training.command_pipe import CommandReceiver
from nnplay.training.commands import QUIT, Ack

pytestmark = pytest.mark.skipif(not hasattr(select, "poll"), reason="no select.poll (Windows): Connection.poll")


class NoSelector:
    """A connection whose ``poll`` (a selector per call) must not be used."""

    def __init__(self, connection):
        self._c = connection

    def poll(self, timeout=None):
        raise AssertionError("Connection.poll was used")

    def fileno(self):
        return self._c.fileno()

    def recv(self):
        return self._c.recv()


def test_commands_are_seen_without_a_selector_per_look():
    reader, writer = mp.Pipe(duplex=False)
    commands = CommandReceiver(NoSelector(reader))
    with pytest.raises(queue.Empty):
        commands.get_nowait()
    with pytest.raises(queue.Empty):
        commands.get(timeout=0.01)
    writer.send(Ack())
    assert commands.get(timeout=5) == Ack()
    writer.close()  # the window has gone: end-of-file reads as "quit"
    assert commands.get_nowait() == QUIT and commands.get(timeout=None) == QUIT
    reader.close()


def test_a_closed_connection_reads_as_quit():
    reader, writer = mp.Pipe(duplex=False)
    reader.close()
    assert CommandReceiver(reader).get_nowait() == QUIT
    writer.close()
