//! `quotelint lsp`: a language server on stdin/stdout (rust-analyzer's
//! synchronous `lsp-server`, no async runtime). It publishes diagnostics when
//! a draft is opened, changed or saved (full-text sync: each change carries
//! the whole draft, and analysis takes milliseconds, so there is no debounce),
//! and shows a rule's documentation on hover over a finding.

pub mod position;

use crate::analysis::analyze_with;
use crate::cli::input::catch;
use crate::config::{ConfigChoice, Resolver};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::render::clamp_span;
use crate::rules;
use crate::source::SourceFile;
use crate::span::Span;
use crate::suppression;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{HoverRequest, Request as _};
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, Location, MarkupContent, MarkupKind, NumberOrString, PublishDiagnosticsParams, Range,
    SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use position::Encoding;
use std::collections::HashMap;
use std::path::Path;

/// Runs the server until the client says `exit`: 0 after a `shutdown`
/// request, 1 otherwise (as the protocol asks), 2 when the connection fails.
pub fn run() -> i32 {
    let (connection, io_threads) = Connection::stdio();
    let code = match serve(&connection) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: language server: {message}");
            2
        }
    };
    drop(connection);
    match io_threads.join() {
        Ok(()) => code,
        Err(err) => {
            eprintln!("error: language server I/O: {err}");
            2
        }
    }
}

fn serve(connection: &Connection) -> Result<i32, String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| format!("initialize: {e}"))?;
    let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref());
    let encoding = Encoding::negotiate(offered);
    let capabilities = ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(true) })),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo { name: "quotelint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;

    let mut server = Server { encoding, documents: HashMap::new() };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                    return Ok(0);
                }
                send(connection, server.request(request))?;
            }
            Message::Notification(note) if note.method == "exit" => return Ok(1),
            Message::Notification(note) => {
                if let Some(publish) = server.notification(note) {
                    send(connection, publish)?;
                }
            }
            Message::Response(_) => {}
        }
    }
    // The client went away without `shutdown` and `exit`.
    Ok(1)
}

fn send(connection: &Connection, message: impl Into<Message>) -> Result<(), String> {
    connection.sender.send(message.into()).map_err(|e| format!("cannot send to the client: {e}"))
}

struct Document {
    text: String,
    version: Option<i32>,
    diagnostics: Vec<Diagnostic>,
}

struct Server {
    encoding: Encoding,
    documents: HashMap<Url, Document>,
}

impl Server {
    fn request(&mut self, request: Request) -> Response {
        match request.method.as_str() {
            HoverRequest::METHOD => match serde_json::from_value::<HoverParams>(request.params) {
                Ok(params) => Response::new_ok(request.id, self.hover(&params)),
                Err(e) => invalid_params(request.id, e),
            },
            _ => Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!("quotelint does not handle {}", request.method),
            ),
        }
    }

    /// Updates the documents; returns the diagnostics to publish, if any changed.
    fn notification(&mut self, note: Notification) -> Option<Notification> {
        match note.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(note.params).ok()?;
                let doc = params.text_document;
                Some(self.update(doc.uri, doc.text, Some(doc.version)))
            }
            DidChangeTextDocument::METHOD => {
                let params: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(note.params).ok()?;
                // Full sync: the last change holds the whole new text.
                let text = params.content_changes.into_iter().last()?.text;
                Some(self.update(params.text_document.uri, text, Some(params.text_document.version)))
            }
            DidSaveTextDocument::METHOD => {
                let params: lsp_types::DidSaveTextDocumentParams = serde_json::from_value(note.params).ok()?;
                let uri = params.text_document.uri;
                let (text, version) = match (params.text, self.documents.get(&uri)) {
                    (Some(text), doc) => (text, doc.and_then(|d| d.version)),
                    (None, Some(doc)) => (doc.text.clone(), doc.version),
                    (None, None) => return None,
                };
                Some(self.update(uri, text, version))
            }
            DidCloseTextDocument::METHOD => {
                let params: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(note.params).ok()?;
                let uri = params.text_document.uri;
                self.documents.remove(&uri);
                Some(publish(PublishDiagnosticsParams { uri, diagnostics: Vec::new(), version: None }))
            }
            _ => None,
        }
    }

    fn update(&mut self, uri: Url, text: String, version: Option<i32>) -> Notification {
        let diagnostics = check(&uri, &text);
        let lsp = diagnostics.iter().map(|d| self.to_lsp(&uri, &text, d)).collect();
        self.documents.insert(uri.clone(), Document { text, version, diagnostics });
        publish(PublishDiagnosticsParams { uri, diagnostics: lsp, version })
    }

    fn range(&self, text: &str, span: Span) -> Range {
        let span = clamp_span(text, span);
        Range {
            start: position::position(text, span.start, self.encoding),
            end: position::position(text, span.end, self.encoding),
        }
    }

    fn to_lsp(&self, uri: &Url, text: &str, d: &Diagnostic) -> lsp_types::Diagnostic {
        let severity = match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        };
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.clone(),
        };
        let related: Vec<DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .map(|l| DiagnosticRelatedInformation {
                location: Location { uri: uri.clone(), range: self.range(text, l.span) },
                message: l.message.clone(),
            })
            .collect();
        lsp_types::Diagnostic {
            range: self.range(text, d.span),
            severity: Some(severity),
            code: Some(NumberOrString::String(d.code.to_string())),
            source: Some("quotelint".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..lsp_types::Diagnostic::default()
        }
    }

    /// The documentation of the rule behind the finding under the cursor.
    fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let at = &params.text_document_position_params;
        let doc = self.documents.get(&at.text_document.uri)?;
        let offset = position::offset(&doc.text, at.position, self.encoding);
        let found = doc.diagnostics.iter().find(|d| {
            let span = clamp_span(&doc.text, d.span);
            span.start <= offset && offset <= span.end
        })?;
        let meta = rules::find(found.code)?.meta();
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
            range: Some(self.range(&doc.text, found.span)),
        })
    }
}

/// Every rule over one draft, with a panic turned into no findings (and a line on stderr,
/// which editors show in the server's log) rather than a dead server.
fn check(uri: &Url, text: &str) -> Vec<Diagnostic> {
    let path = uri.to_file_path().map_or_else(|()| uri.to_string(), |p| p.display().to_string());
    let file = SourceFile::new(path.clone(), text);
    match catch(|| {
        // the draft's own config and suppression comments apply, as on the command line
        let settings = Resolver::new(ConfigChoice::Discover).settings_for(Path::new(&path)).unwrap_or_default();
        let mut diagnostics = suppression::check(&analyze_with(file, &settings), &settings);
        diagnostic::sort(&mut diagnostics);
        diagnostics
    }) {
        Ok(diagnostics) => diagnostics,
        Err(message) => {
            eprintln!("error: internal error while checking {path}: {message}");
            Vec::new()
        }
    }
}

fn publish(params: PublishDiagnosticsParams) -> Notification {
    Notification::new(PublishDiagnostics::METHOD.to_string(), params)
}

fn invalid_params(id: RequestId, err: serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, err.to_string())
}
