"""The lab's words in the content language (pt-BR or English): labels, the explanation beside each control
with the lesson section it links to, example prompts, and messages."""

from __future__ import annotations

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

_T: dict[str, dict[str, str]] = {
    "pt-BR": {
        "title": "Laboratório de amostragem",
        "prompt": "Prompt",
        "prompt_hint": "Digite um texto para o modelo continuar — por exemplo “A capital do Brasil é” — ou escolha um exemplo.",
        "examples": "Exemplos",
        "generated": "{n} tokens gerados (máx. {max})",
        "run": "Ver próximo token",
        "mode": "Modo",
        "greedy": "Greedy",
        "random": "Aleatório",
        "temperature": "Temperatura",
        "top_k": "Top-k",
        "top_p": "Top-p",
        "min_p": "Min-p",
        "repeat_penalty": "Penalidade de repetição",
        "max_new_tokens": "Máx. de tokens novos",
        "seed": "Semente",
        "new_seed": "Nova semente a cada geração",
        "temperature_first": "Aplicar a temperatura primeiro",
        "bars": "Barras no gráfico",
        "off": "desligado",
        "lesson": "Lição ›",
        "explain.mode": "<b>Greedy</b>: sempre o token mais provável — o mesmo prompt dá sempre o mesmo texto. "
        "<b>Aleatório</b> (random sampling): sorteia o próximo token pelo peso de sua probabilidade.",
        "explain.temperature": "Divide os logits antes do softmax. Abaixo de 1 concentra a distribuição (menos "
        "“criativo”), acima de 1 espalha; 0 = greedy. No llama.cpp ela vem depois dos cortes: muda as proporções "
        "entre os tokens que sobraram, não quais sobram.",
        "explain.top_k": "Sorteia só entre os <b>k</b> tokens mais prováveis. Desligado (0) = sem limite.",
        "explain.top_p": "Mantém o menor grupo dos mais prováveis cuja probabilidade acumulada chega a <b>p</b> "
        "(o token que cruza p fica). 1 = desligado.",
        "explain.min_p": "Remove tokens com probabilidade menor que min-p × a do mais provável. 0 = desligado.",
        "explain.repeat_penalty": "Torna menos provável repetir tokens dos últimos 64: logit positivo ÷ "
        "penalidade, negativo × penalidade. Aplicada antes de tudo. 1 = desligada.",
        "explain.max_new_tokens": "Limita quantos tokens o modelo escreve depois do prompt. Não muda a escolha de "
        "cada token — só onde o texto para.",
        "explain.seed": "O sorteio usa esta semente: mesma semente e mesmas configurações, mesmo texto.",
        "explain.temperature_first": "Muitos tutoriais aplicam a temperatura primeiro. O llama.cpp a aplica por "
        "último (penalidade → top-k → top-p → min-p → temperatura), então ela não muda quais tokens sobrevivem. "
        "Marque para ver a ordem dos tutoriais: com temperatura alta, top-p e min-p deixam passar mais tokens; "
        "com temperatura baixa, menos.",
        "explain.chart": "Barras claras: softmax puro dos logits do modelo. Barras fortes: probabilidade depois "
        "dos amostradores. Tokens removidos ficam cinza, com o nome da etapa que os removeu.",
        "explain.batch": "As probabilidades mostradas durante a geração vêm de uma avaliação token a token; se "
        "você colar o texto gerado no prompt, ele é avaliado de uma vez só, e os números podem mudar um pouco (no "
        "modelo padrão, até 0,028) só por arredondamento de ponto flutuante — o modelo é o mesmo.",
        "tab.explore": "Explorar",
        "tab.compare": "Comparar",
        "generate": "Gerar",
        "step": "Passo",
        "stop": "Parar",
        "undo": "Desfazer",
        "clear": "Limpar",
        "kept": "Mantidos",
        "of": "de",
        "mass": "Massa mantida",
        "entropy": "Entropia",
        "bits": "bits",
        "raw": "softmax dos logits",
        "final": "depois dos amostradores",
        "probability": "probabilidade",
        "no_model": "Nenhum modelo carregado. O modelo padrão (Gemma 3 270M) carrega ao abrir o app; você "
        "também pode escolher um arquivo GGUF na página Modelos.",
        "loading": "Carregando o modelo…",
        "open_models": "Abrir Modelos (Ctrl+7)",
        "cut": "O prompt tinha {total} tokens; os primeiros {cut} foram cortados para caber no contexto de "
        "{ctx} tokens.",
        "empty_output": "Use Gerar (Ctrl+Enter) ou Passo (Alt+→) para o modelo escrever. Cada token ganha a cor "
        "da probabilidade que tinha; passe o mouse para ver as alternativas e clique para seguir por outra.",
        "legend": "Probabilidade do token escolhido:",
        "low": "baixa",
        "high": "alta",
        "generating": "Gerando…",
        "at_max": "Chegou ao máximo de tokens novos.",
        "branch_title": "Seguir por outro token nesta posição",
        "removed": "removido por",
        "compare_hint": "Mesmo prompt, mesma semente, configurações diferentes: o que muda é só o efeito do "
        "parâmetro.",
        "compare_run": "Gerar os dois",
        "preset": "Comparação",
        "pane_a": "A",
        "pane_b": "B",
        "chosen": "escolhido",
        "alternatives": "Alternativas nesta posição",
        "end": "fim do texto",
    },
    "en": {
        "title": "Sampling lab",
        "prompt": "Prompt",
        "prompt_hint": "Type a text for the model to continue — for example “The capital of France is” — or pick "
        "an example.",
        "examples": "Examples",
        "generated": "{n} tokens generated (max {max})",
        "run": "Show next token",
        "mode": "Mode",
        "greedy": "Greedy",
        "random": "Random",
        "temperature": "Temperature",
        "top_k": "Top-k",
        "top_p": "Top-p",
        "min_p": "Min-p",
        "repeat_penalty": "Repetition penalty",
        "max_new_tokens": "Max new tokens",
        "seed": "Seed",
        "new_seed": "New seed each run",
        "temperature_first": "Apply temperature first",
        "bars": "Bars in the chart",
        "off": "off",
        "lesson": "Lesson ›",
        "explain.mode": "<b>Greedy</b>: always the most likely token — the same prompt always gives the same "
        "text. <b>Random</b> sampling draws the next token by the weight of its probability.",
        "explain.temperature": "Divides the logits before the softmax. Below 1 sharpens the distribution (less "
        "“creative”), above 1 flattens it; 0 = greedy. In llama.cpp it comes after the cuts: it changes the "
        "shares among the tokens left, not which are left.",
        "explain.top_k": "Draw only among the <b>k</b> most likely tokens. Off (0) = no limit.",
        "explain.top_p": "Keep the smallest group of the most likely tokens whose cumulative probability reaches "
        "<b>p</b> (the token that crosses p stays). 1 = off.",
        "explain.min_p": "Remove tokens less likely than min-p × the most likely one. 0 = off.",
        "explain.repeat_penalty": "Makes repeating any of the last 64 tokens less likely: a positive logit is "
        "divided by the penalty, a negative one multiplied. Applied before everything else. 1 = off.",
        "explain.max_new_tokens": "Caps how many tokens the model writes after the prompt. It does not change how "
        "each token is chosen — only where the text stops.",
        "explain.seed": "The draws use this seed: same seed and settings, same text.",
        "explain.temperature_first": "Many tutorials apply temperature first. llama.cpp applies it last "
        "(penalty → top-k → top-p → min-p → temperature), so it never changes which tokens survive. Tick this "
        "to see the tutorials' order: a high temperature lets more tokens through top-p and min-p, a low one "
        "fewer.",
        "explain.chart": "Light bars: the plain softmax of the model's logits. Strong bars: the probability after "
        "the samplers. Removed tokens are grey, labelled with the stage that removed them.",
        "explain.batch": "The probabilities shown during generation come from a token-by-token evaluation; if you "
        "paste the generated text into the prompt, it is evaluated in one batch, and the numbers may change "
        "slightly (up to 0.028 on the default model) from floating-point rounding alone — the model is the same.",
        "tab.explore": "Explore",
        "tab.compare": "Compare",
        "generate": "Generate",
        "step": "Step",
        "stop": "Stop",
        "undo": "Undo",
        "clear": "Clear",
        "kept": "Kept",
        "of": "of",
        "mass": "Mass kept",
        "entropy": "Entropy",
        "bits": "bits",
        "raw": "softmax of the logits",
        "final": "after the samplers",
        "probability": "probability",
        "no_model": "No model is loaded. The default model (Gemma 3 270M) loads when the app opens; you can also "
        "pick a GGUF file on the Models page.",
        "loading": "Loading the model…",
        "open_models": "Open Models (Ctrl+7)",
        "cut": "The prompt had {total} tokens; the first {cut} were cut so it fits the {ctx}-token "
        "context.",
        "empty_output": "Press Generate (Ctrl+Enter) or Step (Alt+→) to let the model write. Each token is "
        "coloured by the probability it had; hover for its alternatives, click to branch.",
        "legend": "Probability of the chosen token:",
        "low": "low",
        "high": "high",
        "generating": "Generating…",
        "at_max": "Reached max new tokens.",
        "branch_title": "Continue with another token here",
        "removed": "removed by",
        "compare_hint": "Same prompt, same seed, different settings: what changes is the effect of the parameter "
        "alone.",
        "compare_run": "Generate both",
        "preset": "Comparison",
        "pane_a": "A",
        "pane_b": "B",
        "chosen": "chosen",
        "alternatives": "Alternatives at this position",
        "end": "end of text",
    },
}


def number(lang: str, value: float, spec: str = ",") -> str:
    """A number the way the content language writes it: 262.144 and 73,4% in pt-BR, 262,144 and 73.4% in English."""
    text = format(value, spec)
    return text.translate(str.maketrans(",.", ".,")) if lang == "pt-BR" else text


def tr(lang: str, key: str) -> str:
    table = _T.get(lang, _T["en"])
    return table.get(key, _T["en"][key])


def examples(lang: str) -> list[str]:
    """The content language's examples first, then the other language's (the model handles both)."""
    first = EXAMPLES.get(lang, EXAMPLES["en"])
    rest = [e for key, items in EXAMPLES.items() if items is not first for e in items]
    return first + rest


def explanation_html(lang: str, key: str) -> str:
    anchor = ANCHORS[key]
    return f'{tr(lang, "explain." + key)} <a href="{LESSON}{anchor}">{tr(lang, "lesson")}</a>'
