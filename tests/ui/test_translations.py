"""The interface in the student's language: Qt translations complete and current, one live language switch for every
page, dialog, menu and chart, and numbers and dates in the interface language's QLocale."""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QChartView, QHorizontalStackedBarSeries
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from desktop.ui.context import AppContext
from desktop.ui.i18n import build, fmt, system_language
from desktop.ui.i18n.terms import KEEP_IN_ENGLISH, SAME_IN_EVERY_LANGUAGE
from desktop.ui.lab.texts import EXAMPLES
from desktop.ui.main_window import MainWindow
from desktop.ui.pages import PAGES

# Content, not interface: the lab's example prompts come in both languages on purpose (the model handles both).
CONTENT = {prompt for prompts in EXAMPLES.values() for prompt in prompts}
QUOTED = re.compile(r"“[^”]*”")

TS_DIR = build.HERE
WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*")
TAG = re.compile(r"<[^>]+>")
CODE = re.compile(r"<(pre|code)>.*?</\1>", re.DOTALL)


# ---- the .ts / .qm files ------------------------------------------------------------------------------------------
def messages(ts: Path) -> Iterator[tuple[str, ET.Element]]:
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def test_every_ts_entry_is_finished_and_none_is_obsolete() -> None:
    for ts in build.TS_FILES.values():
        for context, message in messages(ts):
            translation = message.find("translation")
            assert translation is not None
            kind = translation.get("type")
            source = message.findtext("source")
            assert kind not in ("unfinished", "obsolete", "vanished"), f"{ts.name} [{context}] {source!r}: {kind}"
            forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
            assert all(forms), f"{ts.name} [{context}] {source!r} has an empty translation"


def test_placeholders_survive_translation() -> None:
    for context, message in messages(build.TS_FILES["pt_BR"]):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        for text in [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]:
            assert set(re.findall(r"\{\w*\}", text)) == set(re.findall(r"\{\w*\}", source)), (context, source, text)
            assert ("%n" in text) == ("%n" in source), (context, source, text)


def test_ts_files_are_current_with_the_code(tmp_path: Path) -> None:
    """lupdate over desktop/ui finds no string the .ts files lack and none they keep for nothing (run
    `make translations` after adding or changing a tr() string, then translate it in Qt Linguist)."""
    for code, ts in build.TS_FILES.items():
        copy = tmp_path / ts.name
        shutil.copy(ts, copy)
        build.lupdate(copy, plural_only=code == "en")
        before = {(c, m.findtext("source"), m.findtext("comment")) for c, m in messages(ts)}
        after = {(c, m.findtext("source"), m.findtext("comment")) for c, m in messages(copy)}
        assert after == before, f"{ts.name} is stale: new {sorted(map(str, after - before))[:10]}, " \
                                f"gone {sorted(map(str, before - after))[:10]}"


def test_compiled_qm_files_hold_the_ts_translations() -> None:
    for ts in build.TS_FILES.values():
        translator = QTranslator()
        assert translator.load(str(ts.with_suffix(".qm"))), f"{ts.with_suffix('.qm').name} is missing"
        for context, message in messages(ts):
            source = message.findtext("source")
            comment = message.findtext("comment")
            translation = message.find("translation")
            forms = translation.findall("numerusform")
            if forms:
                got = [translator.translate(context, source, comment, n) for n in (1, 2)]
                assert got == [forms[0].text, forms[1].text], (ts.name, context, source)
            else:
                got = translator.translate(context, source, comment)
                assert got == translation.text, f"{ts.name} [{context}] {source!r}: .qm is out of date"


# ---- collecting what the interface shows ----------------------------------------------------------------------------
def plain(text: str) -> str:
    """Rich text as read on screen: tags and entities gone, keyboard-accelerator ampersands gone."""
    if "<" in text:
        text = html.unescape(TAG.sub(" ", CODE.sub(" ", text)))  # code (shell commands) is not translated
    return " ".join(re.sub(r"&(?=\w)", "", text).split())


def chart_texts(view: QChartView) -> Iterator[str]:
    chart = view.chart()
    yield chart.title()
    for axis in chart.axes():
        yield axis.titleText()
        if isinstance(axis, QBarCategoryAxis):
            yield from axis.categories()
    for series in chart.series():
        yield series.name()
        if isinstance(series, QBarSeries | QHorizontalStackedBarSeries):
            for bar_set in series.barSets():
                yield bar_set.label()


def widget_texts(widget: QWidget) -> Iterator[str]:
    yield widget.toolTip()
    if isinstance(widget, QLabel):
        yield widget.text()
    elif isinstance(widget, QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QLineEdit | QPlainTextEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield widget.tabText(i)
            yield widget.tabToolTip(i)
    elif isinstance(widget, QTableWidget):
        for i in range(widget.columnCount()):
            item = widget.horizontalHeaderItem(i)
            if item is not None:
                yield item.text()
                yield item.toolTip()
    elif isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        yield from (header.text(i) for i in range(widget.columnCount()))
    elif isinstance(widget, QChartView):
        yield from chart_texts(widget)
    if isinstance(widget, QAbstractSpinBox):
        yield widget.specialValueText()
        if isinstance(widget, QSpinBox):
            yield widget.suffix()


def texts_of(root: QWidget) -> dict[tuple[int, int], str]:
    """Every text `root` shows (visible or not), keyed by widget and position so a switch can be compared."""
    found: dict[tuple[int, int], str] = {}
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QMenu):
            items = [a.text() for a in widget.actions()] + [widget.title()]
        else:
            items = list(widget_texts(widget))
        for n, text in enumerate(items):
            text = plain(text or "")
            if text:
                found[(id(widget), n)] = text
    return found


def menu_texts(window: MainWindow) -> dict[tuple[int, int], str]:
    """The menu bar's menus and their actions."""
    found = {}
    for action in window.menuBar().actions():
        found[(id(action), 0)] = plain(action.text())
        for sub in action.menu().actions() if action.menu() else []:
            found[(id(sub), 0)] = plain(sub.text())
    return {k: v for k, v in found.items() if v}


# ---- what counts as left in the other language --------------------------------------------------------------------
def _words(texts: Iterator[str]) -> set[str]:
    return {w.lower() for t in texts for w in WORD.findall(plain(t or ""))}


def vocabularies() -> tuple[set[str], set[str], set[str]]:
    """(words only the English sources use, words only the pt-BR translations use, sources whose pt-BR differs)."""
    sources, translations, changed = [], [], set()
    for _context, message in messages(build.TS_FILES["pt_BR"]):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        texts = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
        sources.append(source)
        translations.extend(texts)
        if any(plain(t) != plain(source) for t in texts):
            changed.add(plain(source))
    keep = {k.lower() for k in KEEP_IN_ENGLISH}
    en, pt = _words(iter(sources)), _words(iter(translations))
    return en - pt - keep, pt - en - keep, changed


EN_ONLY, PT_ONLY, CHANGED_SOURCES = vocabularies()


KEEP_LOWER = {k.lower() for k in KEEP_IN_ENGLISH}


def kept(text: str) -> bool:
    """Texts allowed to read the same in both languages: the kept terms, language names, and content (the lab's
    example prompts, and anything in “quotes”, which is the student's or the lessons' own text)."""
    if text in SAME_IN_EVERY_LANGUAGE or text in CONTENT:
        return True
    return all(w.lower() in KEEP_LOWER for w in WORD.findall(QUOTED.sub(" ", text)))


def words_of(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(QUOTED.sub(" ", text))}


def left_in(language_words: set[str], before: dict, after: dict, sources: set[str]) -> list[str]:
    """Texts unchanged by the switch that still read as the previous language."""
    stale = []
    for key, text in after.items():
        if before.get(key) != text or kept(text):
            continue
        if text in sources or words_of(text) & language_words:
            stale.append(text)
    return sorted(set(stale))


def settle() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    QCoreApplication.processEvents()


@pytest.fixture
def full_window(qtbot, window: MainWindow) -> MainWindow:
    for spec in PAGES:  # every page built, so a live switch has to reach all of them
        window.show_page(spec.key)
    return window


@pytest.mark.parametrize("first, then", [("en", "pt-BR"), ("pt-BR", "en")])
def test_a_live_switch_leaves_nothing_in_the_other_language(qtbot, full_window: MainWindow, first: str,
                                                            then: str) -> None:
    window, ctx = full_window, full_window.ctx
    ctx.set_language(first)
    settle()
    before = {spec.key: texts_of(window.page(spec.key)) for spec in PAGES}
    before_menus = menu_texts(window)
    ctx.set_language(then)
    settle()
    stale_words, sources = (EN_ONLY, CHANGED_SOURCES) if then == "pt-BR" else (PT_ONLY, set())
    problems = {}
    for spec in PAGES:
        after = texts_of(window.page(spec.key))
        changed = [k for k, v in after.items() if before[spec.key].get(k) not in (None, v)]
        assert changed, f"switching to {then} changed no text on the {spec.key} page"
        stale = left_in(stale_words, before[spec.key], after, sources)
        if stale:
            problems[spec.key] = stale
    stale = left_in(stale_words, before_menus, menu_texts(window), sources)
    if stale:
        problems["menus"] = stale
    assert not problems, f"still in the previous language after switching to {then}: {problems}"


def test_every_page_opened_in_pt_br_shows_no_english(qtbot, ctx: AppContext) -> None:
    """A fresh window built in pt-BR (not switched): every text that is an English source has been translated."""
    from desktop.app import create_window

    ctx.set_language("pt-BR")
    win = create_window(ctx)
    qtbot.addWidget(win)
    problems = {}
    for spec in PAGES:
        win.show_page(spec.key)
    # Beyond the first view: a revealed card, a quiz answered, a search, a model-less tokenizer, a bad input.
    cards = win.page("cards")
    cards.review.reveal()
    cards.quiz.start(None)
    cards.quiz.choose(0)
    win.page("lessons").search_box.setText("token")
    memory = win.page("memory").memory
    memory.kv_heads.setText("x")
    memory.recompute()
    # Lesson and card text is content (checked by the content tests), not interface: leave those widgets out.
    quiz, review = cards.quiz, cards.review
    content = {id(w) for w in (review.question, review.answer, quiz.question, quiz.explanation, quiz.verdict,
                               *quiz.option_buttons, *(b.label for b in quiz.option_buttons))}
    for spec in PAGES:
        shown = {key: text for key, text in texts_of(win.page(spec.key)).items() if key[0] not in content}
        english = sorted({t for t in shown.values() if not kept(t) and (t in CHANGED_SOURCES or words_of(t) & EN_ONLY)})
        if english:
            problems[spec.key] = english
    assert not problems, f"English on pt-BR pages: {problems}"
    win.close()


def dialog_texts(dialog: QDialog) -> set[str]:
    return set(texts_of(dialog).values()) | {plain(dialog.windowTitle())}


def open_dialogs(window: MainWindow) -> list[QDialog]:
    from desktop.ui.about import AboutDialog
    from desktop.ui.cards.browse import CardDialog
    from desktop.ui.memory.scenarios_panel import CompareDialog

    memory = window.page("memory").memory
    memory.apply_preset("course")
    memory.scenarios.name_edit.setText(f"A{memory.scenarios.list.count()}")
    first = memory.scenarios.save_current()
    assert first is not None, memory.scenarios.message.text()
    memory.params.setText("7B")
    memory.recompute()
    memory.scenarios.name_edit.setText(f"B{memory.scenarios.list.count()}")
    second = memory.scenarios.save_current()
    assert first is not None and second is not None, memory.scenarios.message.text()
    dialogs = [AboutDialog(window), CardDialog(window, [("intro", "Intro")]), CompareDialog(first, second, window)]
    return dialogs


def test_dialogs_follow_the_language(qtbot, full_window: MainWindow) -> None:
    ctx = full_window.ctx
    ctx.set_language("en")
    settle()
    english = set().union(*(dialog_texts(d) for d in open_dialogs(full_window)))
    ctx.set_language("pt-BR")
    settle()
    portuguese = [dialog_texts(d) for d in open_dialogs(full_window)]
    stale = sorted(t for texts in portuguese for t in texts & english if not kept(t) and (
        t in CHANGED_SOURCES or words_of(t) & EN_ONLY))
    assert not stale, f"English left in pt-BR dialogs: {stale}"
    # Qt's own strings come from qtbase_pt_BR.qm: the standard Close button of the About dialog.
    about = open_dialogs(full_window)[0]
    close = about.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.text().replace("&", "") == "Fechar"
    field = QLineEdit()
    menu = field.createStandardContextMenu()  # a standard context menu
    assert "&Copiar" in [a.text().split("\t")[0] for a in menu.actions()]


# ---- the language setting -------------------------------------------------------------------------------------------
def test_first_start_follows_the_system_locale() -> None:
    portuguese = QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil)
    assert system_language(portuguese) == "pt-BR"
    assert system_language(QLocale(QLocale.Language.Portuguese, QLocale.Country.Portugal)) == "pt-BR"
    assert system_language(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) == "en"
    assert system_language(QLocale(QLocale.Language.French, QLocale.Country.France)) == "en"


def test_first_start_remembers_the_system_choice(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.app import create_context
    from desktop.core.paths import app_paths

    monkeypatch.setattr("desktop.ui.context.system_language", lambda: "pt-BR")
    ctx = create_context(app_paths())
    try:
        assert ctx.language == "pt-BR" and ctx.db.get_setting("content_language") == "pt-BR"
        assert QCoreApplication.translate("Pages", "Settings") == "Configurações"
        monkeypatch.setattr("desktop.ui.context.system_language", lambda: "en")
        assert ctx.language == "pt-BR", "the first choice is remembered, not recomputed"
        with pytest.raises(ValueError, match="unknown language"):
            ctx.set_language("klingon")
    finally:
        ctx.model.shutdown()
        ctx.db.close()


def test_settings_language_item_switches_interface_and_content(qtbot, full_window: MainWindow) -> None:
    page = full_window.page("settings")
    full_window.show_page("settings")
    with qtbot.waitSignal(full_window.ctx.sig_language_changed):
        page.language.setCurrentIndex(page.language.findData("pt-BR"))
    settle()
    assert full_window.sidebar.item(7).text() == "Configurações"
    assert full_window.menuBar().actions()[0].text() == "&Arquivo"
    assert full_window.page("lessons").lang == "pt-BR"  # the content follows the same setting
    review = full_window.page("cards").review
    assert review.show_button.text().startswith("Mostrar resposta")
    with qtbot.waitSignal(full_window.ctx.sig_language_changed):
        page.language.setCurrentIndex(page.language.findData("en"))
    settle()
    assert full_window.sidebar.item(7).text() == "Settings"
    assert review.show_button.text().startswith("Show answer")


def test_decimal_fields_take_either_separator_and_follow_a_switch(qtbot, full_window: MainWindow) -> None:
    retention = full_window.page("settings").flashcards.retention
    full_window.ctx.set_language("pt-BR")
    settle()
    assert retention.text() == "0,90"
    for typed in ("0.85", "0,85"):
        retention.lineEdit().setText(typed)
        retention.interpretText()
        assert retention.value() == pytest.approx(0.85)
    full_window.ctx.set_language("en")
    settle()
    assert retention.text() == "0.85"


# ---- numbers and dates ----------------------------------------------------------------------------------------------
@pytest.fixture
def pt_br(ctx: AppContext) -> Iterator[AppContext]:
    ctx.set_language("pt-BR")
    yield ctx
    ctx.set_language("en")


def test_numbers_and_dates_follow_the_interface_locale(pt_br: AppContext) -> None:
    assert fmt.integer(1_000_000_000) == "1.000.000.000"
    assert fmt.decimal(24, 2) + " GB" == "24,00 GB"
    assert fmt.percent(0.734) == "73,4%"
    assert fmt.short_date(date(2026, 11, 30)) == "30 de nov."
    assert fmt.localize("24.00 GB (1,000,000,000 parameters)") == "24,00 GB (1.000.000.000 parameters)"
    assert fmt.interval(timedelta(minutes=10)) == "10 min" and fmt.interval(timedelta(days=45)) == "1,5 mês"
    pt_br.set_language("en")
    assert fmt.integer(1_000_000_000) == "1,000,000,000" and fmt.percent(0.734) == "73.4%"
    assert fmt.short_date(date(2026, 11, 30)) == "Nov 30" and fmt.interval(timedelta(days=45)) == "1.5mo"


@pytest.mark.parametrize("lang", ["pt-BR", "en"])
def test_inputs_accept_both_decimal_separators(ctx: AppContext, lang: str) -> None:
    ctx.set_language(lang)
    assert fmt.parse_decimal("1,5") == fmt.parse_decimal("1.5") == 1.5
    assert fmt.parse_decimal("1.000.000") == fmt.parse_decimal("1,000,000") == 1_000_000
    assert fmt.parse_decimal("1.000,5") == fmt.parse_decimal("1,000.5") == 1000.5
    assert fmt.delocalize("1,5B") == "1.5B" and fmt.delocalize("0,25") == "0.25"
    with pytest.raises(ValueError, match="not a number"):
        fmt.parse_decimal("1,5x")
    ctx.set_language("en")


def test_calculators_show_and_read_numbers_in_pt_br(qtbot, pt_br: AppContext) -> None:
    from desktop.ui.memory.memory_tab import MemoryTab
    from desktop.ui.scaling_page import ScalingPage

    tab = MemoryTab(pt_br)
    qtbot.addWidget(tab)
    tab.apply_preset("course")
    assert tab.total_label.text() == "24,00 GB"
    assert tab.params.text() == "1.000.000.000"  # grouped the pt-BR way, and read back as one billion
    assert tab.table.item(0, 4).text() == "16,7%"
    tab.params.setText("1,5B")
    tab.recompute()
    assert tab.error is None and tab.inputs.params == 1.5e9 and tab.total_label.text() == "36,00 GB"
    page = ScalingPage(pt_br)
    qtbot.addWidget(page)
    page.value.setText("1,4T")
    page.given_buttons["tokens"].setChecked(True)
    page.value.setText("1,4T")
    page.recompute()
    assert page.error is None and page.point.tokens == 1.4e12
    assert "70.000.000.000" in page.result_label.text()


def test_a_live_switch_rewrites_typed_numbers_and_results(qtbot, window: MainWindow) -> None:
    window.show_page("memory")
    tab = window.page("memory").memory
    tab.apply_preset("course")
    assert tab.total_label.text() == "24.00 GB"
    window.ctx.set_language("pt-BR")
    settle()
    assert tab.total_label.text() == "24,00 GB" and tab.error is None
    assert tab.params.text() in ("1.000.000.000", "1000000000")
    window.ctx.set_language("en")
    settle()
    assert tab.total_label.text() == "24.00 GB" and tab.error is None and tab.inputs.params == 1e9


def test_the_cli_stays_english() -> None:
    """The CLI never installs a translator: its messages and JSON keys are what scripts parse."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import desktop.cli, sys; print('PySide6' in sys.modules)"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert QApplication.instance() is not None  # (the GUI test process is the one that translates)


def test_calculator_input_errors_are_translated(pt_br: AppContext) -> None:
    """The core's CalcInputError messages (English, for the CLI) are shown in pt-BR with their values kept."""
    from desktop.core.calc import dtypes
    from desktop.core.calc import memory as mem
    from desktop.core.calc.quantity import CalcInputError, parse_fraction, parse_quantity
    from desktop.core.calc.scaling import compute_optimal
    from desktop.ui.memory.messages import calc_message

    bad = [
        lambda: parse_quantity("", "Layers"), lambda: parse_quantity("abc", "Layers"),
        lambda: parse_quantity("-5", "Layers"), lambda: parse_quantity("0", "Layers"),
        lambda: parse_quantity("1.5", "Layers", integer=True), lambda: parse_quantity("2000", "Layers", maximum=1000),
        lambda: parse_quantity("nan", "Layers"), lambda: parse_quantity("inf", "Layers"),
        lambda: parse_fraction("150%", "Overhead"), lambda: dtypes.parse_real("", "Number"),
        lambda: dtypes.parse_real("abc", "Number"), lambda: dtypes.absmax_int8(dtypes.parse_vector("0, 0", "Vector")),
        lambda: mem.estimate_memory(mem.MemoryInputs(params=1e9, mode="training", mixed_precision=True)),
        lambda: mem.estimate_memory(mem.MemoryInputs(params=1e9, mode="qlora")),
        lambda: mem.estimate_memory(mem.MemoryInputs(params=1e9, mode="training", dtype="int8")),
        lambda: compute_optimal(),
    ]
    for make in bad:
        with pytest.raises(CalcInputError) as info:
            make()
        shown = calc_message(info.value.message)
        assert shown != info.value.message and not words_of(shown) & EN_ONLY, (info.value.message, shown)
    assert calc_message("-5 is negative; it must be a positive number") == "-5 é negativo; precisa ser um número positivo"


def test_own_card_problems_are_said_in_pt_br(qtbot, pt_br: AppContext) -> None:
    from desktop.core.srs import Collection, SrsError
    from desktop.ui.cards.browse import CardDialog

    collection = Collection.open(pt_br.db, cache_dir=pt_br.paths.cache_dir)
    dialog = CardDialog(None, [("intro", "Intro")])
    qtbot.addWidget(dialog)
    for kind, fields in (("basic", {"front": "", "back": "x"}), ("cloze", {"text": "sem lacuna"}),
                         ("choice", {"question": "q", "answer": "a", "distractors": ["a", "b", "c"], "explanation": "e"})):
        with pytest.raises(SrsError) as info:
            collection.add_user_card("intro", kind, fields, "pt-BR")
        dialog.show_error(str(info.value))
        assert dialog.error.text() != str(info.value) and not words_of(dialog.error.text()) & EN_ONLY
    assert dialog.error.text() == "A resposta certa também está entre as respostas erradas."


def test_no_tr_call_hides_inside_an_f_string() -> None:
    """lupdate does not read inside f-strings: a tr() there never reaches the .ts file and stays English (the
    quiz's "Your answer:" did)."""
    hidden = re.compile(r"""\{\s*(?:self\.tr\(\s*["']|QCoreApplication\.translate\(\s*["'][^"']*["']\s*,\s*["'])""")
    found = [f"{path.relative_to(build.UI_DIR)}:{n}" for path in build.sources()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if hidden.search(line) and re.search(r"""\bf["']""", line)]
    assert not found, f"tr() inside an f-string (lupdate misses it): {found}"


def test_scenario_comparison_names_rows_and_values_in_pt_br(qtbot, pt_br: AppContext) -> None:
    from desktop.ui.memory.memory_tab import MemoryTab
    from desktop.ui.scaling_page import ScalingPage

    tab = MemoryTab(pt_br)
    qtbot.addWidget(tab)
    for name, preset in (("a", "course"), ("b", "mixed")):
        tab.apply_preset(preset)
        tab.scenarios.name_edit.setText(name)
        assert tab.scenarios.save_current() is not None
    for i in range(2):
        tab.scenarios.list.item(i).setSelected(True)
    tab.scenarios.compare_selected()
    table = tab.scenarios.compare_dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Modo"] == "Treinamento completo" and rows["Otimizador"] == "Adam / AdamW"
    assert {"Tamanho do lote", "Tamanho do contexto", "Predefinição"} <= set(rows)
    tab.scenarios.compare_dialog.close()
    page = ScalingPage(pt_br)
    qtbot.addWidget(page)
    for name in ("x", "y"):
        page.scenarios.name_edit.setText(name)
        assert page.scenarios.save_current() is not None
    for i in range(2):
        page.scenarios.list.item(i).setSelected(True)
    page.scenarios.compare_selected()
    table = page.scenarios.compare_dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Partir de"] == "Parâmetros" and rows["Utilização"] == "40,00%"
    assert {"Acelerador", "Pico de FLOP/s por GPU", "Tokens"} <= set(rows)
    page.scenarios.compare_dialog.close()
    from desktop.ui.memory.quantization_tab import QuantizationTab

    quant = QuantizationTab(pt_br)
    qtbot.addWidget(quant)
    for name, value in (("pi", "3.14159"), ("tenth", "0.1")):
        quant.set_value(value)
        quant.scenarios.name_edit.setText(name)
        assert quant.scenarios.save_current() is not None
    for i in range(2):
        quant.scenarios.list.item(i).setSelected(True)
    quant.scenarios.compare_selected()
    table = quant.scenarios.compare_dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    # A list's commas are not thousands separators: each number localized, the items parted by "; ".
    assert rows["Códigos INT8"] == "127; -61; 10; 81; -28" and rows["Vetor"] == "3,142; -1,5; 0,25; 2; -0,7"
    quant.scenarios.compare_dialog.close()


def test_every_about_box_role_has_a_translation(pt_br: AppContext) -> None:
    """A component added to desktop.core.about needs its role in desktop/ui/about.py's ROLES, or the About box
    shows it in English (zstandard's did)."""
    from desktop.core.about import COMPONENTS
    from desktop.ui.about import ROLES

    missing = [role for _name, role, _lic in COMPONENTS if role not in ROLES]
    assert not missing, f"roles not in desktop/ui/about.py ROLES: {missing}"
    assert all(QCoreApplication.translate("AboutDialog", role) != role for _n, role, _l in COMPONENTS)
