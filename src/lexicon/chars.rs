//! Character classes asked of nearly every character of a draft. Outside
//! ASCII, the standard library looks a character up in its Unicode tables
//! (about 350 instructions for a curly quote or a dash); news copy's
//! commonest characters outside ASCII are punctuation from the General
//! Punctuation block (’ “ ” — …), which holds no letter or digit, so those
//! are answered without a lookup.

/// [`char::is_alphabetic`].
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' | GENERAL_PUNCTUATION_START..=GENERAL_PUNCTUATION_END => false,
        _ => c.is_alphabetic(),
    }
}

/// [`char::is_alphanumeric`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\x7f' | GENERAL_PUNCTUATION_START..=GENERAL_PUNCTUATION_END => false,
        _ => c.is_alphanumeric(),
    }
}

const GENERAL_PUNCTUATION_START: char = '\u{2000}';
const GENERAL_PUNCTUATION_END: char = '\u{206F}';

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_is_classed_as_the_standard_library_classes_it() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
