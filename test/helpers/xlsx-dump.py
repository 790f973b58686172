"""Dumps an xlsx workbook as JSON, read by openpyxl (an independent reader, not the writer that made it).

Usage: xlsx-dump.py FILE. Prints {"sheets": [{"name", "freeze", "filter", "rows": [[{"v", "t", "fmt"}]]}]}:
"t" is openpyxl's data type ("s" text, "n" number, "d" date), "v" the value (a date as YYYY-MM-DD), "fmt" the
number format; an empty cell is null.
"""
import datetime
import json
import sys

import openpyxl


def cell(c):
    if c.value is None:
        return None
    v = c.value
    if isinstance(v, datetime.datetime):
        v = v.date().isoformat() if v.time() == datetime.time(0) else v.isoformat()
    return {"v": v, "t": c.data_type, "fmt": c.number_format}


book = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({"sheets": [
    {"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
     "rows": [[cell(c) for c in row] for row in ws.iter_rows()]}
    for ws in book.worksheets
]}, ensure_ascii=False))
