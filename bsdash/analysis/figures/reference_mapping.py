"""The Reference mapping page's figures: what the labels not mapped yet stand for, in words."""

import pandas as pd

from bsdash.formatting import counted, money


def unmapped_in_words(unmapped: pd.DataFrame) -> str:
    """How many labels map onto nothing yet, on how many rows and how much spend (the named query unmapped_labels)."""
    return (
        f"{counted(len(unmapped), 'label')} on {counted(int(unmapped['rows_count'].sum()), 'row')} "
        f'({money(unmapped["amount"].sum())} of spend) show as "Unmapped: <label>" until mapped.'
    )
