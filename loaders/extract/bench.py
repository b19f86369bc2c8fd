"""Extraction speed beside underthesea's `ner`, on the same articles in the same process.

`run(paths)` reads the articles, extracts them with ours (repeated until the timing is stable) and runs underthesea's
`ner` over the same texts sentence by sentence, article by article in turn (its intended input; a whole article in one call is several times
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


def _time_both(docs: list[Document], min_seconds: float) -> tuple[float, int, float, int]:
    """Seconds and article counts of ours and of `ner`, article by article in turn, so that both see the same
    moments of a shared machine; ours repeats each article until it has run min_seconds in all."""
    from underthesea import ner

    ner("Ông Nguyễn Văn A dự hội nghị.")  # load the model outside the timing
    ours_s = ner_s = 0.0
    ours_n = ner_n = 0
    repeat = 1
    while True:
        for d in docs:
            start = time.perf_counter()
            for _ in range(repeat):
                extract(d)
            ours_s += time.perf_counter() - start
            ours_n += repeat
            if ner_n < len(docs):
                start = time.perf_counter()
                for s in sentences(d.text):
                    ner(d.text[s.start:s.end])
                ner_s += time.perf_counter() - start
                ner_n += 1
        if ours_s >= min_seconds:
            return ours_s, ours_n, ner_s, ner_n
        repeat = max(repeat, int(repeat * min_seconds / max(ours_s, 1e-6)) + 1)


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
    ours_s, ours_n, ner_s, ner_n = _time_both(docs, min_seconds)
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
