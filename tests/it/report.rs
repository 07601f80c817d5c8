//! `quotelint report`: the HTML page parsed with a real HTML parser and held
//! against what the other views say (`quotes`, `check`, `sources` as JSON),
//! so the page shows exactly what the pipeline found.

use crate::common;

use common::{drafts, path, quotelint};
use quotelint::attribution::{ChannelKind, SpeakerKind};
use quotelint::diagnostic::Severity;
use quotelint::markdown::BlockKind;
use quotelint::provenance::diff::{Piece, WordDiff};
use quotelint::quote::QuoteKind;
use quotelint::report::model::*;
use quotelint::sources::{ChannelUse, FirstMention, Source};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

const CASE: scraper::CaseSensitivity = scraper::CaseSensitivity::CaseSensitive;
const FIXTURE: &str = "fixtures/report/harbour.md";
const SCRIPT: &str = include_str!("../../src/report/html/script.js");

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

fn page(args: &[&str]) -> Html {
    let out = quotelint(args, "");
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    Html::parse_document(&out.stdout)
}

fn json(args: &[&str]) -> Value {
    let out = quotelint(args, "");
    serde_json::from_str(&out.stdout).expect("JSON output")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text(el: ElementRef) -> String {
    collapse(&el.text().collect::<String>())
}

/// The text of an element without the markers, notes and badges set into it.
fn own_text(el: ElementRef) -> String {
    fn walk(el: ElementRef, out: &mut String) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if e.has_class("fn", CASE) => {}
                Node::Element(e) if e.has_class("badge", CASE) => {}
                Node::Element(_) => walk(ElementRef::wrap(child).expect("element"), out),
                _ => {}
            }
        }
    }
    let mut out = String::new();
    walk(el, &mut out);
    collapse(&out)
}

/// The draft's words as the page shows them: its blocks, without the notes
/// beside them or the markers and badges set into them.
fn shown_prose(doc: &Html) -> String {
    let blocks = sel(".prose p, .prose li, .prose h3, .prose h4, .prose h5, .prose h6");
    let mut shown = String::new();
    for block in doc.select(&blocks).filter(|b| ancestors_have(*b, &sel("aside")).is_none()) {
        shown.push_str(&own_text(block));
        shown.push(' ');
    }
    collapse(&shown)
}

fn one<'a>(doc: &'a Html, selector: &str) -> ElementRef<'a> {
    let found: Vec<ElementRef> = doc.select(&sel(selector)).collect();
    assert_eq!(found.len(), 1, "exactly one {selector}");
    found[0]
}

fn child_text(el: ElementRef, selector: &str) -> Option<String> {
    el.select(&sel(selector)).next().map(text)
}

fn is_speech(kind: &str) -> bool {
    matches!(kind, "direct" | "partial" | "block")
}

fn channel_word(kind: &str) -> &str {
    match kind {
        "social" => "social media",
        other => other,
    }
}

fn kind_word(kind: &str) -> &str {
    match kind {
        "organization" => "organisation",
        other => other,
    }
}

fn ancestors_have<'a>(el: ElementRef<'a>, selector: &Selector) -> Option<ElementRef<'a>> {
    el.ancestors().filter_map(ElementRef::wrap).find(|a| selector.matches(a))
}

#[test]
fn every_quote_is_marked_with_its_speaker_cue_channel_and_kind() {
    let doc = page(&["report", FIXTURE]);
    let source = std::fs::read_to_string(FIXTURE).expect("fixture");
    let quotes = json(&["quotes", "--format", "json", FIXTURE]);
    let quotes = quotes["files"][0]["quotes"].as_array().expect("quotes").clone();
    assert!(quotes.len() >= 10, "the fixture has many quotes");
    let mut n = 0;
    let mut unattributed = 0;
    for q in &quotes {
        if !is_speech(q["kind"].as_str().unwrap_or_default()) {
            continue;
        }
        n += 1;
        let el = one(&doc, &format!("#d1-q{n}"));
        let (start, end) =
            (q["span"]["start"].as_u64().unwrap() as usize, q["span"]["end"].as_u64().unwrap() as usize);
        assert_eq!(own_text(el), collapse(&source[start..end]), "quote {n} covers its words and marks");
        assert_eq!(el.value().attr("aria-describedby"), Some(format!("d1-n{n}").as_str()));
        let note = one(&doc, &format!("#d1-n{n}"));
        let who = child_text(note, ".who").expect("a speaker line");
        match q["speaker"].as_object() {
            Some(speaker) => {
                let mention = speaker["mention"].as_str().unwrap();
                let name = speaker["name"].as_str().unwrap_or(mention);
                assert_eq!(who, collapse(name), "quote {n}");
                if name != mention {
                    assert_eq!(child_text(note, ".as"), Some(format!("“{}”", collapse(mention))), "quote {n}");
                }
            }
            None => {
                unattributed += 1;
                assert_eq!(who, "no speaker named", "quote {n}");
                assert!(el.value().has_class("none", CASE));
                let marker = one(&doc, &format!("a.fn[href=\"#d1-n{n}\"]"));
                assert!(text(marker).contains("who?"), "unattributed shows in words, not colour alone");
            }
        }
        let cue = q["cue"]["text"].as_str().map_or("no reporting words".to_string(), collapse);
        assert_eq!(child_text(note, ".cue"), Some(cue), "quote {n}");
        match q["channel"].as_object() {
            Some(ch) => {
                let mut want = channel_word(ch["kind"].as_str().unwrap()).to_string();
                if let Some(outlet) = ch["outlet"].as_str() {
                    want = format!("{want} ({outlet})");
                }
                assert_eq!(child_text(note, ".ch"), Some(want), "quote {n}");
            }
            None => assert_eq!(child_text(note, ".ch"), Some("no channel".into()), "quote {n}"),
        }
        assert_eq!(child_text(note, ".kind").as_deref(), q["kind"].as_str(), "quote {n}");
        // the numbered marker follows the quote and leads to the note, which links back
        let marker = one(&doc, &format!("a.fn[href=\"#d1-n{n}\"]"));
        assert!(text(marker).starts_with(&n.to_string()));
        assert_eq!(
            note.select(&sel("a")).next().and_then(|a| a.value().attr("href")),
            Some(format!("#d1-q{n}").as_str())
        );
    }
    assert_eq!(doc.select(&sel(".prose .q[id]")).count(), n, "no other numbered quotes");
    assert!(unattributed >= 1, "the fixture has an unattributed quote");
    let asides = quotes.iter().filter(|q| !is_speech(q["kind"].as_str().unwrap_or_default())).count();
    assert!(asides >= 1, "the fixture has a scare quote");
    assert_eq!(doc.select(&sel(".prose .q.aside")).count(), asides);
}

#[test]
fn a_speaker_has_one_colour_wherever_quoted() {
    let doc = page(&["report", FIXTURE]);
    let quotes = json(&["quotes", "--format", "json", FIXTURE]);
    let mut colour_of: std::collections::HashMap<String, String> = Default::default();
    let mut n = 0;
    for q in quotes["files"][0]["quotes"].as_array().unwrap() {
        if !is_speech(q["kind"].as_str().unwrap_or_default()) {
            continue;
        }
        n += 1;
        let Some(speaker) = q["speaker"].as_object() else { continue };
        let key = speaker["name"].as_str().or(speaker["mention"].as_str()).unwrap().to_string();
        let el = one(&doc, &format!("#d1-q{n}"));
        let class = el.value().classes().find(|c| c.starts_with('c')).expect("a colour class").to_string();
        let known = colour_of.entry(key.clone()).or_insert_with(|| class.clone());
        assert_eq!(*known, class, "{key} keeps one colour");
    }
    let distinct: std::collections::HashSet<&String> = colour_of.values().collect();
    assert_eq!(distinct.len(), colour_of.len(), "each speaker has a colour of their own");
    // the pronoun follows the person it stands for
    assert_eq!(colour_of.get("Lena Moreau").map(String::as_str), Some("c0"));
}

#[test]
fn every_finding_is_listed_and_placed_at_its_quote() {
    let doc = page(&["report", FIXTURE]);
    let check = json(&["check", "--format", "json", FIXTURE]);
    let diagnostics = check["diagnostics"].as_array().expect("diagnostics");
    let quotes = json(&["quotes", "--format", "json", FIXTURE]);
    let speech: Vec<&Value> = quotes["files"][0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| is_speech(q["kind"].as_str().unwrap()))
        .collect();
    let span = |v: &Value| (v["span"]["start"].as_u64().unwrap(), v["span"]["end"].as_u64().unwrap());
    assert!(diagnostics.len() >= 4);
    assert_eq!(doc.select(&sel(".finding")).count(), diagnostics.len());
    assert_eq!(doc.select(&sel(".flist li")).count(), diagnostics.len());
    let mut at_quotes = 0;
    for d in diagnostics {
        let code = d["code"].as_str().unwrap();
        let loc = format!("{}:{}", d["start"]["line"], d["start"]["column"]);
        let found: Vec<ElementRef> = doc
            .select(&sel(".finding"))
            .filter(|f| {
                child_text(*f, ".fh code").as_deref() == Some(code)
                    && child_text(*f, ".fh .loc") == Some(loc.clone())
            })
            .collect();
        assert_eq!(found.len(), 1, "{code} at {loc}");
        let finding = found[0];
        let id = finding.value().id().unwrap();
        let k = id.trim_start_matches("d1-f");
        let sev = match d["severity"].as_str().unwrap() {
            "info" => "note",
            s => s,
        };
        assert!(text(finding).contains(sev), "{code}: severity");
        assert_eq!(child_text(finding, ".msg"), Some(collapse(d["message"].as_str().unwrap())), "{code}");
        if let Some(help) = d["help"].as_str() {
            let help = collapse(&help.replace('`', ""));
            assert_eq!(child_text(finding, ".help"), Some(format!("Fix: {help}")), "{code}");
        }
        // listed at the top, linking here
        let listed = one(&doc, &format!(".flist a[href=\"#{id}\"]"));
        assert!(text(listed).contains(code) && text(listed).contains(&collapse(d["message"].as_str().unwrap())));
        // and marked in the prose
        let badge = one(&doc, &format!(".prose #d1-b{k}"));
        assert_eq!(badge.value().attr("href"), Some(format!("#{id}").as_str()));
        assert!(text(badge).contains(code));
        // a finding on a quote sits at that quote
        let (start, end) = span(d);
        let holder = speech
            .iter()
            .enumerate()
            .filter(|(_, q)| span(q).0 <= start && end <= span(q).1)
            .min_by_key(|(_, q)| span(q).1 - span(q).0);
        if let Some((i, q)) = holder {
            at_quotes += 1;
            let n = i + 1;
            assert_eq!(finding.value().attr("data-quote"), Some(n.to_string().as_str()), "{code}");
            if span(q) == (start, end) {
                // right after the quote's marker (and any other badges of the quote)
                let before = badge
                    .prev_siblings()
                    .filter_map(ElementRef::wrap)
                    .find(|e| !e.value().has_class("badge", CASE))
                    .expect("something before the badge");
                assert_eq!(before.value().attr("href"), Some(format!("#d1-n{n}").as_str()), "{code} at quote {n}");
            } else {
                let quote = ancestors_have(badge, &sel(".q[id]")).expect("badge inside the quote");
                assert_eq!(quote.value().id(), Some(format!("d1-q{n}").as_str()), "{code}");
            }
        }
    }
    assert!(at_quotes >= 2, "the fixture has findings on quotes");
}

#[test]
fn the_sources_table_is_the_sources_view() {
    let doc = page(&["report", FIXTURE]);
    let view = json(&["sources", "--format", "json", FIXTURE]);
    let sources = view["files"][0]["sources"].as_array().expect("sources");
    let rows: Vec<ElementRef> = doc.select(&sel("table.sources tbody tr")).collect();
    assert_eq!(rows.len(), sources.len());
    assert!(sources.len() >= 4);
    for (row, s) in rows.iter().zip(sources) {
        let name = s["name"].as_str().unwrap();
        assert_eq!(
            child_text(*row, ".name .who").or_else(|| child_text(*row, ".name")).map(|t| collapse(&t)),
            Some(collapse(name))
        );
        assert_eq!(child_text(*row, ".kind").as_deref(), Some(kind_word(s["kind"].as_str().unwrap())));
        assert_eq!(child_text(*row, ".quotes"), Some(s["quotes"].to_string()));
        assert_eq!(child_text(*row, ".words"), Some(s["words"].to_string()));
        let channels: Vec<String> = s["channels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| match c["outlet"].as_str() {
                Some(outlet) => format!("{} ({outlet})", channel_word(c["kind"].as_str().unwrap())),
                None => channel_word(c["kind"].as_str().unwrap()).to_string(),
            })
            .collect();
        let want = if channels.is_empty() { "none stated".to_string() } else { channels.join(", ") };
        assert_eq!(child_text(*row, ".channels"), Some(want), "{name}");
        let m = &s["first_mention"];
        let intro = m["text"].as_str().unwrap();
        let want = if intro == name {
            format!("line {}", m["line"])
        } else {
            format!("line {} {}", m["line"], collapse(intro))
        };
        assert_eq!(child_text(*row, ".intro"), Some(want), "{name}");
    }
}

#[test]
fn the_chart_counts_quotes_by_kind_of_source() {
    let doc = page(&["report", FIXTURE]);
    let view = json(&["sources", "--format", "json", FIXTURE]);
    let quotes = json(&["quotes", "--format", "json", FIXTURE]);
    let mut want: std::collections::BTreeMap<String, u64> = Default::default();
    for s in view["files"][0]["sources"].as_array().unwrap() {
        *want.entry(s["kind"].as_str().unwrap().to_string()).or_default() += s["quotes"].as_u64().unwrap();
    }
    let unattributed = quotes["files"][0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| is_speech(q["kind"].as_str().unwrap()) && q["speaker"].is_null())
        .count() as u64;
    want.insert("none".into(), unattributed);
    want.retain(|_, n| *n > 0);
    let got: std::collections::BTreeMap<String, u64> = doc
        .select(&sel(".legend li"))
        .map(|li| {
            (li.value().attr("data-share").unwrap().to_string(), child_text(li, "b").unwrap().parse().unwrap())
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(doc.select(&sel(".chart svg rect")).count(), want.len());
    let label = one(&doc, ".chart svg").value().attr("aria-label").unwrap().to_string();
    assert!(label.contains("named people"), "{label}");
}

/// Text that would be markup, a style-sheet end, a script, an attribute
/// break or a script link if it were not escaped.
const HOSTILE: &str = "</style><script>alert(1)</script>\"'><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">x</a> &amp; </script>";

/// No element or attribute that the page itself did not put there.
fn assert_inert(doc: &Html) {
    assert_eq!(doc.select(&sel("script")).count(), 1, "only the page's own script");
    assert_eq!(one(doc, "script").text().collect::<String>().trim(), SCRIPT.trim());
    assert_eq!(doc.select(&sel("style")).count(), 1);
    assert!(one(doc, "style").ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "head"));
    for tag in ["img", "iframe", "object", "embed", "b[onmouseover]", "link", "base", "form", "svg script"] {
        assert_eq!(doc.select(&sel(tag)).count(), 0, "no {tag}");
    }
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name} on <{}>", el.value().name());
            if name == "href" {
                assert!(value.starts_with('#'), "link {value}");
            }
        }
    }
}

#[test]
fn draft_text_that_looks_like_markup_is_shown_as_text() {
    let draft = "# A \\<script\\>alert(\"head\")\\</script\\> headline\n\n\
        “\\</style\\>\\<script\\>alert(1)\\</script\\>,” said Jane Doe, a spokeswoman. She added: \
        “Click [here](javascript:alert(2)) and \\\"\\> \\<img src=x onerror=alert(3)\\>.”\n\n\
        Visit <a href=\"javascript:alert(4)\">this</a> or <b onmouseover=\"alert(5)\">that</b> now.\n\n\
        <script>alert(6)</script>\n\n\
        <img src=x onerror=alert(7)>\n\n\
        Run `</style>` and &lt;script&gt;alert(8)&lt;/script&gt; as text.\n";
    let dir = drafts(&[("evil\"'<b>.md", draft.as_bytes())]);
    let file = path(&dir, "evil\"'<b>.md");
    let doc = page(&["report", &file]);
    assert_inert(&doc);
    assert_eq!(text(one(&doc, ".draft > h2")), file);
    assert!(text(one(&doc, "head > title")).ends_with(&file));
    let prose = shown_prose(&doc);
    for shown in [
        "<script>alert(\"head\")</script>",
        "</style><script>alert(1)</script>",
        "\"> <img src=x onerror=alert(3)>",
        "</style>",
        "<script>alert(8)</script>",
    ] {
        assert!(prose.contains(shown), "{shown} in {prose}");
    }
    assert!(prose.contains("Click here and"), "a link shows its words only: {prose}");
    assert!(!prose.contains("javascript:"), "{prose}");
    // the quote holding the markup is still marked and attributed
    let q = one(&doc, "#d1-q1");
    assert_eq!(own_text(q), "“</style><script>alert(1)</script>,”");
    assert_eq!(child_text(one(&doc, "#d1-n1"), ".who").as_deref(), Some("Jane Doe"));
}

/// A report whose every string is hostile, rendered straight from the model.
fn hostile_report() -> DraftReport {
    let text = format!("Lead {HOSTILE} “{HOSTILE}” tail");
    let open = text.find('“').unwrap();
    let close = text.find('”').unwrap() + '”'.len_utf8();
    let inside = text.find("onerror").unwrap();
    let place = |range: std::ops::Range<usize>| Some(Place { block: 0, range, quote: None, whole_quote: false });
    let source = Source {
        name: HOSTILE.into(),
        kind: SpeakerKind::Person,
        quotes: 1,
        words: 3,
        channels: vec![ChannelUse { kind: ChannelKind::Interview, outlet: Some(HOSTILE.into()) }],
        first_mention: FirstMention { text: HOSTILE.into(), span: Default::default(), line: 1, column: 1 },
    };
    DraftReport {
        path: HOSTILE.into(),
        blocks: vec![
            Block { kind: BlockKind::Heading(1), blockquote: None, text: HOSTILE.into(), code_chars: vec![] },
            Block {
                kind: BlockKind::Paragraph,
                blockquote: Some(0),
                text: text.clone().into(),
                code_chars: vec![],
            },
        ],
        quotes: vec![QuoteView {
            number: Some(1),
            kind: QuoteKind::Direct,
            depth: 0,
            parts: vec![(1, open..close)],
            line: 1,
            column: 1,
            speaker: Some(SpeakerView {
                name: HOSTILE.into(),
                written: Some(HOSTILE.into()),
                kind: SpeakerKind::Pronoun,
            }),
            cue: Some(HOSTILE.into()),
            channel: Some(ChannelView { kind: ChannelKind::Relayed, outlet: Some(HOSTILE.into()) }),
            colour: Some(0),
            check: Some(Box::new(Check::Altered {
                location: HOSTILE.into(),
                diff: WordDiff {
                    pieces: vec![
                        Piece::Same(HOSTILE.into()),
                        Piece::Removed(HOSTILE.into()),
                        Piece::Added(HOSTILE.into()),
                    ],
                },
            })),
        }],
        findings: vec![
            Finding {
                severity: Severity::Error,
                code: "QA001",
                rule: "unattributed-quote",
                message: HOSTILE.into(),
                help: Some(HOSTILE.into()),
                notes: vec![format!("{HOSTILE} [-{HOSTILE}-]{{+{HOSTILE}+}}").into()].into(),
                labels: vec![LabelView { line: 1, column: 1, message: HOSTILE.into(), place: None }],
                line: 1,
                column: 1,
                place: Some(Place { block: 1, range: inside..inside + 7, quote: None, whole_quote: false }),
            },
            Finding {
                severity: Severity::Warning,
                code: "QA003",
                rule: "vague-speaker",
                message: HOSTILE.into(),
                help: None,
                notes: Box::new([]),
                labels: vec![LabelView { line: 1, column: 1, message: HOSTILE.into(), place: place(0..4) }],
                line: 1,
                column: 1,
                place: None,
            },
        ],
        sources: vec![SourceRow { source, first_quote: Some(0) }],
        shares: vec![ShareCount { share: Share::Named, quotes: 1 }],
        checked: true,
    }
}

#[test]
fn every_string_of_the_model_is_escaped() {
    let report = hostile_report();
    let html = quotelint::report::html::render(&[report.clone(), report]);
    let doc = Html::parse_document(&html);
    assert_inert(&doc);
    let hostile = collapse(HOSTILE);
    assert_eq!(text(one(&doc, "#d1 > h2")), hostile);
    assert_eq!(text(one(&doc, "#d2 > h2")), hostile);
    assert_eq!(own_text(one(&doc, "#d1-q1")), format!("“{hostile}”"));
    let note = one(&doc, "#d1-n1");
    assert_eq!(child_text(note, ".who"), Some(hostile.clone()));
    assert_eq!(child_text(note, ".cue"), Some(hostile.clone()));
    assert_eq!(child_text(note, ".outlet"), Some(hostile.clone()));
    assert_eq!(one(&doc, "#d1-b1").value().attr("title"), Some(HOSTILE));
    assert_eq!(doc.select(&sel("#d1 .flag2")).next().and_then(|f| f.value().attr("title")), Some(HOSTILE));
    assert_eq!(child_text(one(&doc, "#d1-f1"), ".msg"), Some(hostile.clone()));
    assert_eq!(doc.select(&sel("#d1-f1 del")).map(text).collect::<Vec<_>>(), vec![hostile.clone()]);
    assert_eq!(text(one(&doc, "#d1 .prose h3")), hostile);
    let index: Vec<String> = doc.select(&sel("nav.index tbody th a")).map(text).collect();
    assert_eq!(index, vec![hostile.clone(), hostile]);
}

#[test]
fn several_drafts_make_one_page_with_an_index() {
    let story = std::fs::read_to_string(FIXTURE).unwrap();
    let quiet = "# Budget passed\n\nThe council passed the budget on Tuesday.\n";
    let dir = drafts(&[("a-harbour.md", story.as_bytes()), ("b-budget.md", quiet.as_bytes())]);
    let doc = page(&["report", &dir.path().display().to_string()]);
    let rows: Vec<ElementRef> = doc.select(&sel("nav.index tbody tr")).collect();
    assert_eq!(rows.len(), 2);
    let check = json(&["check", "--format", "json", &dir.path().display().to_string()]);
    for (k, (row, name)) in rows.iter().zip(["a-harbour.md", "b-budget.md"]).enumerate() {
        let id = format!("d{}", k + 1);
        let link = row.select(&sel("a")).next().unwrap();
        assert_eq!(link.value().attr("href"), Some(format!("#{id}").as_str()));
        assert!(text(link).ends_with(name));
        assert!(text(one(&doc, &format!("section#{id} > h2"))).ends_with(name));
        let cells: Vec<String> = row.select(&sel("td")).map(text).collect();
        let count = |sev: &str| {
            check["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["path"].as_str().unwrap().ends_with(name) && d["severity"] == sev)
                .count()
                .to_string()
        };
        assert_eq!(cells[3..], [count("error"), count("warning"), count("info")], "{name}");
        let quotes = doc.select(&sel(&format!("#{id} .prose .q[id]"))).count();
        assert_eq!(cells[0], quotes.to_string());
        assert_eq!(cells[2], doc.select(&sel(&format!("#{id} table.sources tbody tr"))).count().to_string());
    }
    assert_eq!(rows[1].select(&sel("td")).map(text).collect::<Vec<_>>(), ["0", "0", "0", "0", "0", "0"]);
    let totals: Vec<String> = doc.select(&sel("nav.index tfoot td")).map(text).collect();
    assert_eq!(totals, rows[0].select(&sel("td")).map(text).collect::<Vec<_>>(), "the second draft adds nothing");
}

#[test]
fn check_format_html_is_the_report_with_checks_exit_status() {
    let out = quotelint(&["check", "--format", "html", FIXTURE], "");
    assert_eq!(out.code, 1, "errors found: {}", out.stderr);
    let doc = Html::parse_document(&out.stdout);
    assert!(out.stdout.starts_with("<!DOCTYPE html>"));
    assert!(doc.select(&sel(".prose .q[id]")).count() >= 10);
    assert_eq!(quotelint(&["check", "--format", "html", "--exit-zero", FIXTURE], "").code, 0);
    let only =
        Html::parse_document(&quotelint(&["check", "--format", "html", "--select", "QA001", FIXTURE], "").stdout);
    let codes: Vec<String> = only.select(&sel(".finding .fh code")).map(text).collect();
    assert_eq!(codes, ["QA001"], "the rule selection applies");
}

#[test]
fn the_page_goes_to_the_output_file_and_never_over_a_draft() {
    let story = std::fs::read_to_string(FIXTURE).unwrap();
    let dir = drafts(&[("story.md", story.as_bytes())]);
    let draft = path(&dir, "story.md");
    let target = path(&dir, "report.html");
    let out = quotelint(&["report", &draft, "-o", &target], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("report.html"), "{}", out.stderr);
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>") && written.contains("Lena Moreau"));
    assert!(out.stderr.contains(&format!("(1 draft, {} bytes)", written.len())), "{}", out.stderr);
    let nowhere = path(&dir, "no/such/folder/report.html");
    let out = quotelint(&["report", &draft, "-o", &nowhere], "");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("report.html: cannot write the report: "), "{}", out.stderr);
    let out = quotelint(&["report", &draft, "--output", &draft], "");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("is one of the drafts"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), story, "the draft is untouched");
    let missing = path(&dir, "missing.md");
    let out = quotelint(&["report", &draft, &missing], "");
    assert_eq!(out.code, 2, "a draft that cannot be read is an error");
    assert!(out.stderr.contains("missing.md"));
    assert!(Html::parse_document(&out.stdout).select(&sel("#d1-q1")).next().is_some(), "the others are reported");
}

#[test]
fn with_sources_each_quote_shows_what_the_material_says() {
    let files = ["verbatim.md", "changed-word.md", "no-source.md"].map(|f| format!("fixtures/provenance/{f}"));
    let mut args = vec!["report", "--sources", "fixtures/provenance/sources"];
    args.extend(files.iter().map(String::as_str));
    let doc = page(&args);
    // sections are sorted by path: changed-word, no-source, verbatim
    let diff = one(&doc, "#d1-n1 .ck.diff");
    assert!(text(diff).starts_with("≠ differs from fixtures/provenance/sources/"), "{}", text(diff));
    assert!(diff.select(&sel("del")).next().is_some() && diff.select(&sel("ins")).next().is_some());
    assert!(text(one(&doc, "#d2-n1 .ck.miss")).contains("not in the sources"));
    assert!(text(one(&doc, "#d3-n1 .ck.ok")).starts_with("✓ verbatim in fixtures/provenance/sources/"));
    assert!(text(one(&doc, "#d1 .checked")).contains("≠ 1 differ"));
    let plain = page(&["report", &files[0]]);
    assert_eq!(plain.select(&sel(".ck")).count(), 0, "no look-ups without sources");
}

#[test]
fn the_draft_reads_as_prose_without_front_matter_or_code() {
    let doc = page(&["report", FIXTURE]);
    let prose = shown_prose(&doc);
    assert!(!prose.contains("slug"), "front matter is left out: {prose}");
    assert!(!prose.contains("Code is not prose"), "code blocks are left out");
    assert!(prose.contains("Run tide --check \"north\" before sailing"), "inline code shows as written: {prose}");
    assert_eq!(text(one(&doc, "#d1 .prose h3.h1")), "Harbour pilots warn of silting as dredging stalls");
    assert_eq!(text(one(&doc, "#d1 .prose h4.h2")), "What the pilots want");
    assert_eq!(doc.select(&sel("#d1 .prose ul > li")).count(), 2);
    let quoted = one(&doc, "#d1 .prose blockquote");
    assert!(text(quoted).contains("We have asked three times"));
    assert!(quoted.select(&sel(".q[id]")).next().is_some(), "the block quote's quote is marked");
}

#[test]
fn a_quote_over_several_paragraphs_is_marked_in_each() {
    let draft = "“The harbour has waited long enough.\n\n“We start on Monday,” said Mayor Ana Ruiz.\n";
    let dir = drafts(&[("two.md", draft.as_bytes())]);
    let doc = page(&["report", &path(&dir, "two.md")]);
    let parts: Vec<ElementRef> = doc.select(&sel(".prose .q[aria-describedby=\"d1-n1\"]")).collect();
    assert_eq!(parts.len(), 2, "one mark a paragraph");
    assert_eq!(parts[0].value().id(), Some("d1-q1"));
    assert_eq!(parts[1].value().id(), None);
    assert_eq!(own_text(parts[0]), "“The harbour has waited long enough.");
    assert_eq!(own_text(parts[1]), "“We start on Monday,”");
    // one marker, after the last part
    let marker = one(&doc, "a.fn[href=\"#d1-n1\"]");
    assert!(marker.prev_siblings().filter_map(ElementRef::wrap).next().is_some_and(|e| e == parts[1]));
    assert_eq!(child_text(one(&doc, "#d1-n1"), ".who").as_deref(), Some("Ana Ruiz"));
}

/// Pieces of drafts that stress nesting in the page: quotes inside quotes,
/// quotes over paragraphs, unclosed and stray marks, lists, block quotes,
/// headings, code, markup-like text.
const PIECES: &[&str] = &[
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "`",
    "`say “x”`",
    "\n",
    "\n\n",
    "\n\n> ",
    "\n\n- ",
    "\n\n# ",
    "\n\n```\n“code”\n```\n\n",
    " said Ana Ruiz",
    ", she said",
    " according to officials",
    ". ",
    "Mayor Ana Ruiz",
    " told AFP",
    " the harbour",
    "\\<b\\>",
    "&amp;",
    "*",
    "[link](javascript:x)",
    "<!-- quotelint-disable QA001 -->",
];

fn prose_text(r: &DraftReport) -> String {
    let mut all = String::new();
    for b in &r.blocks {
        for (i, c) in b.text.char_indices() {
            let shown = b.code_chars.iter().find(|(at, _)| *at == i).map_or(c, |(_, orig)| *orig);
            all.push(shown);
        }
        all.push(' ');
    }
    collapse(&all)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Whatever the draft, the page keeps every word of the prose exactly once,
    /// in order, adds no markup of the draft's, and shows every finding.
    #[test]
    fn the_page_shows_the_whole_prose_once(picks in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = picks.iter().map(|&i| PIECES[i]).collect();
        let settings = quotelint::settings::Settings::default();
        let analysis = quotelint::analysis::analyze_with(quotelint::source::SourceFile::new("p.md", text.clone()), &settings);
        let mut diagnostics = quotelint::suppression::check(&analysis, &settings);
        quotelint::diagnostic::sort(&mut diagnostics);
        let report = quotelint::report::build(analysis, diagnostics, &[], false);
        let html = quotelint::report::html::render(std::slice::from_ref(&report));
        let doc = Html::parse_document(&html);
        assert_inert(&doc);
        proptest::prop_assert_eq!(shown_prose(&doc), prose_text(&report), "draft {:?}", text);
        proptest::prop_assert_eq!(doc.select(&sel(".finding")).count(), report.findings.len());
        let placed = report.findings.iter().filter(|f| f.place.is_some()).count();
        proptest::prop_assert_eq!(doc.select(&sel(".prose .badge")).count(), placed);
        let numbered = report.quotes.iter().filter(|q| q.number.is_some()).count();
        proptest::prop_assert_eq!(doc.select(&sel(".prose a.fn")).count(), numbered);
        proptest::prop_assert_eq!(doc.select(&sel(".prose .note")).count(), numbered);
    }
}

/// The report of `text` as `check` makes it.
fn built(text: String) -> DraftReport {
    let settings = quotelint::settings::Settings::default();
    let analysis =
        quotelint::analysis::analyze_with(quotelint::source::SourceFile::new("long.md", text), &settings);
    let mut diagnostics = quotelint::suppression::check(&analysis, &settings);
    quotelint::diagnostic::sort(&mut diagnostics);
    quotelint::report::build(analysis, diagnostics, &[], false)
}

#[test]
fn a_long_draft_s_page_is_written_in_pieces_and_a_failed_write_stops_it() {
    // a list of quotes is one container of the page, and each speaker a row
    // of its sources table: both must be handed on as they go
    let text: String = (0..600)
        .map(|k| format!("- “The ferry will run on route {k},” said Ana Berl{k} without saying how.\n"))
        .collect();
    let drafts = [built(text)];
    let whole = quotelint::report::html::render(&drafts);
    let mut pieces: Vec<String> = Vec::new();
    assert!(quotelint::report::html::write_page(&drafts, &mut |piece: &str| {
        pieces.push(piece.to_string());
        true
    }));
    assert_eq!(pieces.concat(), whole);
    let largest = pieces.iter().map(String::len).max().unwrap_or(0);
    assert!(pieces.len() >= whole.len() / (80 << 10), "{} pieces for {} bytes", pieces.len(), whole.len());
    assert!(largest < 80 << 10, "a piece of {largest} bytes");
    let mut calls = 0;
    assert!(!quotelint::report::html::write_page(&drafts, &mut |_: &str| {
        calls += 1;
        false
    }));
    assert_eq!(calls, 1, "nothing is written after a failed write");
}
