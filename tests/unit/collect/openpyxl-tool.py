#!/usr/bin/env python3
"""What another program does to a 填报表, done with openpyxl (Debian's python3-openpyxl),
which shares no code with ExcelJS (which wrote it) nor with our reader.

    fill SRC DST ROWS.json   type rows under the header of the first sheet, by header label, and save as DST
    retag SRC DST LABEL VAL  change one item of the hidden 填报信息 sheet and save
    strip SRC DST            delete the hidden 填报信息 sheet (the document properties stay) and save
    copy SRC DST             copy the first sheet's values into a new workbook (no hidden sheet, no properties)
    copy-table SRC DST       the same from the header down (the title lines and their 表号 left behind)
    dump SRC                 every sheet's state and values as JSON, plus the document properties
"""
import datetime
import json
import sys

import openpyxl


def header_row(ws):
    for r in range(1, 10):
        if ws.cell(r, 1).value == "序号":
            return r
    raise SystemExit("no header row with 序号")


def fill(src, dst, rows_file):
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    h = header_row(ws)
    cols = {ws.cell(h, c).value: c for c in range(1, ws.max_column + 1)}
    with open(rows_file, encoding="utf-8") as f:
        rows = json.load(f)
    for i, row in enumerate(rows):
        ws.cell(h + 1 + i, 1).value = i + 1
        for label, value in row.items():
            if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
                value = datetime.date.fromisoformat(value)
            ws.cell(h + 1 + i, cols[label]).value = value
    wb.save(dst)


def retag(src, dst, label, value):
    wb = openpyxl.load_workbook(src)
    ws = wb["填报信息"]
    for row in ws.iter_rows():
        if row[0].value == label:
            row[1].value = value
    wb.save(dst)


def strip(src, dst):
    wb = openpyxl.load_workbook(src)
    del wb["填报信息"]
    wb.save(dst)


def copy(src, dst, table_only=False):
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    first = header_row(ws) if table_only else 1
    out = openpyxl.Workbook()
    new = out.active
    new.title = "Sheet1"
    for row in ws.iter_rows(min_row=first):
        for c in row:
            if c.value is not None:
                new.cell(c.row - first + 1, c.column).value = c.value
    out.save(dst)


def plain(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()[:10]
    return v


def dump(src):
    wb = openpyxl.load_workbook(src)
    p = wb.properties
    out = {
        "properties": {"title": p.title, "subject": p.subject, "keywords": p.keywords, "description": p.description},
        "sheets": [
            {
                "name": ws.title,
                "state": ws.sheet_state,
                "protected": bool(ws.protection.sheet),
                "validations": [{"type": dv.type, "sqref": str(dv.sqref), "formula1": dv.formula1} for dv in ws.data_validations.dataValidation],
                "rows": [[plain(v) for v in r] for r in ws.iter_rows(values_only=True)],
                "locked": {c: ws[c].protection.locked for c in ("A3", "B3", "B4", "C4")},
            }
            for ws in wb.worksheets
        ],
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "fill":
        fill(*sys.argv[2:5])
    elif cmd == "retag":
        retag(*sys.argv[2:6])
    elif cmd == "strip":
        strip(*sys.argv[2:4])
    elif cmd == "copy":
        copy(*sys.argv[2:4])
    elif cmd == "copy-table":
        copy(*sys.argv[2:4], table_only=True)
    elif cmd == "dump":
        dump(sys.argv[2])
    else:
        raise SystemExit(f"unknown command {cmd}")
