"""Retrieval over past segments: sentence embeddings, or TF-IDF when embeddings are off."""

from collections import defaultdict
from typing import TYPE_CHECKING

from proagentbench.benchmark.types import Segment

if TYPE_CHECKING:
    import numpy as np


class Retriever:
    def __init__(self, segments: list[Segment], *, use_embeddings: bool) -> None:
        self._segments = segments
        self._by_session: dict[str, list[int]] = defaultdict(list)
        for index, segment in enumerate(segments):
            self._by_session[segment.session_uid].append(index)
        self._use_embeddings = use_embeddings
        texts = [segment.text or "(empty)" for segment in segments]
        self._vectorizer = None
        if not segments:
            self._matrix: np.ndarray | None = None
        elif use_embeddings:
            from proagentbench.benchmark.embeddings import encode

            self._matrix = encode(texts)
        else:
            from sklearn.feature_extraction.text import TfidfVectorizer

            self._vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=1)
            self._matrix = self._vectorizer.fit_transform(texts)

    def search(self, query: str, sources: list[str] | tuple[str, ...], k: int) -> list[Segment]:
        """The k past segments most similar to the query, drawn only from the given source sessions."""
        import numpy as np

        candidates = [index for uid in sources for index in self._by_session.get(uid, [])]
        if not candidates or self._matrix is None or k <= 0:
            return []
        if self._use_embeddings:
            from proagentbench.benchmark.embeddings import encode

            query_vector = encode([query or "(empty)"])[0]
            scores = self._matrix[candidates] @ query_vector
        else:
            assert self._vectorizer is not None
            query_vector = self._vectorizer.transform([query])
            scores = (self._matrix[candidates] @ query_vector.T).toarray().ravel()
        order = np.argsort(-np.asarray(scores), kind="stable")[:k]
        return [self._segments[candidates[int(i)]] for i in order]
