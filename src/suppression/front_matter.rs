//! File-wide suppression in front matter, read by hand (no YAML parser):
//!
//! ```yaml
//! quotelint:
//!   disable: [QF002, unbalanced-quote-marks]
//! ```
//!
//! also with `disable:` followed by `- CODE` lines, or `quotelint: { disable: [...] }`;
//! and in TOML (`+++`) front matter, `[quotelint]` with `disable = [...]`.

use super::directives::words;
use crate::span::Span;
use serde::Deserialize;
use toml::Spanned;

type Word = (String, Span);

/// The codes the front matter at `fm` disables, with their spans in `text`.
pub fn disabled(text: &str, fm: Span) -> Vec<Word> {
    let Some(block) = text.get(fm.range()) else { return Vec::new() };
    // The body between the fence lines.
    let body_start = block.find('\n').map_or(block.len(), |i| i + 1);
    let body_end = block.trim_end_matches(['\n', '\r']).rfind('\n').map_or(body_start, |i| i + 1).max(body_start);
    let body = block.get(body_start..body_end).unwrap_or_default();
    let base = fm.start + body_start;
    if block.starts_with("+++") {
        toml_disabled(body, base)
    } else {
        yaml_disabled(body, base)
    }
}

#[derive(Deserialize)]
struct TomlFrontMatter {
    quotelint: Option<TomlQuotelint>,
}

#[derive(Deserialize)]
struct TomlQuotelint {
    #[serde(default)]
    disable: Vec<Spanned<String>>,
}

fn toml_disabled(body: &str, base: usize) -> Vec<Word> {
    // Front matter that is not valid TOML belongs to the publishing system, not to us.
    let Ok(fm) = toml::from_str::<TomlFrontMatter>(body) else { return Vec::new() };
    let Some(q) = fm.quotelint else { return Vec::new() };
    q.disable
        .into_iter()
        .map(|code| {
            let span = code.span();
            // The span covers the string's quotes; point at the code itself.
            let inner = Span::new(base + span.start + 1, (base + span.end).saturating_sub(1));
            (code.into_inner(), inner)
        })
        .collect()
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// A line without its comment (` #` to the end) and line break.
fn strip(line: &str) -> &str {
    let line = line.trim_end_matches(['\n', '\r']);
    let cut = line.find(" #").or_else(|| line.starts_with('#').then_some(0)).unwrap_or(line.len());
    line.get(..cut).unwrap_or_default()
}

fn yaml_disabled(body: &str, base: usize) -> Vec<Word> {
    let mut lines = Vec::new();
    let mut offset = base;
    for line in body.split_inclusive('\n') {
        lines.push((offset, strip(line)));
        offset += line.len();
    }
    let Some(key) = lines.iter().position(|(_, l)| l.starts_with("quotelint:")) else { return Vec::new() };
    let (key_at, key_line) = lines[key];
    let after_key = key_line.get("quotelint:".len()..).unwrap_or_default();
    if after_key.trim_start().starts_with('{') {
        // quotelint: { disable: [QF001] }
        return after_key
            .find("disable:")
            .map(|d| "quotelint:".len() + d + "disable:".len())
            .map(|from| flow(key_line.get(from..).unwrap_or_default(), key_at + from))
            .unwrap_or_default();
    }
    // The indented block under `quotelint:`.
    let block: Vec<(usize, &str)> =
        lines[key + 1..].iter().copied().take_while(|(_, l)| l.trim().is_empty() || indent(l) > 0).collect();
    let Some(d) = block.iter().position(|(_, l)| l.trim_start().starts_with("disable:")) else {
        return Vec::new();
    };
    let (at, line) = block[d];
    let value_from = indent(line) + "disable:".len();
    let value = line.get(value_from..).unwrap_or_default();
    if !value.trim().is_empty() {
        return flow(value, at + value_from);
    }
    // disable:
    //   - QF001
    let key_indent = indent(line);
    let mut out = Vec::new();
    for (at, l) in block[d + 1..].iter().copied() {
        if l.trim().is_empty() {
            continue;
        }
        let item = l.trim_start();
        if indent(l) < key_indent || !item.starts_with('-') {
            break;
        }
        let from = indent(l) + 1;
        out.extend(words(l.get(from..).unwrap_or_default(), at + from));
    }
    out
}

/// A flow list `[a, "b"]` or a bare value, up to the end of a flow mapping.
fn flow(value: &str, base: usize) -> Vec<Word> {
    let end = value.find(['}']).unwrap_or(value.len());
    words(value.get(..end).unwrap_or_default(), base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::front_matter_len;

    fn codes(text: &str) -> Vec<String> {
        let fm = Span::new(0, front_matter_len(text).expect("front matter"));
        let got = disabled(text, fm);
        for (word, span) in &got {
            assert_eq!(&text[span.range()], word, "span of {word}");
        }
        got.into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn yaml_flow_list() {
        let text = "---\ntitle: \"Ferry strike\"\nquotelint:\n  disable: [QF002, \"unbalanced-quote-marks\"] # as filed\nslug: ferry\n---\nBody.\n";
        assert_eq!(codes(text), ["QF002", "unbalanced-quote-marks"]);
    }

    #[test]
    fn yaml_block_list_and_inline_mapping() {
        let text =
            "---\nquotelint:\n  other: 1\n  disable:\n    - QF001\n    - 'QF002'\n  after: 2\ntitle: x\n---\n";
        assert_eq!(codes(text), ["QF001", "QF002"]);
        let text = "---\nquotelint: { disable: [QF001] }\n---\n";
        assert_eq!(codes(text), ["QF001"]);
        let text = "---\nquotelint:\n  disable:\n  - QF002\n---\n";
        assert_eq!(codes(text), ["QF002"]);
    }

    #[test]
    fn yaml_without_the_key_or_nested_elsewhere_disables_nothing() {
        assert!(codes("---\ntitle: x\n---\n").is_empty());
        assert!(codes("---\nmeta:\n  quotelint:\n    disable: [QF001]\n---\n").is_empty());
        assert!(codes("---\nquotelint:\ndisable: [QF001]\n---\n").is_empty());
    }

    #[test]
    fn toml_table() {
        let text =
            "+++\ntitle = \"Ferry\"\n[quotelint]\ndisable = [\"QF001\", \"mixed-quote-style\"]\n+++\nBody.\n";
        assert_eq!(codes(text), ["QF001", "mixed-quote-style"]);
        assert!(codes("+++\ntitle = \"Ferry\"\n+++\n").is_empty());
        assert!(codes("+++\nnot toml at all [\n+++\n").is_empty());
    }
}
