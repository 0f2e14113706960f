"""Benchmarks: the force against its most similar group (MSG) and all forces of England and Wales, with
weighted group averages, the ski slope, spend against workforce and the notional saving at the group's rate."""

from dataclasses import dataclass

from bsdash import formatting as fmt
from bsdash.analysis import benchmarks as bench
from bsdash.analysis.figures import Fetch, Headline, Runner, Table, table
from bsdash.analysis.figures.drill import Bar
from bsdash.analysis.periods import Filters
from bsdash.fiscal import year_bounds

MEASURES = {  # name: (label, money, axis title with its unit)
    "spend_per_head": ("Spend per head of population", True, "Spend per resident (£)"),
    "spend_per_fte": ("Spend per FTE (officers and staff)", True, "Spend per FTE (£)"),
    "fte_per_1000": ("Officers and staff per 1,000 residents", False, "FTE per 1,000 residents"),
}
SLOPE = {
    "force": "Force",
    "region": "Region",
    "role": "Group",
    "population": "Population (illustrative)",
    "officers": "Officers (FTE)",
    "staff": "Staff (FTE)",
    "spend": "Spend (£)",
    "spend_per_head": "Spend per head (£)",
    "spend_per_fte": "Spend per FTE (£)",
    "fte_per_1000": "FTE per 1,000 residents",
}
SLOPE_KINDS = {
    "population": "count",
    "officers": "number",
    "staff": "number",
    "spend_per_head": "pence",
    "spend_per_fte": "money",
}
FUNCTIONS = {
    "poa_function": "POA function",
    "own_per_head": "Our spend per head (£)",
    "msg_per_head": "MSG per head (£)",
    "all_forces_per_head": "All forces per head (£)",
    "gap_to_msg": "Gap to MSG (%)",
    "notional_saving": "Notional saving (£)",
}


@dataclass(frozen=True)
class Benchmarks:
    year: str
    home_force: str
    notes: list[str]
    sources: str  # which figures are real and which illustrative
    headlines: list[Headline]
    saving: str
    comparison: dict[str, bench.Comparison]
    forces: Table  # every force with its ratios (the ski slope sorts it by a measure)
    scatter: Table
    functions: Table

    def slope(self, measure: str) -> Table:
        """Every force sorted by `measure`, highest first."""
        frame = bench.ski_slope(self.forces.frame, measure).assign(financial_year=self.year)
        return table(
            f"{MEASURES[measure][0]}: every force",
            frame,
            f"benchmark-{measure.replace('_', '-')}",
            columns=SLOPE,
            kinds=SLOPE_KINDS,
            made_from=(self.forces.frame,),
            derived="sorted highest first",
        )


def latest_year(filters: Filters, years: list[str]) -> tuple[str | None, list[str]]:
    """The financial year compared (the chosen one when complete, otherwise the latest complete) and a note."""
    complete = [y for y in years if year_bounds(y)[1] <= filters.dates.latest]
    if not complete:
        return None, []
    wanted = filters.period.financial_year
    year = wanted if wanted in complete else complete[0]
    note = (
        []
        if wanted == year
        else [f"Benchmarks compare whole financial years: showing {year}, the latest complete one."]
    )
    return year, note


def benchmarks(filters: Filters, run: Runner) -> Benchmarks | str:
    """The figures, or why there are none."""
    fetch = Fetch(run)
    year, notes = latest_year(filters, list(fetch("benchmark_years")["financial_year"]))
    if year is None:
        return "There are no other forces' figures for a complete financial year to compare with."
    workforce = fetch("benchmark_workforce_by_force", as_at=year_bounds(year)[1])
    spend = fetch("benchmark_spend_by_force_and_function", financial_year=year, services=filters.params()["services"])
    if spend.empty or workforce["officers"].isna().all():
        return "No spend or workforce figures to compare for this year and these service types."
    forces = bench.with_ratios(bench.force_totals(workforce, spend))
    home = forces[forces["is_home_force"]].iloc[0]
    comparison = bench.compare(forces)
    functions = bench.by_function(spend, forces)
    headlines = []
    for name, (label, money, _) in MEASURES.items():
        figure = comparison[name]
        shown = (lambda v: f"£{v:,.2f}") if money else (lambda v: f"{v:,.2f}")
        headlines.append(
            Headline(
                label,
                shown(figure.own),
                delta=f"{figure.gap():+.1%} on the MSG",
                delta_good_when="inverse" if money else "off",
                help=f"MSG average {shown(figure.msg)}, all forces {shown(figure.all_forces)}: weighted (sum over "
                "sum), the MSG leaving our force out.",
            )
        )
    derived = "each force's spend over the functions compared, with its ratios (bsdash.analysis.benchmarks)"
    return Benchmarks(
        year=year,
        home_force=str(home["force"]),
        notes=notes,
        sources=_sources(home, spend, year),
        headlines=headlines,
        saving=f"At the most similar group's spend per head, function by function, {home['force']} would spend "
        f"**{fmt.money(functions['notional_saving'].sum())}** less a year (the notional saving: for each function "
        f"where we spend more per head than the group, the difference x our population of "
        f"{home['population']:,.0f}). At the group's overall rate it would be "
        f"{fmt.money(comparison['spend_per_head'].saving)}.",
        comparison=comparison,
        forces=table(
            "Every force",
            forces,
            "benchmark-forces",
            columns=SLOPE,
            kinds=SLOPE_KINDS,
            made_from=(workforce, spend),
            derived=derived,
        ),
        scatter=table(
            "Spend against workforce",
            forces,
            "benchmark-spend-and-workforce",
            columns={
                "force": "Force",
                "role": "Group",
                "fte_per_1000": "FTE per 1,000 residents",
                "spend_per_head": "Spend per head (£)",
            },
            kinds={"spend_per_head": "pence"},
            made_from=(workforce, spend),
            derived=derived,
        ),
        functions=table(
            "Spend per head by POA function",
            functions,
            "benchmark-by-poa-function",
            columns=FUNCTIONS,
            kinds={
                "own_per_head": "pence",
                "msg_per_head": "pence",
                "all_forces_per_head": "pence",
                "gap_to_msg": "percent",
            },
            made_from=(spend, workforce),
            derived="weighted group averages per function (bsdash.analysis.benchmarks)",
        ),
    )


def _sources(home, spend, year: str) -> str:
    as_at = fmt.uk_date(home["workforce_as_at"])
    if str(home["officers_source"]).startswith("Illustrative"):
        workforce = (
            f"**Illustrative workforce:** {home['officers_source']}. Import the Home Office tables (see the "
            "README) to compare real officer and staff numbers.  \n"
        )
    else:
        workforce = (
            f"**Real:** every force's police officers and police staff (full-time equivalent) at {as_at}, from the "
            f"{home['source_publication']}: officers from {home['officers_source']}; staff from "
            f"{home['staff_source']}. {home['force']}: {home['officers']:,.2f} officers and {home['staff']:,.2f} "
            "staff.  \n"
        )
    return (
        workforce
        + f"**Illustrative:** populations ({home['population_source'] or 'not given'}) and other forces' spend by POA "
        f"function ({bench.spend_source(spend, home['force'])}). {home['force']}'s spend is its own payments in "
        f"{year}.  \nThe workforce figures are the latest the tables hold, so they are older than the spend. The "
        "department filter does not apply (forces are compared whole); service and provider types choose the POA "
        "functions compared."
    )


def _year_of(filters: Filters, narrowing) -> dict:
    first, last = year_bounds(narrowing["year"])
    return {"date_from": first, "date_to": last, "departments": None, "services": filters.params()["services"]}


# Our force's bar lists its own payments of the year (the spend it stands for); other forces' payments are not held.
BARS = {
    "benchmark_slope": Bar(
        "payments",
        ("year",),
        point=lambda p: {"year": p["customdata"][1]} if p["customdata"][0] == bench.HOME else None,
        label=lambda n, _: f"our force's payments in {n['year']}",
        base=_year_of,
    ),
}
