"""Procurement and contracts: the register, what ends when (soonest and most urgent first), how much is bought
on contract, supplier concentration and tail spend, a tender's bids under chosen weights, and the contract KPI
ratings the Procurement Act 2023 asks for. Contracts are read at the register's own day."""

from dataclasses import dataclass

from bsdash import formatting as fmt
from bsdash.analysis import procurement
from bsdash.analysis.figures import Fetch, Headline, Runner, Table, table
from bsdash.analysis.figures.common import on_contract_share
from bsdash.analysis.periods import Filters

PIPELINE = {
    "contract_id": "Contract",
    "title": "Title",
    "supplier": "Supplier",
    "service": "Service type",
    "end_date": "End date",
    "band": "Ends in",
    "annual_value": "Annual value (£)",
    "reprocurement_lead_months": "Lead time (months)",
    "reprocurement_start": "Re-procurement should start",
    "inside_lead_time": "Inside lead time",
}
BANDS = {
    "band": "Ends in",
    "inside_lead_time": "Inside lead time",
    "contracts": "Contracts",
    "annual_value": "Annual value (£)",
}
ON_CONTRACT = {
    "service": "Service type",
    "on_contract_amount": "On contract (£)",
    "off_contract_amount": "Off contract (£)",
    "addressable_amount": "Addressable spend (£)",
    "on_contract_share": "On contract (%)",
}
CONCENTRATION = {
    "service": "Service type",
    "suppliers": "Suppliers",
    "amount": "Spend (£)",
    "top5_share": "Top five suppliers (%)",
    "hhi": "HHI",
    "tail_suppliers": "Tail suppliers (outside the 80 % head)",
    "tail_amount": "Tail spend (£)",
    "tail_share": "Tail share of spend (%)",
}
BIDS = {
    "rank": "Rank",
    "bidder": "Bidder",
    "bid_price": "Bid price (£)",
    "quality_score": "Quality score",
    "capability_score": "Capability score",
    "price_points": "Price points",
    "quality_points": "Quality points",
    "capability_points": "Capability points",
    "total_points": "Total points",
    "is_winner": "Awarded",
}
RATINGS = {
    "contract_id": "Contract",
    "title": "Title",
    "supplier": "Supplier",
    "kpi": "KPI",
    "period_end": "Period end",
    "rating": "Rating",
    "target": "Target",
    "result": "Result",
}
COMPLIANCE = {
    "contract_id": "Contract",
    "title": "Title",
    "supplier": "Supplier",
    "total_value": "Total value (£)",
    "kpis": "KPIs",
    "last_rated": "Last rated",
    "good": "Good",
    "approaching_target": "Approaching target",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
    "too_few_kpis": "Fewer than 3 KPIs",
    "rating_overdue": "Rating overdue",
}
COUNTS = ("kpis", "good", "approaching_target", "requires_improvement", "inadequate")


@dataclass(frozen=True)
class Procurement:
    as_at: str
    headlines: list[Headline]
    pipeline: Table  # soonest and most urgent first
    bands: Table
    on_contract: Table
    concentration: Table
    concentration_sentence: str
    tenders: dict[str, str]  # contract code -> "title (code)", largest first
    ratings: Table
    compliance: Table
    register: Table
    routes: list[str]


def procurement_figures(filters: Filters, run: Runner) -> Procurement:
    fetch = Fetch(run)
    params, as_at = filters.params(), filters.dates.of("contracts")
    services = params["services"]
    period = {"date_from": params["date_from"], "date_to": params["date_to"]}
    pipeline = procurement.most_urgent_first(fetch("contract_expiry_pipeline", as_at=as_at, services=services))
    register = fetch("contract_register", **period, services=services)
    on_contract = fetch("spend_on_contract_by_service", **params)
    compliance = fetch("contract_kpi_compliance", **period, as_at=as_at, services=services)
    concentration = fetch("supplier_concentration_by_service", **params)
    concentration = concentration.assign(tail_share=concentration["tail_amount"] / concentration["amount"])
    tenders = fetch("tender_list", services=services)
    inside = pipeline[pipeline["inside_lead_time"]]
    short = compliance[compliance["too_few_kpis"] | compliance["rating_overdue"]]
    headlines = [
        Headline(
            "Contracts live in the period",
            fmt.count(len(register)),
            help="Started by the period's end, ending after its start.",
        ),
        Headline(
            "Ending in 18 months (a year)",
            fmt.money_short(pipeline["annual_value"].sum()),
            help=f"{len(pipeline)} contracts end within 18 months of {fmt.uk_date(as_at)}; {len(inside)} of them "
            f"({fmt.money_short(inside['annual_value'].sum())} a year) are already inside their re-procurement lead "
            "time.",
        ),
        Headline(
            "Spend on contract",
            fmt.percent(on_contract_share(on_contract)),
            help="Spend with a supplier holding a live contract for the service / addressable spend.",
        ),
        Headline(
            "Over £5m, short of the Act",
            fmt.count(len(short)),
            help="Procurement Act 2023: fewer than three KPIs, or no rating in the last twelve months.",
        ),
    ]
    return Procurement(
        as_at=fmt.uk_date(as_at),
        headlines=headlines,
        pipeline=table(
            "Contracts ending in the next 18 months", pipeline, "contract-expiry-pipeline", columns=PIPELINE
        ),
        bands=table(
            "Contracts ending by band",
            procurement.expiry_by_band(pipeline),
            "contract-expiry-by-band",
            columns=BANDS,
            made_from=(pipeline,),
            derived="counted and summed per band",
        ),
        on_contract=table("On and off contract", on_contract, "spend-on-contract-by-service", columns=ON_CONTRACT),
        concentration=table(
            "Supplier concentration and tail spend",
            concentration,
            "supplier-concentration-by-service",
            columns=CONCENTRATION,
        ),
        concentration_sentence=procurement.concentration_sentence(concentration),
        tenders=dict(zip(tenders["contract_id"], tenders["title"] + " (" + tenders["contract_id"] + ")", strict=True)),
        ratings=table(
            "Contract KPI ratings",
            fetch("contract_kpi_ratings", **period, as_at=as_at, services=services),
            "contract-kpi-ratings",
            columns=RATINGS,
        ),
        compliance=table(
            "Contracts over £5m against the Act",
            compliance,
            "contract-kpi-compliance",
            columns=COMPLIANCE,
            kinds=dict.fromkeys(COUNTS, "count"),
        ),
        register=table("The contract register", register, "contract-register"),
        routes=sorted(register["procurement_route"].unique()),
    )


@dataclass(frozen=True)
class Tender:
    published: procurement.Weights
    weights: procurement.Weights
    caption: str
    sentence: str
    bids: Table


def tender(run: Runner, contract_id: str, weights: tuple[float, float, float] | None) -> Tender:
    """A tender's bids scored under `weights` (price, quality, capability; None: the published weights)."""
    fetch = Fetch(run)
    bids = fetch("tender_bids_of_contract", contract_id=contract_id)
    first = bids.iloc[0] if len(bids) else None
    published = procurement.Weights(
        *(float(first[f"{n}_weight"]) if first is not None else 100 / 3 for n in ("price", "quality", "capability"))
    )
    chosen = procurement.Weights.of(*weights) if weights else published
    scored = procurement.score_bids(bids, chosen)
    return Tender(
        published=published,
        weights=chosen,
        caption=f"Published weights: {published.describe()}. Price points = lowest bid / the bid x price weight; "
        "quality and capability points = score / 100 x weight. Weights are scaled to add up to 100.",
        sentence=procurement.ranking_sentence(scored, chosen),
        bids=table(
            f"Tender {contract_id}: the bids ranked",
            scored,
            f"tender-{contract_id}-ranking",
            columns=BIDS,
            kinds={"rank": "count", "quality_score": "number", "capability_score": "number"},
            made_from=(bids,),
            derived=f"scored with {chosen.describe()} (bsdash.analysis.procurement)",
        ),
    )


def register_by_route(register: Table, routes: list[str]) -> tuple[Table, str]:
    """The register narrowed to the routes chosen (all when none), and a sentence on what it holds."""
    frame = register.frame
    shown = frame[frame["procurement_route"].isin(routes)] if routes else frame
    worth = fmt.money(shown["annual_value"].sum())
    sentence = f"{len(shown):,} contracts live at some time in the period, worth {worth} a year."
    return table(register.title, shown, register.file_name, made_from=(frame,)), sentence


def parse_weights(text: str) -> tuple[int, int, int]:
    """Weights as a link holds them, price-quality-capability ("60-30-10"); ValueError when they are not."""
    parts = [int(part) for part in text.split("-")]
    if len(parts) != 3 or not all(0 <= part <= 100 for part in parts):
        raise ValueError("three whole numbers from 0 to 100, price-quality-capability")
    return parts[0], parts[1], parts[2]


def weights_text(weights: tuple[float, float, float]) -> str:
    return "-".join(f"{w:.0f}" for w in weights)
