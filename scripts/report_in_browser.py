#!/usr/bin/env python3
"""Renders a draft's `quotelint report` in headless Chromium and checks what a
reader's browser really shows: every quote marked and numbered, each note
naming the speaker that `quotelint quotes` resolved, the page's script running
without a single console message, choosing a source spotlighting that
speaker's quotes, and focusing a quote's marker showing its note.

usage: scripts/report_in_browser.py [--binary PATH] [--screenshot PNG] [DRAFT]

DRAFT defaults to the seed article (../shared/examples/north-korean-missiles.txt)
when it is there, else fixtures/report/harbour.md. It is copied to a temporary
.md file first; nothing is written into the repository unless --screenshot
names a path there. Exits 0 when every check passes, 1 when one fails, 77 when
Chromium is not installed.
"""

import argparse
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "..", "shared", "examples", "north-korean-missiles.txt")
FALLBACK = os.path.join(ROOT, "fixtures", "report", "harbour.md")
SPEECH = {"direct", "partial", "block"}

# Run after the page's own script: exercises it as a reader would and
# records what happened on the root element, where --dump-dom shows it.
HARNESS = """<script>
(function () {
  var out = {};
  var link = document.querySelector("table.sources a.who");
  if (link) {
    var colour = link.closest("tr").className;
    link.click();
    out.spotted = document.querySelectorAll(".draft.spot .prose .q.spotted").length;
    out.speakerQuotes = document.querySelectorAll(".prose .q." + colour).length;
    link.click();
    out.afterSecondClick = document.querySelectorAll(".q.spotted").length;
  }
  var marker = document.querySelector(".prose a.fn");
  var note = document.getElementById(marker.getAttribute("href").slice(1));
  marker.focus({preventScroll: true});
  // A headless window that has not got the focus yet (a loaded machine)
  // moves it without firing focusin: send the event the page listens for.
  if (document.activeElement !== marker || !document.hasFocus()) {
    marker.dispatchEvent(new FocusEvent("focusin", {bubbles: true}));
  }
  var tip = document.querySelector("body > .tip");
  out.tipShown = tip && !tip.hidden && getComputedStyle(tip).display !== "none"
    && tip.textContent.indexOf(note.querySelector(".who").textContent) >= 0;
  out.noteLit = note.classList.contains("lit");
  document.documentElement.setAttribute("data-harness", JSON.stringify(out));
})();
</script>"""

# For the screenshot: the second quote's note open, as on hover.
SHOW_TIP = """<script>
var m = document.querySelectorAll(".prose a.fn")[1] || document.querySelector(".prose a.fn");
if (m) m.focus({preventScroll: true});
</script>"""

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self, skip=()):
        """The text inside, leaving out elements of the classes in `skip`."""
        parts = [
            c if isinstance(c, str) else ("" if set(c.classes()) & set(skip) else c.text(skip))
            for c in self.children
        ]
        return " ".join("".join(parts).split())

    def walk(self):
        for c in self.children:
            if isinstance(c, Element):
                yield c
                yield from c.walk()


class Tree(html.parser.HTMLParser):
    VOID = {"meta", "link", "br", "img", "input", "hr", "col", "area", "base", "wbr", "source"}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", [], None)
        self.at = self.root
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        el = Element(tag, attrs, self.at)
        self.at.children.append(el)
        if tag not in self.VOID:
            self.at = el

    def handle_startendtag(self, tag, attrs):
        self.at.children.append(Element(tag, attrs, self.at))

    def handle_endtag(self, tag):
        el = self.at
        while el is not None and el.tag != tag:
            el = el.parent
        if el is not None and el.parent is not None:
            self.at = el.parent

    def handle_data(self, data):
        self.at.children.append(data)

    def by_id(self, ident):
        return next((e for e in self.root.walk() if e.attrs.get("id") == ident), None)


def find(el, cls):
    return next((e for e in el.walk() if cls in e.classes()), None)


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(browser, page, extra, workdir):
    profile = tempfile.mkdtemp(prefix="profile-", dir=workdir)
    cmd = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, "file://" + page]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    return done.stdout, done.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("draft", nargs="?")
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "quotelint"))
    parser.add_argument("--screenshot", help="also save a screenshot of the page (PNG)")
    parser.add_argument("--window", default="1280,1700", help="screenshot size, WIDTH,HEIGHT")
    args = parser.parse_args()

    browser = chromium()
    if browser is None:
        print("browser check skipped: chromium is not installed (apt-get install chromium)")
        return 77
    draft = args.draft or (SEED if os.path.exists(SEED) else FALLBACK)
    failures = []
    with tempfile.TemporaryDirectory(prefix="quotelint-browser-") as work:
        # the report names the draft as given: its own name, as .md so it is read as Markdown
        name = os.path.splitext(os.path.basename(draft))[0] + ".md"
        copy = os.path.join(work, name)
        shutil.copyfile(draft, copy)
        report = os.path.join(work, "report.html")
        binary = os.path.abspath(args.binary)
        made = subprocess.run([binary, "report", name, "-o", report], capture_output=True, text=True, check=False, cwd=work)
        if made.returncode != 0:
            print(f"quotelint report failed ({made.returncode}): {made.stderr}")
            return 1
        quotes = json.loads(subprocess.run(
            [binary, "quotes", "--format", "json", name], capture_output=True, text=True, check=True, cwd=work
        ).stdout)["files"][0]["quotes"]
        page = open(report, encoding="utf-8").read()

        harness = os.path.join(work, "harness.html")
        with open(harness, "w", encoding="utf-8") as f:
            f.write(page.replace("</body>", HARNESS + "\n</body>"))
        dom, log = run_chromium(browser, harness, ["--dump-dom"], work)
        console = [line for line in log.splitlines() if ":CONSOLE" in line]
        failures += [f"console: {line}" for line in console]
        tree = Tree(dom)

        n = 0
        for q in quotes:
            if q["kind"] not in SPEECH:
                continue
            n += 1
            quote, note = tree.by_id(f"d1-q{n}"), tree.by_id(f"d1-n{n}")
            if quote is None or note is None:
                failures.append(f"quote {n} ({q['text'][:40]!r}) is not marked")
                continue
            words = " ".join(q["text"].split())[:30]
            # a quote inside this one brings its own marker and note: leave them out
            shown = quote.text(skip=("fn", "badge"))
            if words not in shown:
                failures.append(f"quote {n}: shows {shown[:60]!r}, expected {words!r}")
            speaker = q["speaker"]
            want = (speaker["name"] or speaker["mention"]) if speaker else "no speaker named"
            who = find(note, "who")
            if who is None or who.text() != " ".join(want.split()):
                failures.append(f"quote {n}: note names {who.text() if who else None!r}, expected {want!r}")
        if n == 0:
            failures.append("the draft has no quotes to check")
        if os.path.realpath(draft) == os.path.realpath(SEED):
            # what issue 12 asks an editor to see in the seed's report without
            # reading any documentation
            for code, what in [("QA001", "the unattributed line"), ("QF001", "the doubled quotation mark"),
                               ("QA003", "the vague “same source”")]:
                if code not in dom:
                    failures.append(f"the seed's report does not show {what} ({code})")
            for channel in ("said in a statement", "told AFP"):
                if channel not in dom:
                    failures.append(f"the seed's report does not show the channel {channel!r}")

        html_el = next((e for e in tree.root.walk() if e.tag == "html"), None)
        raw = html_el.attrs.get("data-harness") if html_el else None
        if raw is None:
            failures.append("the harness did not run: the page's script failed before it")
        else:
            got = json.loads(raw)
            if got.get("spotted", 0) == 0 or got.get("spotted") != got.get("speakerQuotes"):
                failures.append(f"choosing a source spotlit {got.get('spotted')} of {got.get('speakerQuotes')} quotes")
            if got.get("afterSecondClick") != 0:
                failures.append("choosing the source again did not clear the spotlight")
            if not got.get("tipShown"):
                failures.append("focusing a marker did not show its note beside it")
            if not got.get("noteLit"):
                failures.append("focusing a marker did not light its note")

        if args.screenshot:
            shot = os.path.join(work, "shot.html")
            with open(shot, "w", encoding="utf-8") as f:
                f.write(page.replace("</body>", SHOW_TIP + "\n</body>"))
            png = os.path.join(work, "shot.png")
            run_chromium(browser, shot, [f"--screenshot={png}", f"--window-size={args.window}"], work)
            if os.path.exists(png):
                shutil.copyfile(png, args.screenshot)
                print(f"screenshot: {args.screenshot}")
            else:
                failures.append("chromium wrote no screenshot")

    shown = os.path.relpath(draft, ROOT)
    if failures:
        print(f"browser check FAILED for {shown}:")
        for failure in failures:
            print(f"  {failure}")
        return 1
    print(f"browser check passed: {shown}: {n} quotes marked with their speakers in Chromium, no console messages, "
          "spotlight and notes work")
    return 0


if __name__ == "__main__":
    sys.exit(main())
