//! quotelint: finds every quotation in a journalism draft, works out who said
//! it and how the words reached the newsroom, and reports what an editor
//! should fix.
//!
//! The pipeline, one module a stage:
//! [`source`] (read file) → [`markdown`] (prose blocks with an offset map) →
//! [`scan`] (quotations) → [`tokens`] (words and [`sentences`], once) →
//! [`attribution`] → [`rules`] (their [`findings`] held packed) →
//! [`diagnostic`] → [`render`].
//!
//! Modules import downward only. Plain data sits below every stage:
//! [`span`], [`rule_meta`] (what a rule is), [`edit`] (what a fix is),
//! [`lexicon`] (the word lists) and [`source_index`] (the source material
//! quotes are checked against), so that [`settings`] can select rules and
//! carry sources without knowing the rules or the provenance check, and
//! [`diagnostic`] can name a rule without importing the registry. Below
//! the readers and front ends too: [`size`] (sizes in and out of messages),
//! [`budget`] (a draft's memory and time) and [`isolate`] (a panic or an
//! overrun costs one draft), which the command line and the language server
//! share. A test (`tests/it/layering.rs`) fails on any import cycle.

pub mod analysis;
pub mod attribution;
pub mod budget;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod edit;
pub mod findings;
pub mod fix;
pub mod fixer;
pub mod formats;
pub mod heap;
pub mod isolate;
pub mod lexicon;
pub mod lsp;
pub mod markdown;
pub mod provenance;
pub mod quote;
pub mod render;
pub mod report;
pub mod rule_meta;
pub mod rules;
pub mod scan;
pub mod sentences;
pub mod settings;
pub mod size;
pub mod source;
pub mod source_index;
pub mod sources;
pub mod span;
pub mod suppression;
pub mod tokens;
pub mod walk;

pub use analysis::{analyze, Analysis};
