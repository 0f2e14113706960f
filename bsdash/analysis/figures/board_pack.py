"""The board pack: the leadership view of a period, departments and services as a paper, page by page.

Everything is taken from the figures the pages show (overview, spend, service_levels, procurement, benchmarks and
the risks list), so that the pack and the dashboard can never disagree; this module only chooses what each page
of the pack holds and writes its cells as people read them. The PDF itself is typeset by bsdash.reports.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from bsdash import formatting as fmt
from bsdash.analysis.figures import Fetch, Headline, Runner, Table
from bsdash.analysis.figures.benchmarks import Benchmarks, benchmarks
from bsdash.analysis.figures.common import describe
from bsdash.analysis.figures.overview import Overview, overview
from bsdash.analysis.figures.procurement import Procurement, procurement_figures
from bsdash.analysis.figures.risks import KINDS, Risk, risks_list
from bsdash.analysis.figures.service_levels import ServiceLevels, service_levels
from bsdash.analysis.figures.spend import Spend, spend
from bsdash.analysis.periods import Filters
from bsdash.charts.core import short_names

MARKING = "OFFICIAL"
HEADLINE_QUERIES = ("headline_figures", "sla_compliance_by_priority", "open_tickets_by_sla_used", "contracts_expiring")
OUTTURN_QUERIES = ("spend_by_department_and_month", "spend_by_department")  # bsdash.analysis.figures.common.outturn_of
CONTRACT_ROWS = 10  # the pipeline rows a page holds; the rest are counted under the table


@dataclass(frozen=True)
class Grid:
    """A table as printed: headings, rows of text, which columns are figures (right-aligned), and a note."""

    headings: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    note: str | None = None
    flagged: list[bool] = field(default_factory=list)  # rows to mark (over budget, inside lead time, missed)
    weights: list[float] | None = None  # the columns' relative widths (default: text columns wider than figures)


@dataclass(frozen=True)
class Bars:
    """A bar chart as printed: one bar per label (several per label when `series` has several names), the
    figure written beside each bar, flagged bars hatched, an optional target mark per label."""

    title: str  # the chart's accessible name and caption
    labels: list[str]
    series: list[str]
    values: list[list[float]]  # one list per series
    texts: list[list[str]]
    flagged: list[list[bool]]
    axis: str  # the value axis' title
    unit: str  # "£", "%" or ""
    targets: list[float | None] | None = None
    legend: list[tuple[str, int, bool]] = field(default_factory=list)  # (name, series, flagged)


@dataclass(frozen=True)
class PackPage:
    title: str
    lines: list[str]  # sentences above the chart and table
    sources: list[str]  # the named queries behind the page
    chart: Bars | None = None
    grid: Grid | None = None
    second_grid: Grid | None = None
    beside: bool = True  # the chart beside its table (False: above it, the table taking the page's width)


@dataclass(frozen=True)
class BoardPack:
    title: str
    period: str  # "Financial year 2024/25", or the dates
    filters: str  # departments, services and providers in words
    as_at: list[str]
    made: str  # when, dd/mm/yyyy hh:mm
    headlines: list[Headline]
    summary: list[str]
    thresholds: Mapping[str, str]
    pages: list[PackPage]
    risks: list[Risk]
    cover_sources: list[str]
    marking: str = MARKING


@dataclass(frozen=True)
class Leadership:
    """The figures a leader reads, as the pages show them, and the risks they make; the words of the filters."""

    overview: Overview
    spend: Spend
    levels: ServiceLevels
    contracts: Procurement
    risks: list[Risk]
    words: list[str]  # the period, departments, service types (and providers), how far the data reaches


def leadership(filters: Filters, run: Runner) -> Leadership:
    fetch = Fetch(run)
    departments = fetch("department_list")
    services = fetch("service_list")
    words = describe(
        filters,
        dict(zip(departments["department_id"], departments["department"], strict=True)),
        dict(zip(services["service_id"], services["service"], strict=True)),
    ).split(" · ")
    view = overview(filters, run)
    money = spend(filters, run)
    levels = service_levels(filters, run)
    contracts = procurement_figures(filters, run)
    by_priority = levels.it.levels.frame if levels.it else _no_priorities()
    risks = risks_list(
        view.headlines, contracts.pipeline.frame, by_priority, money.budget.frame, complete=view.outturn.complete
    )
    return Leadership(view, money, levels, contracts, risks, words)


def board_pack(filters: Filters, run: Runner, made: datetime | None = None) -> BoardPack:
    seen = leadership(filters, run)
    view, words = seen.overview, seen.words
    return BoardPack(
        title="Business services board pack",
        period=words[0],
        filters=" · ".join(words[1:-1]),
        as_at=view.as_at,
        made=(made or datetime.now()).strftime("%d/%m/%Y %H:%M"),
        headlines=view.headlines,
        summary=view.summary,
        thresholds=view.thresholds,
        pages=[
            _spend_page(view, seen.spend),
            _service_levels_page(view, seen.levels),
            _contracts_page(seen.contracts),
            _benchmarks_page(benchmarks(filters, run)),
            _risks_page(seen.risks),
        ],
        risks=seen.risks,
        cover_sources=[
            *_names(view.by_service, view.levels, view.monthly, view.tickets),
            "headline_figures",
            "sla_compliance_by_priority",
            "open_tickets_by_sla_used",
            "contracts_expiring",
        ],
    )


def _names(*tables: Table | None) -> list[str]:
    names: list[str] = []
    for table in tables:
        for source in table.sources if table else ():
            if source.name not in names:
                names.append(source.name)
    return names


def _no_priorities() -> pd.DataFrame:
    return pd.DataFrame(
        columns=["priority", "priority_name", "tickets_resolved", "sla_compliance", "compliance_target", "target_hours"]
    )


def _spend_page(view: Overview, money: Spend) -> PackPage:
    outturn, budget = money.outturn, money.budget.frame
    with_budget = budget.dropna(subset=["forecast_variance_share"])
    over = with_budget[with_budget["forecast_variance"] > 0]
    total_budget = float(budget["budget"].sum())
    name = "Outturn" if outturn.complete else "Forecast outturn"
    lines = [money.total.replace("**", "") + " in the period."]
    if outturn.outturn is None:
        lines.append(f"No forecast outturn: {outturn.reason}.")
    else:
        against = (
            f", {abs(outturn.outturn / total_budget - 1):.1%} {'over' if outturn.outturn > total_budget else 'under'}"
            f" the budget of {fmt.money(total_budget)}"
            if total_budget
            else " (no budget for this selection)"
        )
        interval = "" if outturn.complete else f" (80 % interval {fmt.money(outturn.low)} to {fmt.money(outturn.high)})"
        lines.append(f"{name}: {fmt.money(outturn.outturn)}{interval}{against}.")
    lines.append(
        f"{fmt.counted(len(over), 'department')} of {len(with_budget)} with a budget "
        f"{'is' if len(over) == 1 else 'are'} {'over' if outturn.complete else 'forecast over'} budget (hatched "
        "in the chart, shaded in the table). "
        + money.budget_caption.replace(" Vermillion, hatched bars are over budget.", "")
    )
    ordered = with_budget.sort_values("forecast_variance_share", ascending=False)
    short = short_names(list(budget["department"].astype(str)), limit=30)
    chart = Bars(
        title=f"{name} against budget by department (%)",
        labels=[short[d] for d in ordered["department"].astype(str)],
        series=[name],
        values=[list(100 * ordered["forecast_variance_share"])],
        texts=[[f"{100 * v:+.1f}%" for v in ordered["forecast_variance_share"]]],
        flagged=[list(ordered["forecast_variance"] > 0)],
        axis=f"{name} against budget (%)",
        unit="%",
        legend=[("Under budget", 0, False), ("Over budget", 0, True)],
    )
    rows = [
        [
            short[str(r.department)],
            fmt.money(r.budget),
            fmt.money(r.actual),
            fmt.money(r.forecast_outturn),
            fmt.money(r.forecast_variance),
            "–" if pd.isna(r.forecast_variance_share) else f"{r.forecast_variance_share:+.1%}",
        ]
        for r in budget.itertuples()
    ]
    grid = Grid(
        ["Department", "Budget", "Actual to date", name, "Variance", "Variance %"],
        rows,
        [False, True, True, True, True, True],
        flagged=[bool(v > 0) if pd.notna(v) else False for v in budget["forecast_variance"]],
    )
    sources = [*_names(money.by_service, money.budget), *OUTTURN_QUERIES]
    return PackPage("Spend against budget and outturn", lines, sources, chart, grid)


def _service_levels_page(view: Overview, levels: ServiceLevels) -> PackPage:
    sources = _names(view.levels)
    lines: list[str] = []
    chart = grid = None
    if levels.it is None:
        lines.append("No IT tickets were resolved in this selection (or IT support is not among its services).")
    else:
        it = levels.it
        sources = _names(it.levels, it.risk) + sources
        sla = next(h for h in it.headlines if h.label == "SLA compliance")
        backlog = next(h for h in it.headlines if h.label == "Open tickets")
        lines.append(f"IT SLA compliance {sla.value}: {sla.status.text.lower()}. {sla.status.reason}")
        lines.append(f"Open IT tickets at {it.end}: {backlog.value}. {backlog.status.reason}")
        frame = it.levels.frame
        chart = Bars(
            title="IT SLA compliance by priority against its target (%)",
            labels=[f"{r.priority} {r.priority_name}" for r in frame.itertuples()],
            series=["Resolved within target"],
            values=[list(frame["value"])],
            texts=[[f"{v:.1f}%" for v in frame["value"]]],
            flagged=[list(~frame["target_met"].astype(bool))],
            axis="Resolved within the priority's target (%)",
            unit="%",
            targets=list(frame["target"]),
            legend=[("Target met", 0, False), ("Target missed", 0, True)],
        )
        grid = Grid(
            ["Priority", "Resolve within", "Resolved", "In time", "Target", "Median hours", "90th percentile hours"],
            [
                [
                    f"{r.priority} {r.priority_name}",
                    f"{r.target_hours:g} hours",
                    fmt.count(r.tickets_resolved),
                    fmt.percent(r.sla_compliance),
                    fmt.percent(r.compliance_target, 0),
                    f"{r.median_hours_to_resolve:,.1f}",
                    f"{r.p90_hours_to_resolve:,.1f}",
                ]
                for r in frame.itertuples()
            ],
            [False, True, True, True, True, True, True],
            flagged=list(~frame["target_met"].astype(bool)),
        )
    other = view.levels.frame
    second = None
    if not other.empty:
        missed = int((~other["target_met"].fillna(False).astype(bool)).sum())
        lines.append(f"Other services: {missed} of {len(other)} measures missed their target in the period.")
        second = Grid(
            ["Service type", "Measure", "Result", "Target", "Target met"],
            [
                [str(r.service), str(r.measure), f"{r.value:,.1f}", f"{r.target:,.1f}", "Yes" if r.target_met else "No"]
                for r in other.itertuples()
            ],
            [False, False, True, True, False],
            flagged=list(~other["target_met"].fillna(False).astype(bool)),
        )
    return PackPage("Service levels against target", lines, sources, chart, grid, second)


def _contracts_page(contracts: Procurement) -> PackPage:
    pipeline = contracts.pipeline.frame
    inside = pipeline[pipeline["inside_lead_time"].astype(bool)]
    lines = [
        f"{fmt.counted(len(pipeline), 'contract')} worth {fmt.money(pipeline['annual_value'].sum())} a year end "
        f"within 18 months of {contracts.as_at}; {len(inside)} of them "
        f"({fmt.money(inside['annual_value'].sum())} a year) are already inside their re-procurement lead time "
        "(hatched and marked): most urgent first."
    ]
    bands = contracts.bands.frame
    labels = list(dict.fromkeys(bands["band"]))
    values, flagged, texts = [], [], []
    for inside_lead in (True, False):
        part = bands[bands["inside_lead_time"].astype(bool) == inside_lead].set_index("band")
        amounts = [float(part["annual_value"].get(band, 0.0)) for band in labels]
        counts = [int(part["contracts"].get(band, 0)) for band in labels]
        values.append(amounts)
        flagged.append([inside_lead] * len(labels))
        texts.append([f"{fmt.money_short(a)} ({c})" if c else "" for a, c in zip(amounts, counts, strict=True)])
    chart = Bars(
        title="Annual value of contracts ending, by months to their end",
        labels=labels,
        series=["Inside lead time", "Not yet"],
        values=values,
        texts=texts,
        flagged=flagged,
        axis="Annual value (£); contracts in brackets",
        unit="£",
        legend=[("Inside their re-procurement lead time", 0, True), ("Not yet inside it", 1, False)],
    )
    shown = pipeline.head(CONTRACT_ROWS)
    more = len(pipeline) - len(shown)
    grid = Grid(
        ["Contract", "Supplier", "Ends", "In", "Annual value", "Start re-procurement", "Inside lead time"],
        [
            [
                f"{r.title} ({r.contract_id})",
                str(r.supplier),
                fmt.uk_date(r.end_date),
                str(r.band),
                fmt.money(r.annual_value),
                fmt.uk_date(r.reprocurement_start),
                "Yes" if r.inside_lead_time else "No",
            ]
            for r in shown.itertuples()
        ],
        [False, False, False, False, True, False, False],
        note=f"And {more} more ending later: the risks list names every one inside its lead time; Procurement & "
        "contracts lists them all."
        if more > 0
        else None,
        flagged=list(shown["inside_lead_time"].astype(bool)),
        weights=[3.4, 2.4, 1.1, 1.1, 1.3, 1.5, 1.1],
    )
    return PackPage("Contracts ending", lines, _names(contracts.pipeline), chart, grid, beside=False)


def _benchmarks_page(compared: Benchmarks | str) -> PackPage:
    title = "Benchmarks against the most similar group"
    if isinstance(compared, str):
        return PackPage(title, [compared], ["benchmark_years"])
    lines = [*compared.notes, f"Financial year {compared.year}: {compared.home_force} against its most similar group."]
    for tile in compared.headlines:
        lines.append(f"{tile.label}: {tile.value}, {tile.delta} ({tile.help.split(':')[0]}).")
    lines.append(compared.saving.replace("**", ""))
    functions = compared.functions.frame.sort_values("own_per_head", ascending=False)
    chart = Bars(
        title="Spend per head by POA function: our force and its most similar group (£)",
        labels=list(functions["poa_function"]),
        series=[compared.home_force, "Most similar group"],
        values=[list(functions["own_per_head"]), list(functions["msg_per_head"])],
        texts=[[f"£{v:,.2f}" for v in functions["own_per_head"]], [f"£{v:,.2f}" for v in functions["msg_per_head"]]],
        flagged=[list(functions["gap_to_msg"] > 0), [False] * len(functions)],
        axis="Spend per resident (£)",
        unit="£",
        legend=[
            (compared.home_force, 0, False),
            (f"{compared.home_force}, above the group", 0, True),
            ("Most similar group", 1, False),
        ],
    )
    grid = Grid(
        ["POA function", "Ours per head", "MSG per head", "All forces", "Gap to MSG", "Notional saving"],
        [
            [
                str(r.poa_function),
                f"£{r.own_per_head:,.2f}",
                f"£{r.msg_per_head:,.2f}",
                f"£{r.all_forces_per_head:,.2f}",
                f"{r.gap_to_msg:+.1%}",
                fmt.money(r.notional_saving),
            ]
            for r in functions.itertuples()
        ],
        [False, True, True, True, True, True],
        flagged=list(functions["gap_to_msg"] > 0),
    )
    sources = _names(compared.functions, compared.forces)
    return PackPage(title, lines, sources, chart, grid)


def _risks_page(risks: Sequence[Risk]) -> PackPage:
    act = sum(risk.level == "act" for risk in risks)
    lines = [
        f"{fmt.counted(len(risks), 'risk')}: {act} to act on, {len(risks) - act} to watch. Act first, then by kind."
        if risks
        else "No risk to report: every light is on track, no contract is inside its lead time, every IT priority "
        "meets its target and no department is forecast over budget."
    ]
    grid = Grid(
        ["Level", "Kind", "About", "Figures"],
        [[r.level.capitalize(), KINDS[r.kind], r.title, r.sentence] for r in risks],
        [False, False, False, False],
        flagged=[r.level == "act" for r in risks],
        weights=[0.6, 1.6, 2.2, 7.0],
    )
    sources = [
        "contract_expiry_pipeline",
        "sla_compliance_by_priority",
        "budget_by_department",
        "spend_by_department_and_month",
        "headline_figures",
    ]
    return PackPage("Risks", lines, sources, None, grid if risks else None)
