"""Extraction speed beside underthesea's `ner`, on the same articles in the same process.

`run(paths)` reads the articles, extracts them with ours (repeated until the timing is stable) and runs underthesea's
`ner` over the same texts sentence by sentence (its intended input; a whole article in one call is several times
slower still), then returns and prints articles per second of each and their ratio. No model is downloaded:
underthesea's `ner` ships with the package."""

from __future__ import annotations

import time
from pathlib import Path

from orgkg.loaders.document import Document
from orgkg.loaders.extract import extract
from orgkg.loaders.extract.text import sentences


def _documents(paths: list[Path]) -> tuple[list[Document], list[str]]:
    from orgkg.loaders.documents import DocumentError, read_documents

    docs: list[Document] = []
    refused: list[str] = []
    for p in paths:
        for d in read_documents(Path(p)):
            if isinstance(d, DocumentError):
                refused.append(str(d))
            else:
                docs.append(d)
    return docs, refused


def _time_ours(docs: list[Document], min_seconds: float) -> tuple[float, int]:
    rounds = 0
    start = time.perf_counter()
    while True:
        for d in docs:
            extract(d)
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed, rounds * len(docs)


def _time_ner(docs: list[Document]) -> tuple[float, int]:
    from underthesea import ner

    ner("Ông Nguyễn Văn A dự hội nghị.")  # load the model outside the timing
    start = time.perf_counter()
    for d in docs:
        for s in sentences(d.text):
            ner(d.text[s.start:s.end])
    return time.perf_counter() - start, len(docs)


def run(paths: list[Path], min_seconds: float = 1.0, echo: bool = True) -> dict:
    """Articles/s of our extractor and of underthesea's `ner` on the same articles, and ours/ner."""
    docs, refused = _documents(paths)
    if not docs:
        result = {"articles": 0, "refused": refused, "ours_per_s": None, "ner_per_s": None, "ratio": None}
        if echo:
            print("no article to measure" + (f" ({len(refused)} refused)" if refused else ""))
        return result
    for d in docs:  # warm the lexicons and compiled patterns
        extract(d)
    ours_s, ours_n = _time_ours(docs, min_seconds)
    ner_s, ner_n = _time_ner(docs)
    ours_rate, ner_rate = ours_n / ours_s, ner_n / ner_s
    result = {"articles": len(docs), "refused": refused, "ours_per_s": round(ours_rate, 2),
              "ner_per_s": round(ner_rate, 3), "ratio": round(ours_rate / ner_rate, 1)}
    if echo:
        print(f"{len(docs)} articles, same texts, same process")
        print(f"  orgkg extract      {ours_rate:10.2f} articles/s  ({1000 * ours_s / ours_n:.1f} ms/article)")
        print(f"  underthesea ner    {ner_rate:10.3f} articles/s  ({1000 * ner_s / ner_n:.1f} ms/article)")
        print(f"  ratio              {result['ratio']:10.1f}x")
        for r in refused:
            print(f"  refused {r}")
    return result
