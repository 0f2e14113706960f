"""The database: its schema (the data contract), opening it, the aggregates, the relationship checks and the
named-query registry."""
