"""The built-in sample: export files as a force's systems would write them, and a database built from them.

`write_exports` writes the files into data/sample/; `build` then loads them through the same import pipeline
that real exports go through, into a new database file that replaces the old one only once it is complete
(bsdash.store.writer).
"""

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from bsdash import homeoffice
from bsdash.config import SAMPLE_DIR
from bsdash.fiscal import year_bounds, years_between
from bsdash.importer import ImportReport, import_file, quote_ident, quote_literal
from bsdash.sample import forces as force_model
from bsdash.sample import registers, tenders
from bsdash.sample import spend as spend_model
from bsdash.sample import tickets as ticket_model
from bsdash.sample.organisation import (
    AS_AT,
    DEPARTMENTS,
    FIRST_DAY,
    REDACTED,
    SERVICES,
    SUPPLIERS,
    TAIL_SUPPLIERS,
)
from bsdash.store.writer import writing

DEFAULT_SEED = 2021
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Export:
    kind: str
    path: Path


def _quiet(_fraction: float, _message: str) -> None:
    pass


def build(
    database: Path,
    *,
    scale: float = 1.0,
    ticket_scale: float | None = None,
    seed: int = DEFAULT_SEED,
    out_dir: Path = SAMPLE_DIR,
    progress: Progress = _quiet,
) -> list[ImportReport]:
    """Write the sample exports and build `database` from them; returns one import report per file."""
    exports = write_exports(out_dir, scale=scale, ticket_scale=ticket_scale, seed=seed, progress=progress)
    reports = []
    # A new file, put in the database's place only once complete (readers of the old one carry on meanwhile).
    with writing(database, fresh=True) as con:
        for i, export in enumerate(exports):
            progress(0.4 + 0.6 * i / len(exports), f"Importing {export.path.name}")
            reports.append(import_file(con, export.path, export.kind, user="sample"))
    progress(1.0, "Sample database ready")
    return reports


def write_exports(
    out_dir: Path,
    *,
    scale: float = 1.0,
    ticket_scale: float | None = None,
    seed: int = DEFAULT_SEED,
    progress: Progress = _quiet,
) -> list[Export]:
    """Write every sample export into `out_dir` (replacing what was there); returns them in import order."""
    rng = np.random.default_rng(seed)
    ticket_scale = scale if ticket_scale is None else ticket_scale
    if out_dir.exists():
        shutil.rmtree(out_dir)
    folders = ("reference", "contracts", "budgets", "spend", "tickets", "service-levels", "assets", "benchmarks")
    for folder in folders:
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    writer = _Writer(out_dir)
    try:
        progress(0.02, "Writing departments, services and suppliers")
        tails, references, exports = _reference_exports(writer)
        progress(0.08, "Generating payments")
        planned = spend_model.plan(scale)
        payments = spend_model.payments(planned, scale, rng)
        progress(0.18, "Writing the contract register and budgets")
        contracts = registers.contracts(payments, tails, rng)
        exports.append(writer.contracts(contracts))
        exports += writer.budgets(spend_model.budgets(planned, rng))
        progress(0.22, "Writing spend-over-£500 files")
        exports += writer.spend(payments, references, rng)
        progress(0.28, "Generating service-desk tickets")
        exports += writer.tickets(ticket_model.tickets(ticket_scale, rng), rng)
        progress(0.36, "Writing service levels, assets and licences")
        exports.append(writer.service_kpis(registers.service_kpis(rng)))
        exports.append(writer.assets(registers.assets(rng)))
        exports.append(writer.licences(registers.licences(rng)))
        # Drawn from a generator of their own, so that adding them left every earlier file as it was.
        extra = np.random.default_rng([seed, 6])
        progress(0.37, "Writing tender bids, contract KPI ratings and other forces' figures")
        exports.append(writer.tender_bids(tenders.bids(contracts, tails, extra)))
        exports.append(writer.contract_kpis(tenders.kpi_ratings(contracts, extra)))
        workforce = force_model.workforce()
        exports.append(writer.reference("police_forces", "benchmarks/police-forces.csv", _forces(workforce)))
        exports.append(
            writer.reference("force_workforce", "benchmarks/police-workforce-fte.csv", homeoffice.as_export(workforce))
        )
        exports.append(writer.force_spend(force_model.spend(payments, workforce, extra)))
    finally:
        writer.close()
    return exports


def write_reference_exports(out_dir: Path) -> list[Export]:
    """Only the reference files (departments, services, suppliers, the reference map), in import order: what a
    database needs before any export of spend or tickets can be loaded into it. The same files as `write_exports`
    writes, in a moment."""
    (out_dir / "reference").mkdir(parents=True, exist_ok=True)
    writer = _Writer(out_dir)
    try:
        return _reference_exports(writer)[2]
    finally:
        writer.close()


def _reference_exports(writer: "_Writer") -> tuple[dict[str, list[str]], dict[str, str], list[Export]]:
    tails = {s.code: spend_model.tail_names(s.code, TAIL_SUPPLIERS[s.code][0]) for s in SERVICES}
    references = _supplier_references(tails)
    exports = [
        writer.reference("departments", "reference/establishment.csv", _departments()),
        writer.reference("services", "reference/service-catalogue.csv", _services()),
        writer.reference("suppliers", "reference/supplier-master.csv", _suppliers(tails, references)),
        writer.reference("reference_map", "reference/reference-map.csv", _reference_map()),
    ]
    return tails, references, exports


def _departments() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Department Code": d.code,
                "Department": d.name,
                "Directorate": d.directorate,
                "Area": d.area,
                "Type": d.kind,
                "Officer FTE": d.officers,
                "Staff FTE": d.staff,
            }
            for d in DEPARTMENTS
        ]
    )


def _services() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Service Code": s.code,
                "Service Type": s.name,
                "POA Function": s.poa_function,
                "Provider Type": s.provider_type,
                "Cost Basis": s.cost_basis,
                "Typical Provider": s.typical_provider,
                "Description": s.description,
            }
            for s in SERVICES
        ]
    )


def _supplier_references(tails: dict[str, list[str]]) -> dict[str, str]:
    names = [s.name for s in SUPPLIERS] + [n for service in SERVICES for n in tails[service.code]]
    return {name: f"V{10001 + i}" for i, name in enumerate(names)}


def _suppliers(tails: dict[str, list[str]], references: dict[str, str]) -> pd.DataFrame:
    rows = [
        {
            "Supplier ID": references[s.name],
            "Supplier Name": s.name,
            "Provider Type": s.provider_type,
            "SME": "Yes" if s.sme else "No",
        }
        for s in SUPPLIERS
    ]
    rows += [
        {"Supplier ID": references[name], "Supplier Name": name, "Provider Type": "external", "SME": "Yes"}
        for service in SERVICES
        for name in tails[service.code]
    ]
    return pd.DataFrame(rows)


def _reference_map() -> pd.DataFrame:
    rows = [
        {"Kind": "department", "Label in Export": alias, "Maps To": d.code} for d in DEPARTMENTS for alias in d.aliases
    ]
    rows += [
        {"Kind": "expense type", "Label in Export": name, "Maps To": s.code}
        for s in SERVICES
        for name, *_ in s.expense_types
    ]
    return pd.DataFrame(rows)


def _forces(workforce: pd.DataFrame) -> pd.DataFrame:
    frame = force_model.forces(workforce)
    return pd.DataFrame(
        {
            "Force": frame["force"],
            "Region": frame["region"],
            "Population": frame["population"],
            "Population Source": frame["population_source"],
            "Our Force": frame["is_home_force"].map({True: "Yes", False: "No"}),
            "In Most Similar Group": frame["in_most_similar_group"].map({True: "Yes", False: "No"}),
        }
    )


class _Writer:
    """Writes data frames as CSV files through DuckDB, which is fast at millions of rows."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.con = duckdb.connect(config={"autoinstall_known_extensions": False})

    def close(self) -> None:
        self.con.close()

    def copy(
        self, frame: pd.DataFrame, columns: list[tuple[str, str]], relative: str, where: str = "true", order: str = ""
    ) -> Path:
        path = self.out_dir / relative
        select = ", ".join(f"{expression} as {quote_ident(header)}" for header, expression in columns)
        self.con.register("frame", frame)
        order_by = f"order by {order}" if order else ""
        self.con.execute(
            f"copy (select {select} from frame where {where} {order_by}) to {quote_literal(str(path))} "
            "(header, delimiter ',')"
        )
        self.con.unregister("frame")
        return path

    def reference(self, kind: str, relative: str, frame: pd.DataFrame) -> Export:
        path = self.out_dir / relative
        frame.to_csv(path, index=False)
        return Export(kind, path)

    def contracts(self, frame: pd.DataFrame) -> Export:
        columns = [
            ("Contract Reference", "contract_id"),
            ("Title", "title"),
            ("Supplier Name", "supplier"),
            ("Service Type", "service"),
            ("Start Date", _date("start_date")),
            ("End Date", _date("end_date")),
            ("Annual Value", _money("annual_value")),
            ("Total Value", _money("total_value")),
            ("Procurement Route", "procurement_route"),
            ("Price Score", "price_score"),
            ("Quality Score", "quality_score"),
            ("Capability Score", "capability_score"),
            ("Re-procurement Lead (months)", "reprocurement_lead_months"),
        ]
        return Export("contracts", self.copy(frame, columns, "contracts/contract-register.csv"))

    def budgets(self, frame: pd.DataFrame) -> list[Export]:
        names = {d.code: d.name for d in DEPARTMENTS}
        services = {s.code: s.name for s in SERVICES}
        frame = frame.assign(
            department_name=frame["department"].map(names), service_name=frame["service"].map(services)
        )
        columns = [
            ("Financial Year", "financial_year"),
            ("Department", "department_name"),
            ("Service Type", "service_name"),
            ("Budget", _money("budget")),
        ]
        exports = []
        for year in years_between(FIRST_DAY, AS_AT):
            relative = f"budgets/budget-{year.replace('/', '-')}.csv"
            path = self.copy(frame, columns, relative, where=f"financial_year = {quote_literal(year)}")
            exports.append(Export("budgets", path))
        return exports

    def spend(self, payments: pd.DataFrame, references: dict[str, str], rng: np.random.Generator) -> list[Export]:
        """One spend-over-£500 file per month, with the faults real ones have."""
        n = len(payments)
        frame = payments.assign(
            month=payments["paid_date"].dt.strftime("%Y-%m"),
            supplier_reference=payments["supplier"].map(references),
            # An export fault: a time where the date should be, and now and then no amount.
            bad_date=rng.random(n) < 1 / 8000,
            no_amount=rng.random(n) < 1 / 30000,
            row_order=np.arange(n),
        )
        written_name = (
            "case when paid_date < date '2022-04-01' then rpad(supplier, 50, ' ') "  # padded by the old system
            "when paid_date < date '2023-04-01' then upper(supplier) else supplier end"  # upper case in 2022/23
        )
        columns = [
            ("Body Name", "'Kent Police'"),
            ("Paid Date", "case when bad_date then '00:00:00' else strftime(paid_date, '%d/%m/%Y') end"),
            ("Transaction Number", "transaction_number"),
            ("Department", "department_label"),
            ("Service Type", "service_name"),
            ("Expense Type", "expense_type"),
            ("Capital or Revenue", "case when capital then 'Capital' else 'Revenue' end"),
            ("Supplier Name", written_name),
            ("Supplier ID", "supplier_reference"),
            ("Amount", f"case when no_amount then '' else {_money('amount')} end"),
        ]
        exports, months = [], sorted(frame["month"].unique())
        bounds = np.searchsorted(frame["month"].to_numpy(), [*months, "9999"])
        for i, month in enumerate(months):
            rows = frame.iloc[bounds[i] : bounds[i + 1]]
            if i:  # the finance system re-exports the last payments of the month before
                rows = pd.concat([frame.iloc[max(bounds[i] - 3, 0) : bounds[i]], rows])
            path = self.copy(rows, columns, f"spend/spend-over-500-{month}.csv", order="row_order")
            exports.append(Export("spend", path))
        return exports

    def tickets(self, frame: pd.DataFrame, rng: np.random.Generator) -> list[Export]:
        """One service-desk export per financial year, each overlapping the year before by a day."""
        n = len(frame)
        names = {d.code: d.name for d in DEPARTMENTS}
        tonbridge = next(d for d in DEPARTMENTS if d.code == "NPT-TON")
        label = frame["department"].map(names)
        label[(frame["department"] == "NPT-TON") & (frame["opened_at"] < pd.Timestamp("2022-04-01"))] = (
            tonbridge.aliases[0]
        )
        label[rng.random(n) < 0.008] = None  # raised by contractors and visitors with no department
        skewed = (rng.random(n) < 1 / 10000) & frame["resolved_at"].notna()
        frame = frame.assign(department_label=label, skewed=skewed, row_order=np.arange(n))
        columns = [
            ("Number", "ticket_number"),
            ("Opened", _stamp("opened_at")),
            ("Assigned", _stamp("assigned_at")),
            # A clock fault on the resolver's laptop puts a few resolutions before the ticket was opened.
            (
                "Resolved",
                f"case when skewed then {_stamp('opened_at - interval 2 hour')} else {_stamp('resolved_at')} end",
            ),
            ("Closed", _stamp("closed_at")),
            ("State", "state"),
            ("Priority", "priority"),
            ("Category", "category"),
            ("Caller Department", "department_label"),
            ("Assignment Group", "assignment_group"),
            ("Provider Type", "provider_type"),
            ("Channel", "channel"),
            ("Reassignment Count", "reassignment_count"),
            ("Reopen Count", "reopen_count"),
            ("First Contact Resolution", _yes_no("first_contact_resolution")),
            ("SLA Met", _yes_no("sla_met")),
            ("Satisfaction", "satisfaction_score::integer"),
        ]
        exports = []
        for year in years_between(FIRST_DAY, AS_AT):
            first, last = year_bounds(year)
            where = (
                f"opened_at >= date {quote_literal(str(first))} - interval 1 day "
                f"and opened_at < date {quote_literal(str(last))} + interval 1 day"
            )
            relative = f"tickets/service-desk-tickets-{year.replace('/', '-')}.csv"
            exports.append(Export("tickets", self.copy(frame, columns, relative, where=where, order="row_order")))
        return exports

    def service_kpis(self, frame: pd.DataFrame) -> Export:
        columns = [
            ("Month", _date("month")),
            ("Service Type", "service"),
            ("Measure", "measure"),
            ("Value", "value"),
            ("Target", "target"),
            ("Unit", "unit"),
            ("Higher Is Better", _yes_no("higher_is_better")),
            ("Volume", "volume"),
        ]
        return Export("service_kpis", self.copy(frame, columns, "service-levels/service-kpis-monthly.csv"))

    def assets(self, frame: pd.DataFrame) -> Export:
        columns = [
            ("Asset Tag", "asset_id"),
            ("Asset Type", "asset_type"),
            ("Model", "model"),
            ("Service Type", "service"),
            ("Department", "department"),
            ("Purchased", _date("purchased_on")),
            ("Cost", _money("purchase_cost")),
            ("Refresh Due", _date("refresh_due")),
            ("Warranty End", _date("warranty_end")),
            ("Status", "status"),
        ]
        return Export("assets", self.copy(frame, columns, "assets/asset-register.csv"))

    def licences(self, frame: pd.DataFrame) -> Export:
        columns = [
            ("Agreement", "licence_id"),
            ("Product", "product"),
            ("Supplier Name", "supplier"),
            ("Department", "department"),
            ("Licence Model", "licence_model"),
            ("Seats Purchased", "seats_purchased"),
            ("Seats Active", "seats_active"),
            ("Cost per Seat", _money("cost_per_seat")),
            ("Renewal Date", _date("renewal_date")),
        ]
        return Export("licences", self.copy(frame, columns, "assets/licence-register.csv"))

    def tender_bids(self, frame: pd.DataFrame) -> Export:
        columns = [
            ("Contract Reference", "contract_id"),
            ("Bidder", "bidder"),
            ("Bid Price", _money("bid_price")),
            ("Quality Score", "quality_score"),
            ("Capability Score", "capability_score"),
            ("Winner", _yes_no("is_winner")),
            ("Price Weight (%)", "price_weight"),
            ("Quality Weight (%)", "quality_weight"),
            ("Capability Weight (%)", "capability_weight"),
        ]
        return Export("tender_bids", self.copy(frame, columns, "contracts/tender-bids.csv"))

    def contract_kpis(self, frame: pd.DataFrame) -> Export:
        columns = [
            ("Contract Reference", "contract_id"),
            ("KPI", "kpi"),
            ("Period End", _date("period_end")),
            ("Rating", "rating"),
            ("Target", "target"),
            ("Result", "result"),
        ]
        return Export("contract_kpis", self.copy(frame, columns, "contracts/contract-kpi-ratings.csv"))

    def force_spend(self, frame: pd.DataFrame) -> Export:
        columns = [
            ("Force", "force"),
            ("Financial Year", "financial_year"),
            ("POA Function", "poa_function"),
            ("Amount", _money("amount")),
            ("Source", "source"),
        ]
        return Export("force_spend", self.copy(frame, columns, "benchmarks/force-spend-by-function.csv"))


def _date(column: str) -> str:
    return f"strftime({column}::date, '%d/%m/%Y')"


def _stamp(expression: str) -> str:
    return f"strftime({expression}, '%d/%m/%Y %H:%M')"


def _money(column: str) -> str:
    return f"printf('%.2f', {column})"


def _yes_no(column: str) -> str:
    return f"case when {column} then 'Yes' when not {column} then 'No' end"


__all__ = ["DEFAULT_SEED", "REDACTED", "Export", "build", "write_exports"]
