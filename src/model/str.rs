//! [`Str`], the text of a schedule's fields: owned, or a range of bytes another part of lineup
//! keeps for the whole schedule (the cache's file, mapped), so opening a cached schedule copies
//! and checks no string until something reads it.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// Bytes shared by many [`Str`]s (a cached schedule's file). Nothing here trusts them: a range
/// out of bounds is refused when the `Str` is made, and bytes that are not UTF-8 read as an
/// empty text (a damaged cache is found and rebuilt by its owner, never a crash here).
pub struct Shared(Box<dyn AsRef<[u8]> + Send + Sync>);

impl Shared {
    pub fn new(bytes: impl AsRef<[u8]> + Send + Sync + 'static) -> Arc<Shared> {
        Arc::new(Shared(Box::new(bytes)))
    }

    pub fn bytes(&self) -> &[u8] {
        (*self.0).as_ref()
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Shared({} bytes)", self.bytes().len())
    }
}

/// A field's text: reads as a `&str` wherever one is wanted.
#[derive(Clone, Default)]
pub struct Str(Repr);

#[derive(Clone)]
enum Repr {
    Owned(Box<str>),
    Shared {
        bytes: Arc<Shared>,
        at: u32,
        len: u32,
    },
}

impl Str {
    /// `len` bytes at `at` of `bytes`; `None` when they are not all there.
    pub fn shared(bytes: &Arc<Shared>, at: u32, len: u32) -> Option<Str> {
        let end = u64::from(at) + u64::from(len);
        (end <= bytes.bytes().len() as u64).then(|| {
            Str(Repr::Shared {
                bytes: Arc::clone(bytes),
                at,
                len,
            })
        })
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            Repr::Shared { bytes, at, len } => {
                let (at, len) = (*at as usize, *len as usize);
                bytes
                    .bytes()
                    .get(at..at + len)
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .unwrap_or("")
            }
        }
    }

    /// Changes the text as a `String` (the cleaning and bounding functions work on those).
    pub fn edit<R>(&mut self, change: impl FnOnce(&mut String) -> R) -> R {
        let mut s = match std::mem::take(&mut self.0) {
            Repr::Owned(s) => s.into_string(),
            shared => Str(shared).as_str().to_string(),
        };
        let answer = change(&mut s);
        self.0 = Repr::Owned(s.into_boxed_str());
        answer
    }

    pub fn clear(&mut self) {
        self.0 = Repr::default();
    }
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Owned(Box::default())
    }
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Str {
    fn from(s: String) -> Self {
        Str(Repr::Owned(s.into_boxed_str()))
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Self {
        Str(Repr::Owned(s.into()))
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Self {
        Str::from(s.as_str())
    }
}

impl From<Str> for String {
    fn from(s: Str) -> Self {
        match s.0 {
            Repr::Owned(s) => s.into_string(),
            shared => Str(shared).as_str().to_string(),
        }
    }
}

impl From<&Str> for String {
    fn from(s: &Str) -> Self {
        s.as_str().to_string()
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str {
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Str {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl serde::Serialize for Str {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Str {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Str::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_text_reads_its_range_and_refuses_one_outside() {
        let bytes = Shared::new(b"Rust\xffPython".to_vec());
        assert_eq!(Str::shared(&bytes, 0, 4).unwrap(), "Rust");
        assert_eq!(Str::shared(&bytes, 5, 6).unwrap().as_str(), "Python");
        assert!(Str::shared(&bytes, 5, 7).is_none());
        assert!(Str::shared(&bytes, u32::MAX, 2).is_none());
        // Not UTF-8: read as nothing, never a panic.
        assert_eq!(Str::shared(&bytes, 2, 4).unwrap().as_str(), "");
    }

    #[test]
    fn an_edit_makes_shared_text_owned_and_keeps_the_rest() {
        let bytes = Shared::new(b"Hello".to_vec());
        let mut s = Str::shared(&bytes, 0, 5).unwrap();
        let other = s.clone();
        s.edit(|t| t.push('!'));
        assert_eq!((s.as_str(), other.as_str()), ("Hello!", "Hello"));
        assert_eq!(std::mem::size_of::<Str>(), 24);
        assert_eq!(std::mem::size_of::<Option<Str>>(), 24);
    }

    #[test]
    fn it_compares_hashes_and_serializes_as_its_text() {
        let a = Str::from("abc");
        let b = Str::shared(&Shared::new(b"xabc".to_vec()), 1, 3).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Equal);
        let set: std::collections::HashSet<Str> = [a.clone(), b].into();
        assert_eq!(set.len(), 1);
        assert!(set.contains("abc"));
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"abc\"");
        let back: Str = serde_json::from_str("\"abc\"").unwrap();
        assert_eq!(back, a);
    }
}
