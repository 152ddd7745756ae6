"""Prints crosscheck's and the peer's articles/s and their ratios from the JSON files that
bench/peer/compare wrote."""

import json
import pathlib
import sys


def load(path):
    return json.loads(pathlib.Path(path).read_text())


def main():
    out, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    rows = []
    for i in range(n):
        analyze = load(out / f"cc-analyze-{i}.json")["bench"][0]
        whole = load(out / f"cc-all-{i}.json")["bench"][0]
        peer = load(out / f"peer-{i}.json")
        p = peer["corpora"][0]
        rows.append((p["corpus"], p["articles"], "analysis",
                     analyze["articles_per_second"], p["analyze_articles_per_second"]))
        rows.append((p["corpus"], p["articles"], "end to end",
                     whole["articles_per_second"], p["end_to_end_articles_per_second"]))
    info = peer["peer"]
    print(f"peer: spaCy {info['spacy']} ({info['model']}, {info['processes']} processes), "
          f"scikit-learn {info['scikit_learn']} TF-IDF + average-link clustering")
    print(f"{'corpus':<40} {'articles':>8} {'stage':<11} {'crosscheck/s':>12} "
          f"{'peer/s':>8} {'ratio':>7}")
    for corpus, articles, stage, ours, theirs in rows:
        print(f"{corpus[-40:]:<40} {articles:>8} {stage:<11} {ours:>12.0f} {theirs:>8.1f} "
              f"{ours / theirs:>6.0f}x")


if __name__ == "__main__":
    main()
