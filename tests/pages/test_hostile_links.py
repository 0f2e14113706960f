"""Hostile links: every page opened from links carrying generated values for every URL key (SQL fragments, very
long strings, unicode with right-to-left marks, emoji and NUL, wrong types, repeated keys) draws with no
exception, says back at most a short form of what it ignored, and leaves the database exactly as it was.

The values come from a seeded generator, so a failure names the page and the link, and repeats.
"""

import hashlib
import random
import string
from datetime import date
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from bsdash.governance import access
from bsdash.store import db
from bsdash.store.queries import Registry
from bsdash.ui.database import SharedDatabase
from tests.conftest import table_counts

ROOT = Path(__file__).parents[2]
SEED = 20261121
RUNS = 200
SHARED_KEYS = ("fy", "from", "to", "dept", "service", "provider")
PAGE_KEYS = {"departments": ("compare",), "explorer": ("explore",)}
UNREAD_KEYS = ("page", "row_limit", "sql", "role")  # keys no page reads: ignored, whatever they hold
SCRIPTS = {spec.key or "overview": spec.script for spec in access.PAGES}

SQL = [
    "'; drop table spend; --",
    "CYB'; delete from spend where '1'='1",
    "' or 1=1 --",
    "') union select * from imports --",
    "1; attach '/tmp/elsewhere.duckdb' as elsewhere; --",
    "copy spend to '/tmp/spend.csv'",
    "install httpfs; load httpfs;",
    "$departments",
    "?",
    "%",
    "_",
    "*/ select 1 /*",
    "NULL",
    "select * from spend",
]
UNICODE = [
    "\u202eCYB",  # right-to-left override
    "\u200fNPT-CAN\u200e",
    "مديرية الشرطة",
    "שירותים",
    "🚓💷📈",
    "CYB\u200b",  # zero-width space
    "\x00",
    "CYB\x00",
    "2024-25\x00' or 1=1",
    "Ｃｙｂ",  # full-width letters
    "२०२४-२५",  # Devanagari digits
    "𝟐𝟎𝟐𝟒-𝟐𝟓",  # mathematical bold digits
    "e\u0301\u0301\u0301",
    "\ufeff2024-25",
    "\r\n",
    "\t",
    " ",
]
WRONG_TYPES = [
    "2024",
    "-1",
    "0",
    "1e309",
    "NaN",
    "inf",
    "true",
    "[]",
    "{}",
    "None",
    "2024-13-45",
    "2024-02-30",
    "0001-01-01",
    "9999-12-31",
    "1900-01-01",
    "2100-12-31",
    "24-25",
    "2023-25",
    "99999-100000",
    "-2024--2025",
    " 2024-25 ",
    "2024/25/26",
    "",
]
VALID = [
    "2024-25",
    "2021-22",
    "2024/25",
    "2024-04-01",
    "2025-03-31",
    "CYB",
    "NPT-CAN",
    "it_support",
    "fleet",
    "internal",
    "external",
    "payments",
    "ticket_list",
    "spend_by_department",
]
ALPHABET = string.printable + "£€ßøåéłżあ漢字🙂\u202e\u200b\x00\x7f"


def generated_value(rng: random.Random) -> str:
    """One hostile value: from the lists above, very long, or random characters, dates and numbers."""
    kind = rng.random()
    if kind < 0.25:
        return rng.choice(SQL)
    if kind < 0.45:
        return rng.choice(UNICODE)
    if kind < 0.6:
        return rng.choice(WRONG_TYPES)
    if kind < 0.7:
        return rng.choice(VALID)
    if kind < 0.78:  # very long: 10,000 characters
        return (rng.choice(["A", "CYB,", "'", "2024-25", "é", "🚓", "\u202e"]) * 10_000)[:10_000]
    if kind < 0.9:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 60)))
    if kind < 0.95:
        return f"{rng.randint(-9999, 99999)}-{rng.randint(-99, 9999):02d}-{rng.randint(-1, 99):02d}"
    return str(rng.choice([rng.randint(-(2**70), 2**70), rng.uniform(-1e300, 1e300)]))


def generated_day(rng: random.Random) -> str:
    """A real day written as the links write them (yyyy-mm-dd), from year 1 to 9999: most outside the data."""
    year = rng.choice([rng.randint(1, 9999), rng.randint(1990, 2110), rng.randint(2021, 2026)])
    return date(year, rng.randint(1, 12), rng.randint(1, 28)).isoformat()


def links(seed: int, runs: int):
    """(page, query) pairs: each link sets two to five keys, some more than once."""
    rng = random.Random(seed)
    pages = list(SCRIPTS)
    for i in range(runs):
        page = pages[i % len(pages)]  # every page in turn
        keys = [*SHARED_KEYS, *PAGE_KEYS.get(page, ()), *UNREAD_KEYS]
        chosen = rng.sample(keys, rng.randint(2, 5))
        chosen += list(PAGE_KEYS.get(page, ()))  # a page's own keys in every one of its links
        query = {}
        for key in dict.fromkeys(chosen):
            values = [generated_value(rng) for _ in range(rng.choice([1, 1, 1, 2, 3, 4]))]
            query[key] = values if len(values) > 1 else values[0]
        if {"from", "to"} & set(chosen) and rng.random() < 0.6:  # a range of real days, in order, often absurd
            query["from"], query["to"] = sorted([generated_day(rng), generated_day(rng)])
        yield page, query


def value_count(query: dict) -> int:
    return sum(len(v) if isinstance(v, list) else 1 for v in query.values())


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shown(query: dict) -> str:
    """The link, short enough to read in a failure."""
    return repr({k: [x[:40] for x in v] if isinstance(v, list) else v[:40] for k, v in query.items()})


def test_the_generator_makes_over_a_thousand_values_of_every_sort():
    queries = [query for _, query in links(SEED, RUNS)]
    values = [v for q in queries for vs in q.values() for v in (vs if isinstance(vs, list) else [vs])]
    assert len(values) >= 1000
    assert {k for q in queries for k in q} >= {*SHARED_KEYS, "compare", "explore"}
    assert sum(len(v) == 10_000 for v in values) >= 30
    assert sum("\x00" in v for v in values) >= 10 and sum("\u202e" in v for v in values) >= 10
    assert sum(v in SQL for v in values) >= 100
    assert sum(isinstance(vs, list) for q in queries for vs in q.values()) >= 100  # repeated keys
    assert list(links(SEED, 5)) == list(links(SEED, 5))  # the same seed, the same links


def test_every_page_takes_hostile_links_without_an_exception_or_a_change_to_the_database(
    writable_sample_db: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("BSDASH_DB", str(writable_sample_db))
    monkeypatch.chdir(ROOT)
    con = db.connect(writable_sample_db, read_only=True)
    counts_before = table_counts(con)
    con.close()
    digest_before = file_digest(writable_sample_db)

    values = 0
    for page, query in links(SEED, RUNS):
        test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        test.query_params.update(query)
        test.switch_page(SCRIPTS[page])  # a deep link: the server's first request names the page
        test.run()
        values += value_count(query)
        where = f"/{page} with {shown(query)}"
        assert not test.exception, f"{where}: {test.exception[0].value}"
        assert test.title, f"{where} drew no page"
        assert not test.error, f"{where}: {[e.value for e in test.error]}"
        # What the page says back about the link is short, whatever the link held.
        assert all(len(w.value) < 1_000 for w in test.warning), f"{where} repeats the link at length"

    assert values >= 1000
    con = db.connect(writable_sample_db, read_only=True)  # as the dashboard connects, which holds it open
    assert table_counts(con) == counts_before
    con.close()
    assert file_digest(writable_sample_db) == digest_before
    assert not writable_sample_db.with_name(writable_sample_db.name + ".wal").exists()


def test_the_dashboards_connection_cannot_write(sample_db: Path):
    database = SharedDatabase(sample_db)
    with database.cursor() as cursor:
        assert cursor.execute("select count(*) from spend").fetchall()[0][0] > 0
        for statement in ("delete from spend", "create table notes (x int)", "drop table spend"):
            with pytest.raises(duckdb.Error, match="read-only"):
                cursor.execute(statement)


def test_the_explorer_offers_named_queries_only(app):
    explorer = app("explorer", explore="select * from spend")
    box = explorer.selectbox(key="explore")
    # Each choice is labelled with its query's name: "Payments (spend over £500)  (payments)" or "name: title".
    offered = [
        label.rsplit("  (", 1)[1].rstrip(")") if label.endswith(")") else label.split(":")[0] for label in box.options
    ]
    assert sorted(offered) == sorted(Registry().names())
    assert box.value == "payments"  # the link's SQL is not a choice: the first dataset instead
    assert any("Ignored from the link: dataset or query `select * from spend`" in w.value for w in explorer.warning)
    assert not explorer.text_area  # nowhere to write SQL
