//! The settings rules read: house style and newsroom policy. Built from the
//! defaults, then from `quotelint.toml` (see `config`).

use serde::{Deserialize, Serialize};

/// A house style preset: how insertions, punctuation and attribution look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HouseStyle {
    /// Square brackets for insertions, either punctuation placement, "said".
    #[default]
    Standard,
    /// AP: US punctuation (always inside), comma before a quote, "said".
    Ap,
    /// Reuters: logical punctuation, a colon before a full quote, "said".
    Reuters,
    /// Guardian: logical punctuation, square brackets, "said".
    Guardian,
}

/// Where a comma or full stop goes relative to a closing quotation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Punctuation {
    /// US: always inside.
    Inside,
    /// UK/logical: inside only when it belongs to the quoted words.
    Logical,
    /// Not checked.
    Either,
}

impl HouseStyle {
    /// Whether editorial insertions in quotes use square brackets (else parentheses).
    pub fn brackets_for_insertions(self) -> bool {
        !matches!(self, HouseStyle::Ap)
    }

    pub fn punctuation(self) -> Punctuation {
        match self {
            HouseStyle::Standard => Punctuation::Either,
            HouseStyle::Ap => Punctuation::Inside,
            HouseStyle::Reuters | HouseStyle::Guardian => Punctuation::Logical,
        }
    }

    /// Whether a full quote is introduced with a colon rather than a comma.
    pub fn colon_before_quote(self) -> bool {
        matches!(self, HouseStyle::Reuters)
    }
}

/// Newsroom policy the rules consult.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub style: HouseStyle,
    /// The newsroom's own outlet: "told AFP" is then a first-hand interview.
    pub outlet: Option<String>,
    /// Wire-service policy: every quote must state its channel.
    pub require_channel: bool,
}
