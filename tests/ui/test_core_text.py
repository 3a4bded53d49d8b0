"""The core's English sentences that reach the interface (server errors, where an API key went) read in pt-BR, with
their varying parts (the address, the system's own error) carried over; anything else shown as it is."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from desktop.core.llm.server import ServerClient, ServerError, normalize_url
from desktop.core.llm.server_keys import keyring_status, save_key
from desktop.ui.context import AppContext
from desktop.ui.i18n.core_text import core_text


@pytest.fixture
def pt_br(ctx: AppContext) -> Iterator[AppContext]:
    ctx.set_language("pt-BR")
    yield ctx
    ctx.set_language("en")


def _error(call) -> str:  # noqa: ANN001
    with pytest.raises(ServerError) as caught:
        call()
    return str(caught.value)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_server_errors_read_in_pt_br(pt_br: AppContext) -> None:
    assert core_text(_error(lambda: normalize_url(""))).startswith("o endereço do servidor está vazio")
    assert core_text(_error(lambda: normalize_url("http://host:99999"))) == "'http://host:99999' tem uma porta inválida"
    url = f"http://127.0.0.1:{_free_port()}"  # nothing listens there
    refused = _error(lambda: ServerClient(url, timeout=2).check())
    said = core_text(refused)
    assert said != refused and said.startswith(url) and "Confira se o servidor está rodando" in said
    assert "conexão recusada" in said and "no server answers" not in said  # the reason too, not only the advice


def test_key_sentences_read_in_pt_br(pt_br: AppContext) -> None:
    assert core_text(save_key("http://127.0.0.1:1", "k", remember=False)) == "A chave fica guardada só nesta sessão."
    _available, where = keyring_status()
    assert core_text(where) != where  # whichever keyring this machine has (or lacks)


def test_other_text_and_english_stay_as_they_are(ctx: AppContext) -> None:
    assert core_text("something else entirely") == "something else entirely"
    message = "the server address is empty: give one like http://127.0.0.1:8080"
    assert core_text(message) == message  # English interface: the source itself


def test_a_repaired_database_and_a_store_error_read_in_pt_br(pt_br: AppContext, tmp_path) -> None:  # noqa: ANN001
    from pathlib import Path

    from desktop.core.store import open_database
    from desktop.core.store.errors import StoreError

    db_path, backups = Path(tmp_path) / "progress.db", Path(tmp_path) / "backups"
    db_path.write_bytes(b"\x00garbage" * 512)  # no backup: the report says a fresh database was started
    db = open_database(db_path, backups)
    try:
        messages = db.report.messages
    finally:
        db.close()
    said = [core_text(m) for m in messages]
    assert len(said) >= 3 and all(s != m for s, m in zip(said, messages, strict=True)), said
    assert core_text("1,234 rows were recovered from the damaged file; none was lost.") == (
        "1.234 linhas foram recuperadas do arquivo danificado; nenhuma se perdeu.")
    assert said[0].startswith("Seu banco de dados de progresso estava danificado") and str(db.report.moved_aside) in said[0]
    error = StoreError(db_path, "the disk is full (free some space and try again)", "save to")
    assert core_text(str(error)) == (f"não foi possível salvar no banco de dados de progresso {db_path}: o disco está "
                                     "cheio (libere espaço e tente de novo)")
    # A problem the core does not phrase (SQLite's own words) is carried over as it is.
    assert core_text(str(StoreError(db_path, "database or disk is full", "save to"))).endswith(
        "progresso " + str(db_path) + ": database or disk is full")
