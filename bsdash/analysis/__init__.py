"""The figures: periods and filters, measures and traffic lights, forecasting, procurement, benchmarks, before
and after."""
