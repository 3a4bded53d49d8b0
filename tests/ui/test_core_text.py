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
