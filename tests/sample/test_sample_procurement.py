"""The sample's tenders, contract KPI ratings and benchmarking figures agree with its contract register and say
where they come from."""

import pytest

from bsdash.analysis.procurement import Weights, score_bids


def rows(con, sql, params=None):
    return con.execute(sql, params or {}).fetchall()


def test_every_competed_contract_has_its_bids_and_the_winner_ranks_first_under_the_published_weights(sample_con):
    competed = {r[0] for r in rows(sample_con, "select contract_id from contracts where price_score is not null")}
    tendered = {r[0] for r in rows(sample_con, "select distinct contract_id from tender_bids")}
    assert competed == tendered
    for (contract_id,) in rows(sample_con, "select distinct contract_id from tender_bids"):
        bids = sample_con.execute("select * from tender_bids where contract_id = $c", {"c": contract_id}).df()
        weights = Weights.of(*bids[["price_weight", "quality_weight", "capability_weight"]].iloc[0].astype(float))
        scored = score_bids(bids, weights)
        assert scored.iloc[0]["is_winner"], contract_id


def test_the_winning_bid_is_the_registers_supplier_value_and_scores(sample_con):
    mismatches = rows(
        sample_con,
        """
        select c.contract_id
        from contracts c join suppliers s using (supplier_id)
        join tender_bids b on b.contract_id = c.contract_id and b.is_winner
        where b.bidder <> s.name or abs(b.bid_price - c.total_value) > 0.01
           or abs(b.quality_score - c.quality_score) > 0.05
           or abs(100 * (select min(x.bid_price) from tender_bids x where x.contract_id = c.contract_id)
                  / b.bid_price - c.price_score) > 0.06
        """,
    )
    assert mismatches == []


def test_contracts_over_5m_carry_kpi_ratings_with_one_short_of_kpis_and_one_overdue(sample_con):
    large = rows(sample_con, "select count(*) from contracts where total_value > 5000000")[0][0]
    rated = rows(
        sample_con,
        "select count(distinct contract_id) from contract_kpis join contracts using (contract_id) "
        "where total_value > 5000000",
    )[0][0]
    assert rated == large >= 10
    kpis = dict(
        rows(
            sample_con,
            "select c.title, count(distinct k.kpi) from contract_kpis k join contracts c using (contract_id) "
            "group by all",
        )
    )
    assert kpis["Digital forensics tools and support"] == 2
    assert min(v for k, v in kpis.items() if k != "Digital forensics tools and support") >= 3
    last = rows(
        sample_con,
        "select max(period_end) from contract_kpis join contracts using (contract_id) "
        "where title = 'Fuel cards (national framework)'",
    )[0][0]
    assert last.isoformat() == "2024-09-30"
    ratings = {r[0] for r in rows(sample_con, "select distinct rating from contract_kpis")}
    assert ratings == {"Good", "Approaching target", "Requires improvement", "Inadequate"}


def test_benchmarking_has_every_force_with_real_workforce_and_illustrative_population_and_spend(sample_con):
    assert rows(sample_con, "select count(*), count(population) from police_forces")[0] == (43, 42)
    assert rows(sample_con, "select force from police_forces where is_home_force") == [("Kent",)]
    msg = {r[0] for r in rows(sample_con, "select force from police_forces where in_most_similar_group")}
    assert msg == {"Essex", "Sussex", "Hampshire", "Thames Valley", "Hertfordshire", "Avon & Somerset"}
    kent = dict(
        rows(
            sample_con,
            "select workforce, fte::double from force_workforce where force = 'Kent' and as_at = '2019-09-30'",
        )
    )
    assert kent == pytest.approx({"officers": 3547.5841, "staff": 2035.5825})
    sources = {r[0] for r in rows(sample_con, "select distinct source from force_spend")}
    assert all(s.startswith("Illustrative") for s in sources)
    assert rows(sample_con, "select count(*) from force_spend where force = 'Kent'")[0][0] == 0  # ours is spend
