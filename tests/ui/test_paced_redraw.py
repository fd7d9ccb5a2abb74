"""PacedRedraw: a slowly changing view is drawn at most once per pause, the
newest state, and only while it can be seen."""

from PySide6.QtWidgets import QLabel, QTabWidget

from nnplay.ui.paced_redraw import PacedRedraw


def test_a_burst_of_requests_draws_twice_the_first_at_once_the_last_after_the_pause(qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    view = QLabel("view")
    tabs.addTab(view, "view")
    tabs.show()
    drawn = []
    state = {"n": 0}
    paced = PacedRedraw(view, lambda: drawn.append(state["n"]), seconds=0.1)
    for n in range(1, 11):  # ten frames in quick succession
        state["n"] = n
        paced.request()
    assert drawn == [1]  # the first at once
    qtbot.waitUntil(lambda: len(drawn) == 2, timeout=3000)
    assert drawn == [1, 10]  # then only the newest, after the pause
    qtbot.wait(150)  # (the pause and half again: the test is that nothing comes in it)
    assert drawn == [1, 10]  # nothing new: nothing drawn


def test_a_hidden_view_draws_nothing_until_it_is_shown(qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    view, other = QLabel("view"), QLabel("other")
    tabs.addTab(other, "other")
    tabs.addTab(view, "view")
    tabs.show()
    drawn = []
    paced = PacedRedraw(view, lambda: drawn.append(1), seconds=0.05)
    for _ in range(5):
        paced.request()
    qtbot.wait(100)  # (two pauses: the test is that nothing is drawn in them)
    assert drawn == [] and paced.pending
    tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: drawn == [1], timeout=3000)
    assert not paced.pending
    paced.seconds = 60.0
    paced.request()
    assert len(drawn) == 1 and paced.pending  # within the pause: kept
    paced.flush()  # an export draws at once, whatever the pause
    assert len(drawn) == 2
