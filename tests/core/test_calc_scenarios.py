"""Saved scenarios: save, list, rename, delete, compare, and still there after the database is reopened."""

from __future__ import annotations

import pytest

from desktop.core.calc.memory import COURSE_RULE, MemoryInputs, estimate_memory
from desktop.core.calc.results import memory_results
from desktop.core.calc.scenarios import (
    ScenarioError,
    compare_scenarios,
    delete_scenario,
    list_scenarios,
    load_scenario,
    rename_scenario,
    save_scenario,
)
from desktop.core.paths import app_paths
from desktop.core.store import open_database


def _open():
    paths = app_paths()
    paths.ensure()
    return open_database(paths.db_path, paths.backups_dir)


def test_scenarios_persist_across_reopen() -> None:
    db = _open()
    saved = save_scenario(
        db, "memory", "course 1B", COURSE_RULE.as_dict(), memory_results(estimate_memory(COURSE_RULE))
    )
    db.close()

    db = _open()
    try:
        [again] = list_scenarios(db)
        assert again.id == saved.id and again.name == "course 1B" and again.kind == "memory"
        assert again.results["total_bytes"] == 24_000_000_000
        assert MemoryInputs.from_dict(again.inputs) == COURSE_RULE
        assert again.created_at.tzinfo is not None
    finally:
        db.close()


def test_rename_delete_and_duplicate_names() -> None:
    db = _open()
    try:
        a = save_scenario(db, "memory", "a", {"params": 1}, {"total_bytes": 4})
        save_scenario(db, "scaling", "a", {"given": "params"}, {"tokens": 20})  # same name, other kind: fine
        with pytest.raises(ScenarioError, match="already exists"):
            save_scenario(db, "memory", " a ", {}, {})
        with pytest.raises(ScenarioError, match="needs a name"):
            save_scenario(db, "memory", "   ", {}, {})
        with pytest.raises(ScenarioError, match="Unknown scenario kind"):
            save_scenario(db, "oracle", "x", {}, {})
        b = save_scenario(db, "memory", "b", {"params": 2}, {"total_bytes": 8})
        with pytest.raises(ScenarioError, match="already exists"):
            rename_scenario(db, b.id, "a")
        assert rename_scenario(db, a.id, "renamed").name == "renamed"
        assert load_scenario(db, a.id).name == "renamed"
        assert [s.name for s in list_scenarios(db, "memory")] == ["renamed", "b"]  # newest change first
        delete_scenario(db, a.id)
        with pytest.raises(ScenarioError, match="no saved scenario"):
            load_scenario(db, a.id)
        with pytest.raises(ScenarioError, match="no saved scenario"):
            delete_scenario(db, a.id)
        assert [s.name for s in list_scenarios(db, "memory")] == ["b"]
    finally:
        db.close()


def test_compare_two_scenarios_side_by_side() -> None:
    db = _open()
    try:
        fp32 = COURSE_RULE
        bf16 = MemoryInputs(params=1e9, dtype="bf16", mode="training", mixed_precision=True)
        a = save_scenario(db, "memory", "fp32", fp32.as_dict(), memory_results(estimate_memory(fp32)))
        b = save_scenario(db, "memory", "mixed", bf16.as_dict(), memory_results(estimate_memory(bf16)))
        rows = {(r.section, r.key): r for r in compare_scenarios(a, b)}
        assert rows[("inputs", "dtype")].left == "fp32" and rows[("inputs", "dtype")].right == "bf16"
        assert rows[("inputs", "dtype")].differs
        total = rows[("results", "total_bytes")]
        assert total.left == 24e9 and total.right == 20e9 and total.ratio == pytest.approx(20 / 24)
        assert rows[("results", "gpus_needed.24 GB")].left == 1
        other = save_scenario(db, "scaling", "s", {}, {})
        with pytest.raises(ScenarioError, match="Cannot compare"):
            compare_scenarios(a, other)
    finally:
        db.close()
