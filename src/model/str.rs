//! [`Str`], the text of a schedule's fields in eight bytes: owned, or a range of bytes kept for
//! the whole run (a cached schedule's file, mapped), so opening a cached schedule copies and
//! checks no string until something reads it, and a session of ten texts costs 80 bytes, not
//! 240.
//!
//! An owned text is one heap block, its length (4 bytes) then its bytes; a kept text is the
//! number of its block of bytes ([`Shared`]), where it starts and how long it is, packed (9,
//! 27 and 27 bits); a name ([`Str::name`]) is a record laid out as an owned block, held once
//! for the run. The low bits tell them apart (a heap block is aligned to 4): 1 for a kept
//! text, 2 for a name.

use std::alloc::{Layout, alloc, dealloc, handle_alloc_error};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::num::NonZeroU64;
use std::ops::Deref;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

mod names;

use names::NAMED;

/// How many blocks of bytes a run can keep (block 0 is the empty text's).
const BLOCKS: usize = 512;
/// Kept texts start, and are shorter than, this (128 MiB) in their block.
const LIMIT: u64 = 1 << 27;
/// The low bit of a kept text (and of the empty text).
const KEPT: u64 = 1;

static BLOCK: [OnceLock<&'static [u8]>; BLOCKS] = [const { OnceLock::new() }; BLOCKS];
static NEXT: AtomicUsize = AtomicUsize::new(1);

/// Bytes to keep: a mapped file, a buffer.
pub type Bytes = Box<dyn AsRef<[u8]> + Send + Sync>;

/// A block of bytes kept for the rest of the run (a cached schedule's mapped file), which
/// texts ([`Str::shared`]) and the search index point into. Nothing here trusts the bytes: a
/// range out of bounds is refused when a `Str` is made, and bytes that are not UTF-8 read as an
/// empty text (a damaged cache is found and rebuilt by its owner, never a crash here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shared {
    block: u16,
}

impl Shared {
    /// Keeps `bytes` until the process ends; given back when the run already keeps as many
    /// blocks as it can (the caller then copies what it needs instead).
    pub fn keep(bytes: Bytes) -> Result<Shared, Bytes> {
        let block = NEXT.fetch_add(1, Ordering::Relaxed);
        let (Some(slot), Ok(id)) = (BLOCK.get(block), u16::try_from(block)) else {
            return Err(bytes);
        };
        let kept: &'static (dyn AsRef<[u8]> + Send + Sync) = Box::leak(bytes);
        // Each number is taken once (`NEXT` only grows): the slot is empty.
        let _ = slot.set((*kept).as_ref());
        Ok(Shared { block: id })
    }

    pub fn bytes(&self) -> &'static [u8] {
        BLOCK
            .get(usize::from(self.block))
            .and_then(OnceLock::get)
            .copied()
            .unwrap_or_default()
    }
}

/// A field's text: reads as a `&str` wherever one is wanted.
pub struct Str(NonZeroU64);

impl Str {
    /// `len` bytes at `at` of `bytes`; `None` when they are not all there (or lie past what a
    /// kept text can point to: the caller copies those).
    pub fn shared(bytes: Shared, at: u32, len: u32) -> Option<Str> {
        Str::shared_sized(bytes, bytes.bytes().len(), at, len)
    }

    /// [`Str::shared`] with the block's length, `bytes.bytes().len()`, looked up once by a
    /// caller making many texts. A wrong `size` can only make a text that reads as empty:
    /// reading checks the range again.
    pub fn shared_sized(bytes: Shared, size: usize, at: u32, len: u32) -> Option<Str> {
        let (at64, len64) = (u64::from(at), u64::from(len));
        let end = at64 + len64;
        if end > size as u64 || at64 >= LIMIT || len64 >= LIMIT {
            return None;
        }
        if len == 0 {
            return Some(Str::default());
        }
        let packed = KEPT | (u64::from(bytes.block) << 1) | (at64 << 10) | (len64 << 37);
        NonZeroU64::new(packed).map(Str)
    }

    /// A name many sessions share (a room, a track, a language, a kind): held once for the
    /// run, so each session holds 8 bytes of it. An owned text when the run holds all the
    /// names it may, or the name is longer than any a schedule keeps.
    pub fn name(s: &str) -> Str {
        names::intern(s).map_or_else(|| Str::owned(s), Str)
    }

    /// Texts as a session's list (its speakers), in a buffer of their number. Collecting a
    /// `Vec<String>` into a `Vec<Str>` reuses the first buffer, three times the room, which
    /// cost 96 to 288 bytes a session at import. Speakers are owned texts, not names: most
    /// give one or two talks, and a table of 60,000 of them held more than it saved.
    pub fn list<S: Into<Str>>(items: impl IntoIterator<Item = S>) -> super::Speakers {
        items.into_iter().map(Into::into).collect()
    }

    fn owned(s: &str) -> Str {
        if s.is_empty() {
            return Str::default();
        }
        // Longer than any input lineup reads (512 MiB): cut where a character starts, so the
        // length fits its four bytes and the block's size a `Layout` (below isize::MAX).
        let mut len = s
            .len()
            .min((u32::MAX as usize).min(isize::MAX as usize) - 8);
        while !s.is_char_boundary(len) {
            len -= 1;
        }
        let Some(layout) = block_layout(len) else {
            return Str::default();
        };
        // SAFETY: the layout has a non-zero size (4 bytes and more); the block is checked for
        // null, then its length and bytes are written inside it (4 + len bytes, aligned to 4).
        unsafe {
            let block = alloc(layout);
            if block.is_null() {
                handle_alloc_error(layout);
            }
            block.cast::<u32>().write(len as u32);
            block.add(4).copy_from_nonoverlapping(s.as_ptr(), len);
            Str(NonZeroU64::new_unchecked(block.expose_provenance() as u64))
        }
    }

    /// For a kept text or a name, what tells it apart: two with the same key are the same
    /// bytes (a name a cached schedule stores once, or an importer shares, has one key in
    /// every session). `None` for an owned text.
    pub fn kept_key(&self) -> Option<u64> {
        let v = self.0.get();
        (!is_owned(v)).then_some(v)
    }

    pub fn as_str(&self) -> &str {
        let v = self.0.get();
        if v & KEPT != 0 {
            let block = ((v >> 1) & 0x1FF) as usize;
            let (at, len) = (((v >> 10) & (LIMIT - 1)) as usize, (v >> 37) as usize);
            return BLOCK
                .get(block)
                .and_then(OnceLock::get)
                .and_then(|b| b.get(at..at + len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("");
        }
        let block: *const u8 = std::ptr::with_exposed_provenance((v & !NAMED) as usize);
        // SAFETY: an owned text's block was made by `Str::owned` from a `&str`: its length,
        // then that many bytes of UTF-8; it lives until this `Str` is dropped. A name's record
        // is laid out the same (`names::intern`) and lives for the run.
        unsafe {
            let len = block.cast::<u32>().read() as usize;
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(block.add(4), len))
        }
    }

    /// Whether the text is `s`. A kept text of another length is told apart without reading
    /// its bytes (from the file, a page fault when they were never read).
    pub fn is(&self, s: &str) -> bool {
        let v = self.0.get();
        // A kept text reads as its bytes, or as "" when they are not UTF-8: either way it is
        // not a text of another length that is not empty.
        if v & KEPT != 0 && !s.is_empty() && (v >> 37) as usize != s.len() {
            return false;
        }
        self.as_str() == s
    }

    /// Changes the text as a `String` (the cleaning and bounding functions work on those).
    pub fn edit<R>(&mut self, change: impl FnOnce(&mut String) -> R) -> R {
        let mut s = self.as_str().to_string();
        let answer = change(&mut s);
        *self = Str::owned(&s);
        answer
    }

    pub fn clear(&mut self) {
        *self = Str::default();
    }
}

/// What a lookup gave for each kept text met: a name that the sessions of a cached schedule
/// share (stored once), or that an importer shared ([`Str::name`]), is read and looked up
/// once, not once a session. An owned text is looked up each time.
pub struct Memo<T> {
    seen: std::collections::HashMap<u64, T, foldhash::fast::RandomState>,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            seen: Default::default(),
        }
    }
}

impl<T: Clone> Memo<T> {
    /// What `look_up` gives for `text`, remembered when the text is kept.
    pub fn get<'a>(&mut self, text: &'a Str, look_up: impl FnOnce(&'a str) -> T) -> T {
        match text.kept_key() {
            Some(key) => self
                .seen
                .entry(key)
                .or_insert_with(|| look_up(text.as_str()))
                .clone(),
            None => look_up(text.as_str()),
        }
    }
}

/// Whether a text's word is an owned block's address (freed with it, copied to clone), not a
/// kept text or a name (which live for the run and are copied as they are).
fn is_owned(v: u64) -> bool {
    v & (KEPT | NAMED) == 0
}

/// The heap block of an owned text of `len` bytes (always one: `Str::owned` cuts `len` so
/// that 4 + len stays below isize::MAX).
fn block_layout(len: usize) -> Option<Layout> {
    Layout::from_size_align(len.checked_add(4)?, 4).ok()
}

impl Drop for Str {
    fn drop(&mut self) {
        let v = self.0.get();
        if !is_owned(v) {
            return;
        }
        let block: *mut u8 = std::ptr::with_exposed_provenance_mut(v as usize);
        // SAFETY: an owned text's block was allocated by `Str::owned` with this layout (its
        // length is read from it) and is freed once, here.
        unsafe {
            let len = block.cast::<u32>().read() as usize;
            if let Some(layout) = block_layout(len) {
                dealloc(block, layout);
            }
        }
    }
}

impl Clone for Str {
    fn clone(&self) -> Str {
        if !is_owned(self.0.get()) {
            Str(self.0)
        } else {
            Str::owned(self.as_str())
        }
    }
}

impl Default for Str {
    fn default() -> Str {
        Str(NonZeroU64::MIN)
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
        Str::owned(&s)
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Self {
        Str::owned(s)
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Self {
        Str::from(s.as_str())
    }
}

impl From<Str> for String {
    fn from(s: Str) -> Self {
        s.as_str().to_string()
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
        // The same kept bytes (or the same block) read the same, without reading them.
        self.0 == other.0 || self.as_str() == other.as_str()
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

    fn kept(bytes: &[u8]) -> Shared {
        Shared::keep(Box::new(bytes.to_vec())).ok().unwrap()
    }

    #[test]
    fn shared_text_reads_its_range_and_refuses_one_outside() {
        let bytes = kept(b"Rust\xffPython");
        assert_eq!(Str::shared(bytes, 0, 4).unwrap(), "Rust");
        assert_eq!(Str::shared(bytes, 5, 6).unwrap().as_str(), "Python");
        assert!(Str::shared(bytes, 5, 7).is_none());
        assert!(Str::shared(bytes, u32::MAX, 2).is_none());
        // Not UTF-8: read as nothing, never a panic.
        assert_eq!(Str::shared(bytes, 2, 4).unwrap().as_str(), "");
    }

    #[test]
    fn is_says_what_comparing_the_texts_says_for_every_kind_of_text() {
        let bytes = kept(b"Rust\xffPython");
        let texts = [
            Str::shared(bytes, 0, 4).unwrap(),
            Str::shared(bytes, 5, 6).unwrap(),
            Str::shared(bytes, 2, 4).unwrap(), // not UTF-8: reads as ""
            Str::shared(bytes, 0, 0).unwrap(),
            Str::from("Rust"),
            Str::from(""),
            Str::name("Python"),
        ];
        for t in &texts {
            for s in ["Rust", "Python", "", "Rus", "Ruby", "\u{fffd}Pyt"] {
                assert_eq!(t.is(s), t.as_str() == s, "{t:?} is {s:?}");
            }
        }
    }

    #[test]
    fn a_memo_looks_a_kept_text_up_once_and_an_owned_one_each_time() {
        let bytes = kept(b"Room 1Room 2");
        let (a, again, b) = (
            Str::shared(bytes, 0, 6).unwrap(),
            Str::shared(bytes, 0, 6).unwrap(),
            Str::shared(bytes, 6, 6).unwrap(),
        );
        let owned = Str::from("Room 1");
        assert_eq!(a.kept_key(), again.kept_key());
        assert_ne!(a.kept_key(), b.kept_key());
        assert_eq!(owned.kept_key(), None);
        assert!(a == again && a == owned && a != b);
        let mut memo: Memo<String> = Memo::default();
        let mut looked = 0;
        for s in [&a, &again, &b, &owned, &owned] {
            let got = memo.get(s, |t| {
                looked += 1;
                t.to_uppercase()
            });
            assert_eq!(got, s.to_uppercase());
        }
        assert_eq!(
            looked, 4,
            "Room 1 kept once, Room 2 once, the owned text twice"
        );
    }

    #[test]
    fn an_edit_makes_shared_text_owned_and_keeps_the_rest() {
        let mut s = Str::shared(kept(b"Hello"), 0, 5).unwrap();
        let other = s.clone();
        s.edit(|t| t.push('!'));
        assert_eq!((s.as_str(), other.as_str()), ("Hello!", "Hello"));
        assert_eq!(std::mem::size_of::<Str>(), 8);
        assert_eq!(std::mem::size_of::<Option<Str>>(), 8);
    }

    #[test]
    fn owned_text_of_any_length_reads_back_and_clones_apart() {
        for text in [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "Pérez 日本語",
            &"x".repeat(100_000),
        ] {
            let s = Str::from(text);
            let c = s.clone();
            drop(s);
            assert_eq!(c.as_str(), text);
            let mut e = c.clone();
            e.edit(|t| t.push('é'));
            assert_eq!(e.as_str(), format!("{text}é"));
            assert_eq!(c.as_str(), text);
        }
        assert_eq!(Str::default().as_str(), "");
        let mut v: Vec<Str> = (0..1000).map(|k| Str::from(k.to_string())).collect();
        v.retain(|s| s.len() % 2 == 0);
        assert!(v.iter().all(|s| s.parse::<u32>().is_ok()));
    }

    #[test]
    fn a_name_reads_compares_and_clones_as_an_owned_text_and_is_never_freed() {
        let a = Str::name("Room Ω 1");
        let copies: Vec<Str> = (0..100).map(|_| a.clone()).collect();
        drop(copies);
        let b = Str::name(&String::from("Room Ω 1"));
        let owned = Str::from("Room Ω 1");
        assert_eq!((a.as_str(), b.as_str()), ("Room Ω 1", "Room Ω 1"));
        assert_eq!(a.kept_key(), b.kept_key());
        assert!(a.kept_key().is_some() && owned.kept_key().is_none());
        assert!(a == b && a == owned && a.cmp(&owned) == std::cmp::Ordering::Equal);
        let set: std::collections::HashSet<Str> = [a.clone(), owned].into();
        assert_eq!(set.len(), 1);
        let mut e = a.clone();
        e.edit(|t| t.push('!'));
        assert_eq!((e.as_str(), e.kept_key()), ("Room Ω 1!", None));
        drop((a, e));
        assert_eq!(b.as_str(), "Room Ω 1");
        assert_eq!(Str::name("").as_str(), "");
        let long = "x".repeat(5000);
        assert_eq!(
            (Str::name(&long).as_str(), Str::name(&long).kept_key()),
            (long.as_str(), None)
        );
    }

    #[test]
    fn names_from_threads_at_once_read_back_as_given() {
        let made: Vec<Vec<Str>> = std::thread::scope(|s| {
            let all: Vec<_> = (0..4)
                .map(|t| {
                    s.spawn(move || {
                        (0..2000)
                            .map(|k| Str::name(&format!("speaker {} of {t}", k % 700)))
                            .collect()
                    })
                })
                .collect();
            all.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (t, names) in made.iter().enumerate() {
            for (k, n) in names.iter().enumerate() {
                assert_eq!(n.as_str(), format!("speaker {} of {t}", k % 700));
                assert_eq!(n.kept_key(), names[k % 700].kept_key());
            }
        }
    }

    #[test]
    fn it_compares_hashes_and_serializes_as_its_text() {
        let a = Str::from("abc");
        let b = Str::shared(kept(b"xabc"), 1, 3).unwrap();
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
