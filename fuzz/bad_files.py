#!/usr/bin/env python3
"""The oversized and hostile sheets of issue 14, for measuring the import by hand:

    python3 fuzz/bad_files.py DIR
    python3 fuzz/bad_files.py --seeds fuzz/corpus/sheet     # the fuzz target's seeds
    /usr/bin/time -v qungong --db DIR/q.db import people --dry-run DIR/xfd.xlsx

Writes into DIR:
  xfd.xlsx        1.7 KB: a header in A1:E1 and one cell at XFD1048576
  bomb.xlsx       ~0.5 MB: one inline string of 500 MB (declared in the zip's directory)
  rows1m.xlsx     ~10 MB: 1,048,576 rows of 5 cells
  longcell.csv    16.7 MB: one cell of 16,777,216 characters in 姓名
  binary331.csv   331 MB of random bytes
  utf16.csv       a roster in UTF-16LE without BOM
Only the Python standard library; nothing here runs in `cargo test` (the tests use small
files that show the refusal comes first: tests/sheet_limits.rs).
"""
import os
import random
import sys
import zipfile

HEADER = ["工号", "姓名", "性别", "出生日期", "所在单位"]

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = "</sheetData></worksheet>"


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row():
    return '<row r="1">' + "".join(cell(f"{chr(65 + i)}1", h) for i, h in enumerate(HEADER)) + "</row>"


def xlsx(path, write_sheet):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(SHEET_HEAD.encode())
            write_sheet(f)
            f.write(SHEET_TAIL.encode())


def main(out):
    os.makedirs(out, exist_ok=True)
    xlsx(
        f"{out}/xfd.xlsx",
        lambda f: f.write((header_row() + '<row r="1048576">' + cell("XFD1048576", "x") + "</row>").encode()),
    )

    def bomb(f):
        f.write((header_row() + '<row r="2"><c r="A2" t="inlineStr"><is><t>').encode())
        chunk = b"A" * (1 << 20)
        for _ in range(500):
            f.write(chunk)
        f.write(b"</t></is></c></row>")

    xlsx(f"{out}/bomb.xlsx", bomb)

    def rows(f):
        f.write(header_row().encode())
        for r in range(2, 1_048_577):
            f.write(
                (
                    f'<row r="{r}">'
                    + f'<c r="A{r}"><v>{10000 + r}</v></c>'
                    + cell(f"B{r}", "张三")
                    + cell(f"C{r}", "男")
                    + cell(f"D{r}", "1985-03-12")
                    + cell(f"E{r}", "营销部")
                    + "</row>"
                ).encode()
            )

    xlsx(f"{out}/rows1m.xlsx", rows)

    with open(f"{out}/longcell.csv", "w", encoding="utf-8") as f:
        f.write(",".join(HEADER) + "\n")
        f.write("10001," + "长" * (1 << 24) + ",男,1985-03-12,营销部\n")

    rng = random.Random(14)
    with open(f"{out}/binary331.csv", "wb") as f:
        for _ in range(331):
            f.write(rng.randbytes(1 << 20))

    with open(f"{out}/utf16.csv", "wb") as f:
        f.write((",".join(HEADER) + "\r\n10001,张三,男,1985-03-12,营销部\r\n").encode("utf-16-le"))


def seeds(out):
    """Small good files of every kind: the fuzz target `sheet`'s starting corpus."""
    import shutil

    os.makedirs(out, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    for name in ["roster.xls", "roster.ods"]:
        shutil.copy(os.path.join(here, "..", "tests", "fixtures", "import", name), out)
    rows = [
        ["10001", "张三", "男", "1985-03-12", "营销部/一班"],
        ["10002", "李四", "女", "1990.5", "运检部"],
    ]

    def small(f):
        f.write(header_row().encode())
        for r, row in enumerate(rows, start=2):
            f.write((f'<row r="{r}">' + "".join(cell(f"{chr(65 + i)}{r}", v) for i, v in enumerate(row)) + "</row>").encode())
        f.write('<row r="5"><c r="A5"><v>10003</v></c><c r="B5" t="inlineStr"><is><t>王五</t></is></c></row>'.encode())

    xlsx(f"{out}/small.xlsx", small)
    text = ",".join(HEADER) + "\r\n" + "\r\n".join(",".join(r) for r in rows) + "\r\n"
    with open(f"{out}/utf8.csv", "w", encoding="utf-8") as f:
        f.write(text)
    with open(f"{out}/gbk.csv", "wb") as f:
        f.write(text.encode("gbk"))
    with open(f"{out}/utf16le.csv", "wb") as f:
        f.write(text.encode("utf-16-le"))
    with open(f"{out}/tab.txt", "w", encoding="utf-8") as f:
        f.write(text.replace(",", "\t"))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--seeds":
        seeds(sys.argv[2])
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "bad-files")
