//! Finding talks. A query is words in any order; each must begin a word of the session's title,
//! speakers, track, room, abstract or description, compared case- and accent-insensitively
//! (canonical decomposition, marks removed): "python testing" finds "pytest — rapid and simple
//! testing with Python", "perez" finds "Pérez", "rust" does not find "trust". Han and kana
//! characters are words of their own (those scripts put no spaces between words).
//!
//! [`Query::matches`] answers for one session by reading its text; an [`Index`] built once
//! answers for a whole schedule from sorted words and their sessions, in time proportional to
//! what the query words begin, not to the schedule's text. Both say the same (tested).

use std::borrow::Cow;
use std::collections::HashMap;

use super::{Schedule, Session, Shared};
use crate::text;

/// A search as typed: its words, folded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

/// Whether a character is a word of its own (Han ideographs, hiragana, katakana).
fn alone(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// Calls `each` with every word of a text as search sees them: folded, split at anything that
/// is neither a letter nor a digit. Plain lower-case ASCII words are borrowed from the text.
fn each_word<'a>(s: &'a str, mut each: impl FnMut(Cow<'a, str>)) {
    if s.is_ascii() {
        for w in s
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if w.bytes().any(|b| b.is_ascii_uppercase()) {
                each(Cow::Owned(w.to_ascii_lowercase()));
            } else {
                each(Cow::Borrowed(w));
            }
        }
        return;
    }
    let folded = text::fold(s);
    let mut word = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() && !alone(c) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            each(Cow::Owned(std::mem::take(&mut word)));
        }
        if alone(c) {
            each(Cow::Owned(c.to_string()));
        }
    }
    if !word.is_empty() {
        each(Cow::Owned(word));
    }
}

/// The words of a text as search sees them (see [`each_word`]).
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(s, |w| out.push(w.into_owned()));
    out
}

/// Whether `needle` (one folded query word) begins a word of `hay`. ASCII text is searched in
/// place, jumping between the needle's first letter with SIMD; other text is folded first.
fn begins_word(hay: &str, needle: &str) -> bool {
    let Some(&first) = needle.as_bytes().first() else {
        return true;
    };
    if hay.is_ascii() {
        if !needle.is_ascii() {
            return false;
        }
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        return memchr::memchr2_iter(first, first.to_ascii_uppercase(), h).any(|at| {
            (at == 0 || !h[at - 1].is_ascii_alphanumeric())
                && h.get(at..at + n.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(n))
        });
    }
    let folded = text::fold(hay);
    folded.match_indices(needle).any(|(at, _)| {
        let before = folded[..at].chars().next_back();
        let starts_alone = needle.chars().next().is_some_and(alone);
        before.is_none_or(|b| !b.is_alphanumeric() || alone(b)) || starts_alone
    })
}

/// The texts of a session that search reads, the strong ones (title and speakers: ranked
/// first) flagged.
fn fields(s: &Session) -> impl Iterator<Item = (&str, bool)> {
    std::iter::once((s.title.as_str(), true))
        .chain(s.speakers.iter().map(|p| (p.as_str(), true)))
        .chain(s.track.as_deref().map(|t| (t, false)))
        .chain(s.language.as_deref().map(|l| (l, false)))
        .chain(
            s.language
                .as_deref()
                .and_then(text::language_name)
                .map(|n| (n, false)),
        )
        .chain(s.room.as_deref().map(|r| (r, false)))
        .chain([
            (s.abstract_text.as_str(), false),
            (s.description.as_str(), false),
        ])
}

impl Query {
    pub fn new(typed: &str) -> Query {
        // A query of more words than anyone types is cut (the index counts words in 16 bits).
        let mut words = words(typed);
        words.truncate(64);
        Query { words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word of the query begins a word of the session.
    pub fn matches(&self, s: &Session) -> bool {
        !self.words.is_empty()
            && self
                .words
                .iter()
                .all(|w| fields(s).any(|(field, _)| begins_word(field, w)))
    }

    /// `None` when the session does not match; else whether every query word begins a word of
    /// its title or speakers (a strong match, ranked first).
    pub fn hits(&self, s: &Session) -> Option<bool> {
        if !self.matches(s) {
            return None;
        }
        Some(self.words.iter().all(|w| {
            fields(s)
                .filter(|(_, strong)| *strong)
                .any(|(field, _)| begins_word(field, w))
        }))
    }
}

/// Every word of a schedule, sorted, each with the sessions it is in. Built here, or read from
/// bytes kept with a cached schedule ([`Index::from_parts`]): nothing is decoded at opening,
/// each lookup reads the few entries it needs.
#[derive(Debug, Clone)]
pub struct Index {
    words: Table,
    /// Where each word's sessions start in `postings` (one more entry at the end).
    starts: Table,
    /// Session indexes, ascending within a word, shifted left one bit; the low bit is set when
    /// the word is in the session's title or speakers.
    postings: Table,
    sessions: usize,
}

/// A table of little-endian `u32`s: the words' `(at, len)` pairs into their text, the starts,
/// the postings.
#[derive(Debug, Clone)]
enum Table {
    Owned {
        numbers: Vec<u32>,
        text: String,
    },
    Shared {
        bytes: Shared,
        at: usize,
        count: usize,
        text: (usize, usize),
    },
}

impl Table {
    fn owned(numbers: Vec<u32>) -> Table {
        Table::Owned {
            numbers,
            text: String::new(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Table::Owned { numbers, .. } => numbers.len(),
            Table::Shared { count, .. } => *count,
        }
    }

    /// The `i`-th number; 0 past the end (a damaged cache finds less, never a panic).
    fn get(&self, i: usize) -> u32 {
        match self {
            Table::Owned { numbers, .. } => numbers.get(i).copied().unwrap_or(0),
            Table::Shared { bytes, at, .. } => at
                .checked_add(i * 4)
                .and_then(|from| bytes.bytes().get(from..from + 4))
                .and_then(|b| b.try_into().ok())
                .map_or(0, u32::from_le_bytes),
        }
    }

    /// The `i`-th word of a table of `(at, len)` pairs into its text.
    fn word(&self, i: usize) -> &str {
        let (at, len) = (self.get(2 * i) as usize, self.get(2 * i + 1) as usize);
        let text = match self {
            Table::Owned { text, .. } => text.as_bytes(),
            Table::Shared {
                bytes,
                text: (from, to),
                ..
            } => bytes.bytes().get(*from..*to).unwrap_or_default(),
        };
        text.get(at..at + len)
            .and_then(|w| std::str::from_utf8(w).ok())
            .unwrap_or("")
    }
}

impl PartialEq for Index {
    fn eq(&self, other: &Index) -> bool {
        let words = |x: &Index| {
            (0..x.word_count())
                .map(|i| x.words.word(i).to_string())
                .collect::<Vec<_>>()
        };
        let all = |t: &Table| (0..t.len()).map(|i| t.get(i)).collect::<Vec<_>>();
        self.sessions == other.sessions
            && words(self) == words(other)
            && all(&self.starts) == all(&other.starts)
            && all(&self.postings) == all(&other.postings)
    }
}

impl Eq for Index {}

/// Where an index's parts are in bytes kept with a cached schedule: each a byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Parts {
    /// `(at, len)` pairs, two little-endian `u32`s per word, into `text`.
    pub words: (usize, usize),
    pub text: (usize, usize),
    pub starts: (usize, usize),
    pub postings: (usize, usize),
    pub sessions: usize,
}

/// A found session: its index, and whether every query word is in its title or speakers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub session: usize,
    pub strong: bool,
}

impl Index {
    /// Reads every session's words once. Linear in the schedule's text.
    pub fn build(schedule: &Schedule) -> Index {
        let mut ids: HashMap<Cow<str>, u32> = HashMap::new();
        let mut per_session: Vec<Vec<u32>> = Vec::with_capacity(schedule.sessions.len());
        for s in &schedule.sessions {
            let mut mine: Vec<u32> = Vec::new();
            for (field, strong) in fields(s) {
                each_word(field, |w| {
                    let id = match ids.get(w.as_ref()) {
                        Some(&id) => id,
                        None => {
                            let id = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                            ids.insert(w, id);
                            id
                        }
                    };
                    mine.push((id << 1) | u32::from(strong));
                });
            }
            // One entry a word, strong when any of its places is.
            mine.sort_unstable();
            mine.dedup_by(|b, a| {
                let same = *a >> 1 == *b >> 1;
                if same {
                    *a |= *b & 1;
                }
                same
            });
            per_session.push(mine);
        }
        let mut words: Vec<(Cow<str>, u32)> = ids.into_iter().collect();
        words.sort_unstable();
        let mut rank = vec![0u32; words.len()];
        for (r, (_, id)) in words.iter().enumerate() {
            rank[*id as usize] = u32::try_from(r).unwrap_or(u32::MAX);
        }
        // Count, then place: postings grouped by word in sorted order, sessions ascending.
        let mut starts = vec![0u32; words.len() + 1];
        for e in per_session.iter().flatten() {
            starts[rank[(*e >> 1) as usize] as usize + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut fill = starts.clone();
        let mut postings = vec![0u32; starts.last().copied().unwrap_or(0) as usize];
        for (i, mine) in per_session.iter().enumerate() {
            let session = u32::try_from(i).unwrap_or(u32::MAX);
            for e in mine {
                let slot = &mut fill[rank[(*e >> 1) as usize] as usize];
                postings[*slot as usize] = (session << 1) | (e & 1);
                *slot += 1;
            }
        }
        let mut pairs = Vec::with_capacity(words.len() * 2);
        let mut text = String::new();
        for (w, _) in &words {
            pairs.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
            pairs.push(u32::try_from(w.len()).unwrap_or(u32::MAX));
            text.push_str(w);
        }
        Index {
            words: Table::Owned {
                numbers: pairs,
                text,
            },
            starts: Table::owned(starts),
            postings: Table::owned(postings),
            sessions: schedule.sessions.len(),
        }
    }

    /// The index kept in `bytes` at `parts` (as [`Index::write`] put it there); `None` when a
    /// part is not all there.
    pub fn from_parts(bytes: Shared, parts: &Parts) -> Option<Index> {
        let size = bytes.bytes().len();
        let fits = |(at, len): (usize, usize)| at.checked_add(len).is_some_and(|end| end <= size);
        let all = [parts.words, parts.text, parts.starts, parts.postings];
        if !all.into_iter().all(fits) || !parts.words.1.is_multiple_of(8) || parts.starts.1 < 4 {
            return None;
        }
        let table = |(at, len): (usize, usize)| Table::Shared {
            bytes,
            at,
            count: len / 4,
            text: (parts.text.0, parts.text.0 + parts.text.1),
        };
        let index = Index {
            words: table(parts.words),
            starts: table(parts.starts),
            postings: table(parts.postings),
            sessions: parts.sessions,
        };
        (index.starts.len() == index.word_count() + 1).then_some(index)
    }

    /// Appends the index to `out` (whose first byte is at `base` of the file) and says where.
    pub fn write(&self, out: &mut Vec<u8>, base: usize) -> Parts {
        fn put(
            out: &mut Vec<u8>,
            base: usize,
            numbers: impl Iterator<Item = u32>,
        ) -> (usize, usize) {
            let at = base + out.len();
            for n in numbers {
                out.extend_from_slice(&n.to_le_bytes());
            }
            (at, base + out.len() - at)
        }
        let all = |t: &Table| (0..t.len()).map(|i| t.get(i)).collect::<Vec<u32>>();
        let mut pairs = Vec::with_capacity(self.words.len());
        let mut text_len = 0u32;
        for i in 0..self.word_count() {
            let len = u32::try_from(self.words.word(i).len()).unwrap_or(0);
            pairs.extend([text_len, len]);
            text_len = text_len.saturating_add(len);
        }
        let words = put(out, base, pairs.into_iter());
        let starts = put(out, base, all(&self.starts).into_iter());
        let postings = put(out, base, all(&self.postings).into_iter());
        let at = base + out.len();
        for i in 0..self.word_count() {
            out.extend_from_slice(self.words.word(i).as_bytes());
        }
        Parts {
            words,
            text: (at, base + out.len() - at),
            starts,
            postings,
            sessions: self.sessions,
        }
    }

    fn word_count(&self) -> usize {
        self.words.len() / 2
    }

    /// The sessions that match, in schedule order. Each query word costs the sessions of the
    /// words it begins.
    pub fn find(&self, q: &Query) -> Vec<Found> {
        if q.words.is_empty() {
            return Vec::new();
        }
        // Per session: how many query words matched, and how many of them strongly.
        let mut hits = vec![(0u16, 0u16); self.sessions];
        for (n, word) in q.words.iter().enumerate() {
            let n = u16::try_from(n).unwrap_or(u16::MAX);
            let lo = partition(0..self.word_count(), |i| self.words.word(i) < word.as_str());
            let hi = partition(lo..self.word_count(), |i| {
                self.words.word(i).starts_with(word.as_str())
            });
            let from = self.starts.get(lo) as usize;
            let to = (self.starts.get(hi) as usize).min(self.postings.len());
            for p in (from..to).map(|k| self.postings.get(k)) {
                let Some(h) = hits.get_mut((p >> 1) as usize) else {
                    continue;
                };
                // Counted once a query word, whichever of its words matched (and only when every
                // word before it did); strong while every word so far matched strongly.
                if h.0 == n {
                    h.0 += 1;
                }
                if h.0 == n + 1 && p & 1 == 1 && h.1 == n {
                    h.1 += 1;
                }
            }
        }
        let all = u16::try_from(q.words.len()).unwrap_or(u16::MAX);
        hits.iter()
            .enumerate()
            .filter(|(_, h)| h.0 == all)
            .map(|(session, h)| Found {
                session,
                strong: h.1 == all,
            })
            .collect()
    }
}

/// The first of `range` for which `before` is false (it must be true, then false, along it).
fn partition(range: std::ops::Range<usize>, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (range.start, range.end);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::native::default_schedule;
    use proptest::prelude::*;

    fn found(index: &Index, typed: &str) -> Vec<usize> {
        index
            .find(&Query::new(typed))
            .iter()
            .map(|f| f.session)
            .collect()
    }

    fn titled(schedule: &Schedule, typed: &str) -> Vec<String> {
        let index = Index::build(schedule);
        found(&index, typed)
            .into_iter()
            .map(|i| schedule.sessions[i].title.to_string())
            .collect()
    }

    #[test]
    fn words_in_any_order_each_beginning_a_word() {
        let mut s = default_schedule().unwrap();
        s.sessions.truncate(4);
        for x in &mut s.sessions {
            x.speakers = Default::default();
            x.abstract_text.clear();
            x.description.clear();
        }
        s.sessions[0].title = "pytest - rapid and simple testing with Python".into();
        s.sessions[1].title = "Trust in the Rust compiler".into();
        s.sessions[1].speakers = vec!["José Pérez".into()].into();
        s.sessions[2].title = "Why trust anything".into();
        s.sessions[3].title = "日本語のテキスト処理".into();
        assert_eq!(titled(&s, "python testing"), [s.sessions[0].title.clone()]);
        assert_eq!(titled(&s, "TESTING pyth"), [s.sessions[0].title.clone()]);
        assert_eq!(titled(&s, "rust"), [s.sessions[1].title.clone()]);
        assert_eq!(titled(&s, "perez"), [s.sessions[1].title.clone()]);
        assert_eq!(titled(&s, "PÉR jos"), [s.sessions[1].title.clone()]);
        assert_eq!(titled(&s, "テキスト"), [s.sessions[3].title.clone()]);
        assert!(titled(&s, "ust").is_empty());
        assert!(titled(&s, "").is_empty());
    }

    #[test]
    fn title_and_speaker_matches_are_strong() {
        let mut s = default_schedule().unwrap();
        s.sessions[4].title = "Parsing".into();
        s.sessions[4].abstract_text = "About grammars".into();
        s.sessions[5].title = "Grammars for all".into();
        let index = Index::build(&s);
        let hits = index.find(&Query::new("grammars"));
        let strong: Vec<bool> = [4, 5]
            .iter()
            .map(|i| hits.iter().find(|f| f.session == *i).unwrap().strong)
            .collect();
        assert_eq!(strong, [false, true]);
        assert_eq!(Query::new("grammars").hits(&s.sessions[4]), Some(false));
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "py", "python", "pytest", "Pérez", "perez", "rust", "trust", "tést", "日本", "語",
                "a", "ab", "abc", "C++", "3.11", "don't", "  ", "\n", "-",
            ]),
            0..8,
        )
        .prop_map(|w| w.join(" "))
    }

    /// A word of letters, some accented, some upper case.
    fn word() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                'a', 'b', 'e', 'é', 'È', 'o', 'ö', 'R', 's', 't', 'ñ', 'z',
            ]),
            2..7,
        )
        .prop_map(|c| c.into_iter().collect())
    }

    /// A word without its accents, in another case: what people type.
    fn typed_as(word: &str, upper: bool) -> String {
        let plain = crate::text::fold(word);
        if upper { plain.to_uppercase() } else { plain }
    }

    proptest! {
        /// Every session is found by each word of its title typed in any case without accents,
        /// and a typed word never matches inside another word.
        #[test]
        fn each_title_word_finds_its_session_and_never_mid_word(
            titles in prop::collection::vec(prop::collection::vec(word(), 1..5), 1..10),
            upper in any::<bool>(),
        ) {
            let mut s = default_schedule().unwrap();
            s.sessions.truncate(titles.len());
            for (x, words) in s.sessions.iter_mut().zip(&titles) {
                x.title = words.join(" ").into();
                x.speakers = Default::default();
                x.abstract_text.clear();
                x.description.clear();
                x.room = None;
                x.track = None;
            }
            let index = Index::build(&s);
            for (i, words) in titles.iter().enumerate() {
                for w in words {
                    let typed = typed_as(w, upper);
                    let hits = found(&index, &typed);
                    prop_assert!(hits.contains(&i), "{typed} misses {:?}", s.sessions[i].title);
                    // Every hit has a title word that begins with what was typed.
                    for h in hits {
                        let begins = titles[h].iter().any(|t| crate::text::fold(t).starts_with(&crate::text::fold(&typed)));
                        prop_assert!(begins, "{typed} matched inside a word of {:?}", s.sessions[h].title);
                    }
                }
            }
        }
    }

    proptest! {
        // Each case keeps a block of bytes for the run (a few hundred at most): few cases.
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// The index finds exactly the sessions the plain reading matches, strong alike.
        #[test]
        fn the_index_finds_what_reading_the_sessions_finds(
            texts in prop::collection::vec((text(), text(), text()), 1..12),
            typed in text(),
        ) {
            let mut s = default_schedule().unwrap();
            s.sessions.truncate(texts.len());
            for (x, (title, speaker, abs)) in s.sessions.iter_mut().zip(&texts) {
                x.title = title.clone().into();
                x.speakers = vec![speaker.clone().into()].into();
                x.abstract_text = abs.clone().into();
                x.description.clear();
            }
            let q = Query::new(&typed);
            let index = Index::build(&s);
            let by_index: Vec<(usize, bool)> =
                index.find(&q).iter().map(|f| (f.session, f.strong)).collect();
            let by_reading: Vec<(usize, bool)> = s
                .sessions
                .iter()
                .enumerate()
                .filter_map(|(i, x)| q.hits(x).map(|strong| (i, strong)))
                .collect();
            prop_assert_eq!(&by_index, &by_reading);
            // Written out and read back from the bytes (as a cache keeps it): the same finds.
            let mut out = vec![7u8; 3];
            let parts = index.write(&mut out, 0);
            let kept = Index::from_parts(Shared::keep(Box::new(out)).ok().unwrap(), &parts).unwrap();
            let by_kept: Vec<(usize, bool)> =
                kept.find(&q).iter().map(|f| (f.session, f.strong)).collect();
            prop_assert_eq!(by_kept, by_reading);
            prop_assert_eq!(kept, index);
        }
    }
}
