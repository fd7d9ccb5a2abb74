"""`nnplay render --animate` colours the output from the grid an export uses (a
cell per output pixel: export_grid.export_resolution), not the screen's
100 x 100 grid scaled up (blocky); and a recording stopped part-way leaves no file."""

from __future__ import annotations

import pytest

import nnplay.ui.render_animation as animation
from nnplay.ui.export_grid import SCREEN_GRID


@pytest.fixture(scope="module")
def run_file(tmp_path_factory):
    from tests.cli_run import nnplay

    path = tmp_path_factory.mktemp("anim") / "run.nnplay"
    assert nnplay("train", "--dataset", "spiral", "--epochs", "2", "--save", path).returncode == 0
    return path


def test_every_recorded_output_frame_uses_the_export_grid(run_file, tmp_path, monkeypatch):
    from nnplay.ui.export_grid import export_resolution, grid_cells

    grids, wanted = [], []
    drawn, resolution = animation.panel_frame, animation.export_resolution

    def frame(trainer, panel, history_from=0, grid=None):
        f = drawn(trainer, panel, history_from, grid)
        grids.append(grid_cells(f.snapshot))
        return f

    areas = []

    def exported(boundary, scale):
        wanted.append(resolution(boundary, scale))
        rect = boundary.plot.getPlotItem().getViewBox().sceneBoundingRect()
        areas.append(max(rect.width(), rect.height()) * scale)
        return wanted[-1]

    monkeypatch.setattr(animation, "panel_frame", frame)
    monkeypatch.setattr(animation, "export_resolution", exported)
    recorded = []
    n = animation.animate_session(run_file, "output", tmp_path / "a.gif", 2, 1, 10, (400, 300),
                                  progress=lambda frames, epoch: recorded.append(grids[-1]))
    # a cell per pixel of the data area (as wide as the domain at its height: plane_aspect.fit_shape)
    assert n == 3 and len(wanted) == 1 and wanted[0] >= areas[0] > 1.2 * SCREEN_GRID
    assert recorded == [wanted[0]] * 3  # every frame written, the first included
    assert export_resolution is resolution


def test_a_recording_stopped_part_way_leaves_no_file(run_file, tmp_path):
    def stop(frames, epoch):
        if frames == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        animation.animate_session(run_file, "output", tmp_path / "a.gif", 5, 1, 10, (160, 120), progress=stop)
    assert list(tmp_path.iterdir()) == []
