//! `quotelint lsp`: a language server on stdin/stdout. It publishes
//! diagnostics when a draft is opened, changed or saved (full-text sync),
//! shows a rule's documentation on hover over a finding, and reports a
//! broken `quotelint.toml` on that file and in a message.
//!
//! The message loop never analyses: each draft is checked on a thread of
//! its own (`MAX_RUNNING` at a time), and the latest version of a document
//! wins: versions that arrive while the analyses are busy wait in a queue
//! that keeps only the newest of each document, and the result of an older
//! version is dropped when it comes. Hovers and other requests are answered
//! at once however long a draft takes. [`transport`] reads the frames and
//! survives malformed ones.

mod code_actions;
mod job;
pub mod position;
mod published;
mod shown;
pub mod transport;

use crate::config::{self, ConfigChoice, ConfigError, Resolver, CONFIG_NAMES};
use crate::render::clamp_span;
use crate::rules;
use job::{analyse, Analysed, Job};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{HoverRequest, Request as _};
use lsp_types::{
    DiagnosticSeverity, Hover, HoverContents, HoverParams, HoverProviderCapability, InitializeParams,
    MarkupContent, MarkupKind, MessageType, PublishDiagnosticsParams, Range, SaveOptions, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};
use position::Encoding;
use published::Published;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use transport::Incoming;

/// Drafts analysed at once: two, so that one long draft never holds up the others.
const MAX_RUNNING: usize = 2;
/// An analysis still running after this long is given up on (its thread
/// stops at its next budget checkpoint).
const TIME_LIMIT: Duration = Duration::from_secs(60);
/// An analysis holding more memory than this is given up on (as `check`'s default `--memory-limit`).
const MEMORY_LIMIT: u64 = 2 << 30;

/// Runs the server until the client says `exit`: 0 after a `shutdown`
/// request, 1 otherwise (as the protocol asks).
pub fn run() -> i32 {
    let (events_in, events) = mpsc::channel();
    let (out, outgoing) = mpsc::channel();
    let reader_events = events_in.clone();
    // Not joined: it may be blocked on stdin when the client says `exit`.
    std::thread::spawn(move || {
        transport::read_all(std::io::stdin(), |incoming| reader_events.send(Event::Client(incoming)).is_ok());
        let _ = reader_events.send(Event::ClientGone);
    });
    let writer = std::thread::spawn(move || transport::write_all(std::io::stdout(), &outgoing));
    let code = Server::new(out, events_in).serve(&events);
    // the server is dropped: its sender closes, and the writer drains and stops
    let _ = writer.join();
    code
}

enum Event {
    Client(Incoming),
    Analysed(Box<Analysed>),
    ClientGone,
}

struct Document {
    /// Shared with its analysis and its published findings: a 10 MB
    /// draft is held once, not once more for every reader of it.
    text: Arc<String>,
    version: Option<i32>,
    /// Bumped at every change; a result for an older generation is stale.
    generation: u64,
    published: Option<Published>,
}

#[derive(PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShuttingDown,
}

struct Server {
    /// Message bodies for the writer thread (see [`transport::body`]).
    out: Sender<transport::Body>,
    events: Sender<Event>,
    state: State,
    encoding: Encoding,
    max_problems: usize,
    documents: HashMap<Url, Document>,
    generation: u64,
    /// Documents waiting to be analysed, oldest first.
    queue: VecDeque<Url>,
    /// Versions being analysed (document and generation), and since when.
    running: HashMap<(Url, u64), Instant>,
    resolver: Arc<Mutex<Resolver>>,
    /// Config files with an error published on them.
    broken_configs: HashSet<Url>,
}

impl Server {
    fn new(out: Sender<transport::Body>, events: Sender<Event>) -> Server {
        Server {
            out,
            events,
            state: State::Uninitialized,
            encoding: Encoding::Utf16,
            max_problems: shown::DEFAULT_MAX_PROBLEMS,
            documents: HashMap::new(),
            generation: 0,
            queue: VecDeque::new(),
            running: HashMap::new(),
            resolver: Arc::new(Mutex::new(Resolver::new(ConfigChoice::Discover))),
            broken_configs: HashSet::new(),
        }
    }

    fn serve(&mut self, events: &Receiver<Event>) -> i32 {
        loop {
            let event = match self.next_deadline() {
                Some(wait) => events.recv_timeout(wait),
                None => events.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match event {
                Ok(Event::Client(Incoming::Message(message))) => {
                    if let Some(code) = self.message(message) {
                        return code;
                    }
                }
                Ok(Event::Client(Incoming::Invalid { id, code, message })) => {
                    self.log(MessageType::ERROR, &message);
                    self.send(&transport::error_response(id, code, &message));
                }
                Ok(Event::Client(Incoming::Skipped(message))) => self.log(MessageType::ERROR, &message),
                Ok(Event::Analysed(result)) => self.analysed(*result),
                Ok(Event::ClientGone) | Err(RecvTimeoutError::Disconnected) => return 1,
                Err(RecvTimeoutError::Timeout) => self.give_up_on_slow_analyses(),
            }
            self.start_analyses();
        }
    }

    /// Handles one message; `Some(exit code)` when the server is to stop.
    fn message(&mut self, message: Message) -> Option<i32> {
        match message {
            Message::Request(request) => {
                let response = self.request(request);
                self.send(&response);
                None
            }
            Message::Notification(note) if note.method == "exit" => {
                Some(if self.state == State::ShuttingDown { 0 } else { 1 })
            }
            Message::Notification(note) => {
                if self.state == State::Running {
                    self.notification(note);
                }
                None
            }
            Message::Response(_) => None,
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        match (&self.state, request.method.as_str()) {
            (State::Uninitialized, "initialize") => self.initialize(request),
            (State::Uninitialized, _) => Response::new_err(
                id,
                ErrorCode::ServerNotInitialized as i32,
                "the server is not initialized".into(),
            ),
            (State::ShuttingDown, _) => {
                Response::new_err(id, ErrorCode::InvalidRequest as i32, "the server is shutting down".into())
            }
            (State::Running, "initialize") => {
                Response::new_err(id, ErrorCode::InvalidRequest as i32, "the server is already initialized".into())
            }
            (State::Running, "shutdown") => {
                self.state = State::ShuttingDown;
                Response::new_ok(id, Value::Null)
            }
            (State::Running, "textDocument/codeAction") => {
                match serde_json::from_value::<lsp_types::CodeActionParams>(request.params) {
                    Ok(params) => Response::new_ok(id, self.code_actions(&params)),
                    Err(e) => invalid_params(id, &e),
                }
            }
            (State::Running, HoverRequest::METHOD) => {
                match serde_json::from_value::<HoverParams>(request.params) {
                    Ok(params) => Response::new_ok(id, self.hover(&params)),
                    Err(e) => invalid_params(id, &e),
                }
            }
            (State::Running, method) => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("quotelint does not handle {method}"),
            ),
        }
    }

    /// Answers `initialize`; bad params get an error, and the client may try again.
    fn initialize(&mut self, request: Request) -> Response {
        let params: InitializeParams = match serde_json::from_value(request.params) {
            Ok(params) => params,
            Err(e) => return invalid_params(request.id, &e),
        };
        let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref());
        self.encoding = Encoding::negotiate(offered);
        match shown::max_problems(params.initialization_options.as_ref()) {
            Ok(max) => self.max_problems = max,
            Err(message) => self.log(MessageType::WARNING, &message),
        }
        self.state = State::Running;
        let capabilities = ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(true) })),
                ..TextDocumentSyncOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(code_actions::capability()),
            ..ServerCapabilities::default()
        };
        let server = ServerInfo { name: "quotelint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) };
        Response::new_ok(request.id, json!({"capabilities": capabilities, "serverInfo": server}))
    }

    fn notification(&mut self, note: Notification) {
        let method = note.method.clone();
        if let Err(e) = self.try_notification(note) {
            // a notification cannot be answered: say so in the client's log
            self.log(MessageType::ERROR, &format!("{method}: invalid params: {e}"));
        }
    }

    fn try_notification(&mut self, note: Notification) -> Result<(), serde_json::Error> {
        match note.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(note.params)?;
                let doc = params.text_document;
                self.update(doc.uri, Arc::new(doc.text), Some(doc.version));
            }
            DidChangeTextDocument::METHOD => {
                let params: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(note.params)?;
                // Full sync: the last change holds the whole new text.
                if let Some(change) = params.content_changes.into_iter().last() {
                    self.update(
                        params.text_document.uri,
                        Arc::new(change.text),
                        Some(params.text_document.version),
                    );
                }
            }
            DidSaveTextDocument::METHOD => {
                let params: lsp_types::DidSaveTextDocumentParams = serde_json::from_value(note.params)?;
                let uri = params.text_document.uri;
                let known = self.documents.get(&uri).map(|d| (Arc::clone(&d.text), d.version));
                match (params.text, known) {
                    (Some(text), known) => self.update(uri, Arc::new(text), known.and_then(|(_, v)| v)),
                    (None, Some((text, version))) => self.update(uri, text, version),
                    (None, None) if is_config(&uri) => self.config_changed(),
                    (None, None) => {}
                }
            }
            DidCloseTextDocument::METHOD => {
                let params: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(note.params)?;
                let uri = params.text_document.uri;
                self.documents.remove(&uri);
                self.queue.retain(|u| *u != uri);
                self.publish(uri, Vec::new(), None);
            }
            DidChangeWatchedFiles::METHOD => {
                let params: lsp_types::DidChangeWatchedFilesParams = serde_json::from_value(note.params)?;
                if params.changes.iter().any(|c| is_config(&c.uri)) {
                    self.config_changed();
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A new version of a document: kept, and queued for analysis.
    fn update(&mut self, uri: Url, text: Arc<String>, version: Option<i32>) {
        if is_config(&uri) {
            // a config file open in the editor is checked as one, not as a draft
            let path = uri.to_file_path().map_or_else(|()| uri.to_string(), |p| p.display().to_string());
            match config::parse(&text, &path) {
                Ok(_) => self.clear_config_error(&uri),
                Err(e) => self.config_error(uri.clone(), &e),
            }
            self.config_changed();
            return;
        }
        self.generation += 1;
        let published = self.documents.remove(&uri).and_then(|d| d.published);
        let doc = Document { text, version, generation: self.generation, published };
        self.documents.insert(uri.clone(), doc);
        if !self.queue.contains(&uri) {
            self.queue.push_back(uri);
        }
    }

    /// Config files are read again, and every open draft is checked again.
    fn config_changed(&mut self) {
        self.resolver = Arc::new(Mutex::new(Resolver::new(ConfigChoice::Discover)));
        let open: Vec<Url> = self.documents.keys().filter(|u| !self.queue.contains(u)).cloned().collect();
        for uri in open {
            self.generation += 1;
            if let Some(doc) = self.documents.get_mut(&uri) {
                doc.generation = self.generation;
            }
            self.queue.push_back(uri);
        }
    }

    /// Starts the queued analyses there is room for, oldest first.
    fn start_analyses(&mut self) {
        while self.running.len() < MAX_RUNNING {
            let Some(uri) = self.queue.pop_front() else { break };
            let Some(doc) = self.documents.get(&uri) else { continue };
            let key = (uri.clone(), doc.generation);
            let job = Job {
                uri: uri.clone(),
                text: Arc::clone(&doc.text),
                version: doc.version,
                generation: doc.generation,
                encoding: self.encoding,
                max_problems: self.max_problems,
            };
            let (events, resolver) = (self.events.clone(), Arc::clone(&self.resolver));
            let spawned = std::thread::Builder::new()
                .name("quotelint-analysis".into())
                .spawn(move || {
                    let analysed = analyse(&resolver, job);
                    let _ = events.send(Event::Analysed(Box::new(analysed)));
                })
                .is_ok();
            if !spawned {
                self.queue.push_front(uri);
                break;
            }
            self.running.insert(key, Instant::now());
        }
    }

    /// How long until the oldest running analysis runs out of time.
    fn next_deadline(&self) -> Option<Duration> {
        self.running.values().map(|start| (*start + TIME_LIMIT).saturating_duration_since(Instant::now())).min()
    }

    fn give_up_on_slow_analyses(&mut self) {
        let slow: Vec<(Url, u64)> = self
            .running
            .iter()
            .filter(|(_, start)| start.elapsed() >= TIME_LIMIT)
            .map(|(k, _)| k.clone())
            .collect();
        for key in slow {
            self.running.remove(&key);
            let uri = key.0;
            let message = format!("{uri}: still being checked after {} seconds; gave up", TIME_LIMIT.as_secs());
            self.log(MessageType::ERROR, &message);
        }
    }

    fn analysed(&mut self, result: Analysed) {
        self.running.remove(&(result.uri.clone(), result.generation));
        if let Some(config) = result.config.as_ref().and_then(|p| Url::from_file_path(p).ok()) {
            match &result.config_error {
                Some(error) => self.config_error(config, error),
                None => self.clear_config_error(&config),
            }
        }
        let current = self.documents.get(&result.uri).is_some_and(|d| d.generation == result.generation);
        if !current {
            return; // a newer version is queued, or the document was closed
        }
        // published before the version it replaces is freed (a long draft's
        // findings), which the editor need not wait for
        let _ = self.out.send(result.message);
        if let Some(doc) = self.documents.get_mut(&result.uri) {
            doc.published = Some(result.published);
        }
    }

    /// Publishes a broken config file's error on it, and says so once in a message.
    fn config_error(&mut self, uri: Url, error: &ConfigError) {
        let at = error.position.map_or(lsp_types::Position::default(), |p| lsp_types::Position {
            line: p.line.saturating_sub(1) as u32,
            character: p.column.saturating_sub(1) as u32,
        });
        let diagnostic = lsp_types::Diagnostic {
            range: Range { start: at, end: at },
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("quotelint".into()),
            message: error.message.clone(),
            ..lsp_types::Diagnostic::default()
        };
        if self.broken_configs.insert(uri.clone()) {
            let text = format!("quotelint: {error}; drafts under it are checked with the defaults");
            self.notify(ShowMessage::METHOD, json!({"type": MessageType::ERROR, "message": text}));
        }
        self.publish(uri, vec![diagnostic], None);
    }

    fn clear_config_error(&mut self, uri: &Url) {
        if self.broken_configs.remove(uri) {
            self.publish(uri.clone(), Vec::new(), None);
        }
    }

    fn publish(&self, uri: Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams { uri, diagnostics, version };
        self.notify(PublishDiagnostics::METHOD, params);
    }

    fn log(&self, kind: MessageType, message: &str) {
        eprintln!("quotelint lsp: {message}");
        self.notify(LogMessage::METHOD, json!({"type": kind, "message": message}));
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(&Outgoing { method, params });
    }

    fn send(&self, message: &impl serde::Serialize) {
        let _ = self.out.send(transport::body(message));
    }

    /// Quick fixes and the fix-all, from the findings last published if they
    /// are about the document as it is now.
    fn code_actions(&self, params: &lsp_types::CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some(doc) = self.documents.get(uri) else { return Vec::new() };
        let Some(published) = doc.published.as_ref().filter(|p| p.text == doc.text) else { return Vec::new() };
        let published = code_actions::Published {
            uri,
            text: &published.text,
            lines: &published.lines,
            diagnostics: &published.diagnostics,
            encoding: self.encoding,
        };
        code_actions::actions(params, &published)
    }

    /// The documentation of the rule behind the finding under the cursor, from
    /// the findings last published (a newer version may still be being checked).
    fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let at = &params.text_document_position_params;
        let published = self.documents.get(&at.text_document.uri)?.published.as_ref()?;
        let text = &*published.text;
        let offset = position::offset(text, &published.lines, at.position, self.encoding);
        let found = published.diagnostics.iter().find(|d| {
            let span = clamp_span(text, d.span);
            span.start <= offset && offset <= span.end
        })?;
        let meta = rules::find(found.code())?.meta();
        let value = format!(
            "**{}** `{}` ({})\n\n{}\n\n{}",
            meta.code,
            meta.name,
            meta.severity,
            meta.summary,
            meta.doc.trim()
        );
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
            range: Some(published.range(found.span, self.encoding)),
        })
    }
}

/// A notification to the client, as it is written (see [`transport::body`]).
#[derive(serde::Serialize)]
struct Outgoing<'m, P> {
    method: &'m str,
    params: P,
}

fn is_config(uri: &Url) -> bool {
    uri.path_segments().and_then(|mut s| s.next_back()).is_some_and(|name| CONFIG_NAMES.contains(&name))
}

fn invalid_params(id: RequestId, err: &serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, err.to_string())
}
