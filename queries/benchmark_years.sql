-- benchmark_years: Financial years with other forces' spend to compare with, latest first
select distinct financial_year
from force_spend
order by financial_year desc
