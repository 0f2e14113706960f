-- tender_bids_of_contract: Every bid of one tender: price, quality and capability scores, and the winner
--
-- $contract_id varchar: the contract the tender let
select
    b.bidder,
    b.bid_price,
    b.quality_score,
    b.capability_score,
    b.is_winner,
    b.price_weight,
    b.quality_weight,
    b.capability_weight
from tender_bids as b
where b.contract_id = $contract_id
order by b.bid_price
