//! The span invariants over generated drafts (a bounded run; long runs use
//! `cargo run --release --example fuzz_spans -- CASES`), and the minimal
//! reproducers generated runs have found, each a regression test.
//!
//! `QUOTELINT_SPAN_CASES=N cargo test --release --test it span_harness::` runs N cases here.

use crate::span_invariants;

use span_invariants::{check, generate, shrink, Case, Checker};

fn case(path: &str, text: &str) -> Case {
    Case { path: path.to_string(), style: 0, pieces: vec![text.to_string()] }
}

#[test]
fn generated_drafts_keep_every_invariant() {
    let cases: u64 = std::env::var("QUOTELINT_SPAN_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3000);
    for seed in 0..cases {
        let c = generate(seed);
        let found = check(&c);
        if let Some(v) = found.first() {
            let small = shrink(&c, &v.kind);
            panic!("case {seed}: {} ({}); shrunk: {}", v.kind, v.detail, small.literal());
        }
    }
}

/// The reproducers listed in issue 10, in every house style and as `.mdx`.
const ISSUE_10: &[&str] = &[
    "``'' L insisted‟``“x",
    "`...` `…\"...`",
    "<d>\r\n\u{2029}<!--quotelint-disable-->",
    "<!--quotelint-⁂\r\nl",
    "«`(\"ݚ)🏩`",
    "u«c « « “.",
    "``「he said,\"\"``&ldquo;a",
    "“``\"x\"\u{2028}``",
    "“ש\n# <n>“<n>&nbsp;",
];

/// Minimal drafts the generated runs found (shrunk by the harness).
const FOUND: &[&str] = &[
    "...`…\"...`",
    "<p \r\n“<!--quotelint-enable-->",
    "~~~\n~~~\n<!--quotelint-⁂'\r\n;",
    "a||\n-|-\n`\u{feff}he said\\\"`\"x",
    "says``—D says ``b\"t",
    "``\u{85} says\n\"\"``a",
    "```b``\"\"(x)⁂``",
    "〞``d % e ….",
    "<v>\r\n‚<!--quotelint-disable-->",
    "<!--quotelint-⁂\r\n\\",
    "``}``“`'wrote on X\u{85}`\"x”he said/",
    "\"y\"a ` `` said.\u{85} `",
    "```b`\n# ``<e y=\"\">` `",
    "```『[O said(`\"`n```\"t",
    "<!--quotelint-⁂{#{{}}x",
];

#[test]
fn issue_10_reproducers_are_clean() {
    let mut failures = Vec::new();
    for text in ISSUE_10.iter().chain(FOUND) {
        for path in ["p.md", "p.mdx"] {
            for style in 0..5 {
                let c = Case { style, ..case(path, text) };
                failures
                    .extend(check(&c).into_iter().map(|v| format!("{} {path} style {style}: {v:?}", c.literal())));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_checker_fails_on_bad_spans_and_positions() {
    use quotelint::span::Span;
    let text = "ab\n“x”";
    let mut c = Checker::new(text);
    c.span("ok", Span::new(3, 10));
    c.position("ok", 7, 2, 3);
    assert!(c.violations().is_empty(), "{:?}", c.violations());
    c.span("inside “", Span::new(4, 6));
    c.span("past the end", Span::new(3, 11));
    c.position("wrong column", 7, 2, 5);
    c.position("inside “", 5, 2, 1);
    let kinds: Vec<&str> = c.violations().iter().map(|v| v.kind.as_str()).collect();
    assert_eq!(kinds.len(), 4, "{kinds:?}");
    assert!(kinds[0].contains("splits a character") && kinds[1].contains("outside the file"));
}
