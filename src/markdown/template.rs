//! Template syntax of static-site generators, masked before the Markdown is
//! parsed: Liquid (Jekyll) and Nunjucks (Eleventy) tags `{% … %}`, output
//! `{{ … }}` and comments `{# … #}`, Hugo shortcodes `{{< … >}}` and
//! `{{% … %}}`, and in `.mdx` files ESM `import`/`export` blocks and `{…}`
//! expressions. None of it is prose: a tag's quoted arguments (image paths,
//! alt text, captions) are not quotations.
//!
//! Masking replaces each masked character with a blank of the same UTF-8
//! length and keeps line breaks, so every byte offset, and every character
//! boundary, is the same in the masked text as in the file. A tag that holds
//! nothing but blanks on its line becomes a blank line, as it does once the
//! site is built; blanks that would indent the text after them are form
//! feeds, which Markdown does not count as indentation.
//!
//! A newsroom may list names (`prose-tags` in `quotelint.toml`) whose
//! arguments are prose: a tag so named (`{% pullquote "…" %}`), or an
//! argument so named (`caption="…"`), keeps its quoted text.

use std::ops::Range;

/// What to mask in one file.
#[derive(Debug, Clone, Copy, Default)]
pub struct TemplateOptions<'a> {
    /// The file is MDX: mask ESM blocks and `{…}` expressions too.
    pub mdx: bool,
    /// Tag or argument names whose quoted arguments are prose.
    pub prose_names: &'a [String],
}

/// How far a tag may run before its opener is taken for plain text.
const MAX_TAG: usize = 8 * 1024;

/// Tags whose content up to their end tag is not prose either.
const OPAQUE_BLOCKS: &[&str] = &["comment", "raw", "verbatim", "highlight", "codeblock"];

/// The text with template syntax masked, or `None` when there is none.
/// Only bytes from `from` on are looked at (front matter comes before).
pub fn mask(text: &str, from: usize, opts: TemplateOptions<'_>) -> Option<String> {
    let regions = find(text, from, opts);
    if regions.is_empty() {
        return None;
    }
    Some(apply(text, &regions))
}

/// A masked stretch, less the stretches inside it that stay prose.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Region {
    range: Range<usize>,
    keep: Vec<Range<usize>>,
}

fn find(text: &str, from: usize, opts: TemplateOptions<'_>) -> Vec<Region> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    let mut fence: Option<u8> = None;
    let mut line_start = true;
    let mut misses = Misses::default();
    while i < bytes.len() {
        let b = bytes[i];
        if line_start {
            if let Some(next) = line_opening(text, i, opts, &mut fence, &mut out) {
                i = next;
                continue;
            }
        }
        line_start = b == b'\n' || b == b'\r';
        if b == b'{' && fence.is_none() {
            if let Some(region) = template_at(text, i, opts, &mut misses) {
                i = region.range.end;
                out.push(region);
                continue;
            }
        }
        i += 1;
        if !line_start {
            // only a line break or a brace can start anything: jump to the next
            i = bytes
                .get(i..)
                .and_then(|rest| memchr::memchr3(b'\n', b'\r', b'{', rest))
                .map_or(bytes.len(), |k| i + k);
        }
    }
    out
}

/// At the start of a line: tracks code fences (MDX expressions do not run
/// inside them) and masks MDX `import`/`export` blocks, which run to the
/// next blank line. Returns where to go on when it consumed the line.
fn line_opening(
    text: &str,
    at: usize,
    opts: TemplateOptions<'_>,
    fence: &mut Option<u8>,
    out: &mut Vec<Region>,
) -> Option<usize> {
    let rest = text.get(at..)?;
    let trimmed = rest.trim_start_matches(' ');
    let indent = rest.len() - trimmed.len();
    if indent <= 3 {
        for marker in [b'`', b'~'] {
            if trimmed.as_bytes().starts_with(&[marker; 3]) {
                *fence = match *fence {
                    None => Some(marker),
                    Some(m) if m == marker => None,
                    other => other,
                };
                return Some(at + line_len(rest));
            }
        }
    }
    if !opts.mdx || fence.is_some() || indent > 0 {
        return None;
    }
    if !(rest.starts_with("import ") || rest.starts_with("export ")) {
        return None;
    }
    let end = at + paragraph_len(rest);
    out.push(Region { range: at..end, keep: Vec::new() });
    Some(end)
}

fn line_len(s: &str) -> usize {
    s.find('\n').map_or(s.len(), |i| i + 1)
}

/// Bytes up to the first blank line (or the end).
fn paragraph_len(s: &str) -> usize {
    let mut len = 0;
    for line in s.split_inclusive('\n') {
        if len > 0 && line.trim().is_empty() {
            break;
        }
        len += line.len();
    }
    len
}

/// The template construct opening at `at` (a `{`), if it closes.
fn template_at(text: &str, at: usize, opts: TemplateOptions<'_>, misses: &mut Misses) -> Option<Region> {
    let rest = text.get(at..)?;
    let (close, kind) = if rest.starts_with("{{<") {
        (">}}", Kind::Shortcode)
    } else if rest.starts_with("{{%") {
        ("%}}", Kind::Shortcode)
    } else if rest.starts_with("{{") {
        ("}}", Kind::Output)
    } else if rest.starts_with("{%") {
        ("%}", Kind::Tag)
    } else if rest.starts_with("{#") {
        ("#}", Kind::Comment)
    } else if opts.mdx {
        let end = at + expression_len(rest)?;
        return Some(Region { range: at..end, keep: Vec::new() });
    } else {
        return None;
    };
    let open_len = if kind == Kind::Shortcode { 3 } else { 2 };
    let body_len = misses.closing(text, at, open_len, close)? - at;
    let end = at + body_len + close.len();
    let body = text.get(at + open_len..at + body_len)?;
    let name = tag_name(body);
    let mut region =
        Region { range: at..end, keep: prose_arguments(body, at + open_len, &name, opts.prose_names) };
    if matches!(kind, Kind::Tag | Kind::Shortcode) && OPAQUE_BLOCKS.contains(&name.as_str()) {
        if let Some(block_end) = end_tag(text, end, &name, kind) {
            region = Region { range: at..block_end, keep: Vec::new() };
        }
    }
    Some(region)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Tag,
    Output,
    Comment,
    Shortcode,
}

/// What the last failed search for each kind of closer read: from `clean`
/// to `end` it read every byte outside quoted strings and found no closer,
/// and at `end` it met a blank line (`blank`) or its `MAX_TAG` limit. A
/// search starting in there reads the same from its start on, so it goes on
/// from `end`: a line of thousands of unclosed `{{` read 8 KB for each.
#[derive(Default)]
struct Misses {
    last: Vec<Miss>,
}

#[derive(Clone, Copy)]
struct Miss {
    close: &'static str,
    clean: usize,
    end: usize,
    blank: bool,
}

impl Misses {
    /// Offset in `text` of the closer of the opener at `at`, its body from
    /// `at + from`, skipping quoted strings; none if a blank line or
    /// `MAX_TAG` bytes come first.
    fn closing(&mut self, text: &str, at: usize, from: usize, close: &'static str) -> Option<usize> {
        let limit = text.len().min(at + MAX_TAG);
        let start = at + from;
        let known = self.last.iter().position(|m| m.close == close);
        let mut scan = Scan { i: start, quote: None, clean: start };
        match known.and_then(|k| self.last.get(k)).filter(|m| (m.clean..=m.end).contains(&start) && m.end <= limit)
        {
            Some(m) if m.blank => return None,
            Some(m) => scan = Scan { i: m.end, quote: None, clean: m.clean },
            None => {}
        }
        let found = scan.run(text, limit, close);
        if found.is_none() {
            let miss = Miss { close, clean: scan.clean, end: scan.i, blank: scan.i < limit };
            match known.and_then(|k| self.last.get_mut(k)) {
                Some(m) => *m = miss,
                None => self.last.push(miss),
            }
        }
        found
    }
}

/// A search for a closer under way: the next byte to read, the quoted
/// string it is in, and where the stretch read outside strings began.
struct Scan {
    i: usize,
    quote: Option<u8>,
    clean: usize,
}

impl Scan {
    /// Reads on to the closer (its offset), or up to a blank line (left at
    /// its line break) or `limit`.
    fn run(&mut self, text: &str, limit: usize, close: &str) -> Option<usize> {
        let bytes = text.as_bytes();
        while let Some(&b) = bytes.get(self.i).filter(|_| self.i < limit) {
            match self.quote {
                Some(q) if b == q => self.quote = None,
                Some(_) if b == b'\\' => self.i += 1,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => self.quote = Some(b),
                None if bytes.get(self.i..).is_some_and(|r| r.starts_with(close.as_bytes())) => {
                    return Some(self.i)
                }
                None => {}
            }
            if b == b'\n' && blank_line_follows(text, self.i + 1) {
                return None;
            }
            self.i += 1;
            if self.quote.is_some() {
                self.clean = self.i + 1;
            }
        }
        None
    }
}

fn blank_line_follows(s: &str, at: usize) -> bool {
    let rest = s.get(at..).unwrap_or_default();
    let line = rest.split('\n').next().unwrap_or_default();
    line.trim().is_empty()
}

/// The first word of a tag's body: `{% include x %}` → `include`,
/// `{{< /highlight >}}` → `/highlight`, lower-cased.
fn tag_name(body: &str) -> String {
    let body = body.trim_start_matches(['-', '~', '*', ' ', '\t', '\n', '\r']);
    let slash = body.starts_with('/');
    let word: String = body
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect();
    let word = word.to_lowercase();
    if slash {
        format!("/{word}")
    } else {
        word
    }
}

/// The end of the block an opaque tag opens: past its `{% endNAME %}` (or
/// Hugo's `{{< /NAME >}}`).
fn end_tag(text: &str, from: usize, name: &str, kind: Kind) -> Option<usize> {
    let rest = text.get(from..)?;
    let mut search = 0;
    while let Some(pos) = rest.get(search..)?.find('{') {
        let at = search + pos;
        let tail = rest.get(at..)?;
        let (open, close, want) = match kind {
            Kind::Shortcode if tail.starts_with("{{<") => (3, ">}}", format!("/{name}")),
            Kind::Shortcode if tail.starts_with("{{%") => (3, "%}}", format!("/{name}")),
            Kind::Tag if tail.starts_with("{%") => (2, "%}", format!("end{name}")),
            _ => {
                search = at + 1;
                continue;
            }
        };
        if let Some(c) = tail.find(close) {
            if tail.get(open..c).is_some_and(|body| tag_name(body) == want) {
                return Some(from + at + c + close.len());
            }
        }
        search = at + 1;
    }
    None
}

/// Normalised for comparison: lower case, no `-` or `_`.
fn normal(name: &str) -> String {
    name.chars().filter(|c| !matches!(c, '-' | '_')).flat_map(char::to_lowercase).collect()
}

fn listed(name: &str, names: &[String]) -> bool {
    !name.is_empty() && names.iter().any(|n| same_name(n, name))
}

/// Names compare without case, `-` or `_`: `pull-quote` is `pullQuote`.
pub(super) fn same_name(a: &str, b: &str) -> bool {
    normal(a) == normal(b)
}

/// Quoted arguments that stay prose: all of a listed tag's, and each one
/// given to a listed argument name (`caption="…"`, `caption: "…"`).
fn prose_arguments(body: &str, base: usize, name: &str, names: &[String]) -> Vec<Range<usize>> {
    if names.is_empty() {
        return Vec::new();
    }
    let whole_tag = listed(name, names);
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let q = bytes[i];
        if q != b'"' && q != b'\'' {
            i += 1;
            continue;
        }
        let Some(len) = body.get(i + 1..).and_then(|r| r.find(q as char)) else { break };
        let key = argument_key(body.get(..i).unwrap_or_default());
        if whole_tag || listed(key, names) {
            out.push(base + i + 1..base + i + 1 + len);
        }
        i += len + 2;
    }
    out
}

/// `caption=` or `caption:` just before a value: `caption`.
fn argument_key(before: &str) -> &str {
    let before = before.trim_end();
    let Some(before) = before.strip_suffix('=').or_else(|| before.strip_suffix(':')) else { return "" };
    let before = before.trim_end();
    let start = before.rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-'))).map_or(0, |i| i + 1);
    before.get(start..).unwrap_or_default()
}

/// Length of a balanced MDX expression `{…}` at the start of `s`, skipping
/// JavaScript strings and comments; none if it does not close before a
/// blank line or `MAX_TAG` bytes.
fn expression_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len().min(MAX_TAG) {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            q @ (b'"' | b'\'' | b'`') => {
                let close = s.get(i + 1..)?.find(q as char)?;
                i += close + 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => i += s.get(i..)?.find("*/")? + 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => i += line_len(s.get(i..)?).saturating_sub(1),
            b'\n' if blank_line_follows(s, i + 1) => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// Replaces the regions' characters with blanks of the same length.
fn apply(text: &str, regions: &[Region]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for region in regions {
        let (start, end) = (region.range.start.max(done), region.range.end.min(text.len()));
        if start >= end {
            continue;
        }
        out.push_str(text.get(done..start).unwrap_or_default());
        let mut at = start;
        for keep in region.keep.iter().chain(std::iter::once(&(end..end))) {
            let keep_start = keep.start.clamp(at, end);
            blank_out(text, at..keep_start, &mut out);
            let keep_end = keep.end.clamp(keep_start, end);
            out.push_str(text.get(keep_start..keep_end).unwrap_or_default());
            at = keep_end;
        }
        done = end;
    }
    out.push_str(text.get(done..).unwrap_or_default());
    out
}

/// Blanks for `text[range]`: spaces, except that leading blanks of a line
/// whose own text follows are form feeds (not indentation).
fn blank_out(text: &str, range: Range<usize>, out: &mut String) {
    let Some(slice) = text.get(range.clone()) else { return };
    let mut at = range.start;
    for piece in slice.split_inclusive('\n') {
        // (read outwards from the tag to the first character not a blank: a
        // long line of many tags was read to its ends once a tag)
        let leading =
            text.get(..at).is_some_and(|t| t.chars().rev().take_while(|&c| c != '\n').all(char::is_whitespace));
        let rest_of_line = || text.get(range.end..).unwrap_or_default().chars().take_while(|&c| c != '\n');
        let indents = leading && !piece.ends_with('\n') && !rest_of_line().all(char::is_whitespace);
        for c in piece.chars() {
            out.push(match c {
                '\n' | '\r' => c,
                _ if indents && c.is_ascii() => '\u{c}',
                _ => blank(c.len_utf8()),
            });
        }
        at += piece.len();
    }
}

/// A blank character `len` bytes long.
pub(super) fn blank(len: usize) -> char {
    match len {
        1 => ' ',
        2 => '\u{a0}',
        3 => '\u{2002}',
        // no whitespace character takes four bytes; a tag space is invisible
        _ => '\u{e0020}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> String {
        mask(text, 0, TemplateOptions::default()).unwrap_or_else(|| text.to_string())
    }

    fn mdx(text: &str) -> String {
        mask(text, 0, TemplateOptions { mdx: true, prose_names: &[] }).unwrap_or_else(|| text.to_string())
    }

    fn visible(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn liquid_and_hugo_arguments_are_not_prose() {
        let src = "A {% image \"p.jpg\" \"A reporter at her desk\" %} and {{ \"/x/\" | url }} and {{< figure caption=\"“Hi,” she said\" >}} end.";
        assert_eq!(visible(&masked(src)), "A and and end.");
        assert_eq!(masked(src).len(), src.len());
    }

    #[test]
    fn listed_names_keep_their_arguments() {
        let names = vec!["caption".to_string(), "pull-quote".to_string()];
        let opts = TemplateOptions { mdx: false, prose_names: &names };
        let src = "{{< figure src=\"x.jpg\" caption=\"The dock at dawn\" >}}\n\n{% pullquote \"We stay.\" %}";
        let got = mask(src, 0, opts).unwrap_or_default();
        assert_eq!(visible(&got), "The dock at dawn We stay.");
    }

    #[test]
    fn opaque_blocks_are_masked_to_their_end_tag() {
        let src = "a\n{% comment %}\n\"Not\" prose.\n{% endcomment %}\nb {% raw %}{{ x }}{% endraw %} c";
        assert_eq!(visible(&masked(src)), "a b c");
    }

    #[test]
    fn unclosed_openers_and_plain_braces_stay() {
        for src in ["Use {{ carefully.\n\nNext.", "A {% tag\n\nnever closes %}", "Set {x} here", "{ \"a\" }"] {
            assert_eq!(masked(src), src);
        }
    }

    #[test]
    fn a_tag_alone_on_its_line_leaves_a_blank_line_and_no_indent() {
        let src = "Para one.\n{% if x %}\nPara two.\n\n{% if y %}    “Quote,” she said.";
        let got = masked(src);
        assert!(got.contains("\n          \n"));
        assert!(got.ends_with("\u{c}\u{c}\u{c}\u{c}\u{c}\u{c}\u{c}\u{c}\u{c}\u{c}    “Quote,” she said."));
    }

    #[test]
    fn mdx_expressions_and_esm_are_masked() {
        let src = "import X from \"y\";\nexport const a = { b: \"c\" };\n\nIn {props.month ?? \"August\"}, \"Yes,\" she said.\n\n```js\nlet x = {\n```\n";
        let got = mdx(src);
        assert!(!got.contains("August") && !got.contains("import") && !got.contains("\"c\""));
        assert!(got.contains("\"Yes,\" she said."));
        assert!(got.contains("let x = {"));
        // in plain Markdown, braces are text
        assert!(masked(src).contains("August"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        /// Masking never moves an offset: same length, same character
        /// boundaries, and every byte it keeps is the file's.
        #[test]
        fn masking_never_moves_an_offset(
            pieces in proptest::collection::vec(proptest::sample::select(&PIECES[..]), 0..40),
            mdx in proptest::bool::ANY,
        ) {
            let src = pieces.concat();
            let names = vec!["caption".to_string()];
            let got = mask(&src, 0, TemplateOptions { mdx, prose_names: &names }).unwrap_or_else(|| src.clone());
            proptest::prop_assert_eq!(got.len(), src.len());
            for i in 0..=src.len() {
                proptest::prop_assert_eq!(got.is_char_boundary(i), src.is_char_boundary(i));
            }
            for ((i, a), b) in src.char_indices().zip(got.chars()) {
                proptest::prop_assert!(a == b || b.is_whitespace() || b == '\u{e0020}', "{i}: {a:?} became {b:?}");
            }
            // and the parsed prose maps back to the same words in the file
            let doc = crate::markdown::parse_with(&src, crate::markdown::ParseOptions { mdx, prose_tags: &names });
            for block in &doc.blocks {
                for (at, word) in block.text.match_indices(|c: char| c.is_alphanumeric()) {
                    let span = block.source_span(at..at + word.len());
                    let from_file = src.get(span.range());
                    proptest::prop_assert!(from_file == Some(word) || span.len() != word.len(), "{word:?} at {span:?}");
                }
            }
        }
    }

    const PIECES: [&str; 24] = [
        "{% image \"é.jpg\" \"Ω “x”\" %}",
        "{{ x | url }}",
        "{{< figure caption=\"Ü dock\" >}}",
        "{{% note %}}",
        "{%",
        "%}",
        "{{",
        "}}",
        "{",
        "}",
        "{/* c */}",
        "\nimport a from \"b\"\n",
        "\n",
        "\r\n",
        "\n\n",
        "word ",
        "😀",
        "“",
        "\"",
        "`",
        "\n```\n",
        "<p>",
        "é",
        "    ",
    ];

    /// The search for a closer as it was before [`Misses`]: from each opener
    /// afresh.
    fn closing_afresh(s: &str, from: usize, close: &str) -> Option<usize> {
        let bytes = s.as_bytes();
        let mut i = from;
        let mut quote: Option<u8> = None;
        while i < bytes.len().min(MAX_TAG) {
            let b = bytes[i];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) if b == b'\\' => i += 1,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if s.get(i..).is_some_and(|r| r.starts_with(close)) => return Some(i),
                None => {}
            }
            if b == b'\n' && blank_line_follows(s, i + 1) {
                return None;
            }
            i += 1;
        }
        None
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

        /// Each opener, searched for in reading order with what earlier
        /// searches missed, finds the closer it finds when searched afresh.
        #[test]
        fn remembered_misses_find_what_a_fresh_search_finds(
            pieces in proptest::collection::vec(proptest::sample::select(&SEARCHED[..]), 0..400),
        ) {
            let src = pieces.concat();
            let mut misses = Misses::default();
            for (at, _) in src.match_indices('{') {
                for (from, close) in [(2, "}}"), (2, "%}"), (3, ">}}")] {
                    let fresh = closing_afresh(&src[at..], from, close).map(|i| at + i);
                    proptest::prop_assert_eq!(misses.closing(&src, at, from, close), fresh, "{} at {}", close, at);
                }
            }
        }
    }

    /// Pieces for searches: long runs, so that `MAX_TAG` is reached.
    const SEARCHED: [&str; 12] = [
        "{{ a ",
        "}}",
        "%}",
        ">}}",
        "\"",
        "'",
        "\\",
        "\n",
        "\n\n",
        "}",
        "x y z é ",
        "the harbour wall will hold, and the ferry will run again next week ",
    ];

    #[test]
    fn masking_keeps_every_offset_and_boundary() {
        let src = "Ünï {% image \"é😀\" \"Ω “x”\" %}\r\nz {{ ü }}";
        let got = masked(src);
        assert_eq!(got.len(), src.len());
        for i in 0..=src.len() {
            assert_eq!(got.is_char_boundary(i), src.is_char_boundary(i), "at {i}");
        }
        assert!(got.starts_with("Ünï ") && got.contains("\r\nz "));
    }
}
