#!/usr/bin/env python3
"""How loud `quotelint check` is on published, edited news.

  scripts/check_corpus.py [--list] [--rule CODE] [--binary PATH] GOLD.jsonl...

Writes every article of the gold files (one JSON object a line, see
../shared/corpus/README.md) to a temporary directory as a `.md` file, runs
`check --format jsonl --isolated` with default settings over them, and prints
warnings and errors per rule and per article (infos are listed apart: they
never fail a hook). `--list` also prints each warning or error with its line
of text, for judging whether it is a real problem or noise; `--rule CODE`
limits that listing to one rule.

Issue 9's targets on the 133 dev articles (polnear-dev + ggt-dev): at most
0.35 warnings or errors per article, at most 0.05 unattributed-quote (QA001)
errors per article.
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--binary", default="target/release/quotelint")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--rule")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="qcheck-")
    texts = {}
    try:
        for path in args.gold:
            for line in open(path, encoding="utf-8"):
                doc = json.loads(line)
                name = re.sub(r"[^A-Za-z0-9._-]", "_", doc["id"])[:120] + ".md"
                p = os.path.join(tmp, name)
                with open(p, "w", encoding="utf-8") as f:
                    f.write(doc["text"])
                texts[os.path.realpath(p)] = doc["text"]
        r = subprocess.run(
            [args.binary, "check", "--format", "jsonl", "--isolated", "--fail-on", "never", tmp],
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            sys.stderr.write(r.stderr[-2000:])
            raise SystemExit(f"quotelint exited {r.returncode}")
        findings = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    articles = len(texts)
    loud = [f for f in findings if f["severity"] in ("warning", "error")]
    by_rule = collections.Counter((f["code"], f["rule"], f["severity"]) for f in loud)
    infos = collections.Counter((f["code"], f["rule"]) for f in findings if f["severity"] == "info")
    per_article = collections.Counter(os.path.realpath(f["path"]) for f in loud)

    print(f"articles {articles}, warnings or errors {len(loud)} ({len(loud) / articles:.3f} per article)")
    print("by rule (warnings and errors):")
    for (code, rule, sev), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {code} {rule:32} {sev:8} {n:4}  {n / articles:.3f}/article")
    if infos:
        print("infos (never fail a hook):")
        for (code, rule), n in sorted(infos.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {code} {rule:32} {n:4}")
    hist = collections.Counter(per_article.get(p, 0) for p in texts)
    print("articles by number of warnings or errors: " + ", ".join(f"{k}: {hist[k]}" for k in sorted(hist)))
    qa001 = sum(n for (code, _, _), n in by_rule.items() if code == "QA001")
    print(f"QA001 per article {qa001 / articles:.3f}; warnings-or-errors per article {len(loud) / articles:.3f}")

    if args.list or args.rule:
        for f in sorted(loud, key=lambda f: (f["code"], f["path"], f["span"]["start"])):
            if args.rule and f["code"] != args.rule:
                continue
            text = texts.get(os.path.realpath(f["path"]), "")
            b = text.encode("utf-8")
            s, e = f["span"]["start"], f["span"]["end"]
            ls = b.rfind(b"\n", 0, s) + 1
            le = b.find(b"\n", e)
            le = len(b) if le < 0 else le
            context = b[max(ls, s - 200):min(le, e + 200)].decode("utf-8", "replace")
            print(f"\n{f['code']} {os.path.basename(f['path'])}:{f['start']['line']}: {f['message']}")
            print(f"  {context}")


if __name__ == "__main__":
    main()
