"""The window's TF-IDF, counted with numpy, is scikit-learn's TfidfVectorizer's to the bit."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from trendwatch.analysis.stories import tfidf


def _vectorizer(docs: list[list[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    big = len(docs) >= 20
    vectorizer = TfidfVectorizer(
        analyzer=lambda doc: doc, min_df=2 if big else 1, max_df=0.5 if big else 1.0,
        sublinear_tf=True, dtype=np.float32,
    )
    return vectorizer.fit_transform(docs).tocsr(), list(vectorizer.get_feature_names_out())


@pytest.mark.parametrize("n_docs", [3, 25, 3000])
def test_tfidf_is_the_vectorizers(n_docs: int) -> None:
    rng = random.Random(n_docs)
    words = [f"w{k}" for k in range(300)] + [f"w{k} w{k + 1}" for k in range(200)]
    docs = [[rng.choice(words) for _ in range(rng.randrange(0, 60))] for _ in range(n_docs)]
    docs.append([])  # a document without terms keeps its (empty) row
    expected, vocabulary = _vectorizer(docs)
    got, got_vocabulary = tfidf(iter(docs))  # read once, one document at a time
    assert got_vocabulary == vocabulary
    assert got.shape == expected.shape and got.dtype == expected.dtype
    assert np.array_equal(got.indptr, expected.indptr)
    assert np.array_equal(got.indices, expected.indices)  # same order within rows (sums round alike)
    assert got.data.tobytes() == expected.data.tobytes()


def test_no_term_left_gives_an_empty_vocabulary() -> None:
    assert tfidf([])[1] == []
    hapaxes, vocabulary = tfidf([[f"u{i}"] for i in range(30)])  # every term in one document only
    assert hapaxes.shape == (30, 0) and vocabulary == []
    assert tfidf([[], []])[0].shape == (2, 0)
