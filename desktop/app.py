"""Builds the QApplication and the main window; the only place that wires pages together."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME, __version__
from desktop.core.paths import AppPaths, DataDirError, app_paths
from desktop.core.store import open_database
from desktop.ui.context import AppContext
from desktop.ui.i18n import install_language, system_language
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
    # Re-apply when the desktop switches between light and dark (only matters in "system" mode).
    app.styleHints().colorSchemeChanged.connect(ctx.apply_theme)
    return MainWindow(ctx, window_settings(ctx.paths))


def run_gui() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("studydesk")
    install_language(system_language())  # until the saved choice can be read, the system's language
    try:
        ctx = create_context(app_paths())
    except DataDirError as exc:
        QMessageBox.critical(None, APP_NAME, QCoreApplication.translate("App", "{app} cannot start: {error}.").format(
            app=APP_NAME, error=exc))
        return 2
    window = create_window(ctx)
    window.show()
    QTimer.singleShot(0, lambda: window.report_startup(ctx.db.report.messages))
    # The remembered (or default) model loads on the model thread once the window is on screen.
    QTimer.singleShot(0, ctx.model.load)
    code = app.exec()
    ctx.model.shutdown()
    ctx.db.close()
    return code
