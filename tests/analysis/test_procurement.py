"""Tender evaluation: the bids rank as the formula says, with the arithmetic written out by hand."""

import pandas as pd
import pytest

from bsdash.analysis.procurement import Weights, ranking_sentence, score_bids

BIDS = pd.DataFrame(
    {
        "bidder": ["Alpha Ltd", "Bravo Ltd", "Charlie Ltd"],
        "bid_price": [100_000.0, 80_000.0, 125_000.0],
        "quality_score": [80.0, 60.0, 90.0],
        "capability_score": [70.0, 50.0, 100.0],
        "is_winner": [True, False, False],
    }
)


def totals(scored: pd.DataFrame) -> dict[str, float]:
    return dict(zip(scored["bidder"], scored["total_points"], strict=True))


def test_the_published_weights_rank_the_bids_as_worked_by_hand():
    # Price 40, quality 40, capability 20. The lowest bid is Bravo's £80,000.
    # Alpha:   80,000 / 100,000 x 40 = 32.0; 80 / 100 x 40 = 32.0; 70 / 100 x 20 = 14.0; total 78.0
    # Bravo:   80,000 /  80,000 x 40 = 40.0; 60 / 100 x 40 = 24.0; 50 / 100 x 20 = 10.0; total 74.0
    # Charlie: 80,000 / 125,000 x 40 = 25.6; 90 / 100 x 40 = 36.0; 100/ 100 x 20 = 20.0; total 81.6
    scored = score_bids(BIDS, Weights.of(40, 40, 20))
    assert totals(scored) == pytest.approx({"Alpha Ltd": 78.0, "Bravo Ltd": 74.0, "Charlie Ltd": 81.6})
    assert list(scored["bidder"]) == ["Charlie Ltd", "Alpha Ltd", "Bravo Ltd"]
    assert list(scored["rank"]) == [1, 2, 3]


def test_moving_the_weight_onto_price_reranks_the_bids():
    # Price 70, quality 20, capability 10.
    # Alpha:   0.8 x 70 = 56.0; 0.8 x 20 = 16.0; 0.7 x 10 = 7.0;  total 79.0
    # Bravo:   1.0 x 70 = 70.0; 0.6 x 20 = 12.0; 0.5 x 10 = 5.0;  total 87.0
    # Charlie: 0.64 x 70 = 44.8; 0.9 x 20 = 18.0; 1.0 x 10 = 10.0; total 72.8
    scored = score_bids(BIDS, Weights.of(70, 20, 10))
    assert totals(scored) == pytest.approx({"Alpha Ltd": 79.0, "Bravo Ltd": 87.0, "Charlie Ltd": 72.8})
    assert list(scored["bidder"]) == ["Bravo Ltd", "Alpha Ltd", "Charlie Ltd"]
    sentence = ranking_sentence(scored, Weights.of(70, 20, 10))
    assert "**Bravo Ltd** ranks first with 87.0 points, 8.0 ahead of Alpha Ltd." in sentence
    assert "The contract went to Alpha Ltd, which ranks 2 here." in sentence


def test_weights_that_do_not_add_up_to_100_are_scaled():
    # 2 : 1 : 1 is 50 / 25 / 25. Alpha: 0.8 x 50 + 0.8 x 25 + 0.7 x 25 = 40 + 20 + 17.5 = 77.5
    weights = Weights.of(2, 1, 1)
    assert (weights.price, weights.quality, weights.capability) == pytest.approx((50, 25, 25))
    assert totals(score_bids(BIDS, weights))["Alpha Ltd"] == pytest.approx(77.5)


def test_equal_totals_share_a_rank():
    bids = BIDS.assign(bid_price=100_000.0, quality_score=70.0, capability_score=70.0)
    assert set(score_bids(bids, Weights.of(40, 40, 20))["rank"]) == {1}
