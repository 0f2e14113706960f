"""The built-in sample: the volumes promised, the structure the pages should reveal, and the same files every time."""

import csv
import hashlib

import pytest

from bsdash import sample
from bsdash.sample.organisation import OUTSOURCING_DATE


def scalar(con, sql, params=None):
    return con.execute(sql, params or {}).fetchall()[0][0]


def test_the_sample_has_the_volumes_of_a_force_like_kent(sample_con):
    assert scalar(sample_con, "select count(*) from spend") >= 100_000
    assert scalar(sample_con, "select count(*) from tickets") >= 300_000
    assert 28 <= scalar(sample_con, "select count(*) from departments") <= 32
    assert scalar(sample_con, "select count(*) from departments where name like '%Cyber%'") == 1
    assert scalar(sample_con, "select count(*) from departments where kind = 'neighbourhood'") >= 13
    assert scalar(sample_con, "select min(paid_date) from spend").isoformat() == "2021-04-01"
    years = {r[0] for r in sample_con.execute("select distinct financial_year from budgets").fetchall()}
    assert years == {"2021/22", "2022/23", "2023/24", "2024/25", "2025/26"}
    for table in ("suppliers", "contracts", "service_kpis", "assets", "licences"):
        assert scalar(sample_con, f"select count(*) from {table}") > 0, table


def test_the_services_are_the_seeds_eight_with_poa_function_and_provider_type(sample_con):
    rows = sample_con.execute("select name, poa_function, provider_type from services order by name").fetchall()
    names = [r[0] for r in rows]
    assert names == [
        "Catering",
        "Facilities management",
        "Fleet management",
        "IT support & maintenance",
        "Legal services",
        "Printing & stationery",
        "Security systems (CCTV, access control)",
        "Training & development",
    ]
    assert {r[2] for r in rows} == {"internal", "collaborated", "external"}


def per_fte(con, department_like: str, services: tuple[str, ...]) -> float:
    return scalar(
        con,
        """
        select sum(s.amount) / any_value(d.officer_fte + d.staff_fte)
        from spend s join departments d using (department_id)
        where d.name like $d and list_contains($s, s.service_id) and s.paid_date between '2024-04-01' and '2025-03-31'
    """,
        {"d": department_like, "s": list(services)},
    )


def test_cyber_crime_uses_far_more_ict_per_head_and_a_neighbourhood_team_more_fleet_and_estates(sample_con):
    cyber_ict = per_fte(sample_con, "Cyber%", ("it_support",))
    maidstone_ict = per_fte(sample_con, "Maidstone%", ("it_support",))
    assert cyber_ict > 5 * maidstone_ict
    cyber_fleet_estates = per_fte(sample_con, "Cyber%", ("fleet", "facilities"))
    maidstone_fleet_estates = per_fte(sample_con, "Maidstone%", ("fleet", "facilities"))
    assert maidstone_fleet_estates > 2 * cyber_fleet_estates
    licence_cost = """
        select sum(l.seats_active * l.cost_per_seat) / any_value(d.officer_fte + d.staff_fte)
        from licences l join departments d using (department_id) where d.name like $d
    """
    assert scalar(sample_con, licence_cost, {"d": "Cyber%"}) > 10 * (
        scalar(sample_con, licence_cost, {"d": "Force Intelligence"}) or 1
    )


def test_spend_peaks_at_the_year_end_and_tickets_dip_in_december(sample_con):
    by_month = dict(sample_con.execute("select month(paid_date), sum(amount)::double from spend group by 1").fetchall())
    assert by_month[3] > 1.25 * by_month[8]
    tickets = dict(
        sample_con.execute(
            "select month(opened_at), count(*) from tickets where year(opened_at) between 2022 and 2024 group by 1"
        ).fetchall()
    )
    assert tickets[12] < 0.9 * tickets[11]


def test_some_services_rest_on_one_supplier_and_others_on_many(sample_con):
    hhi = dict(
        sample_con.execute("""
        with by_supplier as (select service_id, supplier_id, sum(amount) as amount from spend group by all),
        shares as (select *, amount / sum(amount) over (partition by service_id) as share from by_supplier)
        select service_id, sum(share * share) * 10000 from shares group by all
    """).fetchall()
    )
    assert hhi["catering"] > 5000  # one caterer holds the contract
    assert hhi["security_systems"] > 4000
    assert hhi["training"] < 1500  # many trainers and colleges
    assert hhi["it_support"] < 1500


def test_some_departments_overrun_their_budget_and_some_underspend(sample_con):
    variance = sample_con.execute("""
        with actual as (
            select department_id, service_id, sum(amount) as spent from spend
            where paid_date between '2024-04-01' and '2025-03-31' group by all
        )
        select b.department_id, b.service_id, a.spent / b.budget - 1 as over
        from budgets b join actual a using (department_id, service_id)
        where b.financial_year = '2024/25'
    """).fetchall()
    over = {(d, s) for d, s, v in variance if v > 0.1}
    under = {(d, s) for d, s, v in variance if v < -0.1}
    assert ("CYB", "it_support") in over
    assert ("LND", "training") in under


def test_contracts_expire_across_the_coming_eighteen_months(sample_con):
    bands = dict(
        sample_con.execute("""
        select case when months < 3 then '0-3' when months < 6 then '3-6' when months < 12 then '6-12'
                    else '12-18' end, count(*)
        from (select date_diff('day', date '2026-01-31', end_date) / 30.44 as months from contracts)
        where months between 0 and 18 group by 1
    """).fetchall()
    )
    assert set(bands) == {"0-3", "3-6", "6-12", "12-18"}
    assert all(count >= 3 for count in bands.values())


def test_it_support_levels_change_after_the_outsourcing_and_in_house_teams_do_not(sample_con):
    rows = sample_con.execute(
        """
        select provider_type = 'internal' as in_house, opened_at >= $day as after, avg(sla_met::int)
        from tickets
        where sla_met is not null and not first_contact_resolution
          and opened_at between $day - interval 12 month and $day + interval 12 month
        group by all
    """,
        {"day": OUTSOURCING_DATE},
    ).fetchall()
    sla = {(in_house, after): value for in_house, after, value in rows}
    assert sla[(False, True)] - sla[(False, False)] > 0.08  # the supplier's teams improve
    assert abs(sla[(True, True)] - sla[(True, False)]) < 0.03  # Applications Support does not change
    groups = {
        r[0]
        for r in sample_con.execute(
            "select distinct assignment_group from tickets where opened_at >= $day", {"day": OUTSOURCING_DATE}
        ).fetchall()
    }
    assert "Meridian Service Desk" in groups and "KE ICT Service Desk" not in groups


def test_the_sample_has_the_faults_real_exports_have(sample_build, sample_con):
    reasons = {reason for r in sample_build.reports for reason in r.reasons}
    assert "Paid Date '00:00:00' is not a date (dd/mm/yyyy)" in reasons
    assert "Resolved is before Opened" in reasons
    assert sum(r.duplicates for r in sample_build.reports if r.kind == "spend") > 0
    assert scalar(sample_con, "select count(*) from spend where amount < 0") > 0
    assert scalar(sample_con, "select count(*) from suppliers where is_redacted") == 1
    assert scalar(sample_con, "select count(*) from spend where department_id is null") > 0  # an operation's code
    old_name = "Tonbridge and Malling Neighbourhood Policing Team"
    assert (
        scalar(
            sample_con, "select count(distinct department_id) from spend where source_department = $n", {"n": old_name}
        )
        == 1
    )  # mapped by the sample's reference map


def digests(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*.csv"))
    }


def test_the_same_seed_writes_the_same_files_and_another_seed_other_ones(tmp_path):
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        sample.write_exports(tmp_path / name, scale=0.05, ticket_scale=0.02, seed=seed)
    first, second, other = (digests(tmp_path / n) for n in "abc")
    assert len(first) > 70
    assert first == second
    assert first["spend/spend-over-500-2024-04.csv"] != other["spend/spend-over-500-2024-04.csv"]


@pytest.mark.parametrize("scale", [0.2, 0.6])
def test_scale_multiplies_the_volumes(tmp_path, scale):
    exports = sample.write_exports(tmp_path, scale=scale, ticket_scale=0.02, seed=1)  # tickets have their own
    payments = sum(len(e.path.read_text().splitlines()) - 1 for e in exports if e.kind == "spend")
    assert payments == pytest.approx(125_000 * scale, rel=0.1)


def test_a_very_small_sample_is_written_with_every_bid_priced(tmp_path):
    # At a hundredth of the force some contracts round to £0, and pricing their bids divided by zero.
    exports = sample.write_exports(tmp_path, scale=0.01, ticket_scale=0.01, seed=1)
    bids = next(e.path for e in exports if e.kind == "tender_bids")
    with bids.open(encoding="utf-8", newline="") as handle:
        prices = [float(row["Bid Price"].replace("£", "").replace(",", "")) for row in csv.DictReader(handle)]
    assert prices and min(prices) > 0
