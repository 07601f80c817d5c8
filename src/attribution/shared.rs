//! A shared, immutable string held by one thin pointer.
//!
//! Attribution's words (a speaker's mention and name, a cue) are shared
//! between the cast and every attribution that repeats them. As `Arc<str>`
//! each was a pointer and a length, 16 bytes, three to an attribution and
//! a hundred thousand attributions held while a long draft's rules run.
//! Here the length sits before the bytes, in the one allocation an
//! `Arc<str>` also makes (a count where `Arc` has two, then the length):
//! the handle is 8 bytes. Count and length take four bytes each, where
//! `Arc<str>` takes sixteen before the bytes: a draft naming forty thousand
//! people holds each name once, and a name of 9 to 16 bytes then fits
//! malloc's 32-byte block where it took a 48-byte one.

use serde::{Serialize, Serializer};
use std::alloc::{self, Layout};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::ptr::NonNull;
use std::sync::atomic::{self, AtomicU32, Ordering};

/// What the allocation starts with; the string's bytes follow it.
#[repr(C)]
struct Header {
    count: AtomicU32,
    /// Names, words and cues: never near 4 GiB (`new` refuses one that is).
    len: u32,
}

/// A string shared by count, read as a `str`; compared, hashed, printed
/// and serialised as its text.
pub struct Shared(NonNull<Header>);

// SAFETY: the text is never changed once made and the count is atomic, as
// in `Arc<str>`, which is `Send` and `Sync`.
unsafe impl Send for Shared {}
// SAFETY: as `Send`.
unsafe impl Sync for Shared {}

/// The allocation of a header and `len` bytes.
fn layout(len: usize) -> Layout {
    let bytes = Layout::array::<u8>(len).expect("a string's length fits a layout");
    let (layout, _) = Layout::new::<Header>().extend(bytes).expect("a string's length fits a layout");
    layout.pad_to_align()
}

const BYTES_AT: usize = std::mem::size_of::<Header>();

impl Shared {
    pub fn new(text: &str) -> Self {
        let Ok(len) = u32::try_from(text.len()) else { panic!("a shared string of {} bytes", text.len()) };
        let layout = layout(text.len());
        // SAFETY: the layout has the header's nonzero size.
        let at = unsafe { alloc::alloc(layout) }.cast::<Header>();
        let Some(header) = NonNull::new(at) else { alloc::handle_alloc_error(layout) };
        // SAFETY: `at` is a fresh allocation of the header and `text.len()`
        // bytes after it, aligned for the header; nothing else sees it yet.
        unsafe {
            at.write(Header { count: AtomicU32::new(1), len });
            std::ptr::copy_nonoverlapping(text.as_ptr(), at.cast::<u8>().add(BYTES_AT), text.len());
        }
        Shared(header)
    }

    pub fn as_str(&self) -> &str {
        // SAFETY: the header and the bytes after it were written by `new`
        // from a `str` and live while any handle does; they are never changed.
        unsafe {
            let at = self.0.as_ptr();
            let bytes = std::slice::from_raw_parts(at.cast::<u8>().add(BYTES_AT), (*at).len as usize);
            std::str::from_utf8_unchecked(bytes)
        }
    }

    /// Whether `a` and `b` are handles of one string.
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        a.0 == b.0
    }

    fn header(&self) -> &Header {
        // SAFETY: the header lives while any handle does.
        unsafe { self.0.as_ref() }
    }
}

impl Clone for Shared {
    fn clone(&self) -> Self {
        // as `Arc`: a count past i32::MAX means handles were leaked without
        // end (or cloned past what four bytes count: stop before they wrap)
        if self.header().count.fetch_add(1, Ordering::Relaxed) > i32::MAX as u32 {
            std::process::abort();
        }
        Shared(self.0)
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        if self.header().count.fetch_sub(1, Ordering::Release) != 1 {
            return;
        }
        // as `Arc`: every other handle's use happens before the memory goes
        atomic::fence(Ordering::Acquire);
        let layout = layout(self.header().len as usize);
        // SAFETY: this was the last handle; the memory was allocated by
        // `new` with this layout.
        unsafe { alloc::dealloc(self.0.as_ptr().cast::<u8>(), layout) };
    }
}

impl Deref for Shared {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Shared {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Shared {
    fn from(text: &str) -> Self {
        Shared::new(text)
    }
}

impl From<String> for Shared {
    fn from(text: String) -> Self {
        Shared::new(&text)
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Shared {}

impl PartialEq<str> for Shared {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl Hash for Shared {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Shared {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Shared {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl Serialize for Shared {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Shared;
    use std::collections::HashMap;

    #[test]
    fn a_shared_string_reads_compares_and_frees_as_an_arc_str_does() {
        assert_eq!(std::mem::size_of::<Shared>(), 8);
        assert_eq!(std::mem::size_of::<Option<Shared>>(), 8);
        let (texts, held) = crate::budget::held_by(|| {
            let a = Shared::from("Ana Ruiz");
            let b = a.clone();
            let c = Shared::from(String::from("Ana Ruiz"));
            assert!(Shared::ptr_eq(&a, &b) && !Shared::ptr_eq(&a, &c));
            assert_eq!(
                (&*a, a.len(), &a, format!("{a:?} {a}")),
                ("Ana Ruiz", 8, &c, "\"Ana Ruiz\" Ana Ruiz".into())
            );
            assert_eq!(serde_json::to_string(&a).unwrap(), "\"Ana Ruiz\"");
            let mut keys: HashMap<Shared, u8> = HashMap::new();
            keys.insert(b, 1);
            assert_eq!(keys.get("Ana Ruiz"), Some(&1));
            drop((a, c, keys));
            vec![Shared::from(""), Shared::from("é")]
        });
        assert_eq!(texts.iter().map(|t| t.as_str()).collect::<Vec<_>>(), ["", "é"]);
        // a four-byte count and length before the bytes, padded to 4 bytes,
        // and the vector of two handles
        assert_eq!(held, 8 + 12 + 2 * 8);
        drop(texts);
    }

    #[test]
    fn a_name_of_sixteen_bytes_takes_twenty_four() {
        // malloc's 32-byte block holds 24: an `Arc<str>`'s sixteen-byte header
        // put a name of nine bytes or more in a 48-byte one
        let (name, held) = crate::budget::held_by(|| Shared::from("Priya Wesgovenor"));
        assert_eq!((name.len(), held), (16, 24));
        let many = Shared::from("x".repeat(1000));
        assert_eq!((many.len(), many.chars().all(|c| c == 'x')), (1000, true));
    }
}
