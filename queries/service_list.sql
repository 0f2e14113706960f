-- service_list: Service types with their POA function, provider type and cost basis
select
    service_id,
    name as service,
    poa_function,
    provider_type,
    cost_basis,
    typical_provider,
    description
from services
order by name
