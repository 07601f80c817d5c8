//! Fixes, modelled on Ruff's: a [`Fix`] on a diagnostic is one or more
//! [`Edit`]s (a byte range of the file as on disk and its replacement) and
//! an [`Applicability`]: safe when only typography changes, unsafe when the
//! wording or reading may.
//!
//! What a fix is, as plain data, lives in [`crate::edit`] below the
//! diagnostics that carry it; this module is the text work below the rules
//! (which build fixes) and above the analysis: [`guard`] keeps fixes out of everything
//! but plain prose, [`apply`] applies fixes in one pass, [`diff`] and
//! [`mod@write`] show and save the result. The loop that checks, applies and
//! checks again is [`crate::fixer`].

mod apply;
pub mod diff;
pub mod guard;
pub mod write;

pub use crate::edit::{Applicability, Edit, Fix, FixAvailability};
pub use apply::{apply, Applied};
pub use guard::Vetter;
