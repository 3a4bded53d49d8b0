"""Language rules for the course text, so the fixes of the content review (issue #14) stay fixed.

pt-BR side: the orthography of the 1990 spelling agreement ("autossupervisionado", "sobreparametrizado", …), one
term per concept ("ajuste fino", "engenharia de prompt", "pré-treinamento", "grande modelo de linguagem", the
lifecycle stages in Portuguese with the course's English names only in parentheses) and a few calques a textbook
should not use. en side: one spelling, American, as most of the English text.

The rules are data (RULES_PT / RULES_EN below): a regular expression for the wrong form, the right form and why.
Each rule may name `allowed` forms (e.g. "ajuste fino (fine-tuning)": the English term in parentheses after the
Portuguese one) that are blanked out before the wrong form is searched. The scan covers lesson text (front matter
title and summary included; the student's quoted notes and link targets excluded), every card's text in that
language, deck titles and glossary entries. Failures name the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.core.paths import CONTENT_DIR


@dataclass(frozen=True)
class Rule:
    wrong: str  # regular expression (case-insensitive) of the form to avoid
    right: str  # what to write instead
    why: str
    allowed: str = ""  # regular expression of occurrences that are fine (blanked before searching)


# An English term is fine right after its Portuguese name, in parentheses: "ajuste fino (*fine-tuning*)".
def _in_parentheses(term: str) -> str:
    return rf"\(\s*\**\s*{term}\s*\**\s*\)"


RULES_PT: list[Rule] = [
    # Item 10: orthography (Acordo Ortográfico de 1990: no hyphen after auto-/sobre-/sub-/super- here; auto + s → ss).
    Rule(r"\bauto-supervisionad", "autossupervisionado", "Acordo de 1990: auto + s dobra o s, sem hífen"),
    Rule(r"\bauto-?supervisão\b", "autossupervisão", "Acordo de 1990: auto + s dobra o s, sem hífen"),
    Rule(r"\bsobre-parametrizad", "sobreparametrizado", "Acordo de 1990: sobre + p, sem hífen"),
    Rule(r"\bsub-parametrizad", "subparametrizado", "Acordo de 1990: sub + p, sem hífen"),
    Rule(r"\bsub-treinad", "subtreinado", "Acordo de 1990: sub + t, sem hífen"),
    Rule(r"\bsuper-treinad", "supertreinado", "Acordo de 1990: super + t, sem hífen"),
    # Item 11: one term per concept.
    Rule(r"\bsuperparametrizad", "sobreparametrizado", "um termo por conceito (over-parameterized)"),
    Rule(r"\bsobre-?treinad", "supertreinado", "um termo por conceito (over-trained)"),
    Rule(r"\bpré-treino\b", "pré-treinamento", "um termo por conceito (pre-training)"),
    Rule(r"\bpre-?treino\b|\bpre-?treinamento\b", "pré-treinamento", "acento: pré-"),
    Rule(r"\bmodelos? de linguagem grandes?\b", "grande modelo de linguagem", "calco de 'large language model'"),
    Rule(r"\bfine-tuning\b", "ajuste fino", "um termo por conceito; o inglês só entre parênteses",
         allowed=r"ajuste fino\]?\s*" + _in_parentheses("fine-tuning")),
    Rule(r"\bprompt engineering\b", "engenharia de prompt", "um termo por conceito; o inglês só entre parênteses",
         allowed=r"engenharia de prompt\]?\s*" + _in_parentheses("prompt engineering")),
    Rule(r"\bcompute-optimal\b", "ótimo em computação", "um termo por conceito; o inglês só entre parênteses",
         allowed=_in_parentheses("compute-optimal") + r"|Training Compute-Optimal Large Language Models"),
    # The lifecycle stages: Portuguese names, the course's English names only in parentheses.
    Rule(r"\b(scope|select|adapt and align(?: model)?|application integration)\b",
         "Escopo / Seleção / Adaptar e alinhar / Integração com a aplicação",
         "etapas do ciclo de vida em português; o nome do curso só entre parênteses",
         allowed=r"\(\s*\**\s*(scope|select|adapt and align(?: model)?|application integration)\s*\**\s*\)"),
    # Item 12: calques and register.
    Rule(r"\bcolad[oa]s? ao fim\b", "anexado ao fim", "registro: 'anexar', não 'colar'"),
    Rule(r"\btokens a (prever|gerar)\b", "tokens a serem previstos / gerados", "calco do inglês 'tokens to predict'"),
    Rule(r"\b(são|foram|é|são então) juntad[oa]s?\b", "concatenados", "termo técnico: concatenar"),
    Rule(r"\bservir (a )?(muitos )?usuários\b", "atender (muitos) usuários", "calco de 'to serve users'"),
    Rule(r"\bvira lixo\b", "perde o sentido / se degrada", "coloquial demais para um livro-texto"),
    Rule(r"\bpega(r)? (sempre )?o (token )?(mais provável|de maior)", "escolher o mais provável",
         "coloquial demais para um livro-texto"),
]

RULES_EN: list[Rule] = [
    # Item 13: American spelling throughout.
    Rule(r"\blabell(ed|ing)\b", "labeled / labeling", "American spelling"),
    Rule(r"\bunlabell(ed|ing)\b", "unlabeled", "American spelling"),
    Rule(r"\bsummaris", "summariz-", "American spelling"),
    Rule(r"\butilis", "utiliz-", "American spelling"),
    Rule(r"\bfavour", "favor-", "American spelling"),
    Rule(r"\blicence", "license", "American spelling"),
    Rule(r"\bbehaviour", "behavior", "American spelling"),
    Rule(r"\b(un)?normalis", "normaliz-", "American spelling"),
    Rule(r"\binitialis", "initializ-", "American spelling"),
    Rule(r"\boptimis", "optimiz-", "American spelling"),
    Rule(r"\b(maxim|minim|special|custom|categor|prior|visual|memor|real)is(e|es|ed|ing|ation)\b", "-ize / -ization",
         "American spelling"),
    Rule(r"\bmodelling\b", "modeling", "American spelling"),
    Rule(r"\bcolour", "color", "American spelling"),
    Rule(r"\borganis", "organiz-", "American spelling"),
    Rule(r"\brecognis", "recogniz-", "American spelling"),
    Rule(r"\banalys(e|ed|ing)\b", "analyze", "American spelling"),
    Rule(r"\bjudgement", "judgment", "American spelling"),
    Rule(r"\btowards\b", "toward", "American usage"),
]

RULES = {"pt-BR": RULES_PT, "en": RULES_EN}

_LINK_TARGET = re.compile(r"\]\([^)]*\)")  # [text](target): the target is an address, not prose
_ANCHOR = re.compile(r"\{#[^}]*\}")
_URL = re.compile(r"(studydesk|https?)://\S+")
_NOTES_START = re.compile(r"^(\s*)!!!\s+notes\b")
_SOURCE_LINE = re.compile(r"^\s*[-*]?\s*(Fonte|Source)s?:", re.I)


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    rule: Rule
    found: str
    text: str

    def __str__(self) -> str:
        rel = self.path.relative_to(CONTENT_DIR.parent)
        return (f"{rel}:{self.line}: '{self.found}' → write '{self.rule.right}' ({self.rule.why})\n"
                f"    {self.text.strip()[:160]}")


def _prose(line: str) -> str:
    return _URL.sub(" ", _ANCHOR.sub(" ", _LINK_TARGET.sub("]", line)))


def _check_line(path: Path, number: int, text: str, rules: list[Rule]) -> list[Problem]:
    prose = _prose(text)
    problems = []
    for rule in rules:
        scanned = re.sub(rule.allowed, lambda m: " " * len(m.group(0)), prose, flags=re.I) if rule.allowed else prose
        for match in re.finditer(rule.wrong, scanned, flags=re.I):
            problems.append(Problem(path, number, rule, match.group(0), text))
    return problems


def lesson_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of a lesson's prose: front matter title/summary and the Markdown body, without the
    student's quoted notes (they stay verbatim, typos included) and without reference lines (paper titles are
    quoted as published: "Fonte:" lines and the "Fontes" section)."""
    out: list[tuple[int, str]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    in_front = False
    notes_indent: int | None = None
    in_sources = False
    for number, raw in enumerate(lines, start=1):
        if raw.strip() == "+++":
            in_front = not in_front
            continue
        if in_front:
            if re.match(r"^\s*(title|summary)\s*=", raw):
                out.append((number, raw))
            continue
        if notes_indent is not None:
            expanded = raw.expandtabs(4)
            if not expanded.strip() or len(expanded) - len(expanded.lstrip()) > notes_indent:
                continue
            notes_indent = None
        start = _NOTES_START.match(raw)
        if start:
            notes_indent = len(start.group(1).expandtabs(4))
            continue
        if raw.startswith("#"):
            in_sources = "{#sources}" in raw
        if in_sources or _SOURCE_LINE.match(raw):
            continue
        out.append((number, raw))
    return out


_SECTION = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*$")
_TEXT_KEYS = re.compile(r"^\s*(front|back|text|question|answer|distractors|explanation|term|definition)\s*=")


def toml_lines(path: Path, language: str) -> list[tuple[int, str]]:
    """(line number, text) of the user-visible strings in `language` of a deck or glossary file: the fields under
    [cards.<language>] / [term.<language>] and the deck title's `<language> = "…"` line."""
    out: list[tuple[int, str]] = []
    section = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        header = _SECTION.match(raw)
        if header:
            section = header.group(1)
            continue
        if section.endswith("." + language) and _TEXT_KEYS.match(raw):
            out.append((number, raw.split("=", 1)[1]))
        elif section == "title" and re.match(rf"^\s*{re.escape(language)}\s*=", raw):
            out.append((number, raw.split("=", 1)[1]))
    return out


def content_lines(language: str) -> list[tuple[Path, int, str]]:
    out: list[tuple[Path, int, str]] = []
    for path in sorted((CONTENT_DIR / "lessons" / language).glob("*.md")):
        out += [(path, n, t) for n, t in lesson_lines(path)]
    for path in [*sorted((CONTENT_DIR / "cards").glob("*.toml")), CONTENT_DIR / "glossary.toml"]:
        out += [(path, n, t) for n, t in toml_lines(path, language)]
    return out


def _problems(language: str) -> list[Problem]:
    return [p for path, n, text in content_lines(language) for p in _check_line(path, n, text, RULES[language])]


@pytest.mark.parametrize("language", ["pt-BR", "en"])
def test_course_text_follows_the_language_rules(language: str) -> None:
    lines = content_lines(language)
    assert len(lines) > 500, f"only {len(lines)} {language} lines found: is the content folder where it should be?"
    problems = _problems(language)
    assert not problems, f"\n{len(problems)} {language} wording problem(s):\n" + "\n".join(map(str, problems))


# The rules themselves must catch what they are meant to catch and let the allowed forms through, so a typo in a
# regular expression cannot silently turn a rule off.
@pytest.mark.parametrize(("language", "text", "expected"), [
    ("pt-BR", "O pré-treino é auto-supervisionado.", {"pré-treinamento", "autossupervisionado"}),
    ("pt-BR", "GPT-3 é sobre-parametrizado e sub-treinado.", {"sobreparametrizado", "subtreinado"}),
    ("pt-BR", "um modelo superparametrizado", {"sobreparametrizado"}),
    ("pt-BR", "Um LLM (modelo de linguagem grande) faz fine-tuning.", {"grande modelo de linguagem", "ajuste fino"}),
    ("pt-BR", "O ajuste fino (*fine-tuning*) e a engenharia de prompt (prompt engineering).", set()),
    ("pt-BR", "Veja [o ajuste](studydesk://lesson/lifecycle#fine-tuning) {#fine-tuning}", set()),
    ("pt-BR", "A [engenharia de prompt](studydesk://glossary/prompt-engineering) (*prompt engineering*) é", set()),
    ("pt-BR", "Use prompt engineering.", {"engenharia de prompt"}),
    ("pt-BR", "Compute-optimal? Veja *Training Compute-Optimal Large Language Models*.", {"ótimo em computação"}),
    ("pt-BR", "Ótimo em computação (*compute-optimal*).", set()),
    ("pt-BR", "## Scope: definir o problema", {"Escopo / Seleção / Adaptar e alinhar / Integração com a aplicação"}),
    ("pt-BR", "## Escopo (*Scope*): definir o problema", set()),
    ("pt-BR", "O token é colado ao fim do texto; os resultados são juntados.", {"anexado ao fim", "concatenados"}),
    ("pt-BR", "número de tokens a prever", {"tokens a serem previstos / gerados"}),
    ("pt-BR", "Quem vai servir muitos usuários; a saída vira lixo.",
     {"atender (muitos) usuários", "perde o sentido / se degrada"}),
    ("en", "Labelled data helps to summarise; GPU utilisation; my favourite licence.",
     {"labeled / labeling", "summariz-", "utiliz-", "favor-", "license"}),
    ("en", "Labeled data helps to summarize; GPU utilization; my favorite license.", set()),
    ("en", "It minimises the loss; a specialised model; a realistic 40%.", {"-ize / -ization"}),
])
def test_the_rules_catch_what_they_should(language: str, text: str, expected: set[str]) -> None:
    found = {p.rule.right for p in _check_line(Path("x"), 1, text, RULES[language])}
    assert found == expected, f"{text!r}: rules fired {sorted(found)}, expected {sorted(expected)}"


def test_quoted_notes_and_sources_are_not_checked(tmp_path: Path) -> None:
    lesson = tmp_path / "99-x.md"
    lesson.write_text(
        '+++\ntitle = "Pré-treinamento"\nsummary = "Resumo"\nlabs = ["x"]\n+++\n\n'
        '!!! notes "Suas anotações"\n    *fine-tuning* e pré-treino\n\n    segunda linha da nota\n\n'
        "Texto com pré-treino.\n\nFonte: Hu et al. 2022, *LoRA: fine-tuning*.\n\n"
        "## Fontes {#sources}\n\n- Curso, semana 1: \"Scaling laws and compute-optimal models\".\n\n"
        "## Depois {#after}\n\nDe novo.\n",
        encoding="utf-8",
    )
    checked = " | ".join(text for _, text in lesson_lines(lesson))
    for kept in ('title = "Pré-treinamento"', 'summary = "Resumo"', "Texto com pré-treino.", "De novo."):
        assert kept in checked, f"{kept!r} should be checked: {checked}"
    for skipped in ("labs", "*fine-tuning*", "segunda linha", "Hu et al.", "compute-optimal models"):
        assert skipped not in checked, f"{skipped!r} should not be checked: {checked}"
