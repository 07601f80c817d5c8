//! Drafts in every format newsrooms write them (issue 13): plain text, HTML
//! pages and Word documents read into the same prose as Markdown, walked by
//! the formats a project includes, positions in each file's own terms, and
//! bad files refused with a clear error while the run goes on.

use crate::common;

use common::docx::{self, docx};
use common::{drafts, path, quotelint};
use proptest::prelude::*;
use quotelint::analysis::analyze_with;
use quotelint::formats;
use quotelint::settings::Settings;
use quotelint::source::{InputFormat, SourceFile};
use serde_json::Value;

const STORY: &str = "Ferry fares to rise\n\n\
“We cannot run the boats at a loss,” said Ana Ruiz, the harbour master.\n\n\
She added that the timetable was “too thin for the winter”.\n\n\
“It is unfair,” a passenger said.\n";

/// The story's paragraphs.
fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// An HTML page with one `<p>` a paragraph, menus and scripts around it,
/// some marks written as entities.
fn page(text: &str) -> String {
    let body: String = paragraphs(text)
        .iter()
        .map(|p| format!("  <p>{}</p>\n", docx::escape(p).replace('“', "&ldquo;").replace('—', "&mdash;")))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>“Title”</title>\n\
         <style>p::before {{ content: \"“\"; }}</style></head>\n<body>\n<nav><ul><li>“Home”</li></ul></nav>\n\
         <article>\n{body}</article>\n<aside><p>“Most read,” they said.</p></aside>\n\
         <script>var q = \"“unclosed\";</script>\n<!-- a comment “x” -->\n</body></html>\n"
    )
}

fn word(text: &str) -> Vec<u8> {
    // split each paragraph into runs at its commas, as Word splits runs
    let runs: Vec<String> = paragraphs(text).iter().map(|p| p.replace(", ", ",| ")).collect();
    docx(&runs.iter().map(String::as_str).collect::<Vec<_>>())
}

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// (path, code, message) of each finding of `check --format json`, paths reduced to their stem.
fn findings(out: &str) -> Vec<(String, String, String)> {
    let v = json(out);
    let mut found: Vec<(String, String, String)> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap_or_default();
            let ext = path.rsplit('.').next().unwrap_or_default().to_string();
            (ext, d["code"].as_str().unwrap_or_default().into(), d["message"].as_str().unwrap_or_default().into())
        })
        .collect();
    found.sort();
    found
}

/// A quote's text, kind, and speaker (name, else mention).
type QuoteRow = (String, String, String);

/// Per format: every quote's (text, kind, speaker name or mention).
fn quotes_by_format(out: &str) -> Vec<(String, Vec<QuoteRow>)> {
    let v = json(out);
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap_or_default();
            let ext = path.rsplit('.').next().unwrap_or_default().to_string();
            let quotes = f["quotes"]
                .as_array()
                .expect("quotes")
                .iter()
                .map(|q| {
                    let speaker = &q["speaker"];
                    let who = speaker["name"].as_str().or(speaker["mention"].as_str()).unwrap_or("-");
                    (q["text"].as_str().unwrap_or_default().into(), q["kind"].to_string(), who.to_string())
                })
                .collect();
            (ext, quotes)
        })
        .collect()
}

/// The text at a finding's start, read in its file's own terms: line and
/// column of the Markdown, text and HTML files (entities decoded), paragraph
/// and character of the Word document.
fn text_at(story: &str, html: &str, ext: &str, line: usize, column: usize) -> String {
    let line_text = match ext {
        "docx" => paragraphs(story).get(line - 1).copied(),
        "html" => html.lines().nth(line - 1),
        _ => story.lines().nth(line - 1),
    };
    let rest: String = line_text.unwrap_or_default().chars().skip(column - 1).collect();
    match ext {
        "html" => rest
            .replace("&ldquo;", "“")
            .replace("&mdash;", "—")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
        _ => rest,
    }
}

/// A finding's code, message, and the text at its start.
type Located = (String, String, String);

/// Each finding of `check --format json`, located, by format.
fn located(out: &str, story: &str, html: &str) -> Vec<(String, Vec<Located>)> {
    let v = json(out);
    let mut by_format: Vec<(String, Vec<Located>)> = Vec::new();
    for d in v["diagnostics"].as_array().expect("diagnostics") {
        let ext = d["path"].as_str().unwrap_or_default().rsplit('.').next().unwrap_or_default().to_string();
        let at = |key: &str| d["start"][key].as_u64().unwrap_or(0) as usize;
        let text = text_at(story, html, &ext, at("line"), at("column"));
        let finding = (
            d["code"].as_str().unwrap_or_default().into(),
            d["message"].as_str().unwrap_or_default().into(),
            text,
        );
        match by_format.iter_mut().find(|(f, _)| *f == ext) {
            Some((_, found)) => found.push(finding),
            None => by_format.push((ext, vec![finding])),
        }
    }
    for (_, found) in &mut by_format {
        found.sort();
    }
    by_format
}

/// The same story as Markdown, text, HTML and Word: the same quotes,
/// speakers and findings from each, each finding at the same words of its
/// own file.
fn same_in_every_format(story: &str) {
    let html = page(story);
    let docx = word(story);
    let dir = drafts(&[
        ("quotelint.toml", b"include = [\"md\", \"txt\", \"html\", \"docx\"]\n"),
        ("story.md", story.as_bytes()),
        ("story.txt", story.as_bytes()),
        ("story.html", html.as_bytes()),
        ("story.docx", &docx),
    ]);
    let root = dir.path().display().to_string();
    let quotes = quotelint(&["quotes", "--format", "json", &root], "");
    assert_eq!(quotes.code, 0, "{}", quotes.stderr);
    let by_format = quotes_by_format(&quotes.stdout);
    let formats: Vec<&str> = by_format.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(formats, ["docx", "html", "md", "txt"]);
    let markdown = &by_format[2].1;
    assert!(!markdown.is_empty());
    for (format, quotes) in &by_format {
        assert_eq!(quotes, markdown, "{format} differs from Markdown");
    }
    let check = quotelint(&["check", "--format", "json", &root], "");
    assert!(check.code <= 1, "{}", check.stderr);
    let found = findings(&check.stdout);
    let of = |ext: &str| -> Vec<(String, String)> {
        found.iter().filter(|f| f.0 == ext).map(|f| (f.1.clone(), f.2.clone())).collect()
    };
    for ext in ["txt", "html", "docx"] {
        assert_eq!(of(ext), of("md"), "{ext}'s findings differ from Markdown's");
    }
    let by_format = located(&check.stdout, story, &html);
    let markdown = &by_format.iter().find(|(f, _)| f == "md").expect("Markdown findings").1;
    for (format, found) in &by_format {
        assert_eq!(found.len(), markdown.len(), "{format}");
        for (finding, md) in found.iter().zip(markdown) {
            // the Markdown line runs on where the other file's paragraph ends
            let words: String = md.2.chars().take(12).collect();
            assert!(
                finding.0 == md.0 && finding.2.starts_with(words.trim_end()),
                "{format}: {finding:?} is not where Markdown's {md:?} is"
            );
        }
    }
}

#[test]
fn a_story_reads_the_same_in_every_format() {
    same_in_every_format(STORY);
}

/// The seed story, read from ../shared at test time (its text is never
/// copied into the project), as Markdown, text, HTML and Word.
#[test]
fn the_seed_story_reads_the_same_in_every_format() {
    let seed =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/examples/north-korean-missiles.txt");
    let Ok(story) = std::fs::read_to_string(&seed) else {
        eprintln!("skipped: {} is not here", seed.display());
        return;
    };
    same_in_every_format(&story);
}

#[test]
fn walking_reads_markdown_and_text_unless_the_project_includes_more() {
    let dir = drafts(&[
        ("a.md", "“Hi,” she said.\n".as_bytes()),
        ("b.txt", "“Hi,” he said.\n".as_bytes()),
        ("c.html", "<p>“Hi,” they said.</p>".as_bytes()),
        ("d.docx", &docx(&["“Hi,” it said."])),
        ("notes.csv", b"\"x\",\"y\"\n"),
    ]);
    let root = dir.path().display().to_string();
    let paths = |out: &str| -> Vec<String> {
        json(out)["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().rsplit('/').next().unwrap().to_string())
            .collect()
    };
    let out = quotelint(&["quotes", "--format", "json", &root], "");
    assert_eq!(paths(&out.stdout), ["a.md", "b.txt"]);
    std::fs::write(dir.path().join("quotelint.toml"), "include = [\"html\", \"docx\"]\n").unwrap();
    let out = quotelint(&["quotes", "--format", "json", &root], "");
    assert_eq!(paths(&out.stdout), ["c.html", "d.docx"]);
    // a file named on the command line is read whatever the project includes
    let out = quotelint(&["quotes", "--format", "json", &path(&dir, "a.md"), &path(&dir, "b.txt")], "");
    assert_eq!(paths(&out.stdout), ["a.md", "b.txt"]);
    // nothing to read is said, with the formats that were looked for
    let empty = drafts(&[("x.csv", b"a,b\n")]);
    let out = quotelint(&["check", &empty.path().display().to_string()], "");
    assert!(
        out.stderr.contains("no drafts found under the given paths (read when walking: md, txt;"),
        "{}",
        out.stderr
    );
}

#[test]
fn input_format_overrides_the_extension_and_reads_stdin() {
    // as Markdown, `*` is emphasis and `#` a heading; as text they are the writer's
    let draft = "Intro.\n\n# “We will not give in,” she said.\n";
    let out = quotelint(&["quotes", "--format", "json", "--input-format", "text", "-"], draft);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = json(&out.stdout);
    assert_eq!(v["files"][0]["quotes"][0]["line"], 3);
    assert_eq!(v["files"][0]["quotes"][0]["column"], 3);
    assert_eq!(v["files"][0]["quotes"][0]["kind"], "direct");
    let dir = drafts(&[("story.md", b"<p>\xe2\x80\x9cHi,\xe2\x80\x9d she said.</p>")]);
    let out = quotelint(&["quotes", "--input-format", "html", &path(&dir, "story.md")], "");
    assert!(out.stdout.contains("story.md:1:4"), "{}", out.stdout);
    let out = quotelint(&["quotes", "--input-format", "pdf", "-"], "");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown format `pdf` (use md, txt, html or docx)"), "{}", out.stderr);
    // `--stdin-filename` names the format too
    let out = quotelint(&["quotes", "--stdin-filename", "wire.txt", "-"], draft);
    assert!(out.stdout.contains("wire.txt:3:3"), "{}", out.stdout);
}

#[test]
fn a_word_document_reports_paragraph_and_character() {
    let doc = docx(&["Harbour", "", "“We cannot run the boats at a loss,” |she said. “Again"]);
    let dir = drafts(&[("story.docx", &doc)]);
    let file = path(&dir, "story.docx");
    let concise = quotelint(&["check", "--format", "concise", &file], "");
    assert!(concise.stdout.contains("story.docx:¶3:48: error[QF001]"), "{}", concise.stdout);
    let full = quotelint(&["check", "--color", "never", &file], "");
    assert!(full.stdout.contains("story.docx:¶3:48"), "{}", full.stdout);
    // the snippet is the extracted paragraph
    assert!(full.stdout.contains("3 │ “We cannot run the boats at a loss,” she said. “Again"), "{}", full.stdout);
    let table = quotelint(&["quotes", &file], "");
    assert!(table.stdout.contains("story.docx:¶3:1"), "{}", table.stdout);
    let v = json(&quotelint(&["quotes", "--format", "json", &file], "").stdout);
    assert_eq!(v["files"][0]["positions"], "paragraphs");
    assert_eq!(v["files"][0]["quotes"][0]["line"], 3);
    let v = json(&quotelint(&["check", "--format", "json", &file], "").stdout);
    let qf001 = v["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "QF001").unwrap().clone();
    assert_eq!((qf001["start"]["line"].clone(), qf001["start"]["column"].clone()), (3.into(), 48.into()));
    assert_eq!(qf001["positions"], "paragraphs");
    let github = quotelint(&["check", "--format", "github", &file], "");
    assert!(github.stdout.contains("line=3,col=48"), "{}", github.stdout);
    assert!(github.stdout.contains("at ¶3%3A48"), "{}", github.stdout);
    // Markdown keeps its lines: no paragraph marker
    let md = drafts(&[("a.md", "“Open\n".as_bytes())]);
    let v = json(&quotelint(&["check", "--format", "json", &path(&md, "a.md")], "").stdout);
    assert!(v["diagnostics"][0].get("positions").is_none());
}

#[test]
fn tracked_changes_footnotes_and_comments_are_read_as_word_shows_them() {
    let body = concat!(
        "<w:p><w:r><w:t xml:space=\"preserve\">“We </w:t></w:r>",
        "<w:del w:id=\"1\"><w:r><w:delText>never </w:delText></w:r></w:del>",
        "<w:ins w:id=\"2\"><w:r><w:t>will</w:t></w:r></w:ins>",
        "<w:r><w:t xml:space=\"preserve\"> win,” said Ana Ruiz.</w:t></w:r>",
        "<w:commentRangeStart w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>",
        "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>",
    );
    let doc = docx::package_with(&[
        ("word/document.xml", &docx::document_xml(body)),
        (
            "word/footnotes.xml",
            "<w:footnotes><w:footnote><w:p><w:r><w:t>“Unattributed.”</w:t></w:r></w:p></w:footnote></w:footnotes>",
        ),
        (
            "word/comments.xml",
            "<w:comments><w:comment><w:p><w:r><w:t>“Check this”</w:t></w:r></w:p></w:comment></w:comments>",
        ),
    ]);
    let dir = drafts(&[("story.docx", &doc)]);
    let out = quotelint(&["quotes", "--format", "json", &path(&dir, "story.docx")], "");
    let v = json(&out.stdout);
    let quotes = v["files"][0]["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{}", out.stdout);
    assert_eq!(quotes[0]["text"], "We will win,");
    assert_eq!(quotes[0]["speaker"]["name"], "Ana Ruiz");
}

/// A `.docx` whose document part inflates far past the limit: refused by its
/// declared size, and by what inflating actually gives when that lies.
fn zip_bomb() -> Vec<u8> {
    let filler = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "a".repeat(1 << 20));
    let body = filler.repeat(100); // 100 MB of XML, deflated to about 100 KB
    docx::package(&docx::document_xml(&body))
}

#[test]
fn bad_files_are_clear_errors_and_the_run_goes_on() {
    let good = docx(&["“Fine,” said Ana Ruiz."]);
    let truncated = &good[..good.len() / 2];
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend_from_slice(&[0; 1024]);
    let bomb = zip_bomb();
    assert!(bomb.len() < 1 << 20, "the bomb is small on disk: {} bytes", bomb.len());
    let no_document = docx::package_with(&[("word/styles.xml", "<w:styles/>")]);
    let dir = drafts(&[
        ("a-good.docx", &good),
        ("b-truncated.docx", truncated),
        ("c-encrypted.docx", &encrypted),
        ("d-bomb.docx", &bomb),
        ("e-not-word.docx", &no_document),
        ("f-text.docx", b"just text"),
        ("g-bad.html", b"<meta charset=\"utf-8\">\n<p>\x93Hi\x94</p>"),
        ("quotelint.toml", b"include = [\"docx\", \"html\"]\n"),
    ]);
    let out = quotelint(
        &["check", "--format", "concise", "--max-file-size", "4M", &dir.path().display().to_string()],
        "",
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    let err = &out.stderr;
    assert!(err.contains("b-truncated.docx: is not a Word document: not a readable zip archive"), "{err}");
    assert!(err.contains("c-encrypted.docx: is password-protected (encrypted)"), "{err}");
    assert!(
        err.contains(
            "d-bomb.docx: word/document.xml would inflate to 100.0 MB, over the 32 MB limit (a zip bomb?)"
        ),
        "{err}"
    );
    assert!(
        err.contains("e-not-word.docx: is not a Word document: the archive has no word/document.xml"),
        "{err}"
    );
    assert!(err.contains("f-text.docx: is not a Word document"), "{err}");
    assert!(err.contains("g-bad.html:2:4: not valid UTF-8, as its `<meta charset=\"utf-8\">` declares"), "{err}");
    assert!(err.contains("6 files were not checked"), "{err}");
    // the good file was checked all the same
    assert!(err.contains("in 1 file"), "{err}");
}

#[test]
fn html_with_unclosed_tags_and_mixed_encodings_still_reads() {
    let unclosed = "<html><body><div><p>“We will rebuild,” said Ana Ruiz.\n<p>“Soon <b>enough,” she added.\n<li>Not closed either";
    let mut latin = b"<meta charset=\"windows-1252\">\n<meta charset=\"utf-8\">\n<p>".to_vec();
    latin.extend_from_slice(b"\x93Trop tard,\x94 said Ana Ruiz.</p>\n");
    let mislabelled = "<meta charset=\"iso-8859-1\">\n<p>“It works,” said Ana Ruiz.</p>\n";
    let dir = drafts(&[("a.html", unclosed.as_bytes()), ("b.html", &latin), ("c.html", mislabelled.as_bytes())]);
    let files = [path(&dir, "a.html"), path(&dir, "b.html"), path(&dir, "c.html")];
    let mut args = vec!["quotes", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let out = quotelint(&args, "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("b.html:1: declares the encoding `windows-1252` here and `utf-8` at line 2"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("c.html:2:4: the page declares `iso-8859-1` but is written in UTF-8"),
        "{}",
        out.stderr
    );
    let v = json(&out.stdout);
    let texts = |i: usize| -> Vec<String> {
        v["files"][i]["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(texts(0), ["We will rebuild,", "Soon enough,"]);
    assert_eq!(v["files"][0]["quotes"][1]["speaker"]["name"], "Ana Ruiz");
    assert_eq!(texts(1), ["Trop tard,"]);
    // decoded from windows-1252: the column is the file's character, line 3
    assert_eq!(
        (v["files"][1]["quotes"][0]["line"].clone(), v["files"][1]["quotes"][0]["column"].clone()),
        (3.into(), 4.into())
    );
    assert_eq!(texts(2), ["It works,"]);
}

/// Pieces of wire copy, quotes, marks and markup for generated drafts.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "“",
        "”",
        "\"",
        "«",
        "»",
        "‘",
        "’",
        "said",
        "Ana Ruiz",
        "she",
        "told",
        "AFP",
        ".",
        ",",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "é",
        "—",
        "&amp;",
        "<",
        ">",
        "&",
        "<p>",
        "</p>",
        "<q>",
        "</q>",
        "<br>",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "|",
        "\u{a0}",
        "\t",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every position reported for a draft in any format (quotes,
    /// speakers, findings) is inside its file, on a character boundary, at
    /// a line (paragraph) and column that exist.
    #[test]
    fn every_reported_position_maps_inside_the_file(pieces in prop::collection::vec(piece(), 0..80)) {
        let text: String = pieces.concat();
        let settings = Settings::default();
        for format in InputFormat::ALL {
            let (name, bytes) = match format {
                InputFormat::Docx => ("d.docx", docx(&text.split("\n\n").collect::<Vec<_>>())),
                f => (match f { InputFormat::Markdown => "d.md", InputFormat::Text => "d.txt", _ => "d.html" }, text.clone().into_bytes()),
            };
            let loaded = formats::load(name.into(), bytes, format, 1 << 24);
            let Ok(loaded) = loaded else { continue };
            let a = analyze_with(loaded.file, &settings);
            let diagnostics = quotelint::suppression::check(&a, &settings);
            let file: &SourceFile = &a.file;
            let mut spans: Vec<quotelint::span::Span> = a.scan.quotes.iter().map(|q| q.span()).collect();
            spans.extend(a.attributions.iter().filter_map(|x| x.speaker.as_ref()).map(|s| s.span()));
            spans.extend(diagnostics.iter().map(|d| d.span));
            for span in spans {
                prop_assert!(span.start <= span.end && span.end <= file.text.len(), "{format:?} {span:?} in {} bytes", file.text.len());
                prop_assert!(file.text.is_char_boundary(span.start) && file.text.is_char_boundary(span.end), "{format:?} {span:?}");
                let at = file.lines.line_col(&file.text, span.start);
                prop_assert!(at.line <= file.lines.line_count());
                let line = file.lines.line_range(&file.text, at.line - 1);
                prop_assert!(at.column <= file.text[line].chars().count() + 1);
            }
        }
    }
}
