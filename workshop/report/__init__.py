"""The facilitator's report and exports, built from one read of the workshop.

`data.load` reads it; `sections` (one function per kind) feeds the report page; `tables` (one function
per kind) feeds the CSV files and the workbook that `files` writes. A partnership report can reuse each
piece on several workshops.
"""
