//! Words, punctuation and quotations of one prose block, with byte positions:
//! computed once per draft in [`crate::tokens`].

pub use crate::tokens::Token;
