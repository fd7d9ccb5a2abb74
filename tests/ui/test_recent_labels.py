"""File › Open recent tells apart files of the same name by their folders,
lists one file once however its path was spelt, and gives the full path."""

from __future__ import annotations

from nnplay.ui.recent_labels import recent_labels


def test_clashing_names_show_as_much_folder_as_tells_them_apart():
    paths = ["/tmp/t6cli/cls5sess.nnplay", "/home/ana/cls5sess.nnplay", "/data/b.csv",
             "/x/a/s.nnplay", "/y/a/s.nnplay"]
    labels = recent_labels(paths)
    assert labels == ["cls5sess.nnplay — t6cli", "cls5sess.nnplay — ana", "b.csv", "s.nnplay — x/a",
                      "s.nnplay — y/a"]
    assert len(set(labels)) == len(labels)


def test_the_window_s_recent_menu_is_unambiguous_with_the_path_in_its_tips(window, tmp_path):
    first, second = tmp_path / "one" / "run.nnplay", tmp_path / "two" / "run.nnplay"
    window.remember_file(str(first))
    window.remember_file(str(second))
    window.remember_file(str(tmp_path / "one" / "." / "run.nnplay"))  # the first again, spelt otherwise
    window._fill_recent_menu()
    actions = window.recent_menu.actions()
    assert [a.text() for a in actions][:2] == ["run.nnplay — one", "run.nnplay — two"]
    assert actions[1].toolTip() == actions[1].statusTip() == str(second)
    assert len(window.recent_files()) == 2
