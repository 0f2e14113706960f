"""The engine of the business-services dashboard: data contract, imports, sample data and named queries.

Nothing here imports Streamlit except the `bsdash.ui` package, so the engine runs and is tested without it.
"""
