"""desktop.core.lessons on small lesson files written by the tests: loading and its errors, rendering, the
sanitizer, search, the glossary, read marks, the link checker and the notes helpers."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.core.lessons import load_glossary, load_lessons, render_markdown, sanitize_html
from desktop.core.lessons.linkcheck import LinkTargets, check_lesson_links, check_link
from desktop.core.lessons.notes import note_lines, notes_blocks, outside_notes
from desktop.core.lessons.progress import read_marks, set_read
from desktop.core.lessons.reader import DARK, LIGHT, describe_link, reader_html, stylesheet
from desktop.core.lessons.search import SearchIndex
from desktop.core.lessons.textfold import fold, fold_with_map
from desktop.core.store import open_database

PT_LESSON = """\
+++
id = "parameters"
title = "Parâmetros de geração"
order = 2
deck = "parameters"
labs = ["studydesk://lab/sampling?prompt=Oi&temperature=0.8"]
summary = "Como o próximo token é escolhido."
+++

# Parâmetros de geração {#parameters}

Introdução curta.

## Temperatura {#temperature}

!!! notes "Suas anotações"
    Temperature: Altera a forma da distribuição que gera o próximo token

A temperatura divide os logits antes da softmax. Com uma temperatura baixa a distribuição fica concentrada.

## Memória {#memory}

Um parâmetro em FP32 ocupa 4 bytes de memória.

    código indentado

[Top](#temperature) · [Lição 1](studydesk://lesson/intro#prompt)
"""

EN_LESSON = """\
+++
id = "parameters"
title = "Generation parameters"
order = 2
deck = "parameters"
labs = []
summary = "How the next token is chosen."
+++

# Generation parameters {#parameters}

## Temperature {#temperature}

The temperature divides the logits before the softmax.

## Memory {#memory}

One FP32 parameter takes 4 bytes of memory.
"""

INTRO = """\
+++
id = "intro"
title = "Introdução"
order = 1
deck = "intro"
labs = []
summary = "O começo."
+++

# Introdução {#intro}

## Prompt {#prompt}

O texto enviado ao modelo.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    write(root / "lessons" / "pt-BR" / "01-intro.md", INTRO)
    write(root / "lessons" / "pt-BR" / "02-parameters.md", PT_LESSON)
    write(root / "lessons" / "en" / "02-parameters.md", EN_LESSON)
    write(root / "cards" / "parameters.toml", 'deck = "parameters"\n')
    write(root / "cards" / "intro.toml", 'deck = "intro"\n')
    return root


# loading -----------------------------------------------------------------------------------------------------------
def test_lessons_load_in_course_order_with_their_front_matter(content: Path) -> None:
    lib = load_lessons("pt-BR", content)
    assert lib.problems == []
    assert lib.ids() == ["intro", "parameters"]
    lesson = lib.get("parameters")
    assert lesson is not None
    assert (lesson.title, lesson.order, lesson.deck) == ("Parâmetros de geração", 2, "parameters")
    assert lesson.labs == ["studydesk://lab/sampling?prompt=Oi&temperature=0.8"]
    assert lesson.body_line == 9
    assert [(h.level, h.anchor, h.title) for h in lesson.headings] == [
        (1, "parameters", "Parâmetros de geração"),
        (2, "temperature", "Temperatura"),
        (2, "memory", "Memória"),
    ]
    assert {"parameters", "temperature", "memory"} <= lesson.anchors
    assert lib.neighbours("parameters")[0].id == "intro"
    assert lib.neighbours("parameters")[1] is None


def test_broken_front_matter_names_file_and_line_and_the_others_still_load(content: Path) -> None:
    broken = write(
        content / "lessons" / "pt-BR" / "03-broken.md",
        '+++\nid = "broken"\ntitle = "Quebrada"\norder = = 3\n+++\n\n# Quebrada\n',
    )
    lib = load_lessons("pt-BR", content)
    assert lib.ids() == ["intro", "parameters"]
    assert len(lib.problems) == 1
    problem = lib.problems[0]
    assert problem.path == broken and problem.line == 4 and problem.fatal
    assert "not valid TOML" in problem.message
    assert str(problem).endswith(f"03-broken.md:4: {problem.message}")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# Sem front matter\n", 1, "front matter block"),
        ("\n+++\nid = \"x\"\n", 2, "never closed"),
        ('+++\nid = "x"\norder = 1\n+++\n', 1, "no 'title'"),
        ('+++\nid = "x"\ntitle = "X"\norder = "um"\n+++\n', 4, "'order' must be a int"),
        ('+++\nid = "Not An Id"\ntitle = "X"\norder = 1\n+++\n', 2, "not a kebab-case id"),
        ("", 1, "empty"),
    ],
)
def test_fatal_front_matter_problems(content: Path, text: str, line: int, words: str) -> None:
    path = write(content / "lessons" / "pt-BR" / "09-x.md", text)
    lib = load_lessons("pt-BR", content)
    found = [p for p in lib.problems if p.path == path]
    assert len(found) == 1 and found[0].fatal
    assert found[0].line == line, found[0]
    assert words in found[0].message
    assert lib.ids() == ["intro", "parameters"]


def test_a_file_that_is_not_utf8_is_reported_with_its_line(content: Path) -> None:
    path = content / "lessons" / "pt-BR" / "04-latin1.md"
    path.write_bytes('+++\nid = "latin"\ntitle = "Lição"\n'.encode("latin-1"))
    problem = next(p for p in load_lessons("pt-BR", content).problems if p.path == path)
    assert problem.line == 3 and "not UTF-8" in problem.message


def test_soft_problems_are_reported_and_the_lesson_still_loads(content: Path) -> None:
    path = write(
        content / "lessons" / "pt-BR" / "05-soft.md",
        textwrap.dedent(
            """\
            +++
            id = "soft"
            title = "Macia"
            order = 5
            colour = "red"
            +++

            # Macia {#soft}

            ## Sem âncora

            !!! danger "Perigo"
                texto

            ```python
            print("never closed")
            """
        ),
    )
    lib = load_lessons("pt-BR", content)
    assert "soft" in lib.ids()
    messages = {(p.line, p.message) for p in lib.problems if p.path == path}
    assert not any(p.fatal for p in lib.problems if p.path == path)
    assert (1, "front matter has no 'deck' field") in messages
    assert (1, "front matter has no 'labs' field") in messages
    assert (5, "unknown front matter field 'colour'") in messages
    assert (10, "heading 'Sem âncora' has no explicit anchor {#some-id}") in messages
    assert (12, "unknown admonition type 'danger'") in messages
    assert (15, "this code block is never closed (missing closing ```)") in messages


def test_duplicate_lesson_ids_keep_the_first_file(content: Path) -> None:
    write(content / "lessons" / "pt-BR" / "07-parameters.md", PT_LESSON.replace("order = 2", "order = 7"))
    lib = load_lessons("pt-BR", content)
    assert lib.ids() == ["intro", "parameters"]
    assert lib.get("parameters").order == 2
    dup = [p for p in lib.problems if "already used" in p.message]
    assert len(dup) == 1 and dup[0].path.name == "07-parameters.md"


def test_a_missing_language_folder_is_a_problem_not_a_crash(content: Path) -> None:
    lib = load_lessons("fr", content)
    assert lib.lessons == [] and lib.problems and lib.problems[0].fatal


# rendering and sanitizing ------------------------------------------------------------------------------------------
def test_markdown_renders_with_the_extensions() -> None:
    rendered = render_markdown(
        textwrap.dedent(
            """\
            ## Top-p {#top-p}

            !!! correction "Correção"
                O limite é em **tokens**.

            | a | b |
            |---|:-:|
            | 1 | 2 |

            ```python
            x = 1 < 2
            ```
            """
        )
    )
    html = rendered.html
    assert '<h2 id="top-p">Top-p</h2>' in html
    assert '<div class="admonition correction">' in html
    assert '<p class="admonition-title">Correção</p>' in html
    assert "<table>" in html and 'style="text-align: center;"' in html
    assert '<code class="language-python">x = 1 &lt; 2' in html
    assert rendered.raw_html == []


def test_raw_html_in_markdown_is_shown_as_text_and_reported(content: Path) -> None:
    path = write(
        content / "lessons" / "pt-BR" / "06-raw.md",
        '+++\nid = "raw"\ntitle = "Raw"\norder = 6\ndeck = "intro"\nlabs = []\nsummary = "s"\n+++\n\n'
        "# Raw {#raw}\n\nTexto <b>negrito</b>.\n\n<script>alert('x')</script>\n\n"
        '<img src="https://example.com/x.png">\n',
    )
    lib = load_lessons("pt-BR", content)
    lesson = lib.get("raw")
    assert lesson is not None
    assert "<script" not in lesson.html and "<img" not in lesson.html and "<b>" not in lesson.html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in lesson.html
    raw = sorted((p.line, p.message) for p in lib.problems if p.path == path)
    assert [line for line, _ in raw] == [12, 12, 14, 14, 16]
    assert all("raw HTML is not allowed" in message for _, message in raw)


def test_sanitizer_strips_scripts_remote_images_and_event_handlers() -> None:
    dirty = (
        '<p onclick="steal()" style="color:red" id="ok">Hi <script>alert(1)</script>'
        '<img src="http://evil.example/x.png" alt="remote"> <img src="https://evil.example/y.png">'
        '<img src="file:///etc/passwd"> <img src="//evil.example/z.png"> <img src="figs/local.png" alt="local">'
        '<a href="javascript:alert(1)">js</a> <a href="studydesk://lesson/intro" onmouseover="x()">ok</a>'
        '<iframe src="https://evil.example"></iframe><style>p{}</style><font color="red">kept</font></p>'
        '<td style="text-align: right;">cell</td><td style="background:url(http://evil)">bad</td>'
    )
    clean = sanitize_html(dirty)
    for banned in ("script", "onclick", "onmouseover", "http://evil", "https://evil", "//evil", "file:",
                   "javascript:", "iframe", "<style", "<font", "color:red", "background"):
        assert banned not in clean, banned
    assert '<p id="ok">' in clean
    assert '<img src="figs/local.png" alt="local" />' in clean
    assert '<span class="image-removed">[remote]</span>' in clean
    assert "<a>js</a>" in clean
    assert '<a href="studydesk://lesson/intro">ok</a>' in clean
    assert "kept" in clean
    assert '<td style="text-align: right;">cell</td>' in clean


def test_attr_list_cannot_smuggle_event_handlers() -> None:
    html = render_markdown('Texto\n{: onclick="alert(1)" style="color:red" class="ok" }\n').html
    assert "onclick" not in html and "color:red" not in html
    assert 'class="ok"' in html


# reader HTML (Qt's rich-text subset) -------------------------------------------------------------------------------
def test_reader_html_turns_callouts_and_code_into_tables(content: Path) -> None:
    lesson = load_lessons("pt-BR", content).get("parameters")
    html = reader_html(lesson, read_on="2025-01-02")
    assert '<td class="callout-notes">' in html and '<td class="bar-notes" width="4">' in html
    assert '<p class="callout-title title-notes">Suas anotações</p>' in html
    assert '<td class="code"><pre><code>código indentado</code></pre></td>' in html  # no trailing newline
    assert '<p class="summary">Como o próximo token é escolhido.</p>' in html
    assert "✓ Lida em 2025-01-02" in html
    assert "<div" not in html


def test_stylesheets_differ_by_theme_and_scale_with_zoom() -> None:
    light, dark = stylesheet(LIGHT, 100), stylesheet(DARK, 100)
    assert f"color: {LIGHT.text}" in light and f"color: {DARK.text}" in dark and light != dark
    assert "line-height: 160%" in light
    assert "font-size: 12.5pt" in light and "font-size: 25.0pt" in stylesheet(LIGHT, 200)
    assert LIGHT.callouts["correction"].bar in light


def test_practice_links_get_readable_labels() -> None:
    label = describe_link("studydesk://lab/sampling?prompt=A%20capital%20do%20Brasil%20%C3%A9&temperature=0.8", "en")
    assert label == "Open in the sampling lab — “A capital do Brasil é”, T 0.8"
    assert describe_link("studydesk://memory?preset=course", "pt-BR") == "Abrir a calculadora de memória — preset course"
    assert describe_link("studydesk://inside/attention?prompt=O%20gato%20dorme&layer=5&head=avg", "pt-BR") == (
        "Ver a atenção dentro do modelo — “O gato dorme”, camada 5, cabeça média")


# search ------------------------------------------------------------------------------------------------------------
def test_search_finds_temperatura_in_portuguese_with_snippet_and_anchor(content: Path) -> None:
    index = SearchIndex(load_lessons("pt-BR", content).lessons)
    hits = index.search("temperatura")
    assert hits, "no hit"
    best = hits[0]
    assert (best.lesson_id, best.anchor, best.heading) == ("parameters", "temperature", "Temperatura")
    assert "<b>temperatura</b>" in best.snippet_html.lower()
    assert "temperatura" in best.snippet.lower()
    assert best.match.lower() == "temperatura"


def test_search_finds_temperature_in_english(content: Path) -> None:
    hits = SearchIndex(load_lessons("en", content).lessons).search("Temperature")
    assert [(h.lesson_id, h.anchor) for h in hits][:1] == [("parameters", "temperature")]
    assert "<b>temperature</b>" in hits[0].snippet_html.lower()


def test_search_ignores_accents_and_case_and_points_at_the_original_text(content: Path) -> None:
    index = SearchIndex(load_lessons("pt-BR", content).lessons)
    hits = index.search("MEMORIA")
    assert [(h.lesson_id, h.anchor) for h in hits] == [("parameters", "memory")]
    assert hits[0].match == "Memória"
    assert "<b>memória</b>" in hits[0].snippet_html
    assert index.search("parametro")[0].lesson_id == "parameters"  # "parâmetro" / "Parâmetros"


def test_search_needs_every_word_and_prefers_the_phrase(content: Path) -> None:
    index = SearchIndex(load_lessons("pt-BR", content).lessons)
    hits = index.search("temperatura baixa")
    assert [h.anchor for h in hits] == ["temperature"]
    assert hits[0].match == "temperatura baixa"
    assert index.search("temperatura inexistente") == []
    assert index.search("x") == [] and index.search("   ") == []


def test_search_snippet_is_cut_around_the_match() -> None:
    long_text = " ".join(["palavra"] * 80) + " alvo " + " ".join(["outra"] * 80)
    md = f'+++\nid = "long"\ntitle = "Longa"\norder = 1\n+++\n\n# Longa {{#long}}\n\n{long_text}\n'
    from desktop.core.lessons.loader import parse_lesson

    lesson, _ = parse_lesson(Path("01-long.md"), "pt-BR", md)
    hit = SearchIndex([lesson]).search("alvo")[0]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) < 220
    assert "<b>alvo</b>" in hit.snippet_html


def test_folding_keeps_a_map_back_to_the_original() -> None:
    folded, index = fold_with_map("Ação Straße")
    assert folded == "acao strasse"
    assert [index[i] for i in range(len(folded))][-3:] == [9, 9, 10]
    assert fold("PARÂMETRO") == "parametro"


# glossary ----------------------------------------------------------------------------------------------------------
GLOSSARY = """\
[[term]]
id = "top-p"
lesson = "parameters"
anchor = "top-p"
[term.pt-BR]
term = "Top-p (amostragem por núcleo)"
definition = "Mantém o menor conjunto de tokens cuja probabilidade acumulada alcança p."
[term.en]
term = "Top-p (nucleus sampling)"
definition = "Keeps the smallest set of tokens whose cumulative probability reaches p."

[[term]]
id = "temperature"
lesson = "parameters"
anchor = "temperature"
[term.pt-BR]
term = "Temperatura"
definition = "Divide os logits antes da softmax."
[term.en]
term = "Temperature"
definition = "Divides the logits before the softmax."

[[term]]
id = "token"
lesson = "intro"
anchor = "prompt"
[term.pt-BR]
term = "Token"
definition = "Um pedaço de texto; a temperatura não muda os tokens."
[term.en]
term = "Token"
definition = "A piece of text."
"""


def test_glossary_loads_and_searches_in_both_languages(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path / "glossary.toml", GLOSSARY))
    assert glossary.problems == []
    assert glossary.ids() == ["top-p", "temperature", "token"]
    top_p = glossary.get("top-p")
    assert top_p.name("en") == "Top-p (nucleus sampling)" and top_p.link == "studydesk://lesson/parameters#top-p"
    assert [t.id for t in glossary.search("nucleo", "pt-BR")] == ["top-p"]  # accent-insensitive
    assert [t.id for t in glossary.search("nucleus", "pt-BR")] == ["top-p"]  # the other language's name
    # A name match ranks above a definition match.
    assert [t.id for t in glossary.search("temperatura", "pt-BR")] == ["temperature", "token"]
    assert [t.id for t in glossary.search("", "en")] == ["temperature", "token", "top-p"]
    assert glossary.search("zzz", "en") == []


def test_broken_glossary_entries_are_reported_with_their_line(tmp_path: Path) -> None:
    text = GLOSSARY.replace('[term.en]\nterm = "Temperature"\ndefinition = "Divides the logits before the softmax."\n', "")
    text += '\n[[term]]\nlesson = "intro"\n'
    glossary = load_glossary(write(tmp_path / "glossary.toml", text))
    assert glossary.ids() == ["top-p", "temperature", "token"]
    assert glossary.get("temperature").name("en") == "Temperatura"  # falls back to the other language
    found = [(p.line, p.message) for p in glossary.problems]
    assert found == [(12, "term 'temperature' has no [term.en] table"), (31, "this [[term]] has no 'id'")]


def test_invalid_glossary_toml_names_the_line(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path / "glossary.toml", '[[term]]\nid = "x"\nlesson = \n'))
    assert glossary.terms == [] and glossary.problems[0].line == 3 and glossary.problems[0].fatal


def test_missing_glossary_is_a_problem(tmp_path: Path) -> None:
    glossary = load_glossary(tmp_path / "nope.toml")
    assert glossary.terms == [] and "missing" in glossary.problems[0].message


# read marks --------------------------------------------------------------------------------------------------------
def test_read_marks_are_stored_in_sqlite(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite", tmp_path / "backups")
    when = datetime(2025, 3, 4, 5, 6, tzinfo=UTC)
    set_read(db, "parameters", True, when)
    set_read(db, "intro", True)
    db.close()
    db = open_database(tmp_path / "db.sqlite", tmp_path / "backups")
    marks = read_marks(db)
    assert set(marks) == {"parameters", "intro"} and marks["parameters"] == when
    set_read(db, "intro", False)
    set_read(db, "never-read", False)
    assert set(read_marks(db)) == {"parameters"}
    db.close()


# links -------------------------------------------------------------------------------------------------------------
@pytest.fixture
def targets() -> LinkTargets:
    return LinkTargets(
        lessons={"intro": {"intro", "prompt"}, "parameters": {"parameters", "temperature"}},
        glossary={"top-p", "temperature"},
        decks={"intro", "parameters"},
    )


@pytest.mark.parametrize(
    "url",
    [
        "studydesk://lesson/intro",
        "studydesk://lesson/intro#prompt",
        "studydesk://glossary/top-p",
        "studydesk://lab/sampling?prompt=A%20capital&temperature=0.8&top_k=40&top_p=0.95&min_p=0.05&mode=greedy"
        "&seed=42&max_new_tokens=5",
        "studydesk://tokenizer?text=inconstitucionalissimamente",
        "studydesk://memory?params=1e9&dtype=fp16&mode=training&optimizer=adam",
        "studydesk://memory?preset=course",
        "studydesk://memory/quantization?value=3.14159",
        "studydesk://scaling?params=70e9",
        "studydesk://scaling?compute=5.76e23",
        "studydesk://cards/review?deck=parameters",
        "studydesk://cards/quiz?deck=intro",
        "studydesk://models",
        "#temperature",
    ],
)
def test_good_links_resolve(url: str, targets: LinkTargets) -> None:
    assert check_link(url, targets, {"temperature"}) is None


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("studydesk://lesson/nope", "no lesson with id 'nope'"),
        ("studydesk://lesson/intro#nowhere", "has no heading anchor 'nowhere'"),
        ("studydesk://glossary/nope", "no glossary term"),
        ("studydesk://lab/sampling?temprature=0.5", "do not take the parameter 'temprature'"),
        ("studydesk://lab/sampling?top_p=1.5", "bad value '1.5' for 'top_p'"),
        ("studydesk://lab/sampling?mode=beam", "bad value 'beam'"),
        ("studydesk://lab/other", "not a known place"),
        ("studydesk://memory?dtype=fp8", "bad value 'fp8'"),
        ("studydesk://cards/review?deck=nope", "no card deck 'nope'"),
        ("studydesk://cards/review", "needs ?deck="),
        ("studydesk://nowhere/x", "unknown place"),
        ("https://example.com", "only studydesk:// links"),
        ("#missing", "not a heading id"),
    ],
)
def test_bad_links_are_explained(url: str, words: str, targets: LinkTargets) -> None:
    error = check_link(url, targets, {"temperature"})
    assert error is not None and words in error


def test_lesson_links_are_checked_with_lines(content: Path, targets: LinkTargets) -> None:
    path = content / "lessons" / "pt-BR" / "02-parameters.md"
    path.write_text(
        PT_LESSON.replace("intro#prompt", "intro#nowhere").replace('deck = "parameters"', 'deck = "nope"'),
        encoding="utf-8",
    )
    lesson = load_lessons("pt-BR", content).get("parameters")
    problems = [(p.line, p.message) for p in check_lesson_links(lesson, targets)]
    assert problems == [
        (5, "no card deck 'nope' for 'deck'"),
        (27, "lesson 'intro' has no heading anchor 'nowhere': studydesk://lesson/intro#nowhere"),
    ]


# notes -------------------------------------------------------------------------------------------------------------
def test_note_lines_follow_the_rules() -> None:
    seed = "## Week 1\n\n* Uma *nota*\n* \n*\n### Sub\nLinha solta \n*  Com espaço\n"
    assert [(n.line, n.text) for n in note_lines(seed)] == [(3, "Uma *nota*"), (7, "Linha solta"), (8, "Com espaço")]


def test_notes_blocks_and_the_text_outside_them() -> None:
    md = (
        "Antes\n\n!!! notes \"Suas anotações\"\n    Linha 1\n\n    Linha 2\n\nDepois\n\n"
        "- item\n    !!! notes \"Aninhada\"\n        Dentro\n\nFim\n"
    )
    assert notes_blocks(md) == ["Linha 1\n\nLinha 2", "Dentro"]
    outside = outside_notes(md)
    assert "Antes" in outside and "Depois" in outside and "Fim" in outside
    assert "Linha 1" not in outside and "Dentro" not in outside
