//! All integration tests in one binary: one link instead of one per file,
//! which keeps a clean `cargo test` within a small CI disk.

mod common;
mod span_invariants;

// as the binary does: the memory tests read what a stage holds from its count
#[global_allocator]
static COUNTING: quotelint::budget::CountingAllocator = quotelint::budget::CountingAllocator;

mod budget;
mod cli;
mod cli_quotes;
mod config;
mod fix;
mod fix_properties;
mod fixtures;
mod formats;
mod french;
mod hook;
mod input_formats;
mod layering;
mod lsp;
mod memory;
mod paths;
mod properties;
mod provenance;
mod quotes_config;
mod render;
mod report;
mod robustness;
mod rule_docs;
mod rules;
mod site;
mod sources;
mod span_harness;
mod startup;
mod suppress;
