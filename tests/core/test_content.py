"""The real content/ must hold together: CI fails on a broken link, a missing field, raw HTML, a pt-BR/en mismatch,
or a note line of the student's notes that no lesson quotes verbatim.

Every assertion message names the file and line (ContentProblem) so the writer can go straight to it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.core.lessons import LANGUAGES, Glossary, LessonLibrary, load_glossary, load_lessons
from desktop.core.lessons.linkcheck import LinkTargets, check_glossary_links, check_lesson_links, deck_ids
from desktop.core.lessons.loader import EXPECTED_FIELDS, REQUIRED_FIELDS
from desktop.core.lessons.notes import note_lines, notes_blocks, outside_notes
from desktop.core.lessons.textfold import fold
from desktop.core.paths import CONTENT_DIR, REPO_ROOT

# A copy of the notes lives beside this test so CI on a clean clone has them; the shared original, when present,
# must be identical (so the copy cannot drift).
SEED_NAME = "000_ffa32a3ffb583023.txt"
SEED_COPY = Path(__file__).with_name("data") / SEED_NAME
SEED_SHARED = REPO_ROOT.parent / "shared" / "seed" / SEED_NAME

LESSON_IDS = ["intro", "parameters", "lifecycle", "architectures", "pretraining", "compute", "scaling",
              "domain-adaptation"]

FORMAT_TEXT = (CONTENT_DIR / "FORMAT.md").read_text(encoding="utf-8")


def _format_section(title: str) -> str:
    """The text of one `## title…` section of content/FORMAT.md (the spec the writers follow)."""
    match = re.search(rf"^## {re.escape(title)}[^\n]*\n(.*?)(?=^## |\Z)", FORMAT_TEXT, re.S | re.M)
    assert match, f"content/FORMAT.md has no section starting with '## {title}'"
    return match.group(1)


# Anchors the glossary and the cards rely on, read from FORMAT.md ("- lesson: a, b, c" lines) so the two never drift.
REQUIRED_ANCHORS = {
    m.group(1): [a.strip() for a in m.group(2).split(",")]
    for m in re.finditer(r"^- ([a-z-]+): (.+)$", _format_section("Required anchors"), re.M)
}
# The fixed list of glossary term ids, from FORMAT.md's fenced-free paragraph under "Glossary term ids".
GLOSSARY_IDS = re.findall(
    r"[a-z0-9]+(?:-[a-z0-9]+)*", _format_section("Glossary term ids").split("Glossary format")[0].split(":", 1)[-1]
)

# Key terms of the notes: each must be explained (outside the quoted notes) in the same lesson in both languages.
# Each language lists accepted spellings; matching ignores case and accents.
KEY_TERMS: list[tuple[str, list[str], list[str]]] = [
    ("completion", ["completion"], ["completion"]),
    ("inference", ["inferência", "inference"], ["inference"]),
    ("tokenizer", ["tokenizador", "tokenizer"], ["tokenizer"]),
    ("prompt", ["prompt"], ["prompt"]),
    ("language understanding", ["language understanding", "compreensão"], ["language understanding"]),
    ("max new tokens", ["max new tokens"], ["max new tokens"]),
    ("greedy", ["greedy", "gulos"], ["greedy"]),
    ("random sampling", ["amostragem aleatória", "random sampling"], ["random sampling"]),
    ("top-k", ["top-k"], ["top-k"]),
    ("top-p", ["top-p"], ["top-p"]),
    ("temperature", ["temperatura"], ["temperature"]),
    ("scope", ["escopo", "scope"], ["scope"]),
    ("select", ["escolher", "selecionar", "select"], ["select", "choos"]),
    ("prompt engineering", ["engenharia de prompt", "prompt engineering"], ["prompt engineering"]),
    ("fine-tuning", ["fine-tuning", "ajuste fino"], ["fine-tuning"]),
    ("RLHF", ["rlhf"], ["rlhf"]),
    ("evaluation", ["avalia"], ["evaluat"]),
    ("application integration", ["deploy", "integração"], ["deploy", "integration"]),
    ("encoder", ["encoder"], ["encoder"]),
    ("decoder", ["decoder"], ["decoder"]),
    ("self-attention", ["self-attention", "autoatenção"], ["self-attention"]),
    ("variational (correction)", ["variacion"], ["variational"]),
    ("encoder-only", ["encoder-only", "somente encoder"], ["encoder-only"]),
    ("decoder-only", ["decoder-only", "somente decoder"], ["decoder-only"]),
    ("BERT", ["bert"], ["bert"]),
    ("GPT", ["gpt"], ["gpt"]),
    ("LLaMA", ["llama"], ["llama"]),
    ("masked language modeling", ["masked language model", "mascarad"], ["masked language model"]),
    ("autoregressive", ["autorregressiv", "autoregressiv"], ["autoregressive"]),
    ("autoencoding", ["autoencod", "autocodific"], ["autoencod"]),
    ("sequence-to-sequence", ["sequence-to-sequence", "sequência para sequência"], ["sequence-to-sequence"]),
    ("self-supervised", ["autossupervisionad", "self-supervised"], ["self-supervised"]),
    ("data quality", ["qualidade dos dados", "qualidade de dados", "data quality"], ["data quality"]),
    ("bytes per parameter", ["bytes por parâmetro"], ["bytes per parameter"]),
    ("optimizer states", ["otimizador"], ["optimizer"]),
    ("gradients", ["gradiente"], ["gradient"]),
    ("activations", ["ativaç"], ["activation"]),
    ("24 GB", ["24 gb"], ["24 gb"]),
    ("80 GB A100", ["a100"], ["a100"]),
    ("quantization", ["quantiza"], ["quantiz"]),
    ("FP32", ["fp32"], ["fp32"]),
    ("FP16", ["fp16"], ["fp16"]),
    ("BF16", ["bf16", "bfloat16"], ["bf16", "bfloat16"]),
    ("INT8", ["int8"], ["int8"]),
    ("Scaling Laws for Neural Language Models", ["scaling laws for neural language models"],
     ["scaling laws for neural language models"]),
    ("Training Compute-Optimal", ["training compute-optimal"], ["training compute-optimal"]),
    ("over-parameterized", ["over-parameterized", "superparametrizad", "sobreparametrizad"], ["over-parameterized"]),
    ("under-trained", ["under-trained", "subtreinad"], ["under-trained", "undertrained"]),
    ("20 tokens per parameter", ["20 tokens"], ["20 tokens"]),
    ("Chinchilla", ["chinchilla"], ["chinchilla"]),
    ("domain adaptation", ["adaptação de domínio", "domain adaptation"], ["domain adaptation"]),
]


@pytest.fixture(scope="module")
def libraries() -> dict[str, LessonLibrary]:
    return {lang: load_lessons(lang) for lang in LANGUAGES}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


@pytest.fixture(scope="module")
def targets(libraries: dict[str, LessonLibrary], glossary: Glossary) -> dict[str, LinkTargets]:
    return {
        lang: LinkTargets(
            lessons={lesson.id: lesson.anchors for lesson in lib.lessons},
            glossary=set(glossary.ids()),
            decks=deck_ids(CONTENT_DIR),
        )
        for lang, lib in libraries.items()
    }


def _report(problems: list) -> str:
    return "\n".join(str(p) for p in problems)


def test_every_lesson_loads_without_problems(libraries: dict[str, LessonLibrary]) -> None:
    """Covers missing front matter fields, bad TOML, raw HTML, headings without anchors, unclosed code blocks."""
    problems = [p for lib in libraries.values() for p in lib.problems]
    assert not problems, "\n" + _report(problems)


def test_every_lesson_of_the_course_exists_in_both_languages(libraries: dict[str, LessonLibrary]) -> None:
    for lang, lib in libraries.items():
        assert lib.ids() == LESSON_IDS, f"{lang}: lessons in order {lib.ids()}, expected {LESSON_IDS}"
        for n, lesson in enumerate(lib.lessons, start=1):
            assert lesson.path.name == f"{n:02d}-{lesson.id}.md", f"{lesson.path}: file name"
            assert lesson.order == n, f"{lesson.path}: order {lesson.order}, expected {n}"


def test_front_matter_has_every_field(libraries: dict[str, LessonLibrary]) -> None:
    missing = []
    for lib in libraries.values():
        for lesson in lib.lessons:
            for key in [*REQUIRED_FIELDS, *EXPECTED_FIELDS]:
                value = lesson.front_matter.get(key)
                if value in (None, "", []):
                    missing.append(f"{lesson.path}: front matter field {key!r} is missing or empty")
            if lesson.deck != lesson.id:
                missing.append(f"{lesson.path}: deck {lesson.deck!r} should be the lesson id {lesson.id!r}")
    assert not missing, "\n" + "\n".join(missing)


def test_no_raw_html_in_lessons(libraries: dict[str, LessonLibrary]) -> None:
    raw = [p for lib in libraries.values() for p in lib.problems if "raw HTML" in p.message]
    assert not raw, "\n" + _report(raw)


def test_pt_br_and_en_have_the_same_lessons_and_anchors(libraries: dict[str, LessonLibrary]) -> None:
    pt, en = libraries["pt-BR"], libraries["en"]
    assert pt.ids() == en.ids()
    mismatches = []
    for lesson in pt.lessons:
        other = en.get(lesson.id)
        assert other is not None
        only_pt = sorted(lesson.anchors - other.anchors)
        only_en = sorted(other.anchors - lesson.anchors)
        if only_pt or only_en:
            mismatches.append(f"{lesson.id}: only in pt-BR {only_pt}, only in en {only_en}")
        pt_order = [h.anchor for h in lesson.headings]
        en_order = [h.anchor for h in other.headings]
        if not only_pt and not only_en and pt_order != en_order:
            mismatches.append(f"{lesson.id}: headings in a different order: {pt_order} vs {en_order}")
    assert not mismatches, "\n" + "\n".join(mismatches)


def test_required_anchors_exist(libraries: dict[str, LessonLibrary]) -> None:
    assert set(REQUIRED_ANCHORS) >= {"intro", "parameters", "lifecycle", "architectures"}, REQUIRED_ANCHORS
    for lang, lib in libraries.items():
        for lesson_id, anchors in REQUIRED_ANCHORS.items():
            lesson = lib.get(lesson_id)
            assert lesson is not None, f"{lang}: no lesson {lesson_id!r}"
            missing = [a for a in anchors if a not in lesson.anchors]
            assert not missing, f"{lesson.path}: missing heading anchors {missing}"


def test_every_link_in_the_lessons_resolves(
    libraries: dict[str, LessonLibrary], targets: dict[str, LinkTargets]
) -> None:
    problems = [p for lang, lib in libraries.items() for lesson in lib.lessons
                for p in check_lesson_links(lesson, targets[lang])]
    assert not problems, "\n" + _report(problems)


def test_every_glossary_link_resolves(glossary: Glossary, targets: dict[str, LinkTargets]) -> None:
    assert not glossary.problems, "\n" + _report(glossary.problems)
    for lang in LANGUAGES:
        problems = check_glossary_links(glossary, targets[lang])
        assert not problems, f"\n{lang}:\n" + _report(problems)


def test_glossary_defines_every_term_of_the_format(glossary: Glossary) -> None:
    assert len(GLOSSARY_IDS) >= 60 and "top-p" in GLOSSARY_IDS and "domain-adaptation" in GLOSSARY_IDS
    missing = sorted(set(GLOSSARY_IDS) - set(glossary.ids()))
    unknown = sorted(set(glossary.ids()) - set(GLOSSARY_IDS))
    assert not missing, f"{glossary.path}: terms not defined: {missing}"
    assert not unknown, f"{glossary.path}: term ids not in content/FORMAT.md's list: {unknown}"
    for term in glossary.terms:
        assert set(term.entries) == set(LANGUAGES), f"{glossary.path}:{term.line}: {term.id} lacks a language"


def test_the_seed_copy_matches_the_shared_notes() -> None:
    assert SEED_COPY.is_file(), f"{SEED_COPY} is missing"
    if SEED_SHARED.is_file():
        assert SEED_COPY.read_bytes() == SEED_SHARED.read_bytes(), f"{SEED_COPY} differs from {SEED_SHARED}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_note_line_is_quoted_verbatim_in_a_notes_block(lang: str, libraries: dict[str, LessonLibrary]) -> None:
    lines = note_lines(SEED_COPY.read_text(encoding="utf-8"))
    assert len(lines) >= 40, "the seed notes should have about 45 note lines"
    blocks = [block for lesson in libraries[lang].lessons for block in notes_blocks(lesson.markdown)]
    missing = [f"  seed line {n.line}: {n.text}" for n in lines if not any(n.text in block for block in blocks)]
    assert not missing, f"{lang}: note lines not quoted verbatim in any notes block:\n" + "\n".join(missing)


def test_key_terms_of_the_notes_are_explained_in_both_languages(libraries: dict[str, LessonLibrary]) -> None:
    texts = {
        lang: {lesson.id: fold(outside_notes(lesson.markdown)) for lesson in lib.lessons}
        for lang, lib in libraries.items()
    }
    problems = []
    for name, pt_forms, en_forms in KEY_TERMS:
        where = {}
        for lang, forms in (("pt-BR", pt_forms), ("en", en_forms)):
            where[lang] = {lid for lid, text in texts[lang].items() if any(fold(f) in text for f in forms)}
        if not where["pt-BR"] or not where["en"]:
            problems.append(f"{name!r}: pt-BR lessons {sorted(where['pt-BR'])}, en lessons {sorted(where['en'])}")
        elif not where["pt-BR"] & where["en"]:
            problems.append(f"{name!r} is explained in different lessons: {where}")
    assert not problems, "\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_must_have_corrections_are_present(lang: str, libraries: dict[str, LessonLibrary]) -> None:
    """The corrections the issue names, each inside a correction callout of the right lesson."""
    label = "Correção" if lang == "pt-BR" else "Correction"
    expected = {
        "parameters": [("tokens",), ("top-p",)],
        "architectures": [("variational", "variacion"), ("mask", "mascar")],
        "compute": [("24",), ("a100",), ("fp16",), ("int8",)],
    }
    lib = libraries[lang]
    for lesson_id, groups in expected.items():
        lesson = lib.get(lesson_id)
        assert lesson is not None
        callouts = fold(" ".join(
            el.text() for el in lesson.tree.iter() if el.tag == "div" and "correction" in el.classes
        ))
        assert fold(label) in callouts, f"{lesson.path}: no '{label}' callout"
        for forms in groups:
            assert any(fold(f) in callouts for f in forms), f"{lesson.path}: no correction mentions {forms}"
        sources = "fonte" if lang == "pt-BR" else "source"
        assert sources in callouts, f"{lesson.path}: corrections must cite a {sources}"
