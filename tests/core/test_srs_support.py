"""Shared by the srs tests (no tests here): small deck files and an open collection (real TOML, store, fsrs)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.paths import app_paths
from desktop.core.srs import Collection
from desktop.core.store import Database, open_database

INTRO = """\
deck = "intro"
[title]
pt-BR = "Introdução"
en = "Introduction"

[[cards]]
id = "intro-prompt"
kind = "basic"
anchor = "prompt"
[cards.pt-BR]
front = "Como se chama o texto de entrada?"
back = "Prompt"
[cards.en]
front = "What is the input text called?"
back = "Prompt"

[[cards]]
id = "intro-cloze"
kind = "cloze"
anchor = "completion"
[cards.pt-BR]
text = "O texto gerado é a {{c1::completion}}."
[cards.en]
text = "The generated text is the {{c1::completion}}."

[[cards]]
id = "intro-q"
kind = "choice"
anchor = "inference"
[cards.pt-BR]
question = "O que é inferência?"
answer = "Usar o modelo treinado para gerar texto"
distractors = ["Treinar o modelo", "Baixar o modelo", "Tokenizar o texto"]
explanation = "Inferência é usar o modelo."
[cards.en]
question = "What is inference?"
answer = "Using the trained model to generate text"
distractors = ["Training the model", "Downloading the model", "Tokenizing the text"]
explanation = "Inference is using the model."
"""

PARAMS = """\
deck = "parameters"
[title]
pt-BR = "Parâmetros"
en = "Parameters"

[[cards]]
id = "parameters-greedy"
kind = "basic"
anchor = "greedy"
[cards.pt-BR]
front = "O que o greedy escolhe?"
back = "O token mais provável."
[cards.en]
front = "What does greedy pick?"
back = "The most likely token."

[[cards]]
id = "parameters-q-topk"
kind = "choice"
anchor = "top-k"
[cards.pt-BR]
question = "O que o top-k mantém?"
answer = "Os k tokens mais prováveis"
distractors = ["Os k menos prováveis", "Tokens com p ≥ k", "Todos os tokens"]
explanation = "Top-k corta a lista nos k primeiros."
[cards.en]
question = "What does top-k keep?"
answer = "The k most likely tokens"
distractors = ["The k least likely", "Tokens with p ≥ k", "Every token"]
explanation = "Top-k cuts the list at the first k."
"""


def write_decks(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (files or {"intro": INTRO, "parameters": PARAMS}).items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder


def open_db() -> Database:
    paths = app_paths()
    paths.ensure()
    return open_database(paths.db_path, paths.backups_dir)


def open_collection(cards_dir: Path, db: Database | None = None, **kwargs) -> Collection:
    return Collection.open(db or open_db(), cards_dir, **kwargs)
