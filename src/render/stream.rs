//! Writing a pretty-printed JSON document whose one long array (a run's
//! findings) is made and written an element at a time, so that a hundred
//! thousand findings never hold the whole document (ten times the draft)
//! at once. The text is what `serde_json::to_string_pretty` prints for the
//! whole document: each element printed alone, every line indented to its
//! depth in the document (JSON strings hold no raw line breaks).

use serde::Serialize;

/// Text gathered before it is handed on.
const FLUSH_BYTES: usize = 1 << 16;

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
    let mut pending = format!("{}\"{key}\": [", &frame[..at]);
    // one buffer for every element: an output of a hundred thousand findings
    // allocates no text per finding
    let mut element = Vec::new();
    for (n, item) in items.enumerate() {
        pending.push_str(if n == 0 { "\n" } else { ",\n" });
        element.clear();
        // serialising plain structs of strings and numbers into memory cannot fail
        let _ = serde_json::to_writer_pretty(&mut element, &item);
        for (i, line) in std::str::from_utf8(&element).unwrap_or_default().lines().enumerate() {
            if i > 0 {
                pending.push('\n');
            }
            pending.push_str(&item_indent);
            pending.push_str(line);
        }
        if pending.len() >= FLUSH_BYTES {
            if !write(&pending) {
                return false;
            }
            pending.clear();
        }
    }
    pending.push('\n');
    pending.push_str(indent);
    pending.push(']');
    pending.push_str(&frame[at + empty.len()..]);
    pending.push('\n');
    write(&pending)
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
