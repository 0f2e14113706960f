"""Procurement judgements: scoring a tender's bids under chosen weights, and the sentences that go with the
contract register's figures. Pure functions, no Streamlit.

Bid evaluation (the seed's criteria): each bid's weighted score is

    price points      = lowest bid / this bid x price weight
    quality points    = quality score / 100 x quality weight
    capability points = capability score / 100 x capability weight

out of 100 when the weights add up to 100; the highest total ranks first.
"""

from dataclasses import dataclass

import pandas as pd

from bsdash.formatting import money

RATING_ORDER = ("Good", "Approaching target", "Requires improvement", "Inadequate")
KPI_THRESHOLD = 5_000_000
MINIMUM_KPIS = 3
RATING_INTERVAL_MONTHS = 12


@dataclass(frozen=True)
class Weights:
    price: float
    quality: float
    capability: float

    @classmethod
    def of(cls, price: float, quality: float, capability: float) -> "Weights":
        """Weights scaled to add up to 100 (a tender states them that way); all zero counts as equal thirds."""
        total = price + quality + capability
        if total <= 0:
            return cls(100 / 3, 100 / 3, 100 / 3)
        return cls(100 * price / total, 100 * quality / total, 100 * capability / total)

    def describe(self) -> str:
        return f"price {self.price:.0f}%, quality {self.quality:.0f}%, capability {self.capability:.0f}%"


def score_bids(bids: pd.DataFrame, weights: Weights) -> pd.DataFrame:
    """The bids with their points under `weights`, best first, ranked 1, 2, ... (ties share a rank).

    Expects bidder, bid_price, quality_score and capability_score.
    """
    if bids.empty:
        return bids.assign(price_points=[], quality_points=[], capability_points=[], total_points=[], rank=[])
    prices = bids["bid_price"].astype(float)
    scored = bids.assign(
        price_points=prices.min() / prices * weights.price,
        quality_points=bids["quality_score"].astype(float) / 100 * weights.quality,
        capability_points=bids["capability_score"].astype(float) / 100 * weights.capability,
    )
    scored["total_points"] = scored[["price_points", "quality_points", "capability_points"]].sum(axis=1)
    scored["rank"] = scored["total_points"].round(6).rank(ascending=False, method="min").astype(int)
    return scored.sort_values(["rank", "bid_price"]).reset_index(drop=True)


def ranking_sentence(scored: pd.DataFrame, weights: Weights) -> str:
    """Who ranks first under these weights, by how much, and whether that is the bid the contract went to."""
    if scored.empty:
        return "This tender has no bids on record."
    first = scored.iloc[0]
    tied = scored[scored["rank"] == 1]
    if len(tied) > 1:
        return f"With {weights.describe()}, {', '.join(tied['bidder'])} tie for first place."
    lead = first["total_points"] - scored.iloc[1]["total_points"] if len(scored) > 1 else None
    text = f"With {weights.describe()}, **{first['bidder']}** ranks first with {first['total_points']:.1f} points"
    text += f", {lead:.1f} ahead of {scored.iloc[1]['bidder']}." if lead is not None else "."
    if "is_winner" in scored:
        winner = scored[scored["is_winner"].astype(bool)]
        if len(winner) and winner.iloc[0]["bidder"] != first["bidder"]:
            text += f" The contract went to {winner.iloc[0]['bidder']}, which ranks {winner.iloc[0]['rank']} here."
        elif len(winner):
            text += " That is the bid the contract was awarded to."
    return text


def concentration_sentence(by_service: pd.DataFrame) -> str:
    """The most concentrated service and the largest tail, in words (HHI thresholds as competition law uses)."""
    if by_service.empty:
        return ""
    top = by_service.sort_values("hhi", ascending=False).iloc[0]
    tail = by_service.sort_values("tail_suppliers", ascending=False).iloc[0]
    return (
        f"{top['service']} is the most concentrated (HHI {top['hhi']:,.0f}; its top five suppliers take "
        f"{top['top5_share']:.0%}). {tail['service']} has the longest tail: {tail['tail_suppliers']:,} suppliers "
        f"outside the few that make up 80% of its spend share the last {_tail_share(tail)} "
        f"({money(tail['tail_amount'])})."
    )


def selection_sentence(whole: pd.Series | None, on_contract: float | None) -> str:
    """Concentration, tail spend and the share on contract of a whole selection of spend, in words."""
    if whole is None or not whole["amount"]:
        return "No payments to suppliers in this selection."
    tail, head = int(whole["tail_suppliers"]), int(whole["suppliers"] - whole["tail_suppliers"])
    text = (
        f"The top five suppliers take **{whole['top5_share']:.0%}** of this spend (HHI {whole['hhi']:,.0f}, "
        f"{hhi_level(whole['hhi'])}: under 1,500 is unconcentrated, over 2,500 highly concentrated). "
        f"**{tail:,}** suppliers outside the {head:,} that make up 80% share the last {_tail_share(whole)} "
        f"({money(whole['tail_amount'])})."
    )
    if on_contract is not None:
        text += (
            f" **{on_contract:.0%}** of addressable spend was paid to a supplier holding a live contract for the "
            "service."
        )
    return text


def _tail_share(row: pd.Series) -> str:
    return f"{row['tail_amount'] / row['amount']:.0%}" if row["amount"] else "0%"


def hhi_level(hhi: float) -> str:
    """How competition authorities read an HHI: under 1,500 unconcentrated, over 2,500 highly concentrated."""
    return "highly concentrated" if hhi > 2500 else "moderately concentrated" if hhi >= 1500 else "unconcentrated"


def expiry_by_band(pipeline: pd.DataFrame) -> pd.DataFrame:
    """Contracts and annual value ending in each band, inside their re-procurement lead time or not."""
    return (
        pipeline.groupby(["band_order", "band", "inside_lead_time"], as_index=False)
        .agg(contracts=("contract_id", "count"), annual_value=("annual_value", "sum"))
        .sort_values(["band_order", "inside_lead_time"], ascending=[True, False])
    )


def most_urgent_first(pipeline: pd.DataFrame) -> pd.DataFrame:
    """The expiry pipeline as a buyer works through it: contracts already inside their re-procurement lead time
    first, then the rest, each soonest end first (the larger first on the same day)."""
    return pipeline.sort_values(
        ["inside_lead_time", "end_date", "annual_value"], ascending=[False, True, False]
    ).reset_index(drop=True)
