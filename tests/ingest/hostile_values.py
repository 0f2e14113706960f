"""A corpus of exports whose values are odd or hostile, written by the tests themselves.

Each file holds values that a careless reader would misread (a European amount, a two-digit year, a paid date
of 31/12/9999, a fraction of a penny, a column named like the import's own) beside values that must load. For
each: the message that refuses it, or its counts and quarantine reasons, the values loaded, and the notes the
report must give. None of these files is in tests/ingest/corpus.py.
"""

from dataclasses import dataclass, field
from datetime import datetime

from tests.ingest.corpus import HEADER, XLSX_HEADER, Case, _xlsx, lines, row

SEMICOLON_HEADER = HEADER.replace(",", ";")


@dataclass(frozen=True)
class ValueCase(Case):
    kind: str = "spend"
    # The rows loaded, as LOADED[kind] selects them: key -> the other values, as text.
    loaded: dict[str, tuple] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # fragments of the report's notes
    environment: dict[str, str] = field(default_factory=dict)


# How each kind's loaded rows are compared: the key, then the values a misreading would change, as text.
LOADED = {
    "spend": "select transaction_number, strftime(paid_date, '%d/%m/%Y'), amount::varchar from spend",
    "tickets": (
        "select ticket_number, strftime(opened_at, '%d/%m/%Y %H:%M'), strftime(resolved_at, '%d/%m/%Y %H:%M'), "
        "reassignment_count, satisfaction_score from tickets"
    ),
    "contracts": "select contract_id, annual_value::varchar, total_value::varchar, price_score::varchar from contracts",
    "police_forces": "select force, population from police_forces",
    "service_kpis": "select measure, value::varchar, target::varchar from service_kpis",
    "budgets": "select financial_year, budget::varchar from budgets",
}


def spend(*amounts: str, dates: tuple[str, ...] = ()) -> str:
    """A payments file, one row per amount (or per date), numbered AP1, AP2 ..."""
    count = max(len(amounts), len(dates))
    return lines(
        *(
            row(
                f"AP{i + 1}",
                amount=amounts[i] if i < len(amounts) else "100.00",
                date=dates[i] if i < len(dates) else "03/04/2024",
            )
            for i in range(count)
        )
    )


def quoted(*amounts: str) -> tuple[str, ...]:
    return tuple(f'"{a}"' for a in amounts)


def semicolons(*amounts: str) -> str:
    """A payments file as much of Europe writes it: fields separated by semicolons."""
    rows = (row(f"AP{i + 1}", amount="AMOUNT").replace(",", ";").replace("AMOUNT", a) for i, a in enumerate(amounts))
    return lines(*rows, header=SEMICOLON_HEADER)


def amounts(**loaded: str) -> dict[str, tuple]:
    """The payments loaded by `spend(...)`, each dated 03/04/2024: key -> amount."""
    return {key: ("03/04/2024", amount) for key, amount in loaded.items()}


def dates(**loaded: str) -> dict[str, tuple]:
    """The payments loaded by `dated(...)`, each of £100: key -> date."""
    return {key: (date, "100.00") for key, date in loaded.items()}


def dated(*dates: str) -> str:
    return spend(dates=dates)


OUTSIDE = "Paid Date '{}' is outside the years 2000 to 2100"
NOT_A_DATE = "Paid Date '{}' is not a date (dd/mm/yyyy)"
NOT_AN_AMOUNT = "Amount '{}' is not an amount of money"
NOT_POUNDS = "Amount '{}' is not in pounds"
PENCE = "Amount '{}' has more decimal places than pence"
TOO_LARGE = "Amount '{}' is too large (the largest is 999,999,999,999.99)"
AMBIGUOUS = (
    "Amount '{}' could be {} or {}: nothing in the file shows whether its decimal separator is a point or a comma"
    ' (a mapping file can say: decimal = "." or ",")'
)
SCIENTIFIC = "Amount '{}' is in scientific notation, which may have lost digits: export the column as plain numbers"

FOREIGN = quoted("€1.234,56", "USD 100.00", "$100.00", "100.00 EUR")
WORDS = ("TBC", "see invoice", "£", "12 pounds", "NaN", "Infinity", "0x1F", "1/2", "12%", "\uff11\uff12\uff13")

TICKET_HEADER = "Number,Opened,Resolved,State,Priority,Reassignment Count,Satisfaction"
CONTRACT_HEADER = (
    "Contract Reference;Title;Supplier Name;Service Type;Start Date;End Date;Annual Value;Total Value;"
    "Procurement Route;Price Score;Re-procurement Lead (months)"
)


def contract(reference: str, annual: str, total: str, price: str = "") -> str:
    fields = (reference, "Service desk", "Acme Ltd", "IT support & maintenance", "01/04/2024", "31/03/2027")
    return ";".join((*fields, annual, total, "Open tender", price, "6"))


def tickets(*rows: str) -> bytes:
    return lines(*rows, header=TICKET_HEADER).encode()


def times(opened: str, resolved: str) -> tuple:
    """A ticket loaded with these times, no reassignment and no satisfaction score."""
    return (opened, resolved, 0, None)


def ticket(number: str, opened: str, resolved: str = "", reassignments: str = "0", satisfaction: str = "") -> str:
    return f"{number},{opened},{resolved},Resolved,P3,{reassignments},{satisfaction}"


CASES: list[ValueCase] = [
    # Dates: years.
    ValueCase(
        "two-digit-years.csv",
        dated("05/03/24", "31/12/23", "1/4/19", "05-Mar-24").encode(),
        counts=(4, 4, 0, 0),
        loaded=dates(AP1="05/03/2024", AP2="31/12/2023", AP3="01/04/2019", AP4="05/03/2024"),
        notes=("Paid Date: every date has a two-digit year, read as 20yy",),
    ),
    ValueCase(
        "two-digit-year-among-four.csv",
        dated("05/03/2024", "05/03/24", "5/3/2024").encode(),
        counts=(3, 2, 1, 0),
        reasons={"Paid Date '05/03/24' has a two-digit year, unlike the column's other dates": [3]},
        loaded=dates(AP1="05/03/2024", AP3="05/03/2024"),
    ),
    ValueCase(
        "year-0001.csv",
        dated("01/01/0001", "0001-01-01", "1/1/1", "03/04/2024").encode(),
        counts=(4, 1, 3, 0),
        reasons={
            OUTSIDE.format("01/01/0001"): [2],
            OUTSIDE.format("0001-01-01"): [3],
            OUTSIDE.format("1/1/1"): [4],
        },
        loaded=amounts(AP4="100.00"),
    ),
    ValueCase(
        "excel-zero-date-1900.csv",
        dated("01/01/1900", "00/01/1900", "31/12/1899", "1900-01-01 00:00:00", "01/01/2000").encode(),
        counts=(5, 1, 4, 0),
        reasons={
            OUTSIDE.format("01/01/1900"): [2],
            NOT_A_DATE.format("00/01/1900"): [3],
            OUTSIDE.format("31/12/1899"): [4],
            OUTSIDE.format("1900-01-01 00:00:00"): [5],
        },
        loaded=dates(AP5="01/01/2000"),
    ),
    ValueCase(
        "paid-on-31-12-9999.csv",
        dated("31/12/9999", "01/01/2101", "31/12/2100", "9999-12-31").encode(),
        counts=(4, 1, 3, 0),
        reasons={
            OUTSIDE.format("31/12/9999"): [2],
            OUTSIDE.format("01/01/2101"): [3],
            OUTSIDE.format("9999-12-31"): [5],
        },
        loaded=dates(AP3="31/12/2100"),
    ),
    ValueCase(
        "an-older-register-with-years-set.csv",
        dated("15/06/1995", "01/01/1989", "03/04/2024").encode(),
        counts=(3, 2, 1, 0),
        reasons={"Paid Date '01/01/1989' is outside the years 1990 to 2100": [3]},
        loaded=dates(AP1="15/06/1995", AP3="03/04/2024"),
        environment={"BSDASH_YEARS": "1990-2100"},
    ),
    ValueCase(
        "years-set-wrongly.csv",
        dated("03/04/2024").encode(),
        error="years-set-wrongly.csv: not imported: BSDASH_YEARS must give the first and last year, like 2000-2100, "
        "not 'recent'.",
        environment={"BSDASH_YEARS": "recent"},
    ),
    # Dates: shapes.
    ValueCase(
        "excel-day-numbers.csv",
        dated("45383", "45384", "45747.0", "36526").encode(),
        counts=(4, 4, 0, 0),
        loaded=dates(AP1="01/04/2024", AP2="02/04/2024", AP3="31/03/2025", AP4="01/01/2000"),
        notes=("Paid Date: every value is an Excel day number, read as a date",),
    ),
    ValueCase(
        "a-day-number-among-dates.csv",
        dated("03/04/2024", "45383", "04/04/2024").encode(),
        counts=(3, 2, 1, 0),
        reasons={NOT_A_DATE.format("45383"): [3]},
        loaded=dates(AP1="03/04/2024", AP3="04/04/2024"),
    ),
    ValueCase(
        "iso-times-with-zones.csv",
        dated(
            "2024-06-30T23:30:00Z",
            "2024-06-30T22:30:00Z",
            "2024-01-31T23:30:00+00:00",
            "2024-06-30T23:30:00+01:00",
            "30/06/2024 23:30 UTC",
            "2024-06-30 23:30:00 BST",
            "2024-06-30T19:30:00-0500",
            "2024-06-30T23:30:00.250Z",
        ).encode(),
        counts=(8, 8, 0, 0),
        # UK time: 23:30 UTC on 30 June is 00:30 on 1 July in London (BST), but 23:30 on 31 January (GMT).
        loaded=dates(
            AP1="01/07/2024",
            AP2="30/06/2024",
            AP3="31/01/2024",
            AP4="30/06/2024",
            AP5="01/07/2024",
            AP6="30/06/2024",
            AP7="01/07/2024",
            AP8="01/07/2024",
        ),
    ),
    ValueCase(
        "dates-with-times.csv",
        dated(
            "03/04/2024 14:22:05", "2024-04-03T09:15:00", "3/4/2024 9:05 AM", "03/04/2024 00:00:00.000", "3 Apr 2024"
        ).encode(),
        counts=(5, 5, 0, 0),
        loaded={f"AP{i}": ("03/04/2024", "100.00") for i in range(1, 6)},
    ),
    ValueCase(
        "impossible-times.csv",
        dated("03/04/2024 25:00", "03/04/2024 10:61", "03/04/2024 10:15").encode(),
        counts=(3, 1, 2, 0),
        reasons={NOT_A_DATE.format("03/04/2024 25:00"): [2], NOT_A_DATE.format("03/04/2024 10:61"): [3]},
        loaded=amounts(AP3="100.00"),
    ),
    ValueCase(
        "iso-weeks.csv",
        dated("2024-W14", "2024-W14-1", "2024-14", "2024-04-01").encode(),
        counts=(4, 1, 3, 0),
        reasons={NOT_A_DATE.format(d): [i + 2] for i, d in enumerate(("2024-W14", "2024-W14-1", "2024-14"))},
        loaded=dates(AP4="01/04/2024"),
    ),
    ValueCase(
        "29-february.csv",
        dated("29/02/2023", "29/02/2024", "31/04/2024", "30/02/2024", "29/02/2000").encode(),
        counts=(5, 2, 3, 0),
        reasons={NOT_A_DATE.format(d): [r] for d, r in (("29/02/2023", 2), ("31/04/2024", 4), ("30/02/2024", 5))},
        loaded=dates(AP2="29/02/2024", AP5="29/02/2000"),
    ),
    ValueCase(
        "month-first-dates.csv",
        dated("03/25/2024", "04/05/2024", "04/04/2024", "12/31/2024").encode(),
        counts=(4, 1, 3, 0),
        reasons={
            NOT_A_DATE.format("03/25/2024"): [2],
            "Paid Date '04/05/2024' could be day or month first: the column has dates that can only be month first": [
                3
            ],
            NOT_A_DATE.format("12/31/2024"): [5],
        },
        loaded=dates(AP3="04/04/2024"),  # the same day either way
        notes=("Paid Date: some dates can only be month first (like 03/25/2024) and none only day first",),
    ),
    ValueCase(
        "dates-spelled-every-way.csv",
        dated("5 Mar 2024", "05-MAR-2024", "5 March 2024", "05.03.2024", "2024/03/05", "05/Mar/2024 9:05 AM").encode(),
        counts=(6, 6, 0, 0),
        loaded={f"AP{i}": ("05/03/2024", "100.00") for i in range(1, 7)},
    ),
    # Amounts: the decimal separator.
    ValueCase(
        "european-decimal-comma.csv",
        semicolons(
            "1.234,56", "12,5", "1.234", "12,00", "-1.234,56", "1.234.567,89", "12,50 £", "1.234,56-", "1,5"
        ).encode(),
        counts=(9, 9, 0, 0),
        loaded=amounts(
            AP1="1234.56",
            AP2="12.50",
            AP3="1234.00",
            AP4="12.00",
            AP5="-1234.56",
            AP6="1234567.89",
            AP7="12.50",
            AP8="-1234.56",
            AP9="1.50",
        ),
        notes=("Amount: read with a decimal comma (1.234,56 is 1234.56), as its values show",),
    ),
    ValueCase(
        "uk-amounts-with-a-lone-three-decimals.csv",
        spend(*quoted("1,234.56", "1.234", "1,234", "99.5")).encode(),
        counts=(4, 3, 1, 0),
        reasons={PENCE.format("1.234"): [3]},
        loaded=amounts(AP1="1234.56", AP3="1234.00", AP4="99.50"),
    ),
    ValueCase(
        "ambiguous-separators.csv",
        spend(*quoted("1,234", "2.500", "500", "12,345")).encode(),
        counts=(4, 1, 3, 0),
        reasons={
            AMBIGUOUS.format("1,234", "1234", "1.234"): [2],
            AMBIGUOUS.format("2.500", "2.500", "2500"): [3],
            AMBIGUOUS.format("12,345", "12345", "12.345"): [5],
        },
        loaded=amounts(AP3="500.00"),
    ),
    ValueCase(
        "a-decimal-comma-among-points.csv",
        spend(*quoted("1,234.56", "99.50", "12,5", "7.25", "1,5")).encode(),  # most show a point
        counts=(5, 3, 2, 0),
        reasons={
            f"Amount '{a}' is written with a decimal comma, unlike the column's other values (a decimal point)": [row]
            for a, row in (("12,5", 4), ("1,5", 6))
        },
        loaded=amounts(AP1="1234.56", AP2="99.50", AP4="7.25"),
    ),
    ValueCase(
        "thousands-badly-grouped.csv",
        spend(*quoted("£1,2,3", "1,23,456.00", "12,34.56", "1.2.3", "10.00")).encode(),
        counts=(5, 1, 4, 0),
        reasons={
            NOT_AN_AMOUNT.format(a): [i + 2] for i, a in enumerate(("£1,2,3", "1,23,456.00", "12,34.56", "1.2.3"))
        },
        loaded=amounts(AP5="10.00"),
    ),
    ValueCase(
        "thousands-in-spaces.csv",
        semicolons("1 234,56", "1\u00a0234,56", "1\u202f234,56", "12 345 678,90", "1 23,45").encode(),
        counts=(5, 4, 1, 0),
        reasons={NOT_AN_AMOUNT.format("1 23,45"): [6]},
        loaded=amounts(AP1="1234.56", AP2="1234.56", AP3="1234.56", AP4="12345678.90"),
    ),
    ValueCase(
        "thousands-in-apostrophes.csv",
        spend("1'234.56", "1\u2019234.56", "12'345'678.90", "1'234'5.00").encode(),
        counts=(4, 3, 1, 0),
        reasons={NOT_AN_AMOUNT.format("1'234'5.00"): [5]},
        loaded=amounts(AP1="1234.56", AP2="1234.56", AP3="12345678.90"),
    ),
    # Amounts: size and precision.
    ValueCase(
        "fractions-of-a-penny.csv",
        spend("0.0049", "12.345", "12.500", "0.01", "99.999").encode(),
        counts=(5, 2, 3, 0),
        reasons={PENCE.format("0.0049"): [2], PENCE.format("12.345"): [3], PENCE.format("99.999"): [6]},
        loaded=amounts(AP3="12.50", AP4="0.01"),
    ),
    ValueCase(
        "a-trillion-pounds.csv",
        spend(*quoted("1000000000000.00", "999999999999.99", "£1,000,000,000,000", "-1000000000000", "12.00")).encode(),
        counts=(5, 2, 3, 0),
        reasons={
            TOO_LARGE.format("1000000000000.00"): [2],
            TOO_LARGE.format("£1,000,000,000,000"): [4],
            TOO_LARGE.format("-1000000000000"): [5],
        },
        loaded=amounts(AP2="999999999999.99", AP5="12.00"),
    ),
    ValueCase(
        "amounts-adding-up-to-more-than-a-record-holds.csv",
        spend(*["999999999999.99"] * 120).encode(),
        error="its amounts add up to £119,999,999,999,998.80, more than an import can record "
        "(at most £99,999,999,999,999.99)",
    ),
    ValueCase(
        "scientific-notation.csv",
        spend("1e12", "1.23457E+11", "5E2", "500").encode(),
        counts=(4, 1, 3, 0),
        reasons={SCIENTIFIC.format(a): [i + 2] for i, a in enumerate(("1e12", "1.23457E+11", "5E2"))},
        loaded=amounts(AP4="500.00"),
    ),
    # Amounts: signs and currencies.
    ValueCase(
        "credit-notes.csv",
        spend(
            *quoted("(1,234.56)", "1,234.56-", "1,234.56 CR", "£-12.00", "-£12.00", "\u221212.00", "12.00 DR"),
            "(£5.00)",
            "+7.50",
            "-0.00",
            "000123.45",
        ).encode(),
        counts=(11, 11, 0, 0),
        loaded=amounts(
            AP1="-1234.56",
            AP2="-1234.56",
            AP3="-1234.56",
            AP4="-12.00",
            AP5="-12.00",
            AP6="-12.00",
            AP7="12.00",
            AP8="-5.00",
            AP9="7.50",
            AP10="0.00",
            AP11="123.45",
        ),
    ),
    ValueCase(
        "two-signs-at-once.csv",
        spend("-(12.00)", "--12.00", "(12.00) CR", "+-12", "12.00 CR DR", "-12.00-", "12.00").encode(),
        counts=(7, 1, 6, 0),
        reasons={
            NOT_AN_AMOUNT.format(a): [i + 2]
            for i, a in enumerate(("-(12.00)", "--12.00", "(12.00) CR", "+-12", "12.00 CR DR", "-12.00-"))
        },
        loaded=amounts(AP7="12.00"),
    ),
    ValueCase(
        "currency-codes.csv",
        spend(*quoted("GBP 1,234.56", "1,234.56 GBP", "£ 12.00"), *FOREIGN).encode(),
        counts=(7, 3, 4, 0),
        reasons={NOT_POUNDS.format(a.strip('"')): [i + 5] for i, a in enumerate(FOREIGN)},
        loaded=amounts(AP1="1234.56", AP2="1234.56", AP3="12.00"),
    ),
    ValueCase(
        "words-in-the-amount-column.csv",
        spend(*WORDS, "n/a").encode(),
        counts=(11, 0, 11, 0),
        reasons={**{NOT_AN_AMOUNT.format(a): [i + 2] for i, a in enumerate(WORDS)}, "Amount is missing": [12]},
    ),
    ValueCase(
        "no-break-spaces-around-amounts.csv",
        spend("1234.56\u00a0", "\u00a0£12.00", "  99.00  ").encode(),
        counts=(3, 3, 0, 0),
        loaded=amounts(AP1="1234.56", AP2="12.00", AP3="99.00"),
    ),
    # Workbooks.
    ValueCase(
        "float-error.xlsx",
        _xlsx(
            {
                "Payments": [
                    XLSX_HEADER,
                    [datetime(2024, 4, 3), "AP1", "Cyber Crime Unit", "Software", "Revenue", "Acme", 0.1 + 0.2],
                    [datetime(2024, 4, 3), "AP2", "Cyber Crime Unit", "Software", "Revenue", "Acme", 1234.56 + 1e-12],
                    [datetime(2024, 4, 3), "AP3", "Cyber Crime Unit", "Software", "Revenue", "Acme", 1e12],
                    [datetime(2024, 4, 3), "AP4", "Cyber Crime Unit", "Software", "Revenue", "Acme", 0.005],
                    [datetime(2024, 4, 3), "AP5", "Cyber Crime Unit", "Software", "Revenue", "Acme", -2.675],
                ]
            }
        ),
        counts=(5, 2, 3, 0),
        reasons={TOO_LARGE.format("1000000000000"): [4], PENCE.format("0.005"): [5], PENCE.format("-2.675"): [6]},
        loaded=amounts(AP1="0.30", AP2="1234.56"),
    ),
    ValueCase(
        "day-numbers-in-cells.xlsx",
        _xlsx(
            {
                "Payments": [
                    XLSX_HEADER,
                    [45383, "AP1", "Cyber Crime Unit", "Software", "Revenue", "Acme", 10],
                    [45384.5, "AP2", "Cyber Crime Unit", "Software", "Revenue", "Acme", 20],
                    [45385, "AP3", "Cyber Crime Unit", "Software", "Revenue", "Acme", 30],
                ]
            }
        ),
        counts=(3, 3, 0, 0),
        loaded={
            "AP1": ("01/04/2024", "10.00"),
            "AP2": ("02/04/2024", "20.00"),
            "AP3": ("03/04/2024", "30.00"),
        },
        notes=("Paid Date: every value is an Excel day number",),
    ),
    ValueCase(
        "two-digit-years-typed-as-text.xlsx",
        _xlsx(
            {
                "Payments": [
                    XLSX_HEADER,
                    ["03/04/24", "AP1", "Cyber Crime Unit", "Software", "Revenue", "Acme", "1,234.50"],
                    [datetime(2024, 4, 4), "AP2", "Cyber Crime Unit", "Software", "Revenue", "Acme", 12],
                ]
            }
        ),
        counts=(2, 1, 1, 0),
        reasons={"Paid Date '03/04/24' has a two-digit year, unlike the column's other dates": [2]},
        loaded={"AP2": ("04/04/2024", "12.00")},
    ),
    # Columns named like the import's own.
    ValueCase(
        "columns-named-like-the-import's-own.csv",
        lines(
            row("AP1") + ",7,x,raw,why",
            row("AP2", amount="12.50") + ",8,y,raw,why",
            header=HEADER + ",_row,_ROW,raw_amount,_reason",
        ).encode(),
        counts=(2, 2, 0, 0),
        loaded=amounts(AP1="100.00", AP2="12.50"),
    ),
    # Tickets: whole numbers, times.
    ValueCase(
        "ticket-counts-with-fractions.csv",
        tickets(
            ticket("INC1", "01/04/2024 09:00", "01/04/2024 10:00", reassignments="2.7"),
            ticket("INC2", "01/04/2024 09:00", "01/04/2024 10:00", reassignments="3.0", satisfaction="4"),
            ticket("INC3", "01/04/2024 09:00", "01/04/2024 10:00", reassignments="-1"),
            ticket("INC4", "01/04/2024 09:00", "01/04/2024 10:00", satisfaction="4.5"),
            ticket("INC5", "01/04/2024 09:00", "01/04/2024 10:00", satisfaction="6"),
            ticket("INC6", "01/04/2024 09:00", "01/04/2024 10:00", reassignments="99999999999"),
        ),
        kind="tickets",
        counts=(6, 1, 5, 0),
        reasons={
            "Reassignment Count '2.7' is not a whole number": [2],
            "Reassignment Count -1 is below 0": [4],
            "Satisfaction '4.5' is not a whole number": [5],
            "Satisfaction 6 is above 5": [6],
            "Reassignment Count '99999999999' is too large (the largest is 2,147,483,647)": [7],
        },
        loaded={"INC2": ("01/04/2024 09:00", "01/04/2024 10:00", 3, 4)},
    ),
    ValueCase(
        "tickets-resolved-before-opened.csv",
        tickets(
            ticket("INC1", "02/04/2024 09:00", "01/04/2024 10:00"),
            ticket("INC2", "01/04/2024 09:00", "01/04/2024 09:00"),
            ticket("INC3", "31/12/9999 09:00", "01/04/2024 09:00"),
        ),
        kind="tickets",
        counts=(3, 1, 2, 0),
        reasons={
            "Resolved is before Opened": [2],
            "Opened '31/12/9999 09:00' is outside the years 2000 to 2100": [4],
        },
        loaded={"INC2": times("01/04/2024 09:00", "01/04/2024 09:00")},
    ),
    ValueCase(
        "ticket-times-in-utc.csv",
        tickets(
            ticket("INC1", "2024-06-03T23:30:00Z", "2024-06-04T08:00:00Z"),
            ticket("INC2", "2024-12-03T23:30:00Z", "2024-12-04T08:00:00+01:00"),
        ),
        kind="tickets",
        counts=(2, 2, 0, 0),
        loaded={
            "INC1": times("04/06/2024 00:30", "04/06/2024 09:00"),
            "INC2": times("03/12/2024 23:30", "04/12/2024 07:00"),
        },
    ),
    ValueCase(
        "ticket-times-with-two-digit-years.csv",
        tickets(
            ticket("INC1", "05/03/24 09:15", "05/03/24 10:15"),
            ticket("INC2", "31/12/23 23:59", "01/01/24 00:10"),
        ),
        kind="tickets",
        counts=(2, 2, 0, 0),
        loaded={
            "INC1": times("05/03/2024 09:15", "05/03/2024 10:15"),
            "INC2": times("31/12/2023 23:59", "01/01/2024 00:10"),
        },
    ),
    # Other kinds: the separator of the file, the stored column's decimals.
    ValueCase(
        "contracts-with-the-file's-decimal-comma.csv",
        lines(
            contract("KP-1", "12.000", "1.234.567,00", "93,5"),
            contract("KP-2", "250.000", "750.000", "88,25"),
            header=CONTRACT_HEADER,
        ).encode(),
        kind="contracts",
        counts=(2, 1, 1, 0),
        reasons={"Price Score '88,25' has more than 1 decimal place": [3]},
        loaded={"KP-1": ("12000.00", "1234567.00", "93.5")},
        notes=("Annual Value: read with a decimal comma",),
    ),
    ValueCase(
        "police-forces-by-population.csv",
        lines(
            '"Kent",South East,"1,860,000"',
            '"Cleveland",North East,"567,000"',
            '"Durham",North East,"640,000.5"',
            header="Force,Region,Population",
        ).encode(),
        kind="police_forces",
        counts=(3, 2, 1, 0),
        reasons={"Population '640,000.5' is not a whole number": [4]},
        loaded={"Kent": (1860000,), "Cleveland": (567000,)},
    ),
    ValueCase(
        "service-levels-with-too-many-decimals.csv",
        lines(
            "01/04/2024,Catering,Meals served on time,97.456,95,%,Yes",
            "01/05/2024,Catering,Complaints answered,97.5,95.00,%,Yes",
            header="Month,Service Type,Measure,Value,Target,Unit,Higher Is Better",
        ).encode(),
        kind="service_kpis",
        counts=(2, 1, 1, 0),
        reasons={"Value '97.456' has more than 2 decimal places": [2]},
        loaded={"Complaints answered": ("97.50", "95.00")},
    ),
    ValueCase(
        "budgets-in-european-format.csv",
        lines(
            '2024/25;Cyber Crime Unit;IT support & maintenance;"1.500.000,00"',
            "2025/26;Cyber Crime Unit;IT support & maintenance;250.000",
            header="Financial Year;Department;Service Type;Budget",
        ).encode(),
        kind="budgets",
        counts=(2, 2, 0, 0),
        loaded={"2024/25": ("1500000.00",), "2025/26": ("250000.00",)},
    ),
]
