"""Builds the QApplication and the main window; the only place that wires pages together."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME, __version__
from desktop.core.paths import AppPaths, DataDirError, app_paths
from desktop.core.store import open_database
from desktop.core.store.errors import StoreError
from desktop.ui.context import AppContext
from desktop.ui.i18n import install_language, system_language
from desktop.ui.i18n.core_text import core_text
from desktop.ui.icon import app_icon
from desktop.ui.main_window import MainWindow


def window_settings(paths: AppPaths) -> QSettings:
    return QSettings(str(paths.config_dir / "window.ini"), QSettings.Format.IniFormat)


def create_context(paths: AppPaths) -> AppContext:
    """Open the user data (repairing and migrating it as needed). Raises DataDirError when it cannot."""
    paths.ensure()
    db = open_database(paths.db_path, paths.backups_dir)
    return AppContext(db, paths)


def create_window(ctx: AppContext) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx.apply_theme()
    ctx.apply_zoom()  # presentation mode's interface zoom, before any page sizes its text
    # Re-apply when the desktop switches between light and dark (only matters in "system" mode).
    app.styleHints().colorSchemeChanged.connect(ctx.apply_theme)
    window = MainWindow(ctx, window_settings(ctx.paths))
    window.setWindowIcon(app_icon())
    return window


def install_store_error_hook() -> None:
    """A write that fails later (the disk filled up, the file became read-only) reaches the student as a dialog
    naming the file and the problem, never as a traceback; other exceptions go to the previous hook."""
    previous = sys.excepthook
    showing = [False]

    def hook(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
        if not isinstance(exc, StoreError):
            previous(exc_type, exc, tb)  # type: ignore[arg-type]
            return
        print(f"studydesk: {exc}", file=sys.stderr)
        if showing[0]:
            return  # one dialog at a time; the rest are on stderr
        showing[0] = True
        try:
            QMessageBox.warning(
                None, APP_NAME,
                QCoreApplication.translate("App", "Your last change was not saved.\n\n{error}\n\n"
                                           "Nothing saved before it was touched.").format(error=core_text(str(exc))),
            )
        finally:
            showing[0] = False

    sys.excepthook = hook


def run_gui() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("studydesk")
    app.setWindowIcon(app_icon())
    install_language(system_language())  # until the saved choice can be read, the system's language
    try:
        ctx = create_context(app_paths())
    except (DataDirError, StoreError) as exc:
        QMessageBox.critical(
            None, APP_NAME,
            QCoreApplication.translate("App", "{app} cannot start: {error}.\n\nYour data was left as it is.").format(
                app=APP_NAME, error=core_text(str(exc))),
        )
        return 2
    install_store_error_hook()
    window = create_window(ctx)
    window.show()
    QTimer.singleShot(0, lambda: window.report_startup(ctx.db.report.messages))
    # The remembered (or default) model loads on the model thread once the window is on screen.
    QTimer.singleShot(0, ctx.model.load)
    code = app.exec()
    ctx.files.shutdown(timeout=2.0)  # a listing stuck on a hung folder is a daemon thread: it does not hold the exit
    ctx.model.shutdown()
    ctx.db.close()
    return code
