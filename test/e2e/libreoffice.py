#!/usr/bin/python3
"""
Drives a real LibreOffice Calc (headless, through python3-uno) against a running service:

1. Types the tables of integrations/libreoffice/README.md (and the WEBSERVICE table of
   integrations/excel/README.md, whose formulas Calc also understands) into fresh sheets, recalculates,
   and checks each result cell shows what the README says and equals the number POST /v1/impact gives
   for the same campaign.
2. Opens the GET /v1/impact.csv URL as a sheet with Calc's CSV filter and checks the cells: numbers
   are numbers (negative ones included), and a formula-like id stays text.

Usage: /usr/bin/python3 test/e2e/libreoffice.py http://127.0.0.1:8791
Prints one "ok - …" or "not ok - …" line per check (counted by test/e2e/spreadsheets.sh).
Debian's python3-uno only loads into the system Python, hence /usr/bin/python3 (not pyenv's).
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from decimal import Decimal

import uno  # noqa: E402  (python3-uno)
from com.sun.star.beans import PropertyValue  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
README_BASE = "http://127.0.0.1:8787"
BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8791"

failures = 0


def check(ok, description, detail=""):
    global failures
    if ok:
        print(f"ok - {description}", flush=True)
    else:
        failures += 1
        print(f"not ok - {description}{': ' + detail if detail else ''}", flush=True)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


# --- The JSON API, the reference the spreadsheet must agree with ---------------------------------

# Where each flat column goes in POST /v1/impact's JSON, written out independently of schemas/batch.ts.
CAMPAIGN_PATHS = {
    "id": ("id",), "currency": ("currency",), "timeZone": ("timeZone",),
    "budgetAmount": ("budget", "amount"), "budgetPeriod": ("budget", "period"),
    "flightStart": ("flight", "start"), "flightEnd": ("flight", "end"), "deliveryProfile": ("deliveryProfile",),
    "cpm": ("cpm",), "ctr": ("ctr",), "cpc": ("cpc",), "cvr": ("cvr",), "cpa": ("cpa",), "aov": ("aov",), "roas": ("roas",),
    "grossMargin": ("grossMargin",), "incrementality": ("incrementality",),
    "recapture": ("recovery", "recapture"), "overspendCap": ("recovery", "overspendCap"), "cpmPremium": ("recovery", "cpmPremium"),
}
WINDOW_KEYS = {"outageStart": "start", "outageEnd": "end", "deliveryLoss": "deliveryLoss", "recoveryMinutes": "recoveryMinutes"}
RANGE_KEYS = {"cpm", "ctr", "cpc", "cvr", "cpa", "aov", "roas", "grossMargin", "incrementality", "recapture", "cpmPremium"}


def impact_request(params):
    """The POST /v1/impact body for the flat parameters of a value or CSV URL."""
    campaign, window, outage = {}, {}, {}
    for key, value in params.items():
        if value == "" or key in ("metric", "bom"):
            continue
        if key in RANGE_KEYS and ".." in value:
            low, high = value.split("..")
            value = {"low": low, "high": high}
        elif key == "deliveryProfile" and value != "even":
            value = value.split()
        if key in WINDOW_KEYS:
            window[WINDOW_KEYS[key]] = value
        elif key == "outageTimeZone":
            outage["timeZone"] = value
        else:
            node = campaign
            *parents, leaf = CAMPAIGN_PATHS[key]
            for p in parents:
                node = node.setdefault(p, {})
            node[leaf] = value
    outage["windows"] = [window]
    return {"outage": outage, "campaigns": [campaign]}


def json_api(params):
    body = json.dumps(impact_request(params)).encode()
    req = urllib.request.Request(f"{BASE}/v1/impact", data=body, headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.load(res)["campaigns"][0]


def result_value(campaign, column):
    """A result column in POST /v1/impact's campaign: `<metric>Low`/`High` from `ranges`, or, without
    a range input, the metric itself (low = high = base)."""
    end = re.search(r"(Low|High)$", column)
    if not end:
        return campaign[column]
    metric = column[: -len(end.group(1))]
    if "ranges" not in campaign:
        return campaign[metric]
    r = campaign["ranges"].get(metric)
    return r[end.group(1).lower()] if r else None


def query_of(url):
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query, keep_blank_values=True))


# --- LibreOffice ---------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Calc:
    """A headless soffice with a fresh profile, listening on a free port, ended by its process group."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="lo-e2e-profile-")
        port = free_port()
        self.proc = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             f"--accept=socket,host=127.0.0.1,port={port};urp;", f"-env:UserInstallation=file://{self.profile}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 90
        while True:
            try:
                ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.time() > deadline or self.proc.poll() is not None:
                    self.close()
                    raise RuntimeError("soffice did not accept a UNO connection within 90 s")
                time.sleep(0.5)
        self.desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

    def new_sheet(self):
        doc = self.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (prop("Hidden", True),))
        return doc, doc.Sheets.getByIndex(0)

    def open_csv(self, url, separator=44):
        # 44 = comma (59 = semicolon, as a semicolon locale splits), 34 = double quote, 76 = UTF-8, 1 = first
        # line, 1033 = English (USA) numbers; token 13 "evaluate formulas" is on, the riskiest way to open a
        # CSV: a cell "=…" would become a formula.
        filter_options = f"{separator},34,76,1,,1033,false,false,false,false,false,-1,true"
        options = (prop("FilterName", "Text - txt - csv (StarCalc)"), prop("FilterOptions", filter_options), prop("Hidden", True))
        return self.desktop.loadComponentFromURL(url, "_blank", 0, options)

    def close(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass  # the bridge drops as soffice exits
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 15)
            self.proc.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


# --- The README tables ---------------------------------------------------------------------------

ROW = re.compile(r"^\|\s*([A-Z]+[0-9]+)\s*\|\s*`(.*)`\s*\|\s*(.*?)\s*\|\s*$")


def readme_sheets(path):
    """Each table after an `<!-- e2e:sheet -->` marker, as (flavour, [(cell, typed, shows)])."""
    sheets, current = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            marker = re.match(r"<!-- e2e:sheet ?(\w*) -->", line.strip())
            if marker:
                current = (marker.group(1) or "calc", [])
                sheets.append(current)
            elif current and line.startswith("|"):
                m = ROW.match(line.strip())
                if m:
                    current[1].append(m.groups())
            elif current and line.strip() == "" and current[1]:
                current = None
    return sheets


def to_calc_separators(formula):
    """Excel's `,` between arguments as Calc's API `;` (commas inside string literals stay)."""
    out, in_string = [], False
    for ch in formula:
        if ch == '"':
            in_string = not in_string
        out.append(";" if ch == "," and not in_string else ch)
    return "".join(out)


def webservice_url(sheet, cell_name, formula):
    """The URL a result cell fetched: a literal one, or the helper column's URL plus the header's metric."""
    literal = re.search(r'WEBSERVICE\("([^"]+)"\)', formula)
    if literal:
        return literal.group(1)
    helper = re.search(r"\$([A-Z]+)(\d+)", formula)
    column = re.match(r"[A-Z]+", cell_name).group(0)
    url = sheet.getCellRangeByName(f"{helper.group(1)}{helper.group(2)}").getString()
    return f"{url}&metric={sheet.getCellRangeByName(f'{column}1').getString()}"


def run_readme(calc, path, label):
    sheets = readme_sheets(path)
    check(len(sheets) > 0, f"{label}: has e2e sheet tables")
    for n, (flavour, rows) in enumerate(sheets, 1):
        doc, sheet = calc.new_sheet()
        try:
            for cell_name, typed, _ in rows:
                text = typed.replace(README_BASE, BASE)
                if flavour == "excel":
                    text = to_calc_separators(text)
                # setFormula is Calc's API input: text is read as a user's typing would be (numbers, dates).
                sheet.getCellRangeByName(cell_name).setFormula(text)
            doc.calculateAll()
            for cell_name, typed, shows in rows:
                if not shows:
                    continue
                cell = sheet.getCellRangeByName(cell_name)
                where = f"{label} table {n} {cell_name}"
                check(cell.getError() == 0, f"{where} computes without error", f"error {cell.getError()}, formula {cell.getFormula()}")
                check(cell.getString() == shows, f"{where} shows {shows} as the README says", f"shows {cell.getString()!r}")
                url = webservice_url(sheet, cell_name, typed if flavour != "excel" else to_calc_separators(typed))
                if README_BASE in url:
                    url = url.replace(README_BASE, BASE)
                params = query_of(url)
                expected = result_value(json_api(params), params["metric"])
                check(expected is not None and Decimal(str(cell.getValue())) == Decimal(expected),
                      f"{where} ({params['metric']}) equals POST /v1/impact's {expected}", f"cell value {cell.getValue()!r}")
        finally:
            doc.close(True)


# --- The CSV endpoint opened as a sheet -----------------------------------------------------------

CSV_PARAMS = {
    "id": '=HYPERLINK("http://x","y")', "budgetAmount": "1200", "budgetPeriod": "day", "timeZone": "America/Los_Angeles",
    "cpm": "9.50", "ctr": "0.011", "cvr": "0.03", "aov": "72", "grossMargin": "0.4", "recapture": "0.5", "cpmPremium": "0.1",
    "outageStart": "2021-10-04T11:39:00", "outageEnd": "2021-10-04T17:05:00", "outageTimeZone": "America/New_York",
}
RESULTS = ["plannedSpend", "lostSpend", "recapturedSpend", "netLostSpend", "lostImpressions", "lostClicks",
           "lostConversions", "lostRevenue", "lostGrossProfit", "netContributionChange"]
# The metrics a range can move: each has a Low and a High column after RESULTS, then comes `error`.
RANGED = ["recapturedSpend", "netLostSpend", "lostImpressions", "lostClicks", "lostConversions", "lostRevenue",
          "lostGrossProfit", "netContributionChange"]
COLUMNS = RESULTS + [f"{m}{end}" for m in RANGED for end in ("Low", "High")]


def run_csv_control(calc):
    """Without the apostrophe, the same import makes a formula: the id check below is not vacuous."""
    folder = tempfile.mkdtemp(prefix="lo-e2e-csv-")
    path = os.path.join(folder, "control.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write('id,n\r\n=1+1,-12.41\r\n')
    doc = calc.open_csv(uno.systemPathToFileUrl(path))
    try:
        cell = doc.Sheets.getByIndex(0).getCellByPosition(0, 1)
        check(cell.getType().value == "FORMULA", "control: this CSV import turns an unprefixed =1+1 into a formula", cell.getType().value)
    finally:
        doc.close(True)
        shutil.rmtree(folder, ignore_errors=True)


def run_csv_url(calc):
    url = f"{BASE}/v1/impact.csv?{urllib.parse.urlencode(CSV_PARAMS)}"
    doc = calc.open_csv(url)
    check(doc is not None, "Calc opens the /v1/impact.csv URL as a sheet")
    if doc is None:
        return
    try:
        sheet = doc.Sheets.getByIndex(0)
        # 29 input columns (DESIGN.md section 7's 24, recoveryMinutes, spendAmount, spendStart, spendEnd,
        # conversionEvent), the results, then error and warnings.
        width = 29 + len(COLUMNS) + 2
        header = [sheet.getCellByPosition(c, 0).getString() for c in range(width + 1)]
        check(header[:1] == ["id"] and header[29:width] == COLUMNS + ["error", "warnings"] and header[width] == "",
              "the sheet's first row is the CSV header", repr(header))
        column = {name: i for i, name in enumerate(header) if name}
        expected = json_api(CSV_PARAMS)
        for metric in COLUMNS:
            want = result_value(expected, metric)
            cell = sheet.getCellByPosition(column[metric], 1)
            check(cell.getType().value == "VALUE" and Decimal(str(cell.getValue())) == Decimal(want),
                  f"the sheet's {metric} is the number {want} of POST /v1/impact",
                  f"type {cell.getType().value}, value {cell.getValue()!r}, text {cell.getString()!r}")
        negative = sheet.getCellByPosition(column["netContributionChange"], 1)
        check(negative.getType().value == "VALUE" and negative.getValue() < 0,
              "a negative number arrives as a negative number, not as text with an apostrophe", negative.getString())
        ident = sheet.getCellByPosition(column["id"], 1)
        check(ident.getType().value == "TEXT" and ident.getString().endswith('=HYPERLINK("http://x","y")'),
              "an id that looks like a formula stays text in the sheet", f"type {ident.getType().value}, text {ident.getString()!r}")
        cpm = sheet.getCellByPosition(column["cpm"], 1)
        check(cpm.getType().value == "VALUE" and cpm.getValue() == 9.5, "an echoed input number is a number", cpm.getString())
    finally:
        doc.close(True)


# Text that a semicolon spreadsheet would split into formula cells, in every text column the endpoint echoes.
SEMICOLON_PARAMS = {**CSV_PARAMS, "id": "x;=1+1;y", "currency": "USD",
                    "timeZone": "America/Los_Angeles", "outageTimeZone": "America/New_York"}
SEMICOLON = 59


def formula_cells(doc):
    """Every cell of the first sheet's used area that Calc made a formula, as (column, row, formula)."""
    sheet = doc.Sheets.getByIndex(0)
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    found = []
    for r in range(end.EndRow + 1):
        for c in range(end.EndColumn + 1):
            cell = sheet.getCellByPosition(c, r)
            if cell.getType().value == "FORMULA":
                found.append((c, r, cell.getFormula()))
    return found


def run_semicolon_control(calc):
    """The same text quoted but without apostrophes, opened with `;` as separator, does make a formula."""
    folder = tempfile.mkdtemp(prefix="lo-e2e-csv-")
    path = os.path.join(folder, "control.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write('"id","n"\r\n"x;=1+1;y",1\r\n')
    doc = calc.open_csv(uno.systemPathToFileUrl(path), SEMICOLON)
    try:
        check(len(formula_cells(doc)) > 0, "control: opened with ';' as separator, a quoted x;=1+1;y makes a formula cell")
    finally:
        doc.close(True)
        shutil.rmtree(folder, ignore_errors=True)


def run_csv_semicolon(calc):
    url = f"{BASE}/v1/impact.csv?{urllib.parse.urlencode(SEMICOLON_PARAMS)}"
    doc = calc.open_csv(url, SEMICOLON)
    check(doc is not None, "Calc opens the /v1/impact.csv URL with ';' as separator")
    if doc is None:
        return
    try:
        found = formula_cells(doc)
        check(found == [], "opened with ';' as separator and formulas evaluated, the answer has no formula cell", repr(found[:5]))
    finally:
        doc.close(True)


def main():
    try:
        calc = Calc()
    except Exception as err:  # reported as a failed check, so the runner counts it
        check(False, "LibreOffice starts headless and accepts a UNO connection", repr(err))
        return 1
    try:
        run_readme(calc, os.path.join(ROOT, "integrations", "libreoffice", "README.md"), "integrations/libreoffice/README.md")
        run_readme(calc, os.path.join(ROOT, "integrations", "excel", "README.md"), "integrations/excel/README.md (in Calc)")
        run_csv_control(calc)
        run_csv_url(calc)
        run_semicolon_control(calc)
        run_csv_semicolon(calc)
    except Exception as err:
        check(False, "libreoffice.py runs to the end", repr(err))
    finally:
        calc.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
