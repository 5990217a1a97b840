#!/bin/sh
# Regenerates the compatibility fixtures from the shipped rules/claims.xlsx (see README.md in this folder).
# Needs Debian's libreoffice-calc-nogui and python3-openpyxl; the build never runs it, it uses the committed files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# LibreOffice Calc, opening and saving the file unchanged.
cp "$repo/rules/claims.xlsx" "$work/libreoffice.xlsx"
mkdir "$work/out"
soffice --headless --convert-to xlsx --outdir "$work/out" "$work/libreoffice.xlsx" >/dev/null
cp "$work/out/libreoffice.xlsx" "$here/libreoffice.xlsx"

/usr/bin/python3 - "$repo/rules/claims.xlsx" "$here" "$work" <<'PY'
import re, sys, zipfile
import openpyxl

source, here, work = sys.argv[1:4]

def load():
    return openpyxl.load_workbook(source)

def rule_sheet(book):
    return book["Claims"]

# openpyxl (what pandas.DataFrame.to_excel uses too): load and save, nothing changed.
load().save(f"{here}/openpyxl.xlsx")

# A formula in the cancellation cap, as openpyxl writes it: no value stored with it.
book = load()
rule_sheet(book)["G11"] = "=100+50"
book.save(f"{here}/formula-without-value.xlsx")
book.save(f"{work}/formula-with-value.xlsx")  # LibreOffice computes and stores the value (below)

# Every number, and true/false, typed as such rather than as text; amounts shown with two decimals.
book = load()
for row in rule_sheet(book).iter_rows(min_row=11):
    for cell in row:
        if isinstance(cell.value, str) and re.fullmatch(r"-?\d+\.\d+", cell.value):
            cell.value, cell.number_format = float(cell.value), "0.00"
        elif isinstance(cell.value, str) and re.fullmatch(r"-?\d+", cell.value):
            cell.value = int(cell.value)
        elif cell.value in ("true", "false"):
            cell.value = cell.value == "true"
for (value,) in book["Parameters"].iter_rows(min_row=2, min_col=2, max_col=2):
    value.value, value.number_format = float(value.value), ("0.00" if "." in value.value else "0")
book.save(f"{here}/numbers-as-numbers.xlsx")

# Numbers typed as text in cells formatted as Text ('@'), as Excel does after "Format cells > Text".
book = load()
for row in rule_sheet(book).iter_rows(min_row=11):
    for cell in row:
        if isinstance(cell.value, str) and re.fullmatch(r"-?\d+(\.\d+)?", cell.value):
            cell.number_format = "@"
book.save(f"{here}/numbers-as-text.xlsx")

# A French-locale decimal comma typed as text: an error at G11 that suggests 150.00.
book = load()
rule_sheet(book)["G11"] = "150,00"
book.save(f"{here}/french-decimal-comma.xlsx")

# Inline strings (<is><t>…</t></is> in the sheet, no shared-strings part). openpyxl 3.0 writes them itself; this is
# the shipped file (covered merged cells written) with only its strings moved inline, to test them alone.
with zipfile.ZipFile(source) as original:
    shared = re.findall(r"<si>(.*?)</si>", original.read("xl/sharedStrings.xml").decode(), re.S)
    with zipfile.ZipFile(f"{here}/inline-strings.xlsx", "w", zipfile.ZIP_DEFLATED) as inline:
        for entry in original.infolist():
            if entry.filename == "xl/sharedStrings.xml":
                continue
            text = original.read(entry.filename).decode()
            if entry.filename.startswith("xl/worksheets/sheet"):
                text = re.sub(r'<c ([^>]*?)t="s"([^>]*)><v>(\d+)</v></c>',
                              lambda m: f'<c {m.group(1)}t="inlineStr"{m.group(2)}><is>{shared[int(m.group(3))]}</is></c>', text)
            elif entry.filename in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                text = re.sub(r'<(Relationship|Override)[^>]*sharedStrings[^>]*/>', "", text)
            inline.writestr(entry, text.encode())
PY

soffice --headless --convert-to xlsx --outdir "$work/out" "$work/formula-with-value.xlsx" >/dev/null
cp "$work/out/formula-with-value.xlsx" "$here/formula-with-value.xlsx"
ls -l "$here"
