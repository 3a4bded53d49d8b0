"""Sentences that desktop.core says in English (the CLI prints them as they are) read in the interface language.

Each source below is the core's sentence with its varying parts written as {name} placeholders; a text that matches
one is shown translated (context "CoreText") with those parts carried over, any other text as it is. Keep a source
in step with the sentence in desktop/core when that changes (the tests check a few)."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.ui.i18n.fmt import localize

CONTEXT = "CoreText"
COUNTS = ("n", "lost", "line", "note")

SOURCES = [
    # desktop/core/llm/server_keys.py
    QT_TRANSLATE_NOOP("CoreText", "The keyring package is not installed: the key is kept for this session only."),
    QT_TRANSLATE_NOOP("CoreText", "The system keyring cannot be used ({detail}): the key is kept for this session "
                                  "only."),
    QT_TRANSLATE_NOOP("CoreText", "This system has no keyring (no Secret Service or KWallet is running): the key "
                                  "is kept for this session only, or read from the environment variable you name."),
    QT_TRANSLATE_NOOP("CoreText", "The key is kept in the system keyring ({detail})."),
    QT_TRANSLATE_NOOP("CoreText", "The key is kept for this session only."),
    QT_TRANSLATE_NOOP("CoreText", "The system keyring refused the key ({detail}): it is kept for this session "
                                  "only."),
    QT_TRANSLATE_NOOP("CoreText", "The key is saved in the system keyring."),
    # desktop/core/llm/server.py (the most specific first: a later one may match a longer text too)
    QT_TRANSLATE_NOOP("CoreText", "{url} did not answer within {seconds} s. It may be busy or still loading its "
                                  "model: try again, raise the timeout, or go back to the local model."),
    QT_TRANSLATE_NOOP("CoreText", "{url} closed the connection before its answer was complete ({detail}). The "
                                  "server may have stopped or restarted: try again, or go back to the local model."),
    QT_TRANSLATE_NOOP("CoreText", "{url} answered with something that is not JSON ({start}…). Is this address an "
                                  "inference server (llama-server, vLLM, Ollama, llama-cpp-python)?"),
    QT_TRANSLATE_NOOP("CoreText", "{url} answered without token probabilities. This server ({kind}) may not return "
                                  "logprobs for completions: the lab needs them (see README → One GPU for the whole "
                                  "class)."),
    QT_TRANSLATE_NOOP("CoreText", "{url} ({kind}) has no tokenizer endpoint; the Tokenizer page needs one."),
    QT_TRANSLATE_NOOP("CoreText", "{url} answered {code}: the API key was refused. Give the key the server was "
                                  "started with (its --api-key) in Connect to a server…, or in the environment "
                                  "variable named there."),
    QT_TRANSLATE_NOOP("CoreText", "{url} answered {code}: it needs an API key. Give the key the server was started "
                                  "with (its --api-key) in Connect to a server…, or in the environment variable "
                                  "named there."),
    QT_TRANSLATE_NOOP("CoreText", "{url} has no {path} ({code}): {detail}. Is the address right?"),
    QT_TRANSLATE_NOOP("CoreText", "{url} has no {path} ({code}). Is the address right?"),
    QT_TRANSLATE_NOOP("CoreText", "{url} refused the request ({code}): {detail}. Ask for fewer tokens (top N): this "
                                  "server limits how many probabilities it returns."),
    QT_TRANSLATE_NOOP("CoreText", "{url} refused the request ({code}): {detail}. Choose one of the server's "
                                  "models."),
    QT_TRANSLATE_NOOP("CoreText", "{url} refused the request ({code}): {detail}."),
    QT_TRANSLATE_NOOP("CoreText", "{url} answered {code} ({detail}). Try again, or go back to the local model."),
    # the two reasons the core words itself before the generic "{url}: {detail}." (which would leave them English)
    QT_TRANSLATE_NOOP("CoreText", "{url}: no server answers at that address (connection refused). Check that the "
                                  "server is running and the address and port are right, or go back to the local "
                                  "model."),
    QT_TRANSLATE_NOOP("CoreText", "{url}: the host name cannot be found ({detail}). Check that the server is running "
                                  "and the address and port are right, or go back to the local model."),
    QT_TRANSLATE_NOOP("CoreText", "{url}: {detail}. Check that the server is running and the address and port are "
                                  "right, or go back to the local model."),
    QT_TRANSLATE_NOOP("CoreText", "the server address is empty: give one like http://127.0.0.1:8080"),
    QT_TRANSLATE_NOOP("CoreText", "{url} is not a server address: give one like http://127.0.0.1:8080"),
    QT_TRANSLATE_NOOP("CoreText", "{url} has an invalid port"),
    # desktop/core/store (the start-up report of a repaired database, and a read or write that failed later)
    QT_TRANSLATE_NOOP("CoreText", "Your progress database was damaged, so it was moved aside to {path}."),
    QT_TRANSLATE_NOOP("CoreText", "It was replaced by the backup of {name}."),
    QT_TRANSLATE_NOOP("CoreText", "No good backup was found, so a fresh database was started."),
    QT_TRANSLATE_NOOP("CoreText", "Nothing could be read from the damaged file."),
    QT_TRANSLATE_NOOP("CoreText", "{n} rows were recovered from the damaged file; none was lost."),
    QT_TRANSLATE_NOOP("CoreText", "{n} rows were recovered from the damaged file; an unknown number of rows could "
                                  "not be read."),
    QT_TRANSLATE_NOOP("CoreText", "{n} rows were recovered from the damaged file; {lost} could not be read."),
    QT_TRANSLATE_NOOP("CoreText", "The daily backup could not be written: {problem}."),
    QT_TRANSLATE_NOOP("CoreText", "cannot save to the progress database {path}: {problem}"),
    QT_TRANSLATE_NOOP("CoreText", "cannot read the progress database {path}: {problem}"),
    QT_TRANSLATE_NOOP("CoreText", "cannot open the progress database {path}: {problem}"),
    QT_TRANSLATE_NOOP("CoreText", "cannot create the progress database {path}: {problem}"),
    QT_TRANSLATE_NOOP("CoreText", "cannot repair the progress database {path}: {problem}"),
    QT_TRANSLATE_NOOP("CoreText", "cannot use the progress database {path}: {problem}"),
    QT_TRANSLATE_NOOP("CoreText", "the disk is full (free some space and try again)"),
    QT_TRANSLATE_NOOP("CoreText", "the disk it is on is mounted read-only"),
    QT_TRANSLATE_NOOP("CoreText", "its folder {folder} is read-only (check its permissions)"),
    QT_TRANSLATE_NOOP("CoreText", "the file is read-only (check its permissions)"),
    QT_TRANSLATE_NOOP("CoreText", "the file is damaged (restart the app to repair it from the backups)"),
    QT_TRANSLATE_NOOP("CoreText", "it is damaged, and repairing it failed: {detail}"),
    QT_TRANSLATE_NOOP("CoreText", "the data folder {folder} is not writable ({reason})"),
    # desktop/core/srs: importing and exporting cards (CSV, Anki)
    QT_TRANSLATE_NOOP("CoreText", "line {line}: {detail}"),
    QT_TRANSLATE_NOOP("CoreText", "note {note}: {detail}"),
    QT_TRANSLATE_NOOP("CoreText", "card id {id} appears twice in this file"),
    QT_TRANSLATE_NOOP("CoreText", "a card with id {id} already exists"),
    QT_TRANSLATE_NOOP("CoreText", "{n} note(s) of the note type {name} became front/back cards from its first two "
                                  "fields"),
    QT_TRANSLATE_NOOP("CoreText", "{name} has no cards"),
    QT_TRANSLATE_NOOP("CoreText", "{name} does not exist"),
    QT_TRANSLATE_NOOP("CoreText", "{name} cannot be read as UTF-8 text ({detail})"),
    QT_TRANSLATE_NOOP("CoreText", "{name} is not a CSV file this app can read ({detail})"),
    QT_TRANSLATE_NOOP("CoreText", "{name} is not an Anki package: an .apkg file is a zip archive, and this one is "
                                  "not"),
    QT_TRANSLATE_NOOP("CoreText", "{name} is a zip archive but not an Anki package (no collection.anki2 inside)"),
    QT_TRANSLATE_NOOP("CoreText", "{name} is a damaged zip archive ({detail})"),
    QT_TRANSLATE_NOOP("CoreText", "there are no cards to export"),
]


def _pattern(source: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", source)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)" for i, p in enumerate(parts)),
                      re.DOTALL)


_PATTERNS = [(source, _pattern(source)) for source in SOURCES]


def core_text(text: str) -> str:
    """`text` in the interface language when it is one of the core's known sentences; otherwise as it is."""
    for source, pattern in _PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            # A part may be one of the core's sentences too (a store error names its problem in one).
            # Counts ({n}, {lost}) come grouped the English way ("1,234"): group them the interface's way.
            parts = {name: localize(value) if name in COUNTS else core_text(value)
                     for name, value in found.groupdict().items()}
            return QCoreApplication.translate(CONTEXT, source).format(**parts)
    return text
