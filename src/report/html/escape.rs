//! Every piece of text that comes from a draft, a path or a message goes
//! through here: the five characters that can end text or an attribute
//! value become references, so no draft can add markup, close the style
//! sheet or the script, or break out of an attribute.

use crate::markdown::CODE_PLACEHOLDER;

/// Appends `text`, escaped for HTML text and for quoted attribute values.
pub fn push(out: &mut String, text: &str) {
    push_with(out, text, true);
}

/// Appends `text` for a text node only (never an attribute): quotation
/// marks need no escaping there, and straight-quoted drafts are full of them.
fn push_text(out: &mut String, text: &str) {
    push_with(out, text, false);
}

fn push_with(out: &mut String, text: &str, attribute: bool) {
    let mut last = 0;
    for (i, c) in text.char_indices() {
        let entity = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' if attribute => "&quot;",
            '\'' if attribute => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// `text`, escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push(&mut out, text);
    out
}

/// Appends `text[range]` of a prose block as a text node, escaped, with the inline-code
/// characters the parser masked put back (`code_chars` holds their positions
/// in the whole block text, sorted).
pub fn push_prose(out: &mut String, text: &str, range: std::ops::Range<usize>, code_chars: &[(usize, char)]) {
    let Some(slice) = text.get(range.clone()) else { return };
    if code_chars.is_empty() || !slice.contains(CODE_PLACEHOLDER) {
        push_text(out, slice);
        return;
    }
    let mut buf = [0u8; 4];
    for (i, c) in slice.char_indices() {
        let shown = match c {
            CODE_PLACEHOLDER => {
                code_chars.binary_search_by_key(&(range.start + i), |(at, _)| *at).map_or('"', |k| code_chars[k].1)
            }
            c => c,
        };
        push_text(out, shown.encode_utf8(&mut buf));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_references() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("“curly” — fine"), "“curly” — fine");
    }

    #[test]
    fn masked_code_characters_are_restored_and_escaped() {
        let text = "a \u{FFFC}b\u{FFFC} c";
        let chars = [(2, '"'), (6, '\'')];
        let mut out = String::new();
        push_prose(&mut out, text, 0..text.len(), &chars);
        assert_eq!(out, "a \"b' c");
        let mut part = String::new();
        push_prose(&mut part, text, 6..text.len(), &chars);
        assert_eq!(part, "' c");
    }
}
