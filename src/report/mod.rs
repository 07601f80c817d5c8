//! The report an editor reads: one self-contained HTML page showing each
//! draft as prose with every quotation shaded in its speaker's colour, what
//! the pipeline resolved about each quote, the findings where they are, and
//! who speaks in the story.
//!
//! [`build`] gathers plain data ([`model`]) from the analysis, the findings,
//! the `sources` view and the look-ups in source material; [`html`] prints it.
//! Neither attributes anything: they show what the pipeline found.

mod build;
pub mod html;
mod locate;
pub mod model;
pub mod palette;

pub use build::build;
pub use model::DraftReport;
