//! `quotelint lsp` spoken to over stdio as an editor would: Content-Length
//! framed JSON-RPC, initialize → initialized → didOpen → publishDiagnostics →
//! hover → didChange → shutdown → exit.

use crate::common;

use common::wire_copy;
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
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
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
        self.wait_longer_for(Duration::from_secs(20), wanted)
    }

    fn wait_longer_for(&self, limit: Duration, wanted: impl Fn(&Value) -> bool) -> Value {
        let start = std::time::Instant::now();
        loop {
            let left = limit.saturating_sub(start.elapsed());
            let message = self.incoming.recv_timeout(left).expect("the server answers in time");
            if wanted(&message) {
                return message;
            }
        }
    }

    fn diagnostics(&self) -> Value {
        self.wait_for(|m| m["method"] == "textDocument/publishDiagnostics")["params"].clone()
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        self.initialize_with(capabilities, Value::Null)
    }

    fn initialize_with(&mut self, capabilities: Value, options: Value) -> Value {
        let params = json!({"processId": null, "rootUri": null, "capabilities": capabilities,
            "initializationOptions": options});
        let response = self.request("initialize", params);
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
    open_at(client, URI, text);
}

fn open_at(client: &mut Client, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
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

#[test]
fn malformed_frames_are_answered_or_skipped_and_the_server_carries_on() {
    let mut client = Client::start();
    // Bad initialize params get an error; a good initialize still works after it.
    let bad = client.request("initialize", json!({"processId": "not a number", "capabilities": 5}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    client.initialize(json!({}));
    // Not JSON: a parse error with a null id.
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let parse = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(parse["error"]["code"], -32700);
    assert_eq!(parse["id"], Value::Null);
    // JSON but no message: invalid request, with the id it gave.
    client.send(json!({"jsonrpc": "2.0", "id": 77, "params": {}}));
    let invalid = client.wait_for(|m| m.get("error").is_some());
    assert_eq!((invalid["id"].clone(), invalid["error"]["code"].clone()), (json!(77), json!(-32600)));
    // No usable length: skipped, and the next frame is read.
    client.send_raw(b"Content-Length: many\r\n\r\n{\"id\": 1}");
    // Bad params on a request: invalid params.
    let hover = client.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(hover["error"]["code"], -32602);
    // Bad params on a notification cannot be answered; the server goes on.
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": 5}}));
    open(&mut client, DRAFT);
    assert_eq!(client.diagnostics()["diagnostics"].as_array().map(Vec::len), Some(1));
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn an_oversized_frame_is_skipped_without_being_held_in_memory() {
    let mut client = Client::start();
    client.initialize(json!({}));
    // Over the 64 MB limit: read past in pieces, never allocated whole.
    let size = (64 << 20) + 1;
    client.send_raw(format!("Content-Length: {size}\r\n\r\n").as_bytes());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..64 {
        client.send_raw(&chunk);
    }
    client.send_raw(b" ");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover["result"], Value::Null, "the next request is answered: {hover}");
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn an_absurd_content_length_does_not_abort_the_server() {
    let mut client = Client::start();
    client.initialize(json!({}));
    client.send_raw(b"Content-Length: 100000000000\r\n\r\n{}");
    // It waits for the rest of the frame; when the client goes, it ends (1: no shutdown), not aborts.
    drop(client.stdin);
    assert_eq!(wait_with_timeout(&mut client.child, Duration::from_secs(20)), Some(1));
}

#[test]
fn hover_on_one_draft_is_answered_while_a_big_one_is_still_being_checked() {
    let mut client = Client::start();
    client.initialize(json!({}));
    let big = "file:///newsroom/desk/archive.md";
    open_at(&mut client, big, &wire_copy(10 << 20));
    open(&mut client, DRAFT);
    let big_published = std::cell::Cell::new(false);
    let published_big = |m: &Value| {
        let big_one = m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == big;
        big_published.set(big_published.get() || big_one);
    };
    let small = client.wait_longer_for(Duration::from_secs(120), |m| {
        published_big(m);
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI
    });
    assert_eq!(small["params"]["diagnostics"][0]["code"], "QF001");
    let start = std::time::Instant::now();
    let id = client.next_id;
    client.next_id += 1;
    client.send(json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": URI}, "position": {"line": 2, "character": 17}}}));
    let hover = client.wait_for(|m| {
        published_big(m);
        m["id"] == id
    });
    let waited = start.elapsed();
    // The 10 MB draft takes seconds in a release build and far longer in a
    // debug one, so its diagnostics are still to come: the hover was answered
    // while it was being analysed.
    assert!(!big_published.get(), "the 10 MB draft was analysed before the hover was answered");
    // A loose bound for a loaded machine in a debug build (the target, 100 ms,
    // is measured on release builds: under 3 ms): the point is that the hover
    // does not wait for the 10 MB draft (minutes before the worker thread).
    assert!(waited < Duration::from_secs(2), "hover took {waited:?}");
    assert!(hover["result"]["contents"]["value"].as_str().is_some_and(|v| v.contains("QF001")), "{hover}");
    drop(client.stdin);
    let _ = client.child.kill();
}

#[test]
fn the_latest_version_wins_and_stale_results_are_dropped() {
    let mut client = Client::start();
    client.initialize(json!({}));
    // Version 1 takes a while to check; versions 2 and 3 arrive meanwhile.
    open(&mut client, &wire_copy(2 << 20));
    for (version, text) in [(2, DRAFT.to_string()), (3, DRAFT.replace("again\n", "again,” he said.\n"))] {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }
    let published = client.wait_longer_for(Duration::from_secs(120), |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 3
    });
    assert_eq!(published["params"]["diagnostics"], json!([]));
    // Nothing older is published after it.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 17}}),
    );
    assert_eq!(hover["result"], Value::Null);
    let seen: Vec<Value> = client.incoming.try_iter().collect();
    assert!(seen.iter().all(|m| m["method"] != "textDocument/publishDiagnostics"), "{seen:?}");
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn a_broken_config_is_published_on_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    std::fs::write(root.join("quotelint.toml"), "style = \"ap\"\nsytle = \"reuters\"\n").unwrap();
    let draft = lsp_types::Url::from_file_path(root.join("d.md")).unwrap().to_string();
    let config = lsp_types::Url::from_file_path(root.join("quotelint.toml")).unwrap().to_string();
    let mut client = Client::start();
    client.initialize(json!({}));
    open_at(&mut client, &draft, DRAFT);
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    let text = shown["params"]["message"].as_str().unwrap();
    assert!(text.contains("quotelint.toml:2:1: unknown field `sytle`"), "{text}");
    let on_config = client
        .wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == config.as_str());
    let d = &on_config["params"]["diagnostics"][0];
    assert_eq!(d["range"]["start"], json!({"line": 1, "character": 0}));
    assert!(d["message"].as_str().unwrap().starts_with("unknown field `sytle`"), "{d}");
    // The draft is still checked, with the defaults.
    let on_draft = client
        .wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == draft.as_str());
    assert_eq!(on_draft["params"]["diagnostics"][0]["code"], "QF001");
    // Fixed and saved: the config's diagnostic is cleared.
    std::fs::write(root.join("quotelint.toml"), "style = \"ap\"\n").unwrap();
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": config}}));
    let cleared = client
        .wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == config.as_str());
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    assert_eq!(client.shut_down(), 0);
}

/// Applies LSP text edits (UTF-16 positions) to `text`, last first.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |pos: &Value| {
        let line = pos["line"].as_u64().unwrap() as usize;
        let character = pos["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= character || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap()))
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

#[test]
fn quick_fixes_and_fix_all_as_code_actions() {
    // insertions marked both ways, so the parentheses are reported under the default style
    let draft = "<!-- quotelint-disable-next-line QA001 -->\n“The ferry ran late,” said Tom Baker, a commuter, by phone. “We saw (the) plan,” he said.\n\n“It happens,” he said. \"Nobody tells us why,\" he added. “We asked [the council] twice,” he said.\n";
    let mut client = Client::start();
    let init = client.initialize(json!({}));
    let kinds = &init["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"];
    assert_eq!(*kinds, json!(["quickfix", "source.fixAll.quotelint"]));
    open(&mut client, draft);
    let published = client.diagnostics();
    let diagnostics = published["diagnostics"].as_array().unwrap().clone();
    let codes: Vec<&str> = diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["QS001", "QF003", "QF002"]);

    // The straight quote on line 3, after “It happens,” (curly: one UTF-16 unit each).
    let at = json!({"start": {"line": 3, "character": 23}, "end": {"line": 3, "character": 23}});
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": at, "context": {"diagnostics": diagnostics}}),
    );
    let actions = response["result"].as_array().unwrap();
    let quick = actions.iter().find(|a| a["kind"] == "quickfix").expect("a quick fix");
    assert!(quick["title"].as_str().unwrap().contains("QF002"), "{quick}");
    assert_eq!(quick["isPreferred"], true);
    assert_eq!(quick["diagnostics"][0]["code"], "QF002");
    let edits = quick["edit"]["changes"][URI].as_array().unwrap();
    let fixed = apply_edits(draft, edits);
    assert!(
        fixed.ends_with("“Nobody tells us why,” he added. “We asked [the council] twice,” he said.\n"),
        "{fixed}"
    );

    // The insertion's fix is offered, marked unsafe and not preferred.
    let at = json!({"start": {"line": 1, "character": 69}, "end": {"line": 1, "character": 70}});
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": at, "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let actions = response["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert!(actions[0]["title"].as_str().unwrap().contains("unsafe"), "{}", actions[0]);
    assert_eq!(actions[0]["isPreferred"], false);
    let fixed = apply_edits(draft, actions[0]["edit"]["changes"][URI].as_array().unwrap());
    assert!(fixed.contains("“We saw [the] plan,”"), "{fixed}");

    // Fix all: every safe fix at once, and nothing else.
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 4, "character": 0}});
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": whole, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let actions = response["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.quotelint");
    let fixed = apply_edits(draft, actions[0]["edit"]["changes"][URI].as_array().unwrap());
    assert_eq!(
        fixed,
        "“The ferry ran late,” said Tom Baker, a commuter, by phone. “We saw (the) plan,” he said.\n\n“It happens,” he said. “Nobody tells us why,” he added. “We asked [the council] twice,” he said.\n"
    );
    assert_eq!(client.shut_down(), 0);
}

/// Six anonymous quotations that repeat each other (a warning for each
/// repeat, an info for each unnamed source), then an unclosed quotation:
/// fourteen findings, two of them errors, at the end.
fn fourteen_findings() -> String {
    let quotes: String =
        (0..6).map(|i| format!("“The ferry will run on route {i},” a council official said.\n\n")).collect();
    quotes + "Captain Ola Berg spoke to AFP.\n\n“Late again, he said.\n"
}

#[test]
fn at_most_max_problems_findings_are_published_errors_first_with_a_note() {
    let mut client = Client::start();
    client.initialize_with(json!({}), json!({"maxProblems": 4}));
    open(&mut client, &fourteen_findings());
    let published = client.diagnostics();
    let found = published["diagnostics"].as_array().expect("a list");
    let codes: Vec<(&str, u64)> = found[..4]
        .iter()
        .map(|d| (d["code"].as_str().unwrap_or(""), d["range"]["start"]["line"].as_u64().unwrap_or(99)))
        .collect();
    // both errors, then the two earliest warnings, in the order of the draft
    assert_eq!(codes, [("QP003", 2), ("QP003", 4), ("QF001", 14), ("QA001", 14)]);
    let note = &found[4];
    assert_eq!(found.len(), 5, "{published}");
    assert_eq!(note["severity"], 3);
    assert!(note["message"].as_str().is_some_and(|m| m.starts_with("10 more findings are not shown: at most 4")));
    // placed where the first finding left out is (QP001 at the top)
    assert_eq!(note["range"]["start"], json!({"line": 0, "character": 0}));
    // a hover over a finding left out shows nothing: only what is published is explained
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 40}}),
    );
    assert_eq!(hover["result"], Value::Null, "{hover}");
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn a_thousand_findings_are_published_unless_the_client_asks_for_more() {
    let draft: String =
        (0..700).map(|i| format!("“The ferry will run on route {i},” a council official said.\n\n")).collect();
    for (options, expected) in [(Value::Null, 1001), (json!({"maxProblems": 0}), 1400)] {
        let mut client = Client::start();
        client.initialize_with(json!({}), options);
        open(&mut client, &draft);
        let published = client.diagnostics();
        let found = published["diagnostics"].as_array().expect("a list");
        assert_eq!(found.len(), expected);
        let noted = found.iter().any(|d| d["message"].as_str().is_some_and(|m| m.contains("not shown")));
        assert_eq!(noted, expected == 1001);
        assert_eq!(client.shut_down(), 0);
    }
}

#[test]
fn a_max_problems_that_is_not_a_number_is_logged_and_the_default_kept() {
    let mut client = Client::start();
    client.send(json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"capabilities": {}, "initializationOptions": {"maxProblems": "lots"}}}));
    // logged before the answer, which the protocol allows
    let logged = client.wait_for(|m| m["method"] == "window/logMessage");
    assert!(client.wait_for(|m| m["id"] == 0)["result"]["capabilities"].is_object());
    client.notify("initialized", json!({}));
    assert!(logged["params"]["message"].as_str().is_some_and(|m| m.contains("maxProblems must be")), "{logged}");
    open(&mut client, &fourteen_findings());
    assert_eq!(client.diagnostics()["diagnostics"].as_array().map(Vec::len), Some(14));
    assert_eq!(client.shut_down(), 0);
}

/// The server's own peak memory so far (VmHWM), where Linux's /proc tells it.
fn peak_of(child: &Child) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).ok()?;
    let kb = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.trim().strip_suffix("kB")?.trim();
    kb.parse::<u64>().ok().map(|kb| kb << 10)
}

/// The server holds no more for a long draft than `check` does (4 MB of
/// room for its threads and the message): with this draft, release builds
/// of the server peaked at 47.8 MB while it held every finding in the
/// client's form, the whole message grown by doubling and the analysis
/// beside the unpacked findings, where `check` peaked at 24.5 MB; at 30.7
/// MB once it wrote the findings one at a time. A debug build peaks at
/// 36.6 MB once it also frees the analysis first, `check` at 34.3.
#[test]
fn a_long_draft_of_thousands_of_findings_takes_the_server_what_it_takes_check() {
    use crate::memory::shapes;
    let draft = shapes::Shape::Anonymous.generate(2 * shapes::MB);
    let dir = common::drafts(&[("anonymous.md", draft.as_bytes())]);
    let checked = common::measure::run_measured(&["check", "anonymous.md"], dir.path(), Duration::from_secs(120));
    assert!(checked.findings() > 20_000, "{}", checked.stderr);
    let mut client = Client::start();
    client.initialize(json!({}));
    let (Some(check_peak), Some(_)) = (checked.peak, peak_of(&client.child)) else {
        eprintln!("memory bound skipped: the peaks cannot be read here");
        return;
    };
    open(&mut client, &draft);
    let published = client.wait_longer_for(Duration::from_secs(120), |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI
    });
    assert_eq!(published["params"]["diagnostics"].as_array().map(Vec::len), Some(1001));
    let peak = peak_of(&client.child).expect("the server's peak");
    let budget = check_peak + (4 << 20);
    assert!(peak <= budget, "peak {} KB over `check`'s {} KB and 4 MB", peak >> 10, check_peak >> 10);
    assert_eq!(client.shut_down(), 0);
}

/// Issue 14's draft for the server (wire copy, the shape its 10 MB test
/// opens) at 2 MB: within 20 MB plus 4× the draft, counted as
/// `tests/it/memory.rs` counts it (12 MB over the server's own start for a
/// debug build). A debug build peaked at 30.3 MB once the server shared
/// the document's text with its analysis, under a budget of about 35.5 MB.
#[test]
fn two_megabytes_of_wire_copy_take_the_server_at_most_four_times_their_size() {
    let draft = wire_copy(2 << 20);
    let mut client = Client::start();
    client.initialize(json!({}));
    let Some(start) = peak_of(&client.child) else {
        eprintln!("memory bound skipped: no /proc/PID/status to read the server's peak from");
        return;
    };
    open(&mut client, &draft);
    let published = client.wait_longer_for(Duration::from_secs(120), |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI
    });
    assert!(published["params"]["diagnostics"].as_array().is_some_and(|d| d.len() < 5), "{published}");
    let peak = peak_of(&client.child).expect("the server's peak");
    let budget = (20_u64 << 20).max(start + (12 << 20)) + 4 * draft.len() as u64;
    assert!(peak <= budget, "peak {} KB over the budget of {} KB", peak >> 10, budget >> 10);
    assert_eq!(client.shut_down(), 0);
}
