"""Memory & quantization and Scaling laws pages: inputs change the numbers and the charts, bad values get inline
messages, scenarios save/reopen/rename/delete/compare and survive a restart, studydesk:// links fill the inputs."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from gguf import GGMLQuantizationType, GGUFWriter
from PySide6.QtCharts import QBarSet, QHorizontalStackedBarSeries
from PySide6.QtCore import Qt

from desktop.app import create_context
from desktop.core.calc.quantity import GIB
from desktop.core.calc.scaling import CHINCHILLA_TABLE3, KNOWN_MODELS
from desktop.core.llm.gguf_info import inspect_gguf
from desktop.core.paths import app_paths
from desktop.ui.memory import MemoryPage
from desktop.ui.memory.memory_tab import MemoryTab
from desktop.ui.memory.quantization_tab import QuantizationTab
from desktop.ui.scaling_page import ScalingPage


def _bar_total_gb(tab: MemoryTab) -> float:
    series = [s for s in tab.chart.series() if isinstance(s, QHorizontalStackedBarSeries)]
    assert len(series) == 1
    sets: list[QBarSet] = series[0].barSets()
    return sum(b.at(0) for b in sets)


def _type(qtbot, edit, text: str) -> None:  # noqa: ANN001
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_course_rule_is_the_default_and_the_chart_adds_up(window) -> None:  # noqa: ANN001
    window.show_page("memory")
    page = window.page("memory")
    assert isinstance(page, MemoryPage)
    tab = page.memory
    # Course notes: 4 + 8 + 4 + 8 = 24 bytes per parameter → 24 GB for 1B parameters.
    assert tab.estimate is not None and tab.estimate.total_bytes == 24_000_000_000
    assert tab.total_label.text() == "24.00 GB"
    assert "22.35 GiB" in tab.total_sub.text()
    assert _bar_total_gb(tab) == pytest.approx(24.0)
    assert "1" in tab.gpu_labels["80 GB"].text() and "3" in tab.gpu_labels["8 GB"].text()
    assert "80 GB is the memory of one NVIDIA A100" in tab.course_label.text()
    assert tab.course_button.text() == "Course: 24 bytes/param"


def test_typing_updates_numbers_and_chart(qtbot, window) -> None:  # noqa: ANN001
    window.show_page("memory")
    tab = window.page("memory").memory
    _type(qtbot, tab.params, "7B")
    assert tab.estimate.total_bytes == 24 * 7e9
    assert _bar_total_gb(tab) == pytest.approx(168.0)
    assert tab.preset.currentData() == "custom"
    tab.mode.setCurrentIndex(tab.mode.findData("inference"))
    tab.dtype.setCurrentIndex(tab.dtype.findData("int4"))
    assert tab.estimate.total_bytes == 3.5e9  # INT4: one eighth of FP32
    assert _bar_total_gb(tab) == pytest.approx(3.5)


def test_bad_values_get_an_inline_message_and_the_page_keeps_working(qtbot, window) -> None:  # noqa: ANN001
    window.show_page("memory")
    tab = window.page("memory").memory
    for text, words in [
        ("-5", "negative"),
        ("abc", "not a number"),
        ("nan", "NaN"),
        ("1e30", "absurdly large"),
        ("0", "greater than zero"),
    ]:
        _type(qtbot, tab.params, text)
        assert not tab.error_label.isHidden()
        assert tab.error_label.text().startswith("⚠ Parameters:")
        assert words in tab.error_label.text()
        assert not tab.results.isEnabled()
        assert "d64545" in tab.params.styleSheet()
    _type(qtbot, tab.params, "1B")
    assert tab.error_label.isHidden() and tab.results.isEnabled()
    assert tab.params.styleSheet() == ""
    # A quantized type cannot be fully trained: named inline on the precision field.
    tab.dtype.setCurrentIndex(tab.dtype.findData("q4_k_m"))
    assert tab.error is not None and tab.error.field == "Precision"
    assert tab.scenarios.save_current() is None  # nothing invalid is saved
    assert "Fix the highlighted input" in tab.scenarios.message.text()


def test_an_invalid_input_leaves_no_stale_result(qtbot, window) -> None:  # noqa: ANN001
    window.show_page("memory")
    tab = window.page("memory").memory
    _type(qtbot, tab.params, "1e3")  # valid on the way to 1e30: 1,000 parameters
    assert tab.total_label.text() != "—" and tab.chart.series()
    qtbot.keyClicks(tab.params, "0")
    assert "absurdly large" in tab.error_label.text()
    assert tab.total_label.text() == "—" and "1,000" not in tab.total_sub.text()
    assert not tab.chart.series() and tab.chart.title() == ""
    assert tab.table.item(0, 2) is None and all(not label.text() for label in tab.gpu_labels.values())
    qtbot.keyClick(tab.params, Qt.Key.Key_Backspace)
    assert tab.estimate is not None and tab.chart.series() and tab.table.item(0, 2) is not None


def test_links_fill_the_memory_inputs(window) -> None:  # noqa: ANN001
    window.open_link("studydesk://memory?preset=course")
    tab = window.page("memory").memory
    assert window.current_key() == "memory"
    assert tab.estimate.total_bytes == 24_000_000_000
    # Llama-2-7B at 4,096 tokens in FP16: KV cache 2 GiB (FACTS.md).
    window.open_link("studydesk://memory?preset=llama-2-7b&dtype=fp16&mode=inference&context=4096")
    assert tab.estimate.kv_cache_bytes == 2 * GIB
    assert tab.estimate.weights_bytes == 6_738_415_616 * 2
    window.open_link("studydesk://memory?params=1e9&mode=training&dtype=bf16&optimizer=adam&mixed=1")
    e = tab.estimate
    assert e.weights_bytes + e.gradients_bytes + e.optimizer_bytes == 16e9  # ZeRO's 16 bytes per parameter
    window.open_link("studydesk://memory?params=lots")
    assert tab.error is not None and tab.error.field == "Parameters"
    window.open_link("studydesk://memory?params=7B&dtype=fp7")
    assert tab.error is not None and tab.error.field == "Precision"
    window.open_link("studydesk://memory?preset=gpt-9")
    assert tab.error is not None and tab.error.field == "Preset"


def test_save_reopen_rename_delete_and_persist_across_restart(qtbot, ctx) -> None:  # noqa: ANN001
    tab = MemoryTab(ctx)
    qtbot.addWidget(tab)
    panel = tab.scenarios
    assert not panel.empty.isHidden()
    panel.name_edit.setText("course 1B")
    assert panel.save_current() is not None
    assert panel.list.count() == 1 and panel.empty.isHidden()
    _type(qtbot, tab.params, "70B")
    assert tab.estimate.total_bytes == 24 * 70e9
    panel.list.item(0).setSelected(True)
    panel.open_selected()
    assert tab.estimate.total_bytes == 24e9
    assert tab.preset.currentData() == "course"
    panel.name_edit.setText("course 1B")
    assert panel.save_current() is None and "already exists" in panel.message.text()
    panel.list.item(0).setSelected(True)
    panel.rename_selected("the 24 GB rule")
    assert panel.list.item(0).text().startswith("the 24 GB rule")

    # A fresh context on the same data folder is an app restart: the scenario is still there.
    again = create_context(app_paths())
    try:
        reopened = MemoryTab(again)
        qtbot.addWidget(reopened)
        assert reopened.scenarios.list.count() == 1
        reopened.scenarios.list.item(0).setSelected(True)
        reopened.scenarios.open_selected()
        assert reopened.estimate.total_bytes == 24e9
    finally:
        again.db.close()

    panel.refresh()
    panel.list.item(0).setSelected(True)
    panel.delete_selected(confirm=False)
    assert panel.list.count() == 0 and not panel.empty.isHidden()


def test_compare_two_scenarios(qtbot, ctx) -> None:  # noqa: ANN001
    tab = MemoryTab(ctx)
    qtbot.addWidget(tab)
    tab.scenarios.name_edit.setText("fp32 course")
    tab.scenarios.save_current()
    tab.apply_preset("mixed")
    tab.scenarios.name_edit.setText("mixed")
    tab.scenarios.save_current()
    panel = tab.scenarios
    assert not panel.compare_button.isEnabled()
    for i in range(2):
        panel.list.item(i).setSelected(True)
    assert panel.compare_button.isEnabled()
    panel.compare_selected()
    dialog = panel.compare_dialog
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    r = rows["Precision"]
    assert {table.item(r, 1).text(), table.item(r, 2).text()} == {"fp32", "bf16"}
    assert table.item(r, 0).font().bold()
    total = rows["Total memory"]
    assert {table.item(total, 1).text().split(" (")[0], table.item(total, 2).text().split(" (")[0]} == {
        "24.00 GB",
        "20.00 GB",
    }
    assert table.item(rows["GPUs needed: 8 GB"], 1).text() in {"3", "4"}
    assert not [name for name in rows if "_" in name or "·" in name]  # readable row names, not raw keys
    dialog.close()


def test_quantization_tab_bits_and_int8(qtbot, window) -> None:  # noqa: ANN001
    window.open_link("studydesk://memory/quantization?value=3.14159265")
    page = window.page("memory")
    assert page.tabs.currentWidget() is page.quantization
    q = page.quantization
    # FACTS.md: π stored in FP16 = 3.140625 and in BF16 = 3.140625.
    assert "3.140625" in q.value_labels["fp16"].text()
    assert "3.140625" in q.value_labels["bf16"].text()
    assert "0x4248" in q.value_labels["fp16"].text()
    assert "1001001000" in q.bit_labels["fp16"].text()  # FP16 π mantissa bits
    assert q.int8 is not None and q.int8.codes[0] == 127
    assert q.int8_table.rowCount() == 5
    _type(qtbot, q.value, "70000")
    assert "overflow" in q.value_labels["fp16"].text()  # FP16 max is 65,504
    _type(qtbot, q.value, "abc")
    assert not q.value_error.isHidden() and "Number: 'abc' is not a number" in q.value_error.text()
    _type(qtbot, q.vector, "0, 0")
    assert "all zeros" in q.int8_summary.text()
    assert q.current_scenario() is None
    _type(qtbot, q.value, "0.1")
    _type(qtbot, q.vector, "0.1, -2, 0.5")
    q.scenarios.name_edit.setText("a tenth")
    saved = q.scenarios.save_current()
    assert saved is not None and saved.results["fp16_stored"] == pytest.approx(0.0999755859375)


def _tiny_gguf(path: Path) -> Path:
    w = GGUFWriter(str(path), "llama")
    w.add_name("tiny test")
    w.add_block_count(2)
    w.add_head_count(4)
    w.add_head_count_kv(2)
    w.add_embedding_length(64)
    w.add_context_length(128)
    w.add_tensor("a", np.zeros((64, 64), np.float32))
    w.add_tensor("c", np.zeros((64, 68), np.uint8), raw_dtype=GGMLQuantizationType.Q8_0)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def test_loaded_gguf_preset_and_quant_shares(
    qtbot, ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    quant = QuantizationTab(ctx)
    qtbot.addWidget(quant)
    assert "No model is loaded" in quant.gguf_label.text()
    assert not quant.open_gguf_path(tmp_path / "missing.gguf")
    assert "no such file" in quant.gguf_label.text()

    path = _tiny_gguf(tmp_path / "tiny.gguf")
    # The model runtime exposes the loaded file's GGUFInfo as ctx.model.engine_info (ui/workers.py).
    monkeypatch.setattr(
        ctx, "model", SimpleNamespace(engine_info=inspect_gguf(path), shutdown=lambda: None)
    )
    tab = MemoryTab(ctx)
    qtbot.addWidget(tab)
    assert "gguf" in tab.preset_keys()
    tab.apply_preset("gguf")
    tab.mode.setCurrentIndex(tab.mode.findData("inference"))
    assert tab.estimate.weights_bytes == 4 * (4096 + 4096)  # FP32 by default: 4 bytes × 8,192 parameters
    assert tab.layers.text() == "2" and tab.kv_heads.text() == "2" and tab.head_dim.text() == "16"
    assert (
        tab.estimate.kv_cache_bytes == 2 * 2 * 2 * 16 * 2 * 128
    )  # 2·layers·kv_heads·head_dim·2 bytes·context

    quant.refresh_gguf()
    assert quant.gguf is not None and {s.type_name for s in quant.gguf.shares} == {"F32", "Q8_0"}
    assert "50% of its parameters" in quant.gguf_label.text()
    assert not quant.gguf_view.isHidden()


def test_scaling_page_links_chart_and_table(qtbot, window) -> None:  # noqa: ANN001
    window.open_link("studydesk://scaling?params=70B")
    page = window.page("scaling")
    assert isinstance(page, ScalingPage)
    # Chinchilla: 70B parameters on 1.4T tokens; C = 6·N·D = 5.88e23 FLOPs.
    assert page.point.tokens == pytest.approx(1.4e12)
    assert page.point.flops == pytest.approx(5.88e23)
    assert "1.4T" in page.result_label.text() and "5.88e23 FLOPs" in page.result_label.text()
    assert page.you.count() == 1 and page.you.at(0).x() == pytest.approx(70e9)
    assert page.models_series.count() == len(KNOWN_MODELS)
    assert page.table.rowCount() == len(CHINCHILLA_TABLE3)
    assert page.table.item(0, 2).text() == "8B"  # Table 3: 400M → 8.0B tokens
    assert "GPT-3" in page.model_tooltip(KNOWN_MODELS[0]) and "Brown et al. 2020" in page.model_tooltip(
        KNOWN_MODELS[0]
    )

    window.open_link("studydesk://scaling?tokens=1.4T")
    assert page.given() == "tokens" and page.point.params == pytest.approx(70e9)
    window.open_link("studydesk://scaling?compute=1.92e19")
    assert page.given() == "flops" and page.point.params == pytest.approx(400e6)  # Table 3's first row
    window.open_link("studydesk://scaling?params=-3B")
    assert page.error is not None and "negative" in page.error_label.text()
    assert page.you.count() == 0


def test_scaling_training_time_errors_and_scenarios(qtbot, ctx) -> None:  # noqa: ANN001
    page = ScalingPage(ctx)
    qtbot.addWidget(page)
    _type(qtbot, page.value, "70B")
    _type(qtbot, page.gpus, "1024")
    _type(qtbot, page.utilization, "40%")
    expected_days = 5.88e23 / (1024 * 312e12 * 0.4) / 86400
    assert page.time.days == pytest.approx(expected_days)
    assert f"{expected_days:,.1f} days" in page.time_label.text()
    page.accelerator.setCurrentIndex(page.accelerator.findData("h100"))
    assert page.peak.text() == "989"
    assert page.time.days == pytest.approx(5.88e23 / (1024 * 989e12 * 0.4) / 86400)
    _type(qtbot, page.gpus, "2.5")
    assert page.error is not None and page.error.field == "GPUs" and "whole number" in page.error_label.text()
    assert page.current_scenario() is None
    _type(qtbot, page.gpus, "512")
    page.scenarios.name_edit.setText("chinchilla on H100")
    saved = page.scenarios.save_current()
    assert saved is not None and saved.results["tokens"] == pytest.approx(1.4e12)
    page.given_buttons["tokens"].setChecked(True)  # switching keeps the point, shown as tokens
    assert page.value.text() == "1.4T" and page.point.params == pytest.approx(70e9)
    _type(qtbot, page.value, "15T")
    page.scenarios.list.item(0).setSelected(True)
    page.scenarios.open_selected()
    assert page.given() == "params" and page.point.params == pytest.approx(70e9)
    assert page.gpus.text() == "512" and page.accelerator.currentData() == "h100"


def test_scaling_comparison_formats_each_typed_value_as_what_it_is(qtbot, ctx) -> None:  # noqa: ANN001
    page = ScalingPage(ctx)
    qtbot.addWidget(page)
    page.given_buttons["flops"].setChecked(True)
    _type(qtbot, page.value, "5.76e23")
    page.scenarios.name_edit.setText("from compute")
    page.scenarios.save_current()
    page.given_buttons["params"].setChecked(True)
    _type(qtbot, page.value, "8B")
    page.scenarios.name_edit.setText("from parameters")
    page.scenarios.save_current()
    for i in range(2):
        page.scenarios.list.item(i).setSelected(True)
    page.scenarios.compare_selected()
    table = page.scenarios.compare_dialog.table
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    values = {table.item(rows["Typed value"], c).text() for c in (1, 2)}
    assert values == {"8B", "5.76e23 FLOPs"}
    days = {table.item(rows["Training days"], c).text() for c in (1, 2)}
    assert days == {"52.17", "0.6956"}, days
    page.scenarios.compare_dialog.close()


def test_course_shortcut(qtbot, window) -> None:  # noqa: ANN001
    window.show_page("memory")
    page = window.page("memory")
    _type(qtbot, page.memory.params, "3B")
    qtbot.keyClick(
        page, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert page.memory.estimate.total_bytes == 24e9


def test_scaling_chart_names_overlap_nothing(qtbot, ctx) -> None:  # noqa: ANN001
    page = ScalingPage(ctx)
    qtbot.addWidget(page)
    page.resize(960, 680)  # the page's share of a 1180x720 window
    page.show()
    qtbot.waitUntil(lambda: page.chart.plotArea().width() > 0)
    _type(qtbot, page.value, "70B")  # "You" on top of Chinchilla
    rects = [item.sceneBoundingRect() for _m, item in page._labels if item.isVisible()]
    assert len(rects) == len(page._labels)
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    star = page.chart.mapToPosition(page.you.points()[0], page.you)
    assert not any(r.contains(star) for r in rects)


def test_scaling_page_at_1024x600_keeps_names_apart_and_numbers_whole(qtbot, window) -> None:  # noqa: ANN001
    """In the narrow middle column of a 1024×600 window: no two model names on top of each other (a name with no
    free side is left to the hover tooltip), and Table 3's numbers whole (the table scrolls sideways)."""
    window.resize(1024, 600)
    window.show_page("scaling")
    page = window.page("scaling")
    qtbot.waitUntil(lambda: page.chart.plotArea().width() > 0)
    _type(qtbot, page.value, "70B")
    rects = [item.sceneBoundingRect() for _m, item in page._labels if item.isVisible()]
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    table = page.table
    for j in range(table.columnCount()):
        widest = max(table.fontMetrics().horizontalAdvance(table.item(i, j).text()) for i in range(table.rowCount()))
        assert table.columnWidth(j) >= widest, f"column {j} cut"
