"""Sessions as the controller opens and saves them (a part of
``PlaygroundController``, kept apart to keep each part short): a save asks the
training process for the run's state and writes the file when it comes; an
open builds the file's run first and makes it the window's only once the
training process has started it, so a file that cannot be used changes nothing."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer

from ..training import resolve_loss
from ..training.session import Session, SessionError, load_session, save_session
from ..write_errors import cannot_write
from .file_folders import absolute


class SessionFiles:
    """Mixed into ``PlaygroundController``: needs its ``state``, ``run``, ``view``,
    ``comparison``, ``_tokens``, ``session_saved`` and ``file_opened``."""

    def _init_sessions(self) -> None:
        self._pending_saves: dict[int, str] = {}
        self._opening: dict[int, tuple[Session, str, bool]] = {}  # generation -> a session being opened
        self.session_path: str | None = None
        self._state_wanted: dict[int, object] = {}  # token -> called with the run's state when it comes

    def with_run_state(self, callback) -> None:
        """Ask the training process for the run's full state (a Trainer.state_dict)
        and call ``callback(state)`` with it when it comes (on the GUI thread)."""
        token = next(self._tokens)
        self._state_wanted[token] = callback
        self.run.request_state(token)

    def save_session(self, path: str) -> None:
        """Ask the training process for the run's full state; the file is written when it comes."""
        token = next(self._tokens)
        self._pending_saves[token] = absolute(path)  # kept (session_path, recent files) as absolute
        self.run.request_state(token)

    def save_session_at_close(self, path: str, timeout_ms: int = 3000) -> bool:
        """Save and wait for it, as the window closes: from here on the run's frames are not drawn (a
        wide network's heatmaps redrawn in the wait took minutes), so this is only for closing time
        (a save while the window goes on is ``save_session``); False if the training process did not
        answer."""
        self.run.drawing = False
        if not self.run.is_alive():
            return False
        loop = QEventLoop()
        done = []
        self.session_saved.connect(loop.quit)
        self.session_saved.connect(done.append)
        QTimer.singleShot(timeout_ms, loop.quit)
        self.save_session(path)
        loop.exec()
        self.session_saved.disconnect(loop.quit)
        return bool(done)

    def open_session(self, path: str, quiet: bool = False) -> bool:
        """Open a .nnplay file: its run is built first, and only once the training
        process has it do the settings, pictures and recent files change; a file
        that cannot be used (unreadable, or weights that do not fit its settings)
        is shown (in the status bar when ``quiet``) and changes nothing. Returns
        False when the file could not be read at all."""
        try:
            session = load_session(path)
            resolve_loss(session.config, session.data)
        except (SessionError, ValueError) as exc:
            self._refuse_session(str(exc), quiet)
            return False
        generation = self.run.build(session.config, session.data, session.state)
        self._opening[generation] = (session, absolute(path), quiet)
        return True

    def _refuse_session(self, message: str, quiet: bool) -> None:
        if quiet:
            self.view.show_status(f"The last session could not be restored: {message}")
        else:
            self.view.show_error("Cannot open this session", message)

    def _opened(self, info, session: Session, path: str) -> None:
        """The training process has built the session's run (``info``): now it is this window's, shown
        with what the window that saved it had kept of its picture (``keep_view``)."""
        self.stop_comparing()
        self._drop_edits()
        source = session.source[4:] if session.source.startswith("csv:") else None
        self._set_built(config=session.config, data=session.data, source=source, playing=False)
        self.session_path = path
        self.file_opened.emit(path)
        self.view.show_run(info)
        keep_view(self.view, session.view)

    def session(self, state: dict | None) -> Session:
        """The current settings and data with ``state`` (a Trainer.state_dict from the worker), to save."""
        source = f"csv:{self.csv_path}" if self.csv_path else ("drawn" if self.data.edited else "generated")
        return Session(self.config, self.data, state, source, kept_view(self.view))

    def _on_state(self, token: int, state) -> None:
        if self.comparison.take_state(token, state, self.config, self.data):
            return
        wanted = self._state_wanted.pop(token, None)
        if wanted is not None:
            wanted(state)
            return
        path = self._pending_saves.pop(token, None)
        if path is None:
            return
        try:
            save_session(path, self.session(state))
        except OSError as exc:  # the real cause in words, not Python's [Errno N]
            self.view.show_error("Cannot save the session", cannot_write(path, exc))
            return
        except (TypeError, ValueError) as exc:
            self.view.show_error("Cannot save the session", f"{path}: {exc}")
            return
        self.session_path = path
        self.session_saved.emit(path)


def kept_view(window) -> dict | None:
    """What the playground ``window``'s picture keeps beyond the run, for a session to save
    (``session.VIEW_KEYS``): the heatmaps' shared colour-scale bound, the loss and norm plots' value axes."""
    kept = {"gradient_key": window.gradients.key_scale.shown, "loss_y": window.curves.loss_range.kept(),
            "norms_y": window.gradients.norm_range.kept()}
    return {k: v for k, v in kept.items() if v is not None} or None


def keep_view(window, kept: dict | None) -> None:
    """A reopened session's kept picture state (``kept_view``) in ``window``, before its first frame is drawn
    (a new run's shows it; the frame keeps each while it suits its values, as the saving window did)."""
    kept = kept or {}
    window.gradients.key_scale.shown = kept.get("gradient_key")
    window.curves.loss_range.keep(kept.get("loss_y"))
    window.gradients.norm_range.keep(kept.get("norms_y"))
