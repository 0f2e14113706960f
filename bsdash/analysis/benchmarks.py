"""Benchmarking the force against its most similar group (MSG) and all forces, HMICFRS value-for-money style.

Group figures are weighted: the sum of the group's spend over the sum of its population (or FTE), never a mean of
the forces' own ratios, so that a small force counts for what it is. The MSG average leaves our own force out;
the England and Wales average takes every force with the figures it needs. A notional saving is what spending at
the group's rate would save: max(0, our per head - the group's per head) x our population.
"""

from dataclasses import dataclass

import pandas as pd

HOME, MSG, OTHER = "Our force", "Most similar group", "Other forces"


def weighted_average(frame: pd.DataFrame, numerator: str, denominator: str, mask: pd.Series | None = None) -> float:
    """Sum over sum for the rows in `mask` that have both figures; NaN when there are none."""
    rows = frame if mask is None else frame[mask]
    rows = rows.dropna(subset=[numerator, denominator])
    total = rows[denominator].sum()
    return float(rows[numerator].sum() / total) if total else float("nan")


def notional_saving(own_rate: float, group_rate: float, base: float) -> float:
    """max(0, own rate - group rate) x base: what working at the group's rate would save."""
    if any(pd.isna(v) for v in (own_rate, group_rate, base)):
        return float("nan")
    return max(0.0, own_rate - group_rate) * base


def with_ratios(forces: pd.DataFrame) -> pd.DataFrame:
    """Each force's per-head and per-FTE figures and its role (our force, MSG, other).

    Expects force, population, officers, staff, spend, is_home_force and in_most_similar_group.
    """
    frame = forces.copy()
    frame["fte"] = frame["officers"] + frame["staff"]
    frame["spend_per_head"] = frame["spend"] / frame["population"]
    frame["spend_per_fte"] = frame["spend"] / frame["fte"]
    frame["fte_per_1000"] = 1000 * frame["fte"] / frame["population"]
    frame["role"] = [
        HOME if home else MSG if msg else OTHER
        for home, msg in zip(frame["is_home_force"], frame["in_most_similar_group"], strict=True)
    ]
    return frame


@dataclass(frozen=True)
class Comparison:
    """One measure: our force's figure, the MSG's and England and Wales's weighted averages, and the saving."""

    measure: str
    own: float
    msg: float
    all_forces: float
    saving: float

    def gap(self) -> float:
        return self.own / self.msg - 1 if self.msg else float("nan")


def compare(forces: pd.DataFrame) -> dict[str, Comparison]:
    """Spend per head, spend per FTE and workforce per 1,000 residents, against the MSG and all forces."""
    frame = with_ratios(forces)
    home = frame[frame["role"] == HOME]
    if home.empty:
        raise ValueError("no force is marked as ours (police_forces.is_home_force)")
    own = home.iloc[0]
    msg = frame["role"] == MSG
    measures = {
        "spend_per_head": ("spend", "population", own["population"]),
        "spend_per_fte": ("spend", "fte", own["fte"]),
        "fte_per_1000": ("fte", "population", None),
    }
    out = {}
    for name, (numerator, denominator, base) in measures.items():
        scale = 1000 if name == "fte_per_1000" else 1
        group = scale * weighted_average(frame, numerator, denominator, msg)
        everyone = scale * weighted_average(frame, numerator, denominator)
        saving = notional_saving(own[name], group, base) if base is not None else float("nan")
        out[name] = Comparison(name, float(own[name]), group, everyone, saving)
    return out


def by_function(spend: pd.DataFrame, forces: pd.DataFrame) -> pd.DataFrame:
    """Per POA function: our spend per head, the MSG's and all forces' weighted averages, and the saving.

    `spend` has force, poa_function and amount; `forces` has force, population and the role flags.
    """
    frame = spend.merge(with_ratios(forces.assign(spend=0.0))[["force", "population", "role"]], on="force")
    rows = []
    for function, group in frame.groupby("poa_function"):
        own = group[group["role"] == HOME]
        if own.empty:
            continue
        own_rate = float(own["amount"].sum() / own["population"].sum())
        msg_rate = weighted_average(group, "amount", "population", group["role"] == MSG)
        all_rate = weighted_average(group, "amount", "population")
        population = float(own["population"].sum())
        rows.append(
            {
                "poa_function": function,
                "own_per_head": own_rate,
                "msg_per_head": msg_rate,
                "all_forces_per_head": all_rate,
                "gap_to_msg": own_rate / msg_rate - 1 if msg_rate else float("nan"),
                "notional_saving": notional_saving(own_rate, msg_rate, population),
            }
        )
    return pd.DataFrame(rows).sort_values("notional_saving", ascending=False).reset_index(drop=True)


def ski_slope(forces: pd.DataFrame, measure: str) -> pd.DataFrame:
    """All forces with the measure, sorted highest first, with their role for marking (the "ski slope")."""
    frame = with_ratios(forces).dropna(subset=[measure])
    return frame.sort_values(measure, ascending=False).reset_index(drop=True)


def force_totals(workforce: pd.DataFrame, spend: pd.DataFrame) -> pd.DataFrame:
    """Each force's workforce row with its total spend over the POA functions compared (NaN when it has none)."""
    totals = spend.groupby("force", as_index=False)["amount"].sum().rename(columns={"amount": "spend"})
    return workforce.merge(totals, on="force", how="left")


def spend_source(spend: pd.DataFrame, home_force: str) -> str:
    """Where the other forces' spend comes from (the first source named), for the page to say."""
    others = spend.loc[spend["force"] != home_force, "source"].dropna()
    return others.iloc[0] if len(others) else "none loaded"
