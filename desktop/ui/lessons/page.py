"""The Lessons page: table of contents with read marks, an e-book reader, full-text search, the glossary.

Everything it shows comes from desktop.core.lessons; the page holds layout and wiring. Links in the reader are
not followed here: a studydesk:// click is emitted on ctx.sig_open_link and the window routes it (labs,
calculators, cards — and lesson/glossary links come back through `open_link`).
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.lessons import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    ContentProblem,
    Glossary,
    Lesson,
    LessonLibrary,
    SearchHit,
    SearchIndex,
    load_glossary,
    load_lessons,
)
from desktop.core.lessons.progress import read_marks, set_read
from desktop.core.lessons.reader import (
    DARK,
    DEFAULT_ZOOM,
    LIGHT,
    ZOOM_STEPS,
    describe_link,
    message_html,
    reader_html,
)
from desktop.core.links import StudyLink
from desktop.core.paths import CONTENT_DIR
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.lessons.html_delegate import HTML_ROLE, HtmlItemDelegate, WrappingTreeDelegate
from desktop.ui.lessons.reader_view import ReaderView
from desktop.ui.responsive import FlowRow

LANGUAGE_LABELS = {"pt-BR": "Português (BR)", "en": "English"}  # each language named in itself, short
ID_ROLE = Qt.ItemDataRole.UserRole
ANCHOR_ROLE = Qt.ItemDataRole.UserRole + 2
HIT_ROLE = Qt.ItemDataRole.UserRole + 3
TAB_CONTENTS, TAB_SEARCH, TAB_GLOSSARY = 0, 1, 2
SETTING_ZOOM = "lessons_zoom"
SETTING_LESSON = "lessons_current"


class _SearchBox(QLineEdit):
    """A search box that asks for room for a few words, so that a narrow column puts the language below it."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return super().minimumSizeHint().expandedTo(QSize(self.fontMetrics().averageCharWidth() * 14, 0))


class LessonsPage(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, content_dir: Path = CONTENT_DIR) -> None:
        super().__init__()
        self.ctx = ctx
        self.content_dir = content_dir
        self.lang = ctx.language if ctx.language in LANGUAGES else DEFAULT_LANGUAGE
        self.libraries: dict[str, LessonLibrary] = {}
        self.indexes: dict[str, SearchIndex] = {}
        self.glossary: Glossary = load_glossary(content_dir / "glossary.toml")
        self.marks: dict[str, datetime] = read_marks(ctx.db)
        self.current: Lesson | None = None
        self.hits: list[SearchHit] = []
        zoom = ctx.db.get_setting(SETTING_ZOOM, DEFAULT_ZOOM)
        self.zoom = zoom if zoom in ZOOM_STEPS else DEFAULT_ZOOM

        self._build()
        self._install_shortcuts()
        self.reader.apply_look(DARK if ctx.dark else LIGHT, self.reader_zoom())
        ctx.sig_theme_changed.connect(self._on_theme_changed)
        ctx.sig_zoom_changed.connect(self._on_interface_zoom)
        self._interface_zoom = ctx.zoom
        self._side_at_100: float | None = None
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        ctx.sig_language_changed.connect(self._on_language_changed)

        self._load_language(self.lang)
        wanted = str(ctx.db.get_setting(SETTING_LESSON, ""))
        library = self.library
        first = library.get(wanted) or (library.lessons[0] if library.lessons else None)
        if first is not None:
            self.open_lesson(first.id)
        else:
            self._show_empty()

    # layout --------------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        self.problems_banner = QLabel()
        self.problems_banner.setObjectName("lessonProblems")
        self.problems_banner.setWordWrap(True)
        self.problems_banner.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.problems_banner.linkActivated.connect(self._toggle_problems)
        self._problems_expanded = False
        self.problems_banner.hide()
        outer.addWidget(self.problems_banner)

        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        # Left: search box, then Contents / Search / Glossary tabs.
        side = QWidget()
        side.setMinimumWidth(180)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(10, 10, 6, 10)
        side_layout.setSpacing(8)
        # side by side while both fit, the language under the search box in a narrow column (at 1024×600 in
        # pt-BR the search box was left three letters wide: "B…")
        top_row = self.top_row = FlowRow(6)
        self.search_box = _SearchBox()
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._on_search_text)
        self.search_box.returnPressed.connect(self._open_first_hit)
        top_row.add(self.search_box, 1)
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_LABELS[code], code)
        self.language.setCurrentIndex(self.language.findData(self.lang))
        self.language.currentIndexChanged.connect(lambda _i: self.ctx.set_language(self.language.currentData()))
        top_row.add(self.language)
        side_layout.addWidget(top_row)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.toc = QTreeWidget()
        self.toc.setHeaderHidden(True)
        self.toc.setColumnCount(2)
        self.toc.header().setStretchLastSection(False)
        self.toc.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.toc.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.toc.header().resizeSection(1, 26)
        self.toc.setIndentation(14)
        self.toc.setUniformRowHeights(False)
        self.toc.setWordWrap(True)
        self.toc.setItemDelegate(WrappingTreeDelegate(self.toc))
        self.toc.header().sectionResized.connect(lambda *_: self.toc.doItemsLayout())
        self.toc.itemClicked.connect(self._on_toc_item)
        self.toc.itemActivated.connect(self._on_toc_item)
        self.tabs.addTab(self.toc, "")

        self.results = QListWidget()
        self.results.setItemDelegate(HtmlItemDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.itemClicked.connect(self._on_hit_item)
        self.results.itemActivated.connect(self._on_hit_item)
        self.results_status = QLabel()
        self.results_status.setWordWrap(True)
        self.results_status.setContentsMargins(4, 4, 4, 4)
        search_tab = QWidget()
        search_layout = QVBoxLayout(search_tab)
        search_layout.setContentsMargins(0, 4, 0, 0)
        search_layout.addWidget(self.results_status)
        search_layout.addWidget(self.results, 1)
        self.tabs.addTab(search_tab, "")

        glossary_tab = QWidget()
        glossary_layout = QVBoxLayout(glossary_tab)
        glossary_layout.setContentsMargins(0, 6, 0, 0)
        self.glossary_filter = QLineEdit()
        self.glossary_filter.setClearButtonEnabled(True)
        self.glossary_filter.textChanged.connect(self._fill_glossary)
        self.glossary_list = QListWidget()
        self.glossary_list.setWordWrap(True)
        self.glossary_list.setSpacing(2)
        self.glossary_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.glossary_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.glossary_list.currentItemChanged.connect(self._on_term_selected)
        self.definition = QTextBrowser()
        self.definition.setOpenLinks(False)
        self.definition.anchorClicked.connect(self._on_anchor_clicked)
        self.definition.setMinimumHeight(150)
        glossary_split = QSplitter(Qt.Orientation.Vertical)
        glossary_split.addWidget(self.glossary_list)
        glossary_split.addWidget(self.definition)
        glossary_split.setSizes([320, 200])
        glossary_layout.addWidget(self.glossary_filter)
        glossary_layout.addWidget(glossary_split, 1)
        self.tabs.addTab(glossary_tab, "")
        side_layout.addWidget(self.tabs, 1)
        splitter.addWidget(side)

        # Right: a slim toolbar over the reader.
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        bar = QFrame()
        bar.setObjectName("readerBar")
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(6, 6, 6, 6)
        bar_layout.setSpacing(2)  # the tool buttons have their own padding
        self.reader_bar = bar
        bar.installEventFilter(self)  # a narrow bar lets the "100%" label go first (_fit_reader_bar)
        # "◀ Lesson 1 of 8 ▶": the arrows name themselves in their tooltips, so the bar fits a 1180 px window.
        self.prev_button = self._tool("◀", self.go_previous)
        self.next_button = self._tool("▶", self.go_next)
        self.position_label = QLabel()
        self.position_label.setObjectName("lessonPosition")
        bar_layout.addWidget(self.prev_button)
        bar_layout.addWidget(self.position_label)
        bar_layout.addWidget(self.next_button)
        bar_layout.addStretch(1)
        self.try_button = QToolButton()
        self.try_button.setAutoRaise(True)
        self.try_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.try_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.try_menu = QMenu(self.try_button)
        self.try_button.setMenu(self.try_menu)
        bar_layout.addWidget(self.try_button)
        self.review_button = self._tool("", self._review_deck)
        bar_layout.addWidget(self.review_button)
        bar_layout.addSpacing(6)
        self.zoom_out_button = self._tool("A−", self.zoom_out)
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(42)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = self._tool("A+", self.zoom_in)
        for w in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            bar_layout.addWidget(w)
        bar_layout.addSpacing(6)
        self.read_button = QToolButton()
        self.read_button.setCheckable(True)
        self.read_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.read_button.toggled.connect(self._on_read_toggled)
        bar_layout.addWidget(self.read_button)
        right_layout.addWidget(bar)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Plain)
        rule.setObjectName("readerRule")
        right_layout.addWidget(rule)

        self.reader = ReaderView()
        self.reader.anchorClicked.connect(self._on_anchor_clicked)
        right_layout.addWidget(self.reader, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 1010])
        self._update_zoom_label()
        self._style_banner(self.ctx.dark)
        self.retr(self._static_texts)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.reader_bar and event.type() == QEvent.Type.Resize:
            self._fit_reader_bar()
        return super().eventFilter(watched, event)

    def _fit_reader_bar(self) -> None:
        """At 1024×600 in pt-BR the bar was ~50 px short and "Marcar como lida" was cut to "Marcar…o lida": the
        "100%" between A− and A+ goes first (their tooltips still say what they do), and comes back with room."""
        label = self.zoom_label
        need = self.reader_bar.minimumSizeHint().width()
        if label.isHidden():
            need += label.sizeHint().width() + self.reader_bar.layout().spacing()
        label.setVisible(self.reader_bar.width() >= need)

    def _static_texts(self) -> None:
        self.search_box.setPlaceholderText(self.tr("Search the lessons"))
        self.search_box.setToolTip(self.tr("Search every lesson (Ctrl+F); Enter opens the first match, Esc clears"))
        self.language.setToolTip(self.tr("Language of the lessons and of the whole app (also in Settings)"))
        self.glossary_filter.setPlaceholderText(self.tr("Filter terms"))
        self.tabs.setTabText(TAB_SEARCH, self.tr("Search"))
        self.tabs.setTabText(TAB_GLOSSARY, self.tr("Glossary"))
        self.try_button.setText(self.tr("Try it") + "  ▾")
        self.try_button.setToolTip(self.tr("Open this lesson's demos in the lab and calculators"))
        self.review_button.setText(self.tr("Review cards"))
        self.review_button.setToolTip(self.tr("Review this lesson's flashcards"))
        self.zoom_out_button.setToolTip(self.tr("Smaller lesson text (the whole interface: Ctrl+-)"))
        self.zoom_label.setToolTip(self.tr("Text size (Ctrl+0 resets)"))
        self.zoom_in_button.setToolTip(self.tr("Larger lesson text (the whole interface: Ctrl+=)"))
        self.read_button.setToolTip(self.tr("Mark this lesson as read (Ctrl+M)"))

    def retranslate(self) -> None:
        """The chrome's words. The lessons themselves follow the same setting through sig_language_changed."""
        super().retranslate()
        self._refresh_marks()
        self._sync_chrome()
        self._show_problems()
        if not self.search_box.text().strip():
            self._run_search()  # the search tab's hint

    def _style_banner(self, dark: bool) -> None:
        colors = ("#3a3114", "#f3dc9b", "#6b5a22") if dark else ("#fff3cd", "#5c4400", "#e6c96b")
        self.problems_banner.setStyleSheet(
            f"QLabel#lessonProblems {{ background: {colors[0]}; color: {colors[1]}; padding: 8px 14px;"
            f" border-bottom: 1px solid {colors[2]}; }}"
        )

    def _tool(self, text: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _install_shortcuts(self) -> None:
        bound: set[str] = set()

        def bind(keys: str | QKeySequence.StandardKey, slot: object) -> None:
            # Two shortcuts on one key are "ambiguous" and neither fires: bind each sequence once (the platform's
            # standard zoom keys are often the same as Ctrl++ / Ctrl+-).
            sequences = QKeySequence.keyBindings(keys) if isinstance(keys, QKeySequence.StandardKey) else [
                QKeySequence(keys)
            ]
            for sequence in sequences:
                name = sequence.toString()
                if not name or name in bound:
                    continue
                bound.add(name)
                shortcut = QShortcut(sequence, self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)

        # Ctrl+= / Ctrl+- / Ctrl+0 belong to the window (the whole interface's zoom, which the reader follows);
        # A− / A+ set the reader's own text size on top of it.
        bind("Alt+Left", self.go_previous)
        bind("Alt+Right", self.go_next)
        bind("Ctrl+F", self.focus_search)
        bind("Ctrl+M", self.read_button.toggle)
        bind("Escape", self._clear_search)

    # data ----------------------------------------------------------------------------------------------------------
    @property
    def library(self) -> LessonLibrary:
        return self.libraries[self.lang]

    def _load_language(self, lang: str) -> None:
        if lang not in self.libraries:
            self.libraries[lang] = load_lessons(lang, self.content_dir)
            self.indexes[lang] = SearchIndex(self.libraries[lang].lessons)
        self.lang = lang
        self._fill_toc()
        self._fill_glossary()
        self._show_problems()
        if self.search_box.text().strip():
            self._run_search()

    def problems(self) -> list[ContentProblem]:
        return [*self.library.problems, *self.glossary.problems]

    def _show_problems(self) -> None:
        """One calm line naming the first problem; "Show all" lists every file:line (the author's to-do list)."""
        problems = self.problems()
        if not problems:
            self.problems_banner.hide()
            return
        head = "<b>⚠ {}</b> — {}".format(self.tr("%n problem(s) in the lesson files", "", len(problems)),
                                         self.tr("everything else loaded normally."))
        if self._problems_expanded:
            body = "<br>".join(escape(str(p)) for p in problems)
            hide = self.tr("Hide")
            text = f"{head} <a href='#hide'>{hide}</a><br>{body}"
        else:
            text = f"{head} {escape(str(problems[0]))}"
            if len(problems) > 1:
                text += " <a href='#show'>{}</a>".format(self.tr("Show all {n}").format(n=len(problems)))
        self.problems_banner.setText(text)
        self.problems_banner.setToolTip("\n".join(str(p) for p in problems))
        self.problems_banner.show()

    def _toggle_problems(self, _link: str) -> None:
        self._problems_expanded = not self._problems_expanded
        self._show_problems()

    # table of contents ---------------------------------------------------------------------------------------------
    def _fill_toc(self) -> None:
        self.toc.clear()
        bold = QFont(self.toc.font())
        bold.setWeight(QFont.Weight.DemiBold)
        for n, lesson in enumerate(self.library.lessons, start=1):
            item = QTreeWidgetItem([f"{n}. {lesson.title}", ""])
            item.setData(0, ID_ROLE, lesson.id)
            item.setData(0, ANCHOR_ROLE, "")
            item.setToolTip(0, lesson.summary or lesson.title)
            item.setFont(0, bold)
            for heading in lesson.headings:
                if heading.level != 2:
                    continue
                child = QTreeWidgetItem([heading.title, ""])
                child.setData(0, ID_ROLE, lesson.id)
                child.setData(0, ANCHOR_ROLE, heading.anchor)
                child.setToolTip(0, heading.title)
                item.addChild(child)
            self.toc.addTopLevelItem(item)
        self._refresh_marks()

    def _refresh_marks(self) -> None:
        for i in range(self.toc.topLevelItemCount()):
            item = self.toc.topLevelItem(i)
            lesson_id = item.data(0, ID_ROLE)
            read = lesson_id in self.marks
            item.setText(1, "✓" if read else "")
            item.setToolTip(1, self.tr("Read") if read else "")
            item.setForeground(1, self.palette().highlight())
        read_count = sum(1 for lesson in self.library.lessons if lesson.id in self.marks)
        self.tabs.setTabText(TAB_CONTENTS, self.tr("Contents") + f"  {read_count}/{len(self.library.lessons)}")

    def toc_item(self, lesson_id: str) -> QTreeWidgetItem | None:
        for i in range(self.toc.topLevelItemCount()):
            item = self.toc.topLevelItem(i)
            if item.data(0, ID_ROLE) == lesson_id:
                return item
        return None

    def _on_toc_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.open_lesson(item.data(0, ID_ROLE), item.data(0, ANCHOR_ROLE) or "")

    # reading -------------------------------------------------------------------------------------------------------
    def open_lesson(self, lesson_id: str, anchor: str = "", highlight: str = "") -> bool:
        lesson = self.library.get(lesson_id)
        if lesson is None:
            self.ctx.sig_status_message.emit(self.tr("There is no lesson {lesson} in {language}.").format(
                lesson=repr(lesson_id), language=LANGUAGE_LABELS[self.lang]), 6000)
            return False
        changed = self.current is None or self.current.id != lesson.id or self.current.lang != lesson.lang
        self.current = lesson
        if changed:
            self._render(keep_scroll=False)
            self.ctx.db.set_setting(SETTING_LESSON, lesson.id)
        self._sync_chrome()
        if highlight:
            self.reader.highlight(highlight, anchor)
        elif anchor:
            if not self.reader.go_to_anchor(anchor):
                self.ctx.sig_status_message.emit(self.tr("Lesson {lesson} has no section {section}.").format(
                    lesson=repr(lesson.title), section=repr(anchor)), 6000)
        elif not changed:
            self.reader.verticalScrollBar().setValue(0)
        return True

    def _render(self, keep_scroll: bool) -> None:
        lesson = self.current
        if lesson is None:
            return
        mark = self.marks.get(lesson.id)
        read_on = fmt.long_date(mark.astimezone()) if mark else None
        self.reader.show_html(reader_html(lesson, read_on), keep_scroll=keep_scroll)

    def _show_empty(self) -> None:
        self.current = None
        problems = [str(p) for p in self.problems()]
        self.reader.show_html(
            message_html(
                self.tr("No lessons in {language}").format(language=LANGUAGE_LABELS[self.lang]),
                self.tr("The lesson files could not be loaded. Fix the problems below, or switch the language."),
                problems,
            )
        )
        self._sync_chrome()

    def _sync_chrome(self) -> None:
        lesson = self.current
        ids = self.library.ids()
        prev, nxt = self.library.neighbours(lesson.id) if lesson else (None, None)
        self.prev_button.setEnabled(prev is not None)
        self.next_button.setEnabled(nxt is not None)
        self.prev_button.setToolTip(self.tr("Previous: {lesson}  (Alt+Left)").format(lesson=prev.title) if prev
                                    else self.tr("This is the first lesson"))
        self.next_button.setToolTip(self.tr("Next: {lesson}  (Alt+Right)").format(lesson=nxt.title) if nxt
                                    else self.tr("This is the last lesson"))
        self.position_label.setText(self.tr("Lesson {n} of {total}").format(n=ids.index(lesson.id) + 1, total=len(ids))
                                    if lesson else "")
        self.read_button.blockSignals(True)
        self.read_button.setChecked(bool(lesson and lesson.id in self.marks))
        self.read_button.blockSignals(False)
        self.read_button.setEnabled(lesson is not None)
        self.read_button.setText("✓ " + self.tr("Read") if lesson and lesson.id in self.marks else self.tr("Mark as read"))
        self.try_menu.clear()
        for url in lesson.labs if lesson else []:
            action = self.try_menu.addAction(describe_link(url, self.lang))
            action.triggered.connect(lambda _=False, u=url: self.ctx.sig_open_link.emit(u))
        self.try_button.setEnabled(bool(lesson and lesson.labs))
        self.review_button.setEnabled(bool(lesson and lesson.deck))
        item = self.toc_item(lesson.id) if lesson else None
        if item is not None and self.toc.currentItem() is not item and (
            self.toc.currentItem() is None or self.toc.currentItem().data(0, ID_ROLE) != lesson.id
        ):
            self.toc.setCurrentItem(item)

    def go_previous(self) -> None:
        if self.current:
            prev, _ = self.library.neighbours(self.current.id)
            if prev:
                self.open_lesson(prev.id)

    def go_next(self) -> None:
        if self.current:
            _, nxt = self.library.neighbours(self.current.id)
            if nxt:
                self.open_lesson(nxt.id)

    def _review_deck(self) -> None:
        if self.current and self.current.deck:
            self.ctx.sig_open_link.emit(f"studydesk://cards/review?deck={self.current.deck}")

    # read marks ----------------------------------------------------------------------------------------------------
    def _on_read_toggled(self, checked: bool) -> None:
        if self.current is None:
            return
        set_read(self.ctx.db, self.current.id, checked)
        self.marks = read_marks(self.ctx.db)
        self._refresh_marks()
        self._sync_chrome()
        self._render(keep_scroll=True)
        title = self.current.title
        self.ctx.sig_status_message.emit(self.tr("Marked {lesson} as read.").format(lesson=repr(title)) if checked
                                         else self.tr("{lesson} is unread.").format(lesson=repr(title)), 3000)

    # zoom ----------------------------------------------------------------------------------------------------------
    def set_zoom(self, zoom: int) -> None:
        zoom = min(ZOOM_STEPS, key=lambda step: abs(step - zoom))
        if zoom == self.zoom:
            return
        self.zoom = zoom
        self.ctx.db.set_setting(SETTING_ZOOM, zoom)
        self.reader.apply_look(self.reader.palette_, self.reader_zoom())
        self.reader.rerender()
        self._update_zoom_label()

    def _on_splitter_moved(self, position: int, _index: int) -> None:
        self._side_at_100 = position * 100 / self._interface_zoom

    def reader_zoom(self) -> int:
        """The reader's text size: its own zoom (A− / A+) times the whole interface's (Ctrl+= / Ctrl+-)."""
        return round(self.zoom * self.ctx.zoom / 100)

    def _on_interface_zoom(self, percent: int) -> None:
        # The contents column grows and shrinks with the text it holds, as the reader does (from the width the
        # student gave it at 100 %, so zooming in and out again puts it back where it was).
        sizes = self.splitter.sizes()
        if self._side_at_100 is None and sizes[0] > 0:
            self._side_at_100 = sizes[0] * 100 / self._interface_zoom
        self._interface_zoom = percent
        if self._side_at_100 is not None and sum(sizes) > 0:
            side = round(self._side_at_100 * percent / 100)
            self.splitter.setSizes([side, sum(sizes) - side])
        self.reader.apply_look(self.reader.palette_, self.reader_zoom())
        self.reader.rerender()
        for view in (self.toc, self.results, self.glossary_list):
            # Wrapped rows take their height from the font and the column: measure them again once the new
            # sizes are in place.
            QTimer.singleShot(0, view, view.doItemsLayout)

    def zoom_in(self) -> None:
        bigger = [s for s in ZOOM_STEPS if s > self.zoom]
        if bigger:
            self.set_zoom(bigger[0])

    def zoom_out(self) -> None:
        smaller = [s for s in ZOOM_STEPS if s < self.zoom]
        if smaller:
            self.set_zoom(smaller[-1])

    def reset_zoom(self) -> None:
        self.set_zoom(DEFAULT_ZOOM)

    def _update_zoom_label(self) -> None:
        self.zoom_label.setText(f"{self.zoom}%")
        self.zoom_in_button.setEnabled(self.zoom < ZOOM_STEPS[-1])
        self.zoom_out_button.setEnabled(self.zoom > ZOOM_STEPS[0])

    # theme and language --------------------------------------------------------------------------------------------
    def _on_theme_changed(self, dark: bool) -> None:
        self._style_banner(dark)
        self.reader.apply_look(DARK if dark else LIGHT, self.reader_zoom())
        self.reader.rerender()
        self._refresh_marks()

    def _on_language_changed(self, lang: str) -> None:
        if lang not in LANGUAGES or lang == self.lang:
            return
        index = self.language.findData(lang)
        if index != self.language.currentIndex():
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)
        keep = self.current.id if self.current else ""
        # Both languages share heading anchors, so the student stays in the same section.
        section = self.reader.anchor_at_top([h.anchor for h in self.current.headings[1:]]) if self.current else ""
        self.current = None
        self._load_language(lang)
        target = self.library.get(keep) or (self.library.lessons[0] if self.library.lessons else None)
        if target is not None:
            self.open_lesson(target.id, section if section in target.anchors else "")
        else:
            self._show_empty()

    def focus_on_arrival(self) -> None:
        """Ctrl+1 or a click in the sidebar: the keyboard goes to the lesson (Space/PgDn scroll it, Tab walks its
        links), not to the page itself, where it was invisible and no key did anything."""
        self.reader.setFocus()

    # search --------------------------------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _clear_search(self) -> None:
        if self.search_box.text():
            self.search_box.clear()
            self.tabs.setCurrentIndex(TAB_CONTENTS)

    def _on_search_text(self, text: str) -> None:
        if text.strip():
            self.tabs.setCurrentIndex(TAB_SEARCH)
        self._run_search()

    def _run_search(self) -> None:
        query = self.search_box.text().strip()
        self.results.clear()
        self.hits = []
        if not query:
            self.results_status.setText(self.tr("Type a word to search every lesson (accents and case don't matter)."))
            return
        hits = self.indexes[self.lang].search(query)
        self.hits = hits
        if not hits:
            self.results_status.setText(self.tr("No section mentions “{query}”.").format(query=query))
            return
        self.results_status.setText(self.tr("%n section(s) — click one to jump there.", "", len(hits)))
        for hit in hits:
            self.results.addItem(self._hit_item(hit))

    def _hit_item(self, hit: SearchHit) -> QListWidgetItem:
        where = escape(hit.lesson_title)
        if hit.heading and hit.heading != hit.lesson_title:
            where += f" › {escape(hit.heading)}"
        item = QListWidgetItem(f"{hit.lesson_title} › {hit.heading}\n{hit.snippet}")
        item.setData(HTML_ROLE, f"<div style='font-weight:600'>{where}</div><div>{hit.snippet_html}</div>")
        item.setData(HIT_ROLE, hit)
        return item

    def _on_hit_item(self, item: QListWidgetItem) -> None:
        hit: SearchHit = item.data(HIT_ROLE)
        self.open_search_hit(hit)

    def open_search_hit(self, hit: SearchHit) -> None:
        self.open_lesson(hit.lesson_id, hit.anchor, highlight=hit.match)

    def _open_first_hit(self) -> None:
        if self.results.count():
            self.results.setCurrentRow(0)
            self._on_hit_item(self.results.item(0))

    # glossary ------------------------------------------------------------------------------------------------------
    def _fill_glossary(self, _text: str = "") -> None:
        selected = self.glossary_list.currentItem().data(ID_ROLE) if self.glossary_list.currentItem() else None
        self.glossary_list.blockSignals(True)
        self.glossary_list.clear()
        for term in self.glossary.search(self.glossary_filter.text(), self.lang):
            item = QListWidgetItem(term.name(self.lang))
            item.setData(ID_ROLE, term.id)
            item.setToolTip(term.definition(self.lang))
            self.glossary_list.addItem(item)
        self.glossary_list.blockSignals(False)
        if selected:
            # Keep the selection only if the term is still listed: clearing the filter here would erase what
            # the student is typing.
            self.select_term(selected, switch_tab=False, clear_filter=False)
        if not self.glossary.terms:
            self.definition.setHtml("<p>{}</p>".format(
                escape(self.tr("The glossary could not be loaded; see the problems above."))))
        elif self.glossary_list.count() == 0:
            empty = self.tr("No term matches “{filter}”.").format(filter=self.glossary_filter.text().strip())
            self.definition.setHtml(f"<p style='color:gray'>{escape(empty)}</p>")
        elif self.glossary_list.currentItem() is None:
            self.definition.setHtml("<p style='color:gray'>{}</p>".format(
                escape(self.tr("Pick a term to read its definition."))))

    def select_term(self, term_id: str, switch_tab: bool = True, clear_filter: bool = True) -> bool:
        if switch_tab:
            self.tabs.setCurrentIndex(TAB_GLOSSARY)
        for row in range(self.glossary_list.count()):
            item = self.glossary_list.item(row)
            if item.data(ID_ROLE) == term_id:
                self.glossary_list.setCurrentItem(item)
                self.glossary_list.scrollToItem(item)
                self._on_term_selected(item)
                return True
        if clear_filter and self.glossary.get(term_id) is not None and self.glossary_filter.text():
            self.glossary_filter.clear()  # the term is filtered out: show everything, then select it
            return self.select_term(term_id, switch_tab)
        return False

    def _on_term_selected(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is None:
            return
        term = self.glossary.get(item.data(ID_ROLE))
        if term is None:
            return
        lesson = self.library.get(term.lesson)
        where = lesson.heading_title(term.anchor) if lesson else term.lesson
        lesson_title = lesson.title if lesson else term.lesson
        label = escape(self.tr("Read in the lesson"))
        self.definition.setHtml(
            f"<h3>{escape(term.name(self.lang))}</h3>"
            f"<p style='line-height:140%'>{escape(term.definition(self.lang))}</p>"
            f"<p><a href='{escape(term.link)}'>{label}: {escape(lesson_title)} › {escape(where)}</a></p>"
        )

    # links ---------------------------------------------------------------------------------------------------------
    def _on_anchor_clicked(self, url: QUrl) -> None:
        text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        if url.scheme() == "studydesk":
            self.ctx.sig_open_link.emit(text)
        elif not url.scheme() and url.fragment():
            self.reader.go_to_anchor(url.fragment())
        else:
            self.ctx.sig_status_message.emit(
                self.tr("Links outside the app are not opened (offline): {url}").format(url=url.toString()), 8000)

    def open_link(self, link: StudyLink) -> None:
        """Routed studydesk://lesson/<id>#anchor and studydesk://glossary/<id> links."""
        if link.host in ("lesson", "lessons"):
            if link.path:
                self.open_lesson(link.path, link.fragment)
            else:
                self.tabs.setCurrentIndex(TAB_CONTENTS)
        elif link.host == "glossary":
            if not self.select_term(link.path):
                self.ctx.sig_status_message.emit(
                    self.tr("There is no glossary term {term}.").format(term=repr(link.path)), 6000)

    def shutdown(self) -> None:
        """Nothing runs in the background; read marks and settings are committed as they change."""
