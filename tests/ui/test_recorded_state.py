"""Every recorded frame shows the state the window was in: a recording of a paused window
(Record presses Play) began with a frame whose toolbar said "Pause" while the read-out said
"paused" and no epoch had run; the Play button and the rate read-out now agree at every grab,
and frame 0 is the window as it was, before Play."""

from __future__ import annotations

import imageio.v3 as iio
import numpy as np
from PySide6.QtWidgets import QToolButton

from nnplay.ui.recorder import TARGETS, show_recorder


def test_every_recorded_frame_shows_the_state_the_window_was_in(window, qtbot, tmp_path):
    button = next(b for b in window.findChildren(QToolButton) if b.defaultAction() is window.play_action)
    rate = window.stats["rate"]
    rec = show_recorder(window)
    rec.target.setCurrentIndex(list(TARGETS).index("window"))
    rec.scale.setCurrentIndex(0)  # 100 %: the button's pixels as on screen
    rec.fps.setValue(20)
    rec.path.setText(str(tmp_path / "run.gif"))
    seen = []  # (button, read-out) as each frame was grabbed
    real = rec.grab_frame

    def grab():
        seen.append((window.play_action.text(), rate.text()))
        real()

    rec.grab_frame = grab
    rec.timer.timeout.disconnect()
    rec.timer.timeout.connect(grab)
    assert not window.controller.state.playing and rec.play.isChecked()
    play_look = button.grab().toImage()
    at = button.mapTo(window, button.rect().topLeft())
    assert rec.start()
    qtbot.waitUntil(lambda: len(seen) >= 8 and window.controller.last_frame.snapshot.epoch > 5, timeout=30000)
    pause_look = button.grab().toImage()
    window.play_action.trigger()  # pause while recording
    qtbot.waitUntil(lambda: seen[-1][0] == "Play", timeout=5000)
    qtbot.wait(200)
    rec.stop()
    qtbot.waitUntil(lambda: rec.finished_file is not None, timeout=30000)
    assert rec.finished_file[2] is None
    assert seen[0] == ("Play", "paused")  # frame 0: the window as it was
    for text, readout in seen:  # the button and the read-out say one state
        assert (text == "Pause") == (readout != "paused"), seen

    def pixels(image):
        ptr = image.convertToFormat(image.Format.Format_RGB888)
        return np.array(ptr.constBits(), np.uint8).reshape(ptr.height(), ptr.bytesPerLine())[:, :ptr.width() * 3] \
            .reshape(ptr.height(), ptr.width(), 3).astype(int)

    first = iio.imread(rec.finished_file[0], index=0)[..., :3].astype(int)
    h, w = play_look.height(), play_look.width()
    crop = first[at.y():at.y() + h, at.x():at.x() + w]
    to_play, to_pause = (np.abs(crop - pixels(look)).mean() for look in (play_look, pause_look))
    assert to_play < to_pause, (to_play, to_pause)  # the GIF's frame 0 shows Play, not Pause
