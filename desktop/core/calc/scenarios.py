"""Saved calculator scenarios: a name, the inputs and the results, in the store's `scenario` table.

Each function is one short unit of work in its own session (committed before it returns), and hands back plain
`SavedScenario` objects, never ORM rows.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from desktop.core.store import Database
from desktop.core.store.models import Scenario

KINDS = ("memory", "kv-cache", "scaling", "quantization")
MAX_NAME = 200


class ScenarioError(ValueError):
    """A scenario that cannot be saved, found, renamed or compared, said in plain words."""


@dataclass(frozen=True)
class SavedScenario:
    id: int
    kind: str
    name: str
    inputs: dict[str, Any]
    results: dict[str, Any]
    created_at: datetime
    updated_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "inputs": self.inputs,
            "results": self.results,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


def _plain(row: Scenario) -> SavedScenario:
    return SavedScenario(
        id=row.id,
        kind=row.kind,
        name=row.name,
        inputs=json.loads(row.inputs),
        results=json.loads(row.results),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _clean_name(name: str) -> str:
    clean = " ".join(str(name).split())
    if not clean:
        raise ScenarioError("A scenario needs a name.")
    if len(clean) > MAX_NAME:
        raise ScenarioError(f"The name is {len(clean)} characters long; keep it to {MAX_NAME}.")
    return clean


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ScenarioError(f"Unknown scenario kind {kind!r}; expected one of {', '.join(KINDS)}.")


def _name_taken(session: Any, kind: str, name: str, except_id: int | None = None) -> bool:
    query = select(Scenario.id).where(Scenario.kind == kind, Scenario.name == name)
    if except_id is not None:
        query = query.where(Scenario.id != except_id)
    return session.scalars(query).first() is not None


def save_scenario(
    db: Database, kind: str, name: str, inputs: dict[str, Any], results: dict[str, Any]
) -> SavedScenario:
    """Store a new scenario. A name already used by a scenario of the same kind is refused (rename or delete the
    old one first), so nothing is overwritten by accident."""
    _check_kind(kind)
    clean = _clean_name(name)
    now = datetime.now(UTC)
    with db.session() as s:
        if _name_taken(s, kind, clean):
            raise ScenarioError(f"A {kind} scenario named {clean!r} already exists; choose another name.")
        row = Scenario(
            kind=kind,
            name=clean,
            inputs=json.dumps(inputs, ensure_ascii=False),
            results=json.dumps(results, ensure_ascii=False),
            created_at=now,
            updated_at=now,
        )
        s.add(row)
        s.flush()
        return _plain(row)


def list_scenarios(db: Database, kind: str | None = None) -> list[SavedScenario]:
    """Newest first."""
    with db.session() as s:
        query = select(Scenario).order_by(Scenario.updated_at.desc(), Scenario.id.desc())
        if kind is not None:
            query = query.where(Scenario.kind == kind)
        return [_plain(row) for row in s.scalars(query)]


def load_scenario(db: Database, scenario_id: int) -> SavedScenario:
    with db.session() as s:
        row = s.get(Scenario, scenario_id)
        if row is None:
            raise ScenarioError(f"There is no saved scenario with id {scenario_id}.")
        return _plain(row)


def rename_scenario(db: Database, scenario_id: int, new_name: str) -> SavedScenario:
    clean = _clean_name(new_name)
    with db.session() as s:
        row = s.get(Scenario, scenario_id)
        if row is None:
            raise ScenarioError(f"There is no saved scenario with id {scenario_id}.")
        if _name_taken(s, row.kind, clean, except_id=scenario_id):
            raise ScenarioError(f"A {row.kind} scenario named {clean!r} already exists; choose another name.")
        row.name = clean
        row.updated_at = datetime.now(UTC)
        s.flush()
        return _plain(row)


def delete_scenario(db: Database, scenario_id: int) -> None:
    with db.session() as s:
        row = s.get(Scenario, scenario_id)
        if row is None:
            raise ScenarioError(f"There is no saved scenario with id {scenario_id}.")
        s.delete(row)


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    section: str  # "inputs" or "results"
    left: Any
    right: Any

    @property
    def differs(self) -> bool:
        return self.left != self.right

    @property
    def ratio(self) -> float | None:
        """right / left when both are positive numbers."""
        if isinstance(self.left, bool) or isinstance(self.right, bool):
            return None
        if isinstance(self.left, int | float) and isinstance(self.right, int | float) and self.left > 0:
            value = self.right / self.left
            return value if math.isfinite(value) else None
        return None


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def compare_scenarios(left: SavedScenario, right: SavedScenario) -> list[ComparisonRow]:
    """Every input and result of the two side by side (keys missing on one side show as None)."""
    if left.kind != right.kind:
        raise ScenarioError(f"Cannot compare a {left.kind} scenario with a {right.kind} scenario.")
    rows: list[ComparisonRow] = []
    for section in ("inputs", "results"):
        a, b = _flatten(getattr(left, section)), _flatten(getattr(right, section))
        for key in list(a) + [k for k in b if k not in a]:
            rows.append(ComparisonRow(key, section, a.get(key), b.get(key)))
    return rows
