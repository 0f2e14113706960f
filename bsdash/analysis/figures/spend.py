"""Spend and budgets: where the money goes (service type, month, supplier, expense type, capital or revenue),
how concentrated the suppliers are, and whether the budgets will hold (each department's forecast outturn, which
add up to the force's)."""

from dataclasses import dataclass

from bsdash import formatting as fmt
from bsdash.analysis import procurement
from bsdash.analysis.figures import Fetch, Runner, Table, table
from bsdash.analysis.figures.common import on_contract_share, outturn_of
from bsdash.analysis.figures.drill import Bar, month_words, service_bar, service_words
from bsdash.analysis.figures.overview import SPEND_BY_MONTH, SPEND_BY_SERVICE
from bsdash.analysis.outturn import METHOD_IN_WORDS, Outturn
from bsdash.analysis.periods import Filters

TOP_SUPPLIERS = 15
SUPPLIERS = {
    "supplier": "Supplier",
    "provider_type": "Provider type",
    "amount": "Spend (£)",
    "payments": "Payments",
    "share": "Share (%)",
    "on_contract_share": "On contract (%)",
}
EXPENSE = {"expense_type": "Expense type", "service": "Service type", "amount": "Spend (£)", "payments": "Payments"}
CAPITAL = {"month": "Month", "capital_revenue": "Capital or revenue", "amount": "Spend (£)", "payments": "Payments"}
BUDGET = {
    "department": "Department",
    "budget": "Budget (£)",
    "budget_to_date": "Budget to date (£)",
    "actual": "Actual to date (£)",
    "variance_to_date": "Variance to date (£)",
    "forecast_outturn": "Forecast outturn (£)",
    "forecast_variance": "Forecast variance (£)",
    "forecast_variance_share": "Forecast variance (%)",
}


@dataclass(frozen=True)
class Spend:
    total: str  # "£1,234 in 56 payments"
    by_service: Table
    monthly: Table
    suppliers: Table
    top_suppliers: Table  # the chart's: the largest TOP_SUPPLIERS
    concentration: str
    expense: Table
    expense_top: Table  # the chart's: expense types summed over services, the largest 15
    capital: Table
    budget: Table
    outturn: Outturn
    budget_caption: str
    suppliers_by_code: dict[str, str]  # supplier code -> name, for the label of a click

    @property
    def empty(self) -> bool:
        return self.by_service.empty


def spend(filters: Filters, run: Runner) -> Spend:
    fetch = Fetch(run)
    params = filters.params()
    by_service = fetch("spend_by_service", **params)
    suppliers = fetch("spend_by_supplier", **params)
    whole = fetch("supplier_concentration", **params)
    on_contract = fetch("spend_on_contract_by_service", **params)
    expense = fetch("spend_by_expense_type", **params)
    capital = fetch("spend_by_capital_revenue", **params)
    capital = capital.assign(capital_revenue=capital["capital_revenue"].str.capitalize())
    expense_top = expense.groupby("expense_type", as_index=False)["amount"].sum().nlargest(TOP_SUPPLIERS, "amount")
    outturn = outturn_of(fetch, filters)
    budget = _budget(fetch("budget_by_department", **params, as_at=filters.dates.of("spend")), outturn)

    return Spend(
        total=f"**{fmt.money(by_service['amount'].sum())}** in **{fmt.count(by_service['payments'].sum())}** payments",
        by_service=table("Spend by service type", by_service, "spend-by-service", columns=SPEND_BY_SERVICE),
        monthly=table("Spend by month", fetch("spend_by_month", **params), "spend-by-month", columns=SPEND_BY_MONTH),
        suppliers=table("Spend by supplier", suppliers, "spend-by-supplier", columns=SUPPLIERS),
        top_suppliers=table(
            f"The {TOP_SUPPLIERS} largest suppliers", suppliers.head(TOP_SUPPLIERS), "top-suppliers", columns=SUPPLIERS
        ),
        concentration=procurement.selection_sentence(
            whole.iloc[0] if len(whole) else None, on_contract_share(on_contract)
        ),
        expense=table("Spend by expense type and service", expense, "spend-by-expense-type", columns=EXPENSE),
        expense_top=table(
            "The 15 largest expense types",
            expense_top,
            "spend-by-expense-type-top",
            columns={"expense_type": "Expense type", "amount": "Spend (£)"},
            made_from=(expense,),
            derived="the expense types summed over the service types, largest 15",
        ),
        capital=table("Capital and revenue by month", capital, "capital-and-revenue", columns=CAPITAL),
        budget=budget,
        outturn=outturn,
        budget_caption=_budget_caption(outturn),
        suppliers_by_code=dict(zip(suppliers["supplier_id"], suppliers["supplier"], strict=True)),
    )


def _budget_caption(outturn: Outturn) -> str:
    if outturn.complete:
        text = "The period is over: each department's outturn is what it paid."
    elif outturn.outturn is None:
        text = f"No forecast outturn: {outturn.reason}."
    else:
        text = METHOD_IN_WORDS
    return text + " Vermillion, hatched bars are over budget."


def _budget(budget, outturn: Outturn) -> Table:
    """Budget against actual per department with the one forecast outturn, whose rows add up to the force's."""
    frame = budget.drop(columns=[c for c in budget.columns if c.startswith("forecast")], errors="ignore")
    forecast = outturn.by_department.rename(columns={"outturn": "forecast_outturn"})
    if outturn.outturn is None:
        forecast = forecast.assign(forecast_outturn=float("nan"))
    # Keys as text on both sides: an empty selection's columns come back untyped.
    frame = frame.astype({"department": object})
    forecast = forecast.astype({"department": object})
    merged = frame.merge(forecast[["department", "forecast_outturn"]], on="department", how="outer")
    merged["forecast_variance"] = merged["forecast_outturn"] - merged["budget"]
    merged["forecast_variance_share"] = merged["forecast_variance"] / merged["budget"].where(merged["budget"] != 0)
    merged = merged.sort_values("forecast_variance_share", ascending=False, na_position="last").reset_index(drop=True)
    merged.attrs.update(budget.attrs)
    return table(
        "Budget against actual, with the forecast outturn",
        merged,
        "budget-against-actual",
        columns=BUDGET,
        made_from=(budget,),
        derived="with each department's share of the force's forecast outturn (bsdash.analysis.outturn)",
    )


BARS = {
    "spend_service": service_bar(),
    "spend_month": Bar(
        "payments",
        ("month", "service"),
        point=lambda p: {"month": p["x"], "service": p["customdata"][1]},
        label=lambda n, names: f"{service_words(n['service'], names)}, {month_words(n['month'])}",
    ),
    "spend_suppliers": Bar(
        "payments",
        ("supplier",),
        point=lambda p: {"supplier": p["customdata"][0]},
        label=lambda n, names: f"supplier {names.suppliers.get(n['supplier'], n['supplier'])}",
    ),
    "spend_expense": Bar(
        "payments",
        ("expense_type",),
        point=lambda p: {"expense_type": p["y"]},
        label=lambda n, _: f"expense type {n['expense_type']}",
    ),
    "spend_capital": Bar(
        "payments",
        ("month", "capital_revenue"),
        point=lambda p: {"month": p["x"], "capital_revenue": str(p["customdata"][0]).lower()},
        label=lambda n, _: f"{n['capital_revenue']} spend, {month_words(n['month'])}",
    ),
    "spend_budget": Bar(
        "payments",
        ("department",),
        point=lambda p: {"department": p["customdata"][0]} if _known(p["customdata"][0]) else None,
        label=lambda n, names: f"department {names.departments.get(n['department'], n['department'])}",
    ),
}


def _known(value: object) -> bool:
    return isinstance(value, str) and bool(value)
