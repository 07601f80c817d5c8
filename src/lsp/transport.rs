//! The base protocol: `Content-Length`-framed JSON-RPC on stdin/stdout,
//! read and written by hand so that no frame can take the server down.
//!
//! A frame longer than [`MAX_FRAME`] is skipped without being held in
//! memory; a header block without a usable length is skipped up to the next
//! one; a body that is not JSON, or not a JSON-RPC message, is answered
//! with the JSON-RPC error for it (`id: null` when the id cannot be read).

use lsp_server::{ErrorCode, Message};
use serde::Serialize;
use serde_json::{json, Value};
use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::Receiver;

/// The largest message read: a 10 MB draft, each character escaped, and room to spare.
pub const MAX_FRAME: u64 = 64 << 20;
/// The longest header line kept; a longer one is read past, not stored.
const MAX_HEADER_LINE: usize = 8 << 10;

/// What one frame on the wire turned out to be.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A body that could not be used: answered with this error (`id` null if unknown).
    Invalid {
        id: Value,
        code: ErrorCode,
        message: String,
    },
    /// A frame that cannot be answered at all, only logged.
    Skipped(String),
}

/// Reads frames from `input` and hands over what each one is, until the
/// input ends or `deliver` says nobody listens.
pub fn read_all(input: impl Read, mut deliver: impl FnMut(Incoming) -> bool) {
    let mut reader = io::BufReader::with_capacity(64 << 10, input);
    while let Ok(Some(frame)) = read_frame(&mut reader, MAX_FRAME) {
        if !deliver(decode(frame)) {
            return;
        }
    }
}

/// One frame as read.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    Body(Vec<u8>),
    /// A declared length over the limit; that many bytes were read past.
    TooLarge(u64),
    /// Headers without a `Content-Length` that parses.
    NoLength,
}

/// The next frame, `None` at the end of the input (or a frame cut short by it).
pub fn read_frame(reader: &mut impl BufRead, max: u64) -> io::Result<Option<Frame>> {
    let mut length: Option<Option<u64>> = None;
    let mut saw_header = false;
    loop {
        let Some(line) = read_line(reader)? else { return Ok(None) };
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue; // blank lines between frames
        }
        saw_header = true;
        // Found anywhere in the line, so that reading resumes at the next
        // frame even after a body that had no length before it.
        if let Some(at) = line.to_ascii_lowercase().rfind("content-length:") {
            let value = &line[at + "content-length:".len()..];
            length = Some(value.trim().parse::<u64>().ok());
        }
    }
    let length = match length {
        Some(Some(length)) => length,
        _ => return Ok(Some(Frame::NoLength)),
    };
    if length > max {
        let skipped = io::copy(&mut reader.take(length), &mut io::sink())?;
        return Ok((skipped == length).then_some(Frame::TooLarge(length)));
    }
    let mut body = Vec::new();
    reader.take(length).read_to_end(&mut body)?;
    Ok((body.len() as u64 == length).then_some(Frame::Body(body)))
}

/// One line, at most [`MAX_HEADER_LINE`] bytes of it kept; `None` at the end of the input.
fn read_line(reader: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut line = Vec::new();
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok((!line.is_empty()).then(|| String::from_utf8_lossy(&line).into_owned()));
        }
        let (chunk, done) = match memchr::memchr(b'\n', buffer) {
            Some(i) => (&buffer[..=i], true),
            None => (buffer, false),
        };
        let room = MAX_HEADER_LINE.saturating_sub(line.len());
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = chunk.len();
        reader.consume(used);
        if done {
            return Ok(Some(String::from_utf8_lossy(&line).into_owned()));
        }
    }
}

/// What a frame holds.
pub fn decode(frame: Frame) -> Incoming {
    let body = match frame {
        Frame::Body(body) => body,
        Frame::TooLarge(length) => {
            return Incoming::Skipped(format!(
                "skipped a message of {length} bytes, over the limit of {MAX_FRAME}"
            ))
        }
        Frame::NoLength => return Incoming::Skipped("skipped a message without a valid Content-Length".into()),
    };
    let value: Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(e) => {
            return Incoming::Invalid {
                id: Value::Null,
                code: ErrorCode::ParseError,
                message: format!("not JSON: {e}"),
            }
        }
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    let has = |key: &str| value.get(key).is_some();
    if !(has("method") || has("result") || has("error")) {
        let message = "not a JSON-RPC message: neither a request, a notification nor a response".to_string();
        return Incoming::Invalid { id, code: ErrorCode::InvalidRequest, message };
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Invalid {
            id,
            code: ErrorCode::InvalidRequest,
            message: format!("not a JSON-RPC message: {e}"),
        },
    }
}

/// The error response for an unusable message.
pub fn error_response(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

/// A message's JSON text with `"jsonrpc": "2.0"`, ready to frame: made
/// where the message is, so that no tree of JSON values is held for it. A
/// publication of tens of thousands of findings as a `serde_json::Value`
/// (a map for each finding, its range and each position) took some 20 KB a
/// finding, 1.1 GB for a 10 MB draft, and was copied again to be written.
pub fn body(message: &impl Serialize) -> Body {
    #[derive(Serialize)]
    struct Framed<'m, M> {
        jsonrpc: &'static str,
        #[serde(flatten)]
        message: &'m M,
    }
    let mut body = Body::default();
    // serde_json writes a few bytes at a time (a quote, a key, a comma):
    // gathered first, they reach the body's pieces a buffer at a time (the
    // writes themselves were half the cost of publishing a draft's findings)
    let mut buffered = io::BufWriter::with_capacity(WRITE_BUFFER, &mut body);
    let written = serde_json::to_writer(&mut buffered, &Framed { jsonrpc: "2.0", message }).is_ok();
    let flushed = written && buffered.flush().is_ok();
    drop(buffered);
    if !flushed {
        body = Body::default();
    }
    body
}

/// The bytes of a message gathered before they are added to its body.
const WRITE_BUFFER: usize = 16 << 10;

/// The longest piece of a message body held in one allocation.
const CHUNK: usize = 1 << 20;

/// A message's JSON text in pieces of at most `CHUNK` bytes: the
/// findings of a 10 MB draft are tens of megabytes of JSON, and one vector
/// grown by doubling to hold them reached twice that, with both copies
/// resident while it was copied over.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Body {
    chunks: Vec<Vec<u8>>,
}

impl Body {
    pub fn len(&self) -> usize {
        self.chunks.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text in one piece (for tests and small messages).
    pub fn to_vec(&self) -> Vec<u8> {
        self.chunks.concat()
    }
}

impl Write for Body {
    fn write(&mut self, mut bytes: &[u8]) -> io::Result<usize> {
        let written = bytes.len();
        while !bytes.is_empty() {
            // The first piece grows as a vector does, so that a short
            // message takes no more than it needs; later ones are made whole.
            let room = match self.chunks.last() {
                Some(last) => CHUNK - last.len(),
                None => 0,
            };
            if room == 0 {
                let capacity = if self.chunks.is_empty() { 0 } else { CHUNK };
                self.chunks.push(Vec::with_capacity(capacity));
                continue;
            }
            let (now, rest) = bytes.split_at(room.min(bytes.len()));
            self.chunks.last_mut().expect("a piece was pushed").extend_from_slice(now);
            bytes = rest;
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl From<&[u8]> for Body {
    fn from(bytes: &[u8]) -> Body {
        let mut body = Body::default();
        body.write_all(bytes).expect("writing to memory");
        body
    }
}

/// Writes each message body as a frame, flushing when no more are waiting.
pub fn write_all(output: impl Write, from: &Receiver<Body>) {
    let mut out = io::BufWriter::new(output);
    while let Ok(message) = from.recv() {
        if write_frame(&mut out, &message).is_err() {
            return;
        }
        while let Ok(more) = from.try_recv() {
            if write_frame(&mut out, &more).is_err() {
                return;
            }
        }
        if out.flush().is_err() {
            return;
        }
    }
}

fn write_frame(out: &mut impl Write, body: &Body) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    body.chunks.iter().try_for_each(|chunk| out.write_all(chunk))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8], max: u64) -> Vec<Frame> {
        let mut reader = io::BufReader::new(input);
        std::iter::from_fn(|| read_frame(&mut reader, max).ok().flatten()).collect()
    }

    #[test]
    fn a_body_is_the_message_with_its_protocol_version() {
        let note = json!({"method": "window/logMessage", "params": {"type": 3, "message": "hi"}});
        let read: Value = serde_json::from_slice(&body(&note).to_vec()).expect("JSON");
        assert_eq!(
            read,
            json!({"jsonrpc": "2.0", "method": "window/logMessage", "params": {"type": 3, "message": "hi"}})
        );
        let mut framed = Vec::new();
        write_frame(&mut framed, &Body::from(br#"{"jsonrpc":"2.0","id":1}"#.as_slice())).expect("written");
        assert_eq!(framed, b"Content-Length: 24\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1}");
    }

    #[test]
    fn a_long_body_is_held_in_pieces_of_at_most_a_chunk() {
        let text: Vec<u8> = (0..CHUNK * 5 / 2 + 7).map(|i| (i % 251) as u8).collect();
        let mut body = Body::default();
        // written in uneven pieces, as a serialiser does
        for piece in text.chunks(CHUNK / 3 + 11) {
            body.write_all(piece).expect("written");
        }
        assert_eq!(body.len(), text.len());
        assert_eq!(body.to_vec(), text);
        assert_eq!(body.chunks.iter().map(Vec::len).collect::<Vec<_>>(), [CHUNK, CHUNK, CHUNK / 2 + 7]);
        assert!(body.chunks.iter().all(|c| c.capacity() <= 2 * CHUNK));
        let mut framed = Vec::new();
        write_frame(&mut framed, &body).expect("written");
        assert_eq!(framed, [format!("Content-Length: {}\r\n\r\n", text.len()).as_bytes(), &text].concat());
    }

    #[test]
    fn frames_are_read_by_their_length() {
        let input =
            b"Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n{}content-length:3\r\n\r\n[1]";
        assert_eq!(frames(input, 100), [Frame::Body(b"{}".to_vec()), Frame::Body(b"[1]".to_vec())]);
    }

    #[test]
    fn an_oversized_frame_is_read_past_without_being_kept() {
        let mut input = b"Content-Length: 50\r\n\r\n".to_vec();
        input.extend([b'x'; 50]);
        input.extend(b"Content-Length: 2\r\n\r\n{}");
        assert_eq!(frames(&input, 10), [Frame::TooLarge(50), Frame::Body(b"{}".to_vec())]);
        // A length the input never delivers ends the input, it allocates nothing.
        assert_eq!(frames(b"Content-Length: 100000000000\r\n\r\n{}", MAX_FRAME), []);
    }

    #[test]
    fn a_frame_without_a_length_is_skipped_and_the_next_one_read() {
        let input = b"Content-Length: banana\r\n\r\n{\"a\":1}Content-Length: 2\r\n\r\n{}";
        assert_eq!(frames(input, 100), [Frame::NoLength, Frame::Body(b"{}".to_vec())]);
        let long_header = [b"X-Junk: ".as_slice(), &[b'y'; 100_000], b"\r\nContent-Length: 2\r\n\r\n{}"].concat();
        assert_eq!(frames(&long_header, 100), [Frame::Body(b"{}".to_vec())]);
    }

    #[test]
    fn bodies_that_are_not_messages_get_the_json_rpc_error() {
        let Incoming::Invalid { id, code, .. } = decode(Frame::Body(b"{not json".to_vec())) else { panic!() };
        assert_eq!((id, code as i32), (Value::Null, -32700));
        let Incoming::Invalid { id, code, .. } = decode(Frame::Body(br#"{"id": 7, "params": 1}"#.to_vec())) else {
            panic!()
        };
        assert_eq!((id, code as i32), (json!(7), -32600));
        assert!(matches!(decode(Frame::Body(br#"{"method": "initialized"}"#.to_vec())), Incoming::Message(_)));
    }
}
