//! Code actions: a quick fix for each finding that has a fix, and
//! `source.fixAll.quotelint`, which applies every safe fix at once (what an
//! editor runs on save). Both are built from the findings last published
//! for the document, with no new analysis on the message loop: if the draft
//! changed since, there is nothing to offer until the next publish. The fix
//! all is one pass (fixes that overlap one taken are left for the next
//! run); positions are in the negotiated encoding.

use super::position::{self, Encoding};
use crate::diagnostic::Diagnostic;
use crate::fix::{self, Applicability, Edit, Fix};
use crate::render::clamp_span;
use crate::span::{LineIndex, Span};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, NumberOrString, Range, TextEdit, Url, WorkspaceEdit,
};
use std::collections::HashMap;

/// The kind of the fix-all action (Ruff's is `source.fixAll.ruff`).
pub const FIX_ALL: &str = "source.fixAll.quotelint";

/// What the server announces in `initialize`.
pub fn capability() -> CodeActionProviderCapability {
    CodeActionProviderCapability::Options(CodeActionOptions {
        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
        resolve_provider: Some(false),
        ..CodeActionOptions::default()
    })
}

/// One published version of a draft: its text and the findings about it.
pub struct Published<'a> {
    pub uri: &'a Url,
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub diagnostics: &'a [Diagnostic],
    pub encoding: Encoding,
}

/// The actions for `params` over `published`: quick fixes for the fixable
/// findings in the requested range, and the fix-all, each if the client's
/// `only` filter lets it through.
pub fn actions(params: &CodeActionParams, published: &Published<'_>) -> Vec<CodeActionOrCommand> {
    let only = params.context.only.as_deref();
    let mut out = Vec::new();
    if wanted(only, CodeActionKind::QUICKFIX.as_str()) {
        let at = span_of(published, params.range);
        for d in published.diagnostics {
            let Some(fix) = &d.fix else { continue };
            let span = clamp_span(published.text, d.span);
            if span.start <= at.end && at.start <= span.end {
                out.push(CodeActionOrCommand::CodeAction(quick_fix(params, published, d, fix)));
            }
        }
    }
    if wanted(only, FIX_ALL) {
        if let Some(action) = fix_all(published) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    out
}

/// Whether a client asking for `only` these kinds wants an action of `kind`:
/// a kind matches itself and every kind it is a dot-separated prefix of.
fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|kinds| {
        kinds.iter().any(|k| {
            let k = k.as_str();
            kind == k || kind.strip_prefix(k).is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

fn quick_fix(params: &CodeActionParams, published: &Published<'_>, d: &Diagnostic, fix: &Fix) -> CodeAction {
    let safe = fix.applicability == Applicability::Safe;
    let caution = if safe { "" } else { " (unsafe: may change the wording)" };
    // the client's own copy of the finding, so it can tie the action to it
    let range = range_of(published, d.span);
    let code = NumberOrString::String(d.code().to_string());
    let diagnostics: Vec<lsp_types::Diagnostic> = params
        .context
        .diagnostics
        .iter()
        .filter(|c| c.range == range && c.code.as_ref() == Some(&code))
        .cloned()
        .collect();
    CodeAction {
        title: format!("{} ({}){caution}", fix.message, d.code()),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(workspace_edit(published, &fix.edits)),
        is_preferred: Some(safe),
        ..CodeAction::default()
    }
}

/// Every safe fix that fits in one pass, as one edit of the changed stretch.
fn fix_all(published: &Published<'_>) -> Option<CodeAction> {
    let fixes: Vec<&Fix> = published
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_deref())
        .filter(|f| f.applicability == Applicability::Safe)
        .collect();
    if fixes.is_empty() {
        return None;
    }
    let fixed = fix::apply(published.text, &fixes).text;
    let edit = changed_stretch(published.text, &fixed)?;
    Some(CodeAction {
        title: "Fix all safely fixable quotelint problems".into(),
        kind: Some(CodeActionKind::new(FIX_ALL)),
        edit: Some(workspace_edit(published, &[edit])),
        ..CodeAction::default()
    })
}

/// The one edit that turns `old` into `new`: the stretch between their
/// common start and common end (on character boundaries); none if equal.
fn changed_stretch(old: &str, new: &str) -> Option<Edit> {
    if old == new {
        return None;
    }
    let mut start = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let room = old.len().min(new.len()) - start;
    let mut tail = old.bytes().rev().zip(new.bytes().rev()).take(room).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(old.len() - tail) || !new.is_char_boundary(new.len() - tail) {
        tail -= 1;
    }
    let replacement = new.get(start..new.len() - tail)?;
    Some(Edit::replace(Span::new(start, old.len() - tail), replacement))
}

fn workspace_edit(published: &Published<'_>, edits: &[Edit]) -> WorkspaceEdit {
    let edits = edits
        .iter()
        .map(|e| TextEdit { range: range_of(published, e.span), new_text: e.replacement.clone() })
        .collect();
    WorkspaceEdit { changes: Some(HashMap::from([(published.uri.clone(), edits)])), ..WorkspaceEdit::default() }
}

fn range_of(published: &Published<'_>, span: Span) -> Range {
    position::range(published.text, published.lines, span, published.encoding)
}

fn span_of(published: &Published<'_>, range: Range) -> Span {
    let at = |pos| position::offset(published.text, published.lines, pos, published.encoding);
    let (start, end) = (at(range.start), at(range.end));
    Span::new(start.min(end), start.max(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_stretch_is_what_lies_between_the_common_ends() {
        let e = changed_stretch("a “b” c", "a \"b\" c").unwrap();
        assert_eq!((e.span, e.replacement.as_str()), (Span::new(2, 9), "\"b\""));
        assert!(changed_stretch("same", "same").is_none());
        let e = changed_stretch("ab", "abc").unwrap();
        assert_eq!((e.span, e.replacement.as_str()), (Span::new(2, 2), "c"));
        // “ and ” share their first two bytes: the stretch starts on a character boundary
        let e = changed_stretch("x“", "x”").unwrap();
        assert_eq!((e.span, e.replacement.as_str()), (Span::new(1, 4), "”"));
    }

    #[test]
    fn only_filters_by_kind_prefix() {
        let kinds = |k: &[&'static str]| k.iter().map(|s| CodeActionKind::new(s)).collect::<Vec<_>>();
        assert!(wanted(None, FIX_ALL));
        assert!(wanted(Some(&kinds(&["source"])), FIX_ALL));
        assert!(wanted(Some(&kinds(&["source.fixAll"])), FIX_ALL));
        assert!(!wanted(Some(&kinds(&["source.fix"])), FIX_ALL));
        assert!(!wanted(Some(&kinds(&["quickfix"])), FIX_ALL));
        assert!(wanted(Some(&kinds(&["quickfix"])), "quickfix"));
    }
}
