//! `quotelint lsp` spoken to over stdio as an editor would: Content-Length
//! framed JSON-RPC, initialize → initialized → didOpen → publishDiagnostics →
//! hover → didChange → shutdown → exit.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// Curly quotes before the problem on the same line: “Late,” is 6 UTF-16
/// units but 10 UTF-8 bytes, so a byte column would be wrong. The first line
/// names the speaker and the channel, so the unclosed quote (QF001) is the
/// only finding.
const DRAFT: &str = "Captain Ola Berg spoke to AFP by phone.\n\n“Late,” he said. “Again and again\n";
const URI: &str = "file:///newsroom/desk/ferry.md";

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_quotelint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client { child, stdin, incoming, next_id: 1 }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message matching `wanted`, skipping others (logs, say); fails after 20 s.
    fn wait_for(&self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.incoming.recv_timeout(Duration::from_secs(20)).expect("the server answers in time");
            if wanted(&message) {
                return message;
            }
        }
    }

    fn diagnostics(&self) -> Value {
        self.wait_for(|m| m["method"] == "textDocument/publishDiagnostics")["params"].clone()
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        let response =
            self.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": capabilities}));
        self.notify("initialized", json!({}));
        response
    }

    /// shutdown then exit; returns the exit code.
    fn shut_down(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null);
        self.notify("exit", Value::Null);
        drop(self.stdin);
        let status = wait_with_timeout(&mut self.child, Duration::from_secs(20));
        status.unwrap_or(-1)
    }
}

fn wait_with_timeout(child: &mut Child, limit: Duration) -> Option<i32> {
    let start = std::time::Instant::now();
    while start.elapsed() < limit {
        if let Ok(Some(status)) = child.try_wait() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    None
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn open(client: &mut Client, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}}),
    );
}

#[test]
fn publishes_utf16_positions_hovers_and_exits_cleanly() {
    let mut client = Client::start();
    let init = client.initialize(json!({}));
    let capabilities = &init["result"]["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["hoverProvider"], true);
    assert_eq!(capabilities["textDocumentSync"]["change"], 1, "full sync");
    assert_eq!(init["result"]["serverInfo"]["name"], "quotelint");

    open(&mut client, DRAFT);
    let published = client.diagnostics();
    assert_eq!(published["uri"], URI);
    assert_eq!(published["version"], 1);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "QF001");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "quotelint");
    // Line 2 (0-based), after “Late,” he said.␠ = 17 UTF-16 units (the byte column would be 21).
    assert_eq!(d["range"], json!({"start": {"line": 2, "character": 17}, "end": {"line": 2, "character": 18}}));

    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 17}}),
    );
    let contents = &hover["result"]["contents"];
    assert_eq!(contents["kind"], "markdown");
    let text = contents["value"].as_str().unwrap();
    assert!(text.contains("QF001") && text.contains("## How to fix"), "{text}");
    assert_eq!(hover["result"]["range"]["start"], json!({"line": 2, "character": 17}));

    // Away from any finding there is nothing to show.
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(nothing["result"], Value::Null);

    // The fix clears the diagnostics.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{"text": DRAFT.replace("again\n", "again,” he said.\n")}]
        }),
    );
    let published = client.diagnostics();
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]));

    // An unknown request gets an error, not silence.
    let unknown = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(unknown["error"]["code"], -32601);

    assert_eq!(client.shut_down(), 0);
}

#[test]
fn utf8_positions_when_the_client_prefers_them() {
    let mut client = Client::start();
    let init = client.initialize(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    open(&mut client, DRAFT);
    let published = client.diagnostics();
    let start = &published["diagnostics"][0]["range"]["start"];
    assert_eq!(*start, json!({"line": 2, "character": 21}));
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn exit_without_shutdown_is_exit_code_one() {
    let mut client = Client::start();
    client.initialize(json!({}));
    client.notify("exit", Value::Null);
    drop(client.stdin);
    assert_eq!(wait_with_timeout(&mut client.child, Duration::from_secs(20)), Some(1));
}
