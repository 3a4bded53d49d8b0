"""The lab's words in the interface language (one setting with the content language): labels, the explanation
beside each control with the lesson section it links to, example prompts, and messages.

The texts go through Qt's translation system like every other interface string (context "LabTexts" in
desktop/ui/i18n/studydesk_*.ts); `tr(lang, key)` reads them for a given language. The example prompts are content
in each language, not translations of each other, so they stay here."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.ui.i18n import qt_locale, translate_in

LESSON = "studydesk://lesson/parameters#"

# control key -> lesson anchor (content/lessons/*/parameters.md)
ANCHORS = {
    "mode": "greedy",
    "temperature": "temperature",
    "top_k": "top-k",
    "top_p": "top-p",
    "min_p": "min-p",
    "repeat_penalty": "sampler-order",
    "max_new_tokens": "max-new-tokens",
    "seed": "random-sampling",
    "temperature_first": "sampler-order",
    "chart": "logits-softmax",
}

EXAMPLES: dict[str, list[str]] = {
    "pt-BR": [
        "A capital do Brasil é",
        "Era uma vez um",
        "O céu é azul porque",
        "Receita de bolo de cenoura:\n1.",
        "Os três estados da matéria são",
    ],
    "en": [
        "The capital of France is",
        "Once upon a time",
        "The three primary colors are",
        "def fibonacci(n):",
        "My favourite thing about the weekend is",
    ],
}

# key -> English source text; the pt-BR (and any other) text lives in desktop/ui/i18n/studydesk_*.ts, context
# "LabTexts". QT_TRANSLATE_NOOP marks them for pyside6-lupdate.
_SOURCE: dict[str, str] = {
    "title": QT_TRANSLATE_NOOP("LabTexts", "Sampling lab"),
    "prompt": QT_TRANSLATE_NOOP("LabTexts", "Prompt"),
    "prompt_hint": QT_TRANSLATE_NOOP(
        "LabTexts", "Type a text for the model to continue — for example “The capital of France is” — or pick "
        "an example."),
    "examples": QT_TRANSLATE_NOOP("LabTexts", "Examples"),
    "generated": QT_TRANSLATE_NOOP("LabTexts", "{n} tokens generated (max {max})"),
    "run": QT_TRANSLATE_NOOP("LabTexts", "Show next token"),
    "mode": QT_TRANSLATE_NOOP("LabTexts", "Mode"),
    "greedy": QT_TRANSLATE_NOOP("LabTexts", "Greedy"),
    "random": QT_TRANSLATE_NOOP("LabTexts", "Random"),
    "temperature": QT_TRANSLATE_NOOP("LabTexts", "Temperature"),
    "top_k": QT_TRANSLATE_NOOP("LabTexts", "Top-k"),
    "top_p": QT_TRANSLATE_NOOP("LabTexts", "Top-p"),
    "min_p": QT_TRANSLATE_NOOP("LabTexts", "Min-p"),
    "repeat_penalty": QT_TRANSLATE_NOOP("LabTexts", "Repetition penalty"),
    "max_new_tokens": QT_TRANSLATE_NOOP("LabTexts", "Max new tokens"),
    "seed": QT_TRANSLATE_NOOP("LabTexts", "Seed"),
    "new_seed": QT_TRANSLATE_NOOP("LabTexts", "New seed each run"),
    "temperature_first": QT_TRANSLATE_NOOP("LabTexts", "Apply temperature first"),
    "bars": QT_TRANSLATE_NOOP("LabTexts", "Bars in the chart"),
    "off": QT_TRANSLATE_NOOP("LabTexts", "off"),
    "lesson": QT_TRANSLATE_NOOP("LabTexts", "Lesson ›"),
    "explain.mode": QT_TRANSLATE_NOOP(
        "LabTexts", "<b>Greedy</b>: always the most likely token — the same prompt always gives the same "
        "text. <b>Random</b> sampling draws the next token by the weight of its probability."),
    "explain.temperature": QT_TRANSLATE_NOOP(
        "LabTexts", "Divides the logits before the softmax. Below 1 sharpens the distribution (less "
        "“creative”), above 1 flattens it; 0 = greedy. In llama.cpp it comes after the cuts: it changes the "
        "shares among the tokens left, not which are left."),
    "explain.top_k": QT_TRANSLATE_NOOP("LabTexts", "Draw only among the <b>k</b> most likely tokens. Off (0) = no limit."),
    "explain.top_p": QT_TRANSLATE_NOOP(
        "LabTexts", "Keep the smallest group of the most likely tokens whose cumulative probability reaches "
        "<b>p</b> (the token that crosses p stays). 1 = off."),
    "explain.min_p": QT_TRANSLATE_NOOP("LabTexts", "Remove tokens less likely than min-p × the most likely one. 0 = off."),
    "explain.repeat_penalty": QT_TRANSLATE_NOOP(
        "LabTexts", "Makes repeating any of the last 64 tokens less likely: a positive logit is "
        "divided by the penalty, a negative one multiplied. Applied before everything else. 1 = off."),
    "explain.max_new_tokens": QT_TRANSLATE_NOOP(
        "LabTexts", "Caps how many tokens the model writes after the prompt. It does not change how "
        "each token is chosen — only where the text stops."),
    "explain.seed": QT_TRANSLATE_NOOP("LabTexts", "The draws use this seed: same seed and settings, same text."),
    "explain.temperature_first": QT_TRANSLATE_NOOP(
        "LabTexts", "Many tutorials apply temperature first. llama.cpp applies it last "
        "(penalty → top-k → top-p → min-p → temperature), so it never changes which tokens survive. Tick this "
        "to see the tutorials' order: a high temperature lets more tokens through top-p and min-p, a low one "
        "fewer."),
    "explain.chart": QT_TRANSLATE_NOOP(
        "LabTexts", "Light bars: the plain softmax of the model's logits. Strong bars: the probability after "
        "the samplers. Removed tokens are grey, labelled with the stage that removed them."),
    "explain.batch": QT_TRANSLATE_NOOP(
        "LabTexts", "The probabilities shown during generation come from a token-by-token evaluation; if you "
        "paste the generated text into the prompt, it is evaluated in one batch, and the numbers may change "
        "slightly (up to 0.028 on the default model) from floating-point rounding alone — the model is the same."),
    "tab.explore": QT_TRANSLATE_NOOP("LabTexts", "Explore"),
    "tab.compare": QT_TRANSLATE_NOOP("LabTexts", "Compare"),
    "generate": QT_TRANSLATE_NOOP("LabTexts", "Generate"),
    "step": QT_TRANSLATE_NOOP("LabTexts", "Step"),
    "stop": QT_TRANSLATE_NOOP("LabTexts", "Stop"),
    "undo": QT_TRANSLATE_NOOP("LabTexts", "Undo"),
    "clear": QT_TRANSLATE_NOOP("LabTexts", "Clear"),
    "kept": QT_TRANSLATE_NOOP("LabTexts", "Kept"),
    "of": QT_TRANSLATE_NOOP("LabTexts", "of"),
    "mass": QT_TRANSLATE_NOOP("LabTexts", "Mass kept"),
    "entropy": QT_TRANSLATE_NOOP("LabTexts", "Entropy"),
    "bits": QT_TRANSLATE_NOOP("LabTexts", "bits"),
    "raw": QT_TRANSLATE_NOOP("LabTexts", "softmax of the logits"),
    "final": QT_TRANSLATE_NOOP("LabTexts", "after the samplers"),
    "probability": QT_TRANSLATE_NOOP("LabTexts", "probability"),
    "no_model": QT_TRANSLATE_NOOP(
        "LabTexts", "No model is loaded. The default model (Gemma 3 270M) loads when the app opens; you can also "
        "pick a GGUF file on the Models page."),
    "loading": QT_TRANSLATE_NOOP("LabTexts", "Loading the model…"),
    "open_models": QT_TRANSLATE_NOOP("LabTexts", "Open Models (Ctrl+7)"),
    "cut": QT_TRANSLATE_NOOP(
        "LabTexts", "The prompt had {total} tokens; the first {cut} were cut so it fits the {ctx}-token "
        "context."),
    "empty_output": QT_TRANSLATE_NOOP(
        "LabTexts", "Press Generate (Ctrl+Enter) or Step (Alt+→) to let the model write. Each token is "
        "coloured by the probability it had; hover for its alternatives, click to branch."),
    "legend": QT_TRANSLATE_NOOP("LabTexts", "Probability of the chosen token:"),
    "low": QT_TRANSLATE_NOOP("LabTexts", "low"),
    "high": QT_TRANSLATE_NOOP("LabTexts", "high"),
    "generating": QT_TRANSLATE_NOOP("LabTexts", "Generating…"),
    "at_max": QT_TRANSLATE_NOOP("LabTexts", "Reached max new tokens."),
    "branch_title": QT_TRANSLATE_NOOP("LabTexts", "Continue with another token here"),
    "removed": QT_TRANSLATE_NOOP("LabTexts", "removed by"),
    "compare_hint": QT_TRANSLATE_NOOP(
        "LabTexts", "Same prompt, same seed, different settings: what changes is the effect of the parameter "
        "alone."),
    "compare_run": QT_TRANSLATE_NOOP("LabTexts", "Generate both"),
    "preset": QT_TRANSLATE_NOOP("LabTexts", "Comparison"),
    "pane_a": QT_TRANSLATE_NOOP("LabTexts", "A"),
    "pane_b": QT_TRANSLATE_NOOP("LabTexts", "B"),
    "chosen": QT_TRANSLATE_NOOP("LabTexts", "chosen"),
    "alternatives": QT_TRANSLATE_NOOP("LabTexts", "Alternatives at this position"),
    "end": QT_TRANSLATE_NOOP("LabTexts", "end of text"),
}


def number(lang: str, value: float, spec: str = ",") -> str:
    """A number the way the language writes it (its QLocale's separators): 262.144 and 73,4% in pt-BR, 262,144 and
    73.4% in English. `spec` is a Python format spec such as ",", ".1%" or ".2f"."""
    text = format(value, spec)
    locale = qt_locale(lang)
    point, group = locale.decimalPoint(), locale.groupSeparator()
    return "".join(point if ch == "." else group if ch == "," else ch for ch in text)


def tr(lang: str, key: str) -> str:
    return translate_in(lang, "LabTexts", _SOURCE[key])


def examples(lang: str) -> list[str]:
    """The content language's examples first, then the other language's (the model handles both)."""
    first = EXAMPLES.get(lang, EXAMPLES["en"])
    rest = [e for key, items in EXAMPLES.items() if items is not first for e in items]
    return first + rest


def explanation_html(lang: str, key: str) -> str:
    anchor = ANCHORS[key]
    return f'{tr(lang, "explain." + key)} <a href="{LESSON}{anchor}">{tr(lang, "lesson")}</a>'
