//! Output written as it is made, so that a hundred thousand findings (or
//! the report page of a long draft, twenty times the draft) are never held
//! at once: [`Pieces`] gathers text and hands it on in pieces, and
//! [`pretty_with_array`] writes a pretty-printed JSON document whose one
//! long array (a run's findings) is made an element at a time. Its text is
//! what `serde_json::to_string_pretty` prints for the whole document: each
//! element printed alone, every line indented to its depth in the document
//! (JSON strings hold no raw line breaks).

use serde::Serialize;

/// Text gathered before it is handed on.
pub const FLUSH_BYTES: usize = 1 << 16;

/// Text being written: renderers push onto `text`, and [`Pieces::spill`]
/// hands it to the writer once enough has gathered. After a failed write
/// nothing more is handed on, and the renderer may stop early.
pub struct Pieces<'w> {
    pub text: String,
    write: &'w mut dyn FnMut(&str) -> bool,
    failed: bool,
}

impl<'w> Pieces<'w> {
    pub fn new(write: &'w mut dyn FnMut(&str) -> bool) -> Self {
        Pieces { text: String::new(), write, failed: false }
    }

    /// Hands the text on if at least `FLUSH_BYTES` have gathered; false once a write has failed.
    pub fn spill(&mut self) -> bool {
        if self.text.len() >= FLUSH_BYTES {
            self.hand_on();
        }
        !self.failed
    }

    /// Hands on what is left; false if any write failed.
    pub fn finish(mut self) -> bool {
        if !self.text.is_empty() {
            self.hand_on();
        }
        !self.failed
    }

    fn hand_on(&mut self) {
        if !self.failed {
            self.failed = !(self.write)(&self.text);
        }
        self.text.clear();
    }
}

/// Writes `frame` (the document pretty-printed with the array under `key`
/// empty) with `items` in that array, handing the text to `write` in pieces;
/// false when `write` fails. The frame must print the array once, as
/// `"key": []`.
pub fn pretty_with_array<T: Serialize>(
    frame: &str,
    key: &str,
    items: impl IntoIterator<Item = T>,
    mut write: impl FnMut(&str) -> bool,
) -> bool {
    let empty = format!("\"{key}\": []");
    let mut items = items.into_iter().peekable();
    let Some(at) = frame.find(&empty).filter(|_| items.peek().is_some()) else {
        return write(frame) && write("\n");
    };
    let line_start = frame[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent = &frame[line_start..at];
    let item_indent = format!("{indent}  ");
    let mut out = Pieces::new(&mut write);
    out.text = format!("{}\"{key}\": [", &frame[..at]);
    // one buffer for every element: an output of a hundred thousand findings
    // allocates no text per finding
    let mut element = Vec::new();
    for (n, item) in items.enumerate() {
        out.text.push_str(if n == 0 { "\n" } else { ",\n" });
        element.clear();
        // serialising plain structs of strings and numbers into memory cannot fail
        let _ = serde_json::to_writer_pretty(&mut element, &item);
        for (i, line) in std::str::from_utf8(&element).unwrap_or_default().lines().enumerate() {
            if i > 0 {
                out.text.push('\n');
            }
            out.text.push_str(&item_indent);
            out.text.push_str(line);
        }
        if !out.spill() {
            return false;
        }
    }
    out.text.push('\n');
    out.text.push_str(indent);
    out.text.push(']');
    out.text.push_str(&frame[at + empty.len()..]);
    out.text.push('\n');
    out.finish()
}

/// The pieces a renderer writes, gathered into one text.
pub fn gathered(render: impl FnOnce(&mut dyn FnMut(&str) -> bool) -> bool) -> String {
    let mut out = String::new();
    render(&mut |piece: &str| {
        out.push_str(piece);
        true
    });
    out
}

#[cfg(test)]
mod tests {
    use super::pretty_with_array;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Item {
        name: String,
        tags: Vec<u32>,
        nested: Option<Box<Item>>,
    }

    #[derive(Serialize)]
    struct Doc {
        version: u32,
        outer: Vec<Inner>,
        after: &'static str,
    }

    #[derive(Serialize)]
    struct Inner {
        items: Vec<Item>,
        empty: Vec<u32>,
    }

    fn item(i: u32) -> Item {
        let nested = (i % 2 == 0).then(|| Box::new(Item { name: "in\n\"q\"".into(), tags: vec![], nested: None }));
        Item { name: format!("item {i} «é»"), tags: (0..i % 4).collect(), nested }
    }

    fn doc(items: Vec<Item>) -> Doc {
        Doc { version: 1, outer: vec![Inner { items, empty: vec![] }], after: "end" }
    }

    fn streamed(n: u32) -> (String, usize) {
        let frame = serde_json::to_string_pretty(&doc(Vec::new())).unwrap();
        let (mut out, mut calls) = (String::new(), 0);
        assert!(pretty_with_array(&frame, "items", (0..n).map(item), |piece| {
            out.push_str(piece);
            calls += 1;
            true
        }));
        (out, calls)
    }

    #[test]
    fn the_document_in_pieces_is_the_document_printed_whole() {
        for n in [0, 1, 2, 7, 3000] {
            let whole = serde_json::to_string_pretty(&doc((0..n).map(item).collect())).unwrap() + "\n";
            assert_eq!(streamed(n).0, whole, "{n} items");
        }
    }

    #[test]
    fn pieces_are_handed_on_once_full_and_not_after_a_failed_write() {
        let mut written: Vec<usize> = Vec::new();
        let mut write = |piece: &str| {
            written.push(piece.len());
            written.len() < 2
        };
        let mut out = super::Pieces::new(&mut write);
        out.text.push_str("short");
        assert!(out.spill(), "nothing is handed on before FLUSH_BYTES");
        out.text.push_str(&"x".repeat(super::FLUSH_BYTES));
        assert!(out.spill());
        out.text.push_str(&"y".repeat(super::FLUSH_BYTES));
        assert!(!out.spill(), "the second write failed");
        out.text.push_str(&"z".repeat(super::FLUSH_BYTES));
        assert!(!out.spill());
        out.text.push_str("end");
        assert!(!out.finish());
        assert_eq!(written, [super::FLUSH_BYTES + 5, super::FLUSH_BYTES], "nothing after the failure");
        let mut gathered = String::new();
        let mut keep = |piece: &str| {
            gathered.push_str(piece);
            true
        };
        let mut out = super::Pieces::new(&mut keep);
        out.text.push_str("a little");
        assert!(out.spill() && out.finish());
        assert_eq!(gathered, "a little", "what is left is handed on at the end");
    }

    #[test]
    fn a_long_array_is_written_in_several_pieces_and_a_failed_write_stops_it() {
        assert!(streamed(3000).1 > 1);
        let frame = serde_json::to_string_pretty(&doc(Vec::new())).unwrap();
        let mut calls = 0;
        let ok = pretty_with_array(&frame, "items", (0..3000).map(item), |_| {
            calls += 1;
            false
        });
        assert!(!ok);
        assert_eq!(calls, 1);
    }
}
