//! What is published of one version of a draft, and the
//! `publishDiagnostics` message for it.

use super::position::{self, Encoding};
use super::{shown, transport, Outgoing};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{LineIndex, Span};
use lsp_types::notification::{Notification as _, PublishDiagnostics};
use lsp_types::{DiagnosticSeverity, Range, Url};
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
        let found = published.diagnostics.iter().map(|d| Finding {
            range: published.range(d.span, encoding),
            severity: severity(d.severity),
            code: Some(d.code()),
            source: "quotelint",
            message: Message { text: &d.message, help: d.help.as_deref() },
            related_information: Related { published, uri, encoding, labels: &d.labels },
        });
        let note_text = published.left_out.map(|left_out| (left_out.first, left_out.message()));
        let note = note_text.as_ref().map(|(first, text)| Finding {
            range: published.range(*first, encoding),
            severity: DiagnosticSeverity::INFORMATION,
            code: None,
            source: "quotelint",
            message: Message { text, help: None },
            related_information: Related { published, uri, encoding, labels: &[] },
        });
        serializer.collect_seq(found.chain(note))
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// One finding as the protocol's `Diagnostic` is written (its fields in
/// that order), borrowing our own strings: building [`lsp_types::Diagnostic`]s
/// copied every message, code and the document's URI for each related place,
/// a fifth of publishing a long draft's findings.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Finding<'p> {
    range: Range,
    severity: DiagnosticSeverity,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'p str>,
    source: &'static str,
    message: Message<'p>,
    #[serde(skip_serializing_if = "Related::is_empty")]
    related_information: Related<'p>,
}

/// A finding's message with its help on a line of its own: editors show
/// the message alone, so the help is folded into it.
struct Message<'p> {
    text: &'p str,
    help: Option<&'p str>,
}

impl serde::Serialize for Message<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.help {
            Some(help) => serializer.collect_str(&format_args!("{}\nhelp: {help}", self.text)),
            None => serializer.serialize_str(self.text),
        }
    }
}

/// A finding's labels as `relatedInformation`: places in the same document.
struct Related<'p> {
    published: &'p Published,
    uri: &'p Url,
    encoding: Encoding,
    labels: &'p [crate::diagnostic::Label],
}

impl Related<'_> {
    fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

impl serde::Serialize for Related<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Place<'p> {
            location: Location<'p>,
            message: &'p str,
        }
        #[derive(serde::Serialize)]
        struct Location<'p> {
            uri: &'p Url,
            range: Range,
        }
        let Self { published, uri, encoding, labels } = *self;
        serializer.collect_seq(labels.iter().map(|l| Place {
            location: Location { uri, range: published.range(l.span, encoding) },
            message: &l.message,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze_with;
    use crate::settings::Settings;
    use crate::source::SourceFile;
    use crate::suppression;
    use lsp_types::{DiagnosticRelatedInformation, NumberOrString, PublishDiagnosticsParams};

    /// A finding as the protocol's own type has it: what the hand-written
    /// form must serialise to.
    fn protocol_form(
        published: &Published,
        uri: &Url,
        d: &Diagnostic,
        encoding: Encoding,
    ) -> lsp_types::Diagnostic {
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.clone(),
        };
        let related: Vec<DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .map(|l| DiagnosticRelatedInformation {
                location: lsp_types::Location { uri: uri.clone(), range: published.range(l.span, encoding) },
                message: l.message.to_string(),
            })
            .collect();
        lsp_types::Diagnostic {
            range: published.range(d.span, encoding),
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.code().to_string())),
            source: Some("quotelint".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..lsp_types::Diagnostic::default()
        }
    }

    fn note_form(published: &Published, left_out: shown::LeftOut, encoding: Encoding) -> lsp_types::Diagnostic {
        lsp_types::Diagnostic {
            range: published.range(left_out.first, encoding),
            severity: Some(DiagnosticSeverity::INFORMATION),
            source: Some("quotelint".into()),
            message: left_out.message(),
            ..lsp_types::Diagnostic::default()
        }
    }

    #[test]
    fn findings_written_one_at_a_time_are_the_protocols_params() {
        let text = "“We will keep the morning crossing for the islanders,” said Mayor Ana Ruiz.\n\n\
                    Later she spoke again. “We will keep the crossing for islanders.”\n\n\
                    “Nobody said this,” according to sources.\n";
        let settings = Settings::default();
        let file = SourceFile::new("ferry.md", text);
        let mut all = suppression::check(&analyze_with(file, &settings), &settings);
        assert!(all.iter().any(|d| !d.labels.is_empty()), "a finding with related places: {all:?}");
        assert!(all.iter().any(|d| d.help.is_some()), "a finding with help");
        // and one without, which every rule gives today
        let mut bare = all[0].clone();
        bare.help = None;
        all.push(bare);
        let uri = Url::parse("file:///desk/ferry.md").expect("a URL");
        // all of them, and one with a note saying how many are left out
        for max in [usize::MAX, 1] {
            let (diagnostics, left_out) = shown::shown(all.clone(), max);
            assert_eq!(left_out.is_some(), max == 1);
            let published =
                Published { lines: LineIndex::new(text), text: Arc::new(text.to_string()), diagnostics, left_out };
            for (version, encoding) in [(Some(3), Encoding::Utf16), (None, Encoding::Utf8)] {
                let found = published.diagnostics.iter().map(|d| protocol_form(&published, &uri, d, encoding));
                let note = published.left_out.map(|left_out| note_form(&published, left_out, encoding));
                let whole = PublishDiagnosticsParams {
                    uri: uri.clone(),
                    diagnostics: found.chain(note).collect(),
                    version,
                };
                let expected = transport::body(&Outgoing { method: PublishDiagnostics::METHOD, params: whole });
                assert_eq!(published.message(&uri, version, encoding).to_vec(), expected.to_vec());
            }
        }
    }
}
