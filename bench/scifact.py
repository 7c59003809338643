"""Ranking quality on BEIR SciFact: nDCG@10 and Recall@100 with the product's own
analyzer (Snowball stemming, the stop list, folding) and scoring (Whoosh BM25F).

Each SciFact document (title + abstract) is indexed by the product's indexer as
one article of one passage; a claim becomes a natural-language query with
any-term semantics: an OR of its analyzed terms over the default fields. The
BM25 parameters and the title's weight are chosen on the train split only and
then applied once to the test split.
"""

from __future__ import annotations

import json
import math
import tempfile
import time
from pathlib import Path

SCIFACT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "scifact"
GRID_K1 = (0.9, 1.2, 1.5)
GRID_B = (0.6, 0.75, 0.9)
GRID_TITLE = (None, 0.5)  # None: title and abstract in one field


def load_qrels(split: str) -> dict[str, set[str]]:
    qrels: dict[str, set[str]] = {}
    lines = (SCIFACT / "qrels" / f"{split}.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        qid, docid, grade = line.strip().split("\t")
        if int(grade) > 0:
            qrels.setdefault(qid, set()).add(docid)
    return qrels


def load_queries(ids) -> dict[str, str]:
    wanted = set(ids)
    out = {}
    for line in (SCIFACT / "queries.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        if q["_id"] in wanted:
            out[q["_id"]] = q["text"]
    return out


def build(workdir: Path, one_field: bool) -> tuple[Path, list[str]]:
    """Index SciFact with the product's indexer; returns the index and the corpus ids in order."""
    from search.indexer import update_index

    corpus = workdir / ("corpus-one-field" if one_field else "corpus")
    corpus.mkdir(parents=True, exist_ok=True)
    ids = []
    with open(corpus / "scifact.jsonl", "w", encoding="utf-8") as out:
        for line in (SCIFACT / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            ids.append(doc["_id"])
            text = " ".join(doc["text"].split())  # one passage per document
            if one_field:
                record = {"text": f"{doc['title']}. {text}", "source": "scifact"}
            else:
                record = {"title": doc["title"], "text": text, "source": "scifact"}
            out.write(json.dumps(record) + "\n")
    index = workdir / (corpus.name + "-index")
    update_index([corpus], index)
    return index, ids


def run(index: Path, ids: list[str], queries: dict[str, str], k1: float, b: float, title: float | None,
        depth: int = 100) -> dict[str, list[tuple[str, float]]]:
    """Top `depth` (docid, score) for each query."""
    from whoosh import query as Q
    from whoosh import scoring
    from whoosh.index import open_dir

    from search import analysis

    ix = open_dir(str(index))
    runs = {}
    with ix.searcher(weighting=scoring.BM25F(K1=k1, B=b)) as searcher:
        for qid, text in queries.items():
            terms = list(dict.fromkeys(analysis.TEXT.terms(text)))
            clauses = [Q.Term("text", t) for t in terms]
            if title:
                clauses += [Q.Term("title", t, boost=title) for t in terms]
            results = searcher.search(Q.Or(clauses), limit=depth)
            runs[qid] = [(ids[int(hit["article"].rsplit("#", 1)[1]) - 1], hit.score) for hit in results]
    return runs


def evaluate(runs, qrels) -> dict[str, float]:
    ndcg = recall = 0.0
    for qid, relevant in qrels.items():
        ranked = [d for d, _ in runs.get(qid, [])]
        dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:10]) if d in relevant)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
        ndcg += dcg / ideal
        recall += len(relevant & set(ranked[:100])) / len(relevant)
    return {"ndcg@10": ndcg / len(qrels), "recall@100": recall / len(qrels), "queries": len(qrels)}


def write_trec(runs, path: Path, tag: str) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for qid in sorted(runs, key=lambda q: int(q)):
            for rank, (docid, score) in enumerate(runs[qid], start=1):
                out.write(f"{qid} Q0 {docid} {rank} {score:.6f} {tag}\n")


def measure(run_out: Path | None = None, log=print) -> dict:
    """Tune on train, evaluate once on test; optionally write the test run as a TREC file."""
    train, test = load_qrels("train"), load_qrels("test")
    train_q, test_q = load_queries(train), load_queries(test)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        indexes = {one: build(Path(tmp), one) for one in (True, False)}
        best = None
        for title in GRID_TITLE:
            index, ids = indexes[title is None]
            for k1 in GRID_K1:
                for b in GRID_B:
                    score = evaluate(run(index, ids, train_q, k1, b, title), train)["ndcg@10"]
                    if best is None or score > best[0]:
                        best = (score, k1, b, title)
        _, k1, b, title = best
        index, ids = indexes[title is None]
        runs = run(index, ids, test_q, k1, b, title)
        figures = evaluate(runs, test)
        default = evaluate(run(*indexes[False], test_q, 1.2, 0.75, 0.5), test)
        if run_out:
            write_trec(runs, run_out, "news-search")
    log(f"SciFact: tuned on train (k1={k1}, b={b}, title={'one field' if title is None else title}), "
        f"test nDCG@10 {figures['ndcg@10']:.3f}, Recall@100 {figures['recall@100']:.3f} "
        f"({figures['queries']} queries, {time.monotonic() - started:.0f} s)")
    return {**figures, "k1": k1, "b": b, "title": title, "train_ndcg@10": best[0],
            "default_ndcg@10": default["ndcg@10"], "default_recall@100": default["recall@100"]}
