"""Chart builders, drawn from small frames: what a reader would see wrong in the figure itself."""

import pandas as pd

from bsdash.charts import core


def test_the_service_level_panels_leave_no_empty_axes_in_the_grids_spare_cell():
    months = pd.date_range("2025-04-01", periods=3, freq="MS")
    frame = pd.DataFrame(
        [
            {"service": service, "measure": "Level", "month": month, "value": 90.0, "target": 85.0, "target_met": True}
            for service in ("Catering", "Fleet management", "Legal services")
            for month in months
        ]
    )
    layout = core.kpi_small_multiples(frame).layout
    drawn = {(t.xaxis, t.yaxis) for t in core.kpi_small_multiples(frame).data}
    assert drawn == {("x", "y"), ("x2", "y2"), ("x3", "y3")}
    for axis in ("xaxis", "xaxis2", "xaxis3", "yaxis", "yaxis2", "yaxis3"):
        assert layout[axis].visible is not False, axis
    # Three services on a grid of two columns: the fourth cell draws no axis (it showed months over nothing).
    assert layout.xaxis4.visible is False and layout.yaxis4.visible is False
