-- licence_renewals_by_month: Licence renewals due in the coming months: how many agreements and their annual cost
-- Annual cost = seats bought x cost per seat; shelfware at renewal = unused seats x cost per seat, what could be
-- cut before the renewal is signed. Force-wide licences show whatever departments are chosen.
--
-- $as_at date: the day counted from (the data's last day)
-- $within_months integer: how many months ahead to look
-- $departments varchar[] optional: department codes; all departments when not given
select
    date_trunc('month', l.renewal_date)::date as month,
    count(*) as agreements,
    sum(l.seats_purchased * l.cost_per_seat) as annual_cost,
    sum(greatest(l.seats_purchased - l.seats_active, 0) * l.cost_per_seat) as shelfware_value,
    sum(greatest(l.seats_active - l.seats_purchased, 0) * l.cost_per_seat) as true_up_exposure
from licences as l
where l.renewal_date > $as_at
  and l.renewal_date <= $as_at + to_months($within_months)
  and (l.department_id is null or among($departments, l.department_id))
group by all
order by month
