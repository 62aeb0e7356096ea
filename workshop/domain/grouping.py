"""Suggested groups of similar ambitions, offline: TF-IDF over stemmed words, average-linkage clustering.

Each ambition becomes a vector of its stemmed content words (stop words and partnership filler left out)
and the four-letter pieces of those stems, so Dutch compounds meet their parts ("zonnepanelen",
"zonnestroom"; "huurwoningen", "huurders"). Features are weighted by how rare they are among the
ambitions (TF-IDF, L2-normalised), so two ambitions are as
similar as the cosine of their vectors. Groups are grown bottom-up: the two groups whose ambitions are
most similar on average are merged, until no two groups reach `threshold`. A group of two or more is a
suggestion, with its most central ambition as the proposed wording. The stemmer is passed in (the service
uses Snowball's Dutch or English one), so this module stays plain Python and runs in well under a
second for 500 ambitions (docs/grouping.md has the measurement and the quality on a labelled set).
"""

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .words import FILLER, content_words

# Chosen on the labelled set in tests/unit/grouping_set.py: see docs/grouping.md.
DEFAULT_THRESHOLD = 0.035
MAX_SHARE = 0.2
GRAM = 4
MAX_TEXTS = 1000
MAX_KEYWORDS = 3

Stemmer = Callable[[list[str]], list[str]]


def no_stemming(words: list[str]) -> list[str]:
    """The words as they are (for tests, and languages without a stemmer)."""
    return list(words)


@dataclass
class Suggestion:
    """A group of ambitions that read alike, and a wording taken from them."""

    ids: list[int]
    text: str
    keywords: list[str] = field(default_factory=list)
    similarity: float = 0.0


def terms(text: str, stem: Stemmer) -> list[str]:
    """The stems of a text's content words (filler left out), and each stem's four-letter pieces as "#piece"."""
    found = []
    for stemmed in stem([w for w in content_words(text) if w not in FILLER]):
        if len(stemmed) < 2:
            continue
        marked = f"<{stemmed}>"
        found.append(stemmed)
        found.extend("#" + marked[i : i + GRAM] for i in range(len(marked) - GRAM + 1))
    return found


def vectors(documents: Sequence[list[str]], max_share: float = 1.0) -> list[dict[str, float]]:
    """TF-IDF vectors (sublinear term frequency, smoothed idf), each of unit length.

    Features in more than `max_share` of the documents (and more than ten) are left out: they say little
    about which group an ambition is in, and every pair sharing one would cost a multiplication.
    """
    count = len(documents)
    df = Counter(term for doc in documents for term in set(doc))
    result = []
    for doc in documents:
        weights = {
            t: (1 + math.log(n)) * (math.log((1 + count) / (1 + df[t])) + 1)
            for t, n in Counter(doc).items()
            if df[t] <= max(10, max_share * count)
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        result.append({t: w / norm for t, w in weights.items()})
    return result


def similarities(vecs: list[dict[str, float]]) -> dict[int, dict[int, float]]:
    """Cosine similarity of every pair that shares a term (the others are 0), via an inverted index."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vec in enumerate(vecs):
        for term, weight in vec.items():
            postings[term].append((i, weight))
    sims: dict[int, dict[int, float]] = defaultdict(dict)
    for entries in postings.values():
        for x in range(len(entries)):
            i, wi = entries[x]
            row = sims[i]
            for y in range(x + 1, len(entries)):
                j, wj = entries[y]
                row[j] = row.get(j, 0.0) + wi * wj
    both: dict[int, dict[int, float]] = defaultdict(dict)
    for i, row in sims.items():
        for j, value in row.items():
            both[i][j] = both[j][i] = value
    return both


def average_linkage(count: int, sims: dict[int, dict[int, float]], threshold: float) -> list[list[int]]:
    """Clusters of 0..count-1: merge the pair with the highest mean pairwise similarity while it reaches `threshold`.

    Found with the nearest-neighbour chain (average linkage is reducible, so merging reciprocal nearest
    neighbours gives the same clusters as always merging the best pair, in O(n²) instead of O(n² log n)).
    """
    members = {i: [i] for i in range(count)}
    # links[a][b]: the sum of similarities between the members of a and of b (only non-zero sums kept).
    links: dict[int, dict[int, float]] = {i: dict(sims.get(i, {})) for i in range(count)}
    done: list[list[int]] = []
    chain: list[int] = []
    next_id = count

    def nearest(a: int) -> tuple[float, int | None]:
        size, best, found = len(members[a]), -1.0, None
        previous = chain[-2] if len(chain) > 1 else None
        for b, total in links[a].items():
            mean = total / (size * len(members[b]))
            # On a tie the previous link of the chain wins, so the chain cannot cycle.
            if mean > best or (mean == best and (b == previous or (found != previous and b < found))):
                best, found = mean, b
        return best, found

    while members:
        if not chain:
            chain.append(min(members))
        a = chain[-1]
        similarity, b = nearest(a)
        if b is None or similarity < threshold:
            # Merging only averages similarities, so this cluster will never reach the threshold again.
            chain.pop()
            done.append(members.pop(a))
            for other in links.pop(a):
                links[other].pop(a, None)
            continue
        if len(chain) < 2 or b != chain[-2]:
            chain.append(b)
            continue
        chain.pop()
        chain.pop()
        merged = members.pop(a) + members.pop(b)
        row_a, row_b = links.pop(a), links.pop(b)
        row: dict[int, float] = {}
        for other in (set(row_a) | set(row_b)) - {a, b}:
            row[other] = row_a.get(other, 0.0) + row_b.get(other, 0.0)
            links[other].pop(a, None)
            links[other].pop(b, None)
            links[other][next_id] = row[other]
        members[next_id], links[next_id] = merged, row
        next_id += 1
    return sorted((sorted(group) for group in done), key=lambda g: g[0])


def memoised(stem: Stemmer) -> Stemmer:
    """The stemmer, run once per distinct word (ambitions repeat their words a lot)."""
    known: dict[str, str] = {}

    def run(words: list[str]) -> list[str]:
        new = sorted({w for w in words if w not in known})
        known.update(zip(new, stem(new), strict=True))
        return [known[w] for w in words]

    return run


def suggest(
    items: Sequence[tuple[int, str]],
    stem: Stemmer = no_stemming,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Suggestion]:
    """Groups of at least two similar texts among (id, text) pairs, largest and tightest first."""
    items = list(items)[:MAX_TEXTS]
    stem = memoised(stem)
    documents = [terms(text, stem) for _, text in items]
    vecs = vectors(documents, MAX_SHARE)
    sims = similarities(vecs)
    suggestions = []
    for group in average_linkage(len(items), sims, threshold):
        if len(group) < 2:
            continue
        central = {i: sum(sims.get(i, {}).get(j, 0.0) for j in group if j != i) for i in group}
        # The most central ambition words the group best; a shorter one wins a near tie.
        best = max(group, key=lambda i: (round(central[i], 6), -len(items[i][1]), -i))
        pairs = len(group) * (len(group) - 1) / 2
        mean = sum(central.values()) / 2 / pairs
        suggestions.append(
            Suggestion(
                ids=[items[i][0] for i in group],
                text=items[best][1],
                keywords=keywords([items[i][1] for i in group], [vecs[i] for i in group], stem),
                similarity=round(mean, 3),
            )
        )
    return sorted(suggestions, key=lambda s: (-len(s.ids), -s.similarity, s.ids[0]))


def keywords(texts: list[str], vecs: list[dict[str, float]], stem: Stemmer) -> list[str]:
    """The group's heaviest stems, each shown as the word it most often came from."""
    weight: Counter = Counter()
    for vec in vecs:
        weight.update(vec)
    surface: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        kept = [w for w in content_words(text) if w not in FILLER]
        for word, stemmed in zip(kept, stem(kept), strict=True):
            surface[stemmed][word] += 1
    shared = [t for t, _ in weight.most_common() if not t.startswith("#") and sum(1 for v in vecs if t in v) > 1]
    return [surface[t].most_common(1)[0][0] for t in shared[:MAX_KEYWORDS] if surface[t]]
