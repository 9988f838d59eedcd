#!/usr/bin/env python3
"""Reads an .xlsx with openpyxl (Debian's python3-openpyxl) and prints what the export
tests assert, as one JSON document: a second reader, independent of ExcelJS, which wrote it.

    python3 tests/helpers/inspect-xlsx.py FILE.xlsx

Per sheet: merged ranges, freeze pane, print-title rows, page setup, margins, footer,
column widths, row heights, and every cell with its value, openpyxl data type ('s', 'n',
'd', 'f' = formula), number format, quotePrefix, bold, font size and whether all four
borders are set. openpyxl forgets the styles of cells covered by a merge, so `rawBorders`
lists, from the sheet and styles XML read directly, every cell whose four borders are thin
(merged header areas included). `formulaTags` counts <f> elements in the raw sheet XML (no
formula may be written); `sheetOrder` is the tab order.
"""
import datetime
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl
from openpyxl.utils import get_column_letter


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def raw_bordered_cells(z):
    """sheet XML path -> sorted refs of cells whose style has four thin borders."""
    styles = ET.fromstring(z.read("xl/styles.xml"))
    thin_borders = set()
    for i, b in enumerate(styles.find("m:borders", NS)):
        sides = [b.find(f"m:{side}", NS) for side in ("left", "right", "top", "bottom")]
        if all(side is not None and side.get("style") == "thin" for side in sides):
            thin_borders.add(i)
    xfs = [int(xf.get("borderId", "0")) for xf in styles.find("m:cellXfs", NS)]
    out = {}
    for name in z.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            sheet = ET.fromstring(z.read(name))
            out[name] = sorted(
                c.get("r")
                for c in sheet.iter(f"{{{NS['m']}}}c")
                if xfs[int(c.get("s", "0"))] in thin_borders
            )
    return out


def sheet_paths(z):
    """sheet name -> its XML part, through workbook.xml and its relationships."""
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target").lstrip("/") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    out = {}
    for s in book.find("m:sheets", NS):
        t = targets[s.get(rid)]
        out[s.get("name")] = t if t.startswith("xl/") else "xl/" + t
    return out


def cell_json(c):
    v = c.value
    if isinstance(v, datetime.datetime):
        v = v.date().isoformat() if v.time() == datetime.time(0) else v.isoformat()
    elif isinstance(v, (datetime.date, datetime.time)):
        v = v.isoformat()
    b = c.border
    return {
        "ref": c.coordinate,
        "v": v,
        "t": c.data_type,
        "fmt": c.number_format,
        "quotePrefix": bool(c.quotePrefix),
        "bold": bool(c.font and c.font.b),
        "size": c.font.sz if c.font else None,
        "font": c.font.name if c.font else None,
        "wrap": bool(c.alignment and c.alignment.wrap_text),
        "h": c.alignment.horizontal if c.alignment else None,
        "border": all(getattr(b, side).style == "thin" for side in ("left", "right", "top", "bottom")),
    }


def column_widths(ws):
    """Letter -> width; one <col min max> entry covers several columns of the same width."""
    out = {}
    for d in ws.column_dimensions.values():
        if d.width and d.min:
            for i in range(d.min, (d.max or d.min) + 1):
                out[get_column_letter(i)] = d.width
    return out


def sheet_json(ws, raw_borders):
    ps = ws.page_setup
    footer = ws.oddFooter
    props = ws.sheet_properties.pageSetUpPr
    rows = []
    for row in ws.iter_rows():
        rows.append([cell_json(c) for c in row])
    return {
        "name": ws.title,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes,
        "printTitleRows": ws.print_title_rows,
        "pageSetup": {
            "orientation": ps.orientation,
            "paperSize": int(ps.paperSize) if ps.paperSize is not None else None,
            "fitToWidth": int(ps.fitToWidth) if ps.fitToWidth is not None else None,
            "fitToHeight": int(ps.fitToHeight) if ps.fitToHeight is not None else None,
            "fitToPage": bool(props and props.fitToPage),
        },
        "margins": {k: getattr(ws.page_margins, k) for k in ("left", "right", "top", "bottom", "header", "footer")},
        "footer": {
            "left": footer.left.text,
            "center": footer.center.text,
            "right": footer.right.text,
        },
        "widths": column_widths(ws),
        "heights": {str(k): d.height for k, d in ws.row_dimensions.items() if d.height},
        "maxRow": ws.max_row,
        "maxCol": ws.max_column,
        "rows": rows,
        "rawBorders": raw_borders,
    }


def main(path):
    wb = openpyxl.load_workbook(path)
    with zipfile.ZipFile(path) as z:
        formula_tags = sum(
            len(re.findall(rb"<f[ >/]", z.read(n)))
            for n in z.namelist()
            if n.startswith("xl/worksheets/") and n.endswith(".xml")
        )
        bordered = raw_bordered_cells(z)
        paths = sheet_paths(z)
    json.dump(
        {
            "sheetOrder": wb.sheetnames,
            "formulaTags": formula_tags,
            "sheets": [sheet_json(ws, bordered.get(paths.get(ws.title), [])) for ws in wb.worksheets],
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main(sys.argv[1])
