//! Drafts in the style of newsroom static sites (Jekyll, Eleventy, Hugo,
//! MDX: front matter, template tags with captions and alt text, HTML block
//! quotes and embeds, pull quotes, testimonials with signatures, footnotes,
//! tables), checked with the default settings: the findings (`.findings`
//! beside each draft) are only what an editor would want, and every
//! quotation in a block quote has its speaker. `tests/fixtures.rs` keeps the
//! account of their quotes (`.expected`).
//! `QUOTELINT_BLESS=1 cargo test --test it site::` rewrites the findings.

use crate::common;

use quotelint::quote::QuoteKind;
use quotelint::settings::Settings;
use quotelint::source::SourceFile;
use std::path::Path;

#[test]
fn site_drafts_give_only_what_an_editor_wants() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/site");
    let mut drafts: Vec<_> =
        std::fs::read_dir(&root).expect("fixtures/site").flatten().map(|e| e.path()).collect();
    drafts.retain(|p| p.extension().is_some_and(|e| e == "md" || e == "mdx"));
    drafts.sort();
    assert!(drafts.len() >= 5, "site drafts: {}", drafts.len());
    let settings = Settings::default();
    let mut failures = Vec::new();
    for path in drafts {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        let a = quotelint::analysis::analyze_with(SourceFile::new(name.clone(), text), &settings);
        for (q, attr) in a.scan.quotes.iter().zip(&a.attributions) {
            let in_block_quote =
                q.parts.iter().any(|p| a.doc.blocks.get(p.block()).is_some_and(|b| b.blockquote().is_some()));
            if in_block_quote && q.kind.is_speech() && q.depth == 0 {
                assert!(attr.speaker.is_some(), "{name}: {:?} in a block quote has no speaker", q.text(&a.doc));
            }
        }
        assert!(
            !a.scan
                .quotes
                .iter()
                .any(|q| q.kind == QuoteKind::Block && q.text(&a.doc).starts_with(['—', '“', '"'])),
            "{name}: a block quote holds its signature or its marks"
        );
        let diagnostics = quotelint::suppression::check(&a, &settings);
        let got: String = diagnostics
            .iter()
            .map(|d| {
                let lc = a.file.lines.line_col(&a.file.text, d.span.start);
                format!("{}:{} {}[{}] {}\n", lc.line, lc.column, d.severity, d.code(), d.message)
            })
            .collect();
        common::compare_or_bless(&path.with_extension("findings"), &got, &mut failures);
    }
    assert!(failures.is_empty(), "site drafts differ:\n{}", failures.join("\n"));
}
