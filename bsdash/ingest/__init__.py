"""The import: an export file in, typed rows out, nothing lost on the way.

`pipeline` runs a file through the stages once, in order (read the bytes -> find the header -> match columns ->
type and check -> collapse events -> classify -> write -> refresh aggregates), carrying one `trip.Trip`.
`kinds` declares every kind of export as data, by family; `mapping` reads mapping files; the other modules are
the helpers the stages share (names, values, sql, labels, targets, text_rows, report, preview). `homeoffice`
sits outside the trip: it turns the Home Office's published workforce workbooks into an export to import.
"""
