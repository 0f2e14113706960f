"""Pure Plotly figure builders: a DataFrame in, a figure out, one palette for the whole app."""
