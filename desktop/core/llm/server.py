"""An inference server the student already runs, as a second backend beside the local Engine.

Four kinds of server are spoken to (../shared/FACTS.md → "Inference servers"):

- llama.cpp's `llama-server`: native `POST /completion` with `n_probs` (token ids, no cap on N), `/tokenize`;
- vLLM: OpenAI `POST /v1/completions` with `logprobs` (N ≤ its `--max-logprobs`, 20 by default), `/tokenize`;
- Ollama: `POST /api/generate` with `raw`, `logprobs` and `top_logprobs` (N ≤ 20); no tokenizer endpoint;
- llama-cpp-python's server: `/v1/completions` (string prompts only), `/extras/tokenize`;
- anything else that speaks OpenAI's `/v1/completions` with `logprobs`.

Every request asks for the server's *pre-sampling* probabilities of the next token (one token, temperature 0, an
explicit seed) and the app's own sampler chain runs on them (desktop/core/topn.py), so every backend teaches the
same chain. Only the standard library is used; every call runs on the app's model thread, never the GUI thread.
"""

from __future__ import annotations

import http.client
import json
import math
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

KINDS = ("llama-server", "vllm", "ollama", "llama-cpp-python", "openai-compatible")
DEFAULT_TOP = 20
DEFAULT_TIMEOUT = 30.0
SEED = 1234
# How many probabilities each kind returns at most (its documented limit; llama-server and llama-cpp-python have
# none but the vocabulary, so the lab's own cap applies).
MAX_TOP = {"llama-server": 200, "llama-cpp-python": 200, "vllm": 20, "ollama": 20, "openai-compatible": 20}
# Texts of end-of-sequence tokens in common vocabularies. llama-cpp-python's server returns empty probability
# lists when the token it samples is end-of-sequence, so those ids are biased down (the probabilities it reports
# are computed before any bias, so they stay the model's own).
_EOS_TEXTS = ("<eos>", "</s>", "<|endoftext|>", "<|end_of_text|>", "<|eot_id|>", "<|im_end|>", "<end_of_turn>")
_MAX_BODY = 64 * 1024 * 1024  # a response larger than this is not a next-token answer


class ServerError(Exception):
    """A server problem, said so a student knows what to do; the message names the server."""


@dataclass(frozen=True)
class ServerToken:
    id: int | None  # None when the server keys its probabilities by text only (OpenAI's older shape)
    text: str
    logprob: float

    @property
    def p(self) -> float:
        return math.exp(self.logprob)


@dataclass(frozen=True)
class TopTokens:
    """The server's N most likely next tokens (highest first, one entry per token) before any sampler."""

    tokens: tuple[ServerToken, ...]
    asked: int  # the N that was asked for

    @property
    def mass(self) -> float:
        return min(1.0, sum(t.p for t in self.tokens))

    @property
    def rest_mass(self) -> float:
        """Probability of every token the server did not list: 1 − Σp."""
        return max(0.0, 1.0 - self.mass)


@dataclass(frozen=True)
class ServerInfo:
    url: str
    kind: str
    models: tuple[str, ...]
    max_top: int
    tokenize: bool

    def as_json(self) -> dict[str, Any]:
        return {"url": self.url, "kind": self.kind, "models": list(self.models), "max_top": self.max_top,
                "tokenize": self.tokenize}


@dataclass
class ServerClient:
    """One server, one chosen model. Not thread safe: use it from the model thread."""

    base_url: str
    api_key: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    model: str | None = None
    info: ServerInfo | None = None
    _eos_ids: tuple[int, ...] = field(default=(), repr=False)
    _start_ids: list[int] | None = field(default=None, repr=False)  # llama-cpp-python's start token(s)

    def __post_init__(self) -> None:
        self.base_url = normalize_url(self.base_url)

    # HTTP -----------------------------------------------------------------------------------------------------
    def _request(self, method: str, path: str, body: dict[str, Any] | None = None, quiet_404: bool = False) -> Any:
        url = self.base_url + path
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.api_key:
            request.add_header("Authorization", f"Bearer {self.api_key}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                length = int(response.headers.get("Content-Length") or 0)
                if length > _MAX_BODY:
                    raise ServerError(f"{self.base_url}{path} answered with {length:,} bytes; refused.")
                # read() without a size raises IncompleteRead when the connection drops before Content-Length
                raw = response.read() if length else response.read(_MAX_BODY + 1)
        except urllib.error.HTTPError as exc:
            if quiet_404 and exc.code in (404, 405):
                return None
            raise ServerError(self._http_message(exc, path)) from exc
        except TimeoutError as exc:
            raise ServerError(
                f"{self.base_url} did not answer within {self.timeout:g} s. It may be busy or still loading its "
                "model: try again, raise the timeout, or go back to the local model."
            ) from exc
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise ServerError(
                    f"{self.base_url} did not answer within {self.timeout:g} s. It may be busy or still loading "
                    "its model: try again, raise the timeout, or go back to the local model."
                ) from exc
            if isinstance(reason, ConnectionRefusedError):
                what = "no server answers at that address (connection refused)"
            elif isinstance(reason, socket.gaierror):
                what = f"the host name cannot be found ({reason.strerror or reason})"
            else:
                what = str(reason)
            raise ServerError(
                f"{self.base_url}: {what}. Check that the server is running and the address and port are right, "
                "or go back to the local model."
            ) from exc
        except (http.client.HTTPException, ConnectionError, OSError) as exc:
            raise ServerError(
                f"{self.base_url} closed the connection before its answer was complete ({type(exc).__name__}). "
                "The server may have stopped or restarted: try again, or go back to the local model."
            ) from exc
        if len(raw) > _MAX_BODY:
            raise ServerError(f"{self.base_url}{path} answered with more than {_MAX_BODY // 2**20} MB; refused.")
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            start = raw[:80].decode("utf-8", "replace")
            raise ServerError(
                f"{self.base_url}{path} answered with something that is not JSON ({start!r}…). Is this address an "
                "inference server (llama-server, vLLM, Ollama, llama-cpp-python)?"
            ) from exc

    def _http_message(self, exc: urllib.error.HTTPError, path: str) -> str:
        try:
            detail = exc.read(4096).decode("utf-8", "replace")
        except OSError:
            detail = ""
        detail = _error_detail(detail)
        if exc.code in (401, 403):
            key = "the API key was refused" if self.api_key else "it needs an API key"
            return (
                f"{self.base_url} answered {exc.code}: {key}. Give the key the server was started with "
                "(its --api-key) in Connect to a server…, or in the environment variable named there."
            )
        if exc.code == 404:
            return f"{self.base_url} has no {path} ({exc.code}){': ' + detail if detail else ''}. Is the address right?"
        if exc.code in (400, 422):
            hint = ""
            if "logprob" in detail.lower() or "n_probs" in detail.lower():
                hint = " Ask for fewer tokens (top N): this server limits how many probabilities it returns."
            elif "model" in detail.lower():
                hint = " Choose one of the server's models."
            return f"{self.base_url} refused the request ({exc.code}): {detail or exc.reason}.{hint}"
        return f"{self.base_url} answered {exc.code} ({detail or exc.reason}). Try again, or go back to the local model."

    # what the server is ---------------------------------------------------------------------------------------
    def check(self) -> ServerInfo:
        """Find out which kind of server this is, its models, how many probabilities it returns, and whether it
        has a tokenizer endpoint. Raises ServerError when nothing usable answers."""
        kind = self._detect_kind()
        models = self._models(kind)
        if self.model is None or self.model not in models:
            self.model = models[0] if models else None
        tokenize = kind in ("llama-server", "vllm", "llama-cpp-python")
        self.info = ServerInfo(self.base_url, kind, tuple(models), MAX_TOP[kind], tokenize)
        if kind == "llama-cpp-python":
            self._eos_ids = self._find_eos_ids()
        return self.info

    def _detect_kind(self) -> str:
        props = self._request("GET", "/props", quiet_404=True)
        if isinstance(props, dict) and ("default_generation_settings" in props or "build_info" in props):
            return "llama-server"
        version = self._request("GET", "/api/version", quiet_404=True)
        if isinstance(version, dict) and "version" in version:
            return "ollama"
        listing = self._request("GET", "/v1/models")
        owners = {str(m.get("owned_by", "")) for m in _model_entries(listing)}
        if "vllm" in owners:
            return "vllm"
        spec = self._request("GET", "/openapi.json", quiet_404=True)
        if isinstance(spec, dict) and "llama.cpp Python" in str(spec.get("info", {}).get("title", "")):
            return "llama-cpp-python"
        return "openai-compatible"

    def _models(self, kind: str) -> list[str]:
        if kind == "ollama":
            tags = self._request("GET", "/api/tags")
            names = [str(m.get("name") or m.get("model")) for m in (tags or {}).get("models", []) if isinstance(m, dict)]
        else:
            names = [str(m.get("id")) for m in _model_entries(self._request("GET", "/v1/models")) if m.get("id")]
        return names

    def _find_eos_ids(self) -> tuple[int, ...]:
        ids = []
        for text in _EOS_TEXTS:
            tokens = self._text_ids(text)
            if len(tokens) == 1:  # a special token: one id for the whole text
                ids.append(tokens[0])
        return tuple(dict.fromkeys(ids))

    def _text_ids(self, text: str) -> list[int]:
        """llama-cpp-python's /extras/tokenize for `text`, without the start token it puts first (found by
        tokenizing the empty text); [] where the server has no such endpoint."""
        got = self._request("POST", "/extras/tokenize", {"input": text}, quiet_404=True)
        ids = [int(i) for i in got.get("tokens", [])] if isinstance(got, dict) else []
        if self._start_ids is None:
            start = self._request("POST", "/extras/tokenize", {"input": ""}, quiet_404=True)
            self._start_ids = [int(i) for i in start.get("tokens", [])] if isinstance(start, dict) else []
        if self._start_ids and ids[: len(self._start_ids)] == self._start_ids:
            ids = ids[len(self._start_ids):]
        return ids

    def _kind(self) -> str:
        if self.info is None:
            self.check()
        assert self.info is not None
        return self.info.kind

    # the next token -------------------------------------------------------------------------------------------
    def top_tokens(self, prompt: str | list[int], n: int = DEFAULT_TOP) -> TopTokens:
        """The N most likely next tokens after `prompt` (text, or token ids where the server takes them)."""
        kind = self._kind()
        if not 1 <= n <= MAX_TOP[kind]:
            raise ServerError(f"{self.base_url} ({kind}) returns between 1 and {MAX_TOP[kind]} probabilities, not {n}")
        if isinstance(prompt, list) and kind not in ("llama-server", "vllm"):
            raise ServerError(f"{self.base_url} ({kind}) takes text prompts only")
        if kind == "llama-server":
            body = {"prompt": prompt, "n_predict": 1, "n_probs": n, "temperature": 0, "seed": SEED,
                    "cache_prompt": True, "ignore_eos": True}
            tokens = parse_llama_server(self._request("POST", "/completion", body))
        elif kind == "ollama":
            body = {"model": self.model, "prompt": prompt, "raw": True, "stream": False, "logprobs": True,
                    "top_logprobs": n, "options": {"num_predict": 1, "temperature": 0, "seed": SEED}}
            tokens = parse_ollama(self._request("POST", "/api/generate", body))
        else:
            body = {"prompt": prompt, "max_tokens": 1, "logprobs": n, "temperature": 0, "seed": SEED}
            if self.model:
                body["model"] = self.model
            if kind == "llama-cpp-python":
                body["repeat_penalty"] = 1.0
                if self._eos_ids:
                    body["logit_bias"] = {str(i): -100.0 for i in self._eos_ids}
            if kind == "vllm":
                body["ignore_eos"] = True
            tokens = parse_openai_completion(self._request("POST", "/v1/completions", body))
        if not tokens:
            raise ServerError(
                f"{self.base_url} answered without token probabilities. This server ({kind}) may not return "
                "logprobs for completions: the lab needs them (see README → One GPU for the whole class)."
            )
        return TopTokens(tokens=tuple(sorted(tokens, key=lambda t: -t.logprob)[:n]), asked=n)

    # tokens ---------------------------------------------------------------------------------------------------
    def count_tokens(self, text: str) -> int | None:
        """How many tokens the server's model makes of `text` (with its start token, as a prompt), or None when
        the server cannot tell."""
        kind = self._kind()
        if kind == "llama-server":
            got = self._request("POST", "/tokenize", {"content": text, "add_special": True})
        elif kind == "vllm":
            got = self._request("POST", "/tokenize", {"model": self.model, "prompt": text})
        elif kind == "llama-cpp-python":
            got = self._request("POST", "/extras/tokenize/count", {"input": text})
            return int(got["count"]) if isinstance(got, dict) and "count" in got else None
        else:
            return None
        tokens = got.get("tokens") if isinstance(got, dict) else None
        return len(tokens) if isinstance(tokens, list) else None

    def tokenize(self, text: str) -> list[ServerToken]:
        """The server model's tokens for `text` (ids and pieces; logprob 0), where the server can tokenize."""
        kind = self._kind()
        if kind == "llama-server":
            got = self._request("POST", "/tokenize", {"content": text, "with_pieces": True})
            out = []
            for t in (got or {}).get("tokens", []):
                if isinstance(t, dict):
                    piece = t.get("piece")
                    out.append(ServerToken(int(t["id"]), piece if isinstance(piece, str) else _bytes_text(piece), 0.0))
                else:
                    out.append(ServerToken(int(t), "", 0.0))
            return out
        if kind == "vllm":
            got = self._request("POST", "/tokenize", {"model": self.model, "prompt": text,
                                                     "add_special_tokens": False, "return_token_strs": True})
            ids = [int(i) for i in (got or {}).get("tokens", [])]
            strs = (got or {}).get("token_strs") or [""] * len(ids)
            return [ServerToken(i, str(s), 0.0) for i, s in zip(ids, strs, strict=False)]
        if kind == "llama-cpp-python":
            ids = self._text_ids(text)  # the text's own tokens are what the Tokenizer page counts
            out = []
            for i in ids:
                piece = self._request("POST", "/extras/detokenize", {"tokens": [i]})
                out.append(ServerToken(i, str((piece or {}).get("text", "")), 0.0))
            return out
        raise ServerError(f"{self.base_url} ({kind}) has no tokenizer endpoint; the Tokenizer page needs one.")


# parsing the response shapes ----------------------------------------------------------------------------------
def _model_entries(listing: Any) -> list[dict[str, Any]]:
    if isinstance(listing, dict) and isinstance(listing.get("data"), list):
        return [m for m in listing["data"] if isinstance(m, dict)]
    return []


def _error_detail(text: str) -> str:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, ValueError):
        return text.strip()[:300]
    if isinstance(data, dict):
        err = data.get("error", data.get("detail", data.get("message", "")))
        if isinstance(err, dict):
            err = err.get("message", err)
        return str(err)[:300]
    return str(data)[:300]


def _bytes_text(raw: Any) -> str:
    if isinstance(raw, list):
        try:
            return bytes(int(b) for b in raw).decode("utf-8", "replace")
        except (ValueError, TypeError):
            return ""
    return str(raw or "")


def _finite(value: Any) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _unique(tokens: list[ServerToken]) -> list[ServerToken]:
    """One entry per token (OpenAI's older shape can repeat the sampled token as entry N+1)."""
    seen: dict[Any, ServerToken] = {}
    for t in tokens:
        key = t.id if t.id is not None else ("text", t.text)
        if key not in seen or t.logprob > seen[key].logprob:
            seen[key] = t
    return list(seen.values())


def _new_shape(entries: Any) -> list[ServerToken]:
    """[{token|tok_str, logprob|prob, id?, bytes?}, …] → tokens."""
    out = []
    for e in entries if isinstance(entries, list) else []:
        if not isinstance(e, dict):
            continue
        text = e.get("token", e.get("tok_str"))
        if "bytes" in e and isinstance(e["bytes"], list) and text is None:
            text = _bytes_text(e["bytes"])
        lp = _finite(e.get("logprob"))
        if lp is None and "prob" in e:
            p = _finite(e["prob"])
            lp = math.log(p) if p and p > 0 else None
        if lp is None or text is None:
            continue
        tid = e.get("id")
        out.append(ServerToken(int(tid) if isinstance(tid, int) else None, str(text), min(0.0, lp)))
    return _unique(out)


def parse_openai_completion(data: Any) -> list[ServerToken]:
    """`/v1/completions` with `logprobs`: the older text-keyed shape (`top_logprobs: [{text: logprob}]`, vLLM and
    llama-cpp-python) or the newer `logprobs.content[].top_logprobs` list."""
    try:
        logprobs = data["choices"][0]["logprobs"]
    except (KeyError, IndexError, TypeError):
        return []
    if not isinstance(logprobs, dict):
        return []
    if isinstance(logprobs.get("content"), list) and logprobs["content"]:
        return _new_shape(logprobs["content"][0].get("top_logprobs"))
    tops = logprobs.get("top_logprobs")
    if not isinstance(tops, list) or not tops or not isinstance(tops[0], dict):
        return []
    out = []
    for text, value in tops[0].items():
        lp = _finite(value)
        if lp is not None:
            out.append(ServerToken(None, str(text), min(0.0, lp)))
    return _unique(out)


def parse_llama_server(data: Any) -> list[ServerToken]:
    """llama-server's native `/completion` with `n_probs`: `completion_probabilities[0].top_logprobs` (ids,
    logprobs), or the older `probs: [{tok_str, prob}]`."""
    try:
        first = data["completion_probabilities"][0]
    except (KeyError, IndexError, TypeError):
        return []
    if not isinstance(first, dict):
        return []
    return _new_shape(first.get("top_logprobs", first.get("top_probs", first.get("probs"))))


def parse_ollama(data: Any) -> list[ServerToken]:
    """Ollama's `/api/generate` with `logprobs` and `top_logprobs`."""
    try:
        first = data["logprobs"][0]
    except (KeyError, IndexError, TypeError):
        return []
    return _new_shape(first.get("top_logprobs")) if isinstance(first, dict) else []


def normalize_url(url: str) -> str:
    """'localhost:8080' → 'http://localhost:8080'; a trailing '/' or '/v1' is dropped. Raises ServerError for
    something that is not an http(s) address."""
    text = (url or "").strip()
    if not text:
        raise ServerError("the server address is empty: give one like http://127.0.0.1:8080")
    if "://" not in text:
        text = "http://" + text
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ServerError(f"{url!r} is not a server address: give one like http://127.0.0.1:8080")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise ServerError(f"{url!r} has an invalid port") from exc
    path = parts.path.rstrip("/")
    if path.endswith("/v1"):
        path = path[:-3]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


@dataclass(frozen=True)
class ServerGeneratedToken:
    """One token generated through a server, chosen by the app's own sampler chain on the server's top N."""

    id: int | None
    text: str
    position: int
    p: float  # its final probability (the middle of its range when the kept set reaches unlisted tokens)
    p_raw: float
    kept: str  # e.g. "3" or "≥20"
    alternatives: tuple[ServerToken, ...]


def generate_over_server(
    client: ServerClient, prompt: str, settings: Any, seed: int, max_new_tokens: int, top: int = DEFAULT_TOP,
    should_stop: Any = lambda: False,
) -> Any:
    """Generate after a text prompt, one request per token: the server lists its top N, the app's chain picks
    one with the same seeded draw per position as locally (desktop.core.sampling.draw_uniform), and the token's
    text is appended to the prompt for the next request (servers that take only text see the text again)."""
    from desktop.core.sampling import draw_uniform
    from desktop.core.topn import topn_distribution

    text = prompt
    recent: list[int] = []  # generated tokens' ids, where the server gives ids (a repetition penalty needs them)
    for position in range(max_new_tokens):
        if should_stop():
            return
        listed = client.top_tokens(text, top).tokens
        dist = topn_distribution([t.p for t in listed], settings, None, recent, [t.id for t in listed])
        index = dist.draw(draw_uniform(seed, position))  # greedy leaves one survivor: the draw returns it
        chosen = listed[index]
        if chosen.id is not None:
            recent.append(chosen.id)
        row = dist.rows[index]
        yield ServerGeneratedToken(chosen.id, chosen.text, position, row.p_final, row.p_raw, dist.kept_label, listed)
        if chosen.text == "" and chosen.id is None:
            return  # an end-of-sequence token has no text: nothing to continue with
        text += chosen.text
