//! What is published of one version of a draft, and the
//! `publishDiagnostics` message for it.

use super::position::{self, Encoding};
use super::{shown, transport, Outgoing};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{LineIndex, Span};
use lsp_types::notification::{Notification as _, PublishDiagnostics};
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, Url};
use std::sync::Arc;

/// The diagnostics last published for a document, with the text they are about.
pub(super) struct Published {
    pub text: Arc<String>,
    pub lines: LineIndex,
    /// What is published: at most the client's limit (see [`shown`]).
    pub diagnostics: Vec<Diagnostic>,
    pub left_out: Option<shown::LeftOut>,
}

impl Published {
    pub fn range(&self, span: Span, encoding: Encoding) -> Range {
        position::range(&self.text, &self.lines, span, encoding)
    }

    fn to_lsp(&self, uri: &Url, d: &Diagnostic, encoding: Encoding) -> lsp_types::Diagnostic {
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
                location: Location { uri: uri.clone(), range: self.range(l.span, encoding) },
                message: l.message.to_string(),
            })
            .collect();
        lsp_types::Diagnostic {
            range: self.range(d.span, encoding),
            severity: Some(severity),
            code: Some(NumberOrString::String(d.code().to_string())),
            source: Some("quotelint".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..lsp_types::Diagnostic::default()
        }
    }

    /// The `publishDiagnostics` message of these findings, as JSON text.
    pub fn message(&self, uri: &Url, version: Option<i32>, encoding: Encoding) -> transport::Body {
        let diagnostics = LspDiagnostics { published: self, uri, encoding };
        let params = PublishParams { uri, diagnostics, version };
        transport::body(&Outgoing { method: PublishDiagnostics::METHOD, params })
    }
}

/// [`lsp_types::PublishDiagnosticsParams`] as written, its findings converted one at a
/// time as they are written: the client's form of each finding is several
/// times our own, and all of a 10 MB draft's at once held some 60 MB more.
#[derive(serde::Serialize)]
struct PublishParams<'p> {
    uri: &'p Url,
    diagnostics: LspDiagnostics<'p>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
}

struct LspDiagnostics<'p> {
    published: &'p Published,
    uri: &'p Url,
    encoding: Encoding,
}

impl serde::Serialize for LspDiagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Self { published, uri, encoding } = *self;
        let found = published.diagnostics.iter().map(|d| published.to_lsp(uri, d, encoding));
        let note = published.left_out.map(|left_out| lsp_types::Diagnostic {
            range: published.range(left_out.first, encoding),
            severity: Some(DiagnosticSeverity::INFORMATION),
            source: Some("quotelint".into()),
            message: left_out.message(),
            ..lsp_types::Diagnostic::default()
        });
        serializer.collect_seq(found.chain(note))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze_with;
    use crate::settings::Settings;
    use crate::source::SourceFile;
    use crate::suppression;
    use lsp_types::PublishDiagnosticsParams;

    #[test]
    fn findings_written_one_at_a_time_are_the_protocols_params() {
        let text = "“We will keep the morning crossing for the islanders,” said Mayor Ana Ruiz.\n\n\
                    Later she spoke again. “We will keep the crossing for islanders.”\n\n\
                    “Nobody said this,” according to sources.\n";
        let settings = Settings::default();
        let file = SourceFile::new("ferry.md", text);
        let diagnostics = suppression::check(&analyze_with(file, &settings), &settings);
        assert!(
            diagnostics.iter().any(|d| !d.labels.is_empty()),
            "a finding with related places: {diagnostics:?}"
        );
        assert!(diagnostics.iter().any(|d| d.help.is_some()), "a finding with help");
        let published = Published {
            lines: LineIndex::new(text),
            text: Arc::new(text.to_string()),
            diagnostics,
            left_out: None,
        };
        let uri = Url::parse("file:///desk/ferry.md").expect("a URL");
        for (version, encoding) in [(Some(3), Encoding::Utf16), (None, Encoding::Utf8)] {
            let whole = PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: published.diagnostics.iter().map(|d| published.to_lsp(&uri, d, encoding)).collect(),
                version,
            };
            let expected = transport::body(&Outgoing { method: PublishDiagnostics::METHOD, params: whole });
            assert_eq!(published.message(&uri, version, encoding).to_vec(), expected.to_vec());
        }
    }
}
