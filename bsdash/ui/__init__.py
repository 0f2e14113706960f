"""The Streamlit side: the only part of bsdash that imports Streamlit."""
