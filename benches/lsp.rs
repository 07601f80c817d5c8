//! The language server as an editor meets it: after an edit (a full-text
//! `didChange`), how long until the diagnostics for that version arrive.
//! Drafts of 6 KB (an article) and 100 KB (a long one) of one repeated
//! paragraph, and 100 KB of the generated wire copy of `benches/scaling.rs`
//! (a story with named, titled and anonymous speakers, pronouns, partial
//! quotes and statements, repeated with its figures changed: more work a
//! byte than published news, where the one paragraph is less); the server
//! runs as its own process, spoken to over pipes.

#[path = "support/shapes.rs"]
mod shapes;

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};
use shapes::Shape;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

const URI: &str = "file:///newsroom/desk/bench.md";

struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_quotelint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut server = Server { child, stdin, stdout };
        server.send(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}));
        server.until(|m| m["id"] == 1);
        server.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        server
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("written");
        self.stdin.flush().expect("flushed");
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.stdout.read_line(&mut line).expect("a header");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).expect("a body");
        serde_json::from_slice(&body).expect("JSON")
    }

    fn until(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.receive();
            if wanted(&message) {
                return message;
            }
        }
    }

    /// Sends `text` as version `version` and waits for its diagnostics.
    fn edit(&mut self, version: i32, text: &str) -> usize {
        let method = if version == 1 { "textDocument/didOpen" } else { "textDocument/didChange" };
        let params = if version == 1 {
            json!({"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}})
        } else {
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]})
        };
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
        let published =
            self.until(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version);
        published["params"]["diagnostics"].as_array().map_or(0, Vec::len)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One paragraph of wire copy repeated, and one unclosed quotation at
/// the end to be reported.
fn draft(bytes: usize) -> String {
    let paragraph = "The harbour council met on Tuesday to discuss the ferry timetable. \
        “We will keep the morning crossing,” said Mayor Ana Ruiz in a statement. \
        Councillors voted to review the fares in the spring.\n\n";
    let mut text = paragraph.repeat(bytes / paragraph.len());
    text.push_str("“Nobody asked us, said one resident.\n");
    text
}

fn recheck(c: &mut Criterion) {
    let mut group = c.benchmark_group("lsp-recheck-after-edit");
    group.sample_size(20);
    let drafts =
        [("6 KB", draft(6_000)), ("100 KB", draft(100_000)), ("100 KB wire copy", Shape::Wire.generate(100_000))];
    for (name, text) in drafts {
        let mut server = Server::start();
        assert!(server.edit(1, &text) > 0, "the draft has findings");
        let mut version = 1;
        group.bench_function(name, |b| {
            b.iter(|| {
                version += 1;
                // each edit changes the text, as typing does
                let edited = format!("{text}{}", "x".repeat((version % 7) as usize));
                server.edit(version, &edited)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, recheck);
criterion_main!(benches);
