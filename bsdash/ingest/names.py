"""Knowing a column by its header: the words a header is made of, and how surely they name one of our columns.

A header is compared with our column's name and the other names it goes by, in this order of confidence:

1. the same words once case, spacing, punctuation and common abbreviations are set aside (`trans_no` =
   "Transaction Number", `G/L Account Name` = "GL Account Name");
2. the same words in another order (`Date Paid` = "Paid Date");
3. a close spelling: each word within one or two letters, first and last letters kept (`Organisatonal Unit` =
   "Organisational Unit", but never `Resolver` = "Resolved").

Used by two stages: finding the header row (which row names the most of our columns) and matching columns.
"""

import re
from functools import lru_cache

from bsdash.ingest.kinds.model import Column

# Words that exports abbreviate or spell in more than one way, and words that carry no meaning.
_WORDS = {
    "no": "number",
    "num": "number",
    "nbr": "number",
    "ref": "reference",
    "dept": "department",
    "amt": "amount",
    "trans": "transaction",
    "txn": "transaction",
    "tran": "transaction",
    "nett": "net",
    "organization": "organisation",
    "organizational": "organisational",
    "org": "organisation",
    "desc": "description",
    "cat": "category",
    "supp": "supplier",
    "sup": "supplier",
    "vat": "vat",
    "fy": "financial year",
    "cc": "cost centre",
    "center": "centre",
    "e-mail": "email",
    "catagory": "category",
    "doc": "document",
    "inv": "invoice",
    "pmt": "payment",
    "pymt": "payment",
}
_IGNORED = {"gbp", "the", "of", "a", "in", "excl", "exc", "ex"}


@lru_cache(maxsize=1 << 16)  # a wide file's header is scored for every row and delimiter tried
def words(header: str) -> tuple[str, ...]:
    """A header as the words that carry its meaning: `Trans_No` -> ('transaction', 'number')."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", header.replace("\ufeff", ""))
    tokens = []
    for token in re.findall(r"[a-z0-9]+", text.lower()):
        tokens.extend(_WORDS.get(token, token).split())
    return tuple(_singular(t) for t in tokens if t not in _IGNORED)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) that turn a into b."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _close_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or abs(len(a) - len(b)) > 2 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    return _distance(a, b) <= (2 if min(len(a), len(b)) >= 10 else 1)


def _names(column: Column) -> list[tuple[str, str, float]]:
    """Each name a column goes by, how a match on it is described, and a small penalty for later synonyms.

    Synonyms are declared in order of preference, so that "Net Amount" wins over "Gross Amount" in a file
    that has both.
    """
    names = [(column.header, "name", 0.0), (column.name.replace("_", " "), "name", 0.0)]
    return names + [(s, "other name", 0.1 * i) for i, s in enumerate(column.synonyms)]


@lru_cache(maxsize=1024)
def _targets(column: Column) -> list[tuple[str, str, float, tuple[str, ...], str, list[str]]]:
    """The column's names with their words, joined and sorted, worked out once (a wide file asks thousands of
    times)."""
    return [
        (name, how, penalty, w, "".join(w), sorted(w)) for name, how, penalty in _names(column) if (w := words(name))
    ]


@lru_cache(maxsize=200_000)  # headers repeat across rows, sheets and files; columns are hashed by identity
def match_score(header: str, column: Column) -> tuple[float, str]:
    """How surely a source header means a contract column (0: not at all), and why."""
    source = words(header)
    if not source:
        return 0, ""
    joined, ordered = "".join(source), sorted(source)
    # Short words can only match exactly (or in another order): no spelling is close enough to weigh.
    spelled = len(joined) >= 8 or any(len(word) >= 5 for word in source)
    best: tuple[float, str] = (0, "")
    for name, how, penalty, target, target_joined, target_ordered in _targets(column):
        score: tuple[float, str] = (0, "")
        if source == target or joined == target_joined:
            score = ((100 if how == "name" else 95) - penalty, how)
        elif ordered == target_ordered:
            score = (85 - penalty, "words in another order")
        elif not spelled:
            continue
        elif len(source) == len(target) and all(_close_word(a, b) for a, b in zip(source, target, strict=True)):
            score = (70 - penalty, f"close spelling of '{name}'")
        elif len(source) != len(target) and len(joined) >= 8 and _close_word(joined, target_joined):
            score = (65 - penalty, f"close spelling of '{name}'")
        if score[0] > best[0]:
            best = score
    return best
