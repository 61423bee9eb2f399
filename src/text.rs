//! Small text helpers shared by importers, the TUI and exporters: removing terminal control
//! characters, slugs, speaker lists, case-folded search, and display width (padding, cutting and
//! wrapping by the columns a terminal gives text, not by characters).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether `c` must never reach a terminal: C0/C1 controls, DEL, and the bidirectional
/// override and isolate marks that can reorder what is shown.
pub(crate) fn is_hostile(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line of text: control characters become spaces (tabs and newlines included), runs of
/// whitespace collapse, ends are trimmed.
pub fn clean_line(s: &str) -> String {
    if is_clean_line(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = if is_hostile(c) || c == '\u{a0}' {
            ' '
        } else {
            c
        };
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// [`clean_block`] in place: no copy when the text is already clean (the common case).
pub fn clean_block_in_place(s: &mut String) {
    if !is_clean_block(s) {
        *s = clean_block(s);
    }
}

/// Whether the sequence at `i` is a non-ASCII space (NBSP, U+1680, U+2000–200A, U+2028/9,
/// U+202F, U+205F, U+3000), read from the bytes.
fn unicode_space_at(b: &[u8], i: usize) -> bool {
    match (b[i], b.get(i + 1), b.get(i + 2)) {
        (0xc2, Some(0xa0), _) => true,
        (0xe1, Some(0x9a), Some(0x80)) => true,
        (0xe2, Some(0x80), Some(x)) => (0x80..=0x8a).contains(x) || matches!(x, 0xa8 | 0xa9 | 0xaf),
        (0xe2, Some(0x81), Some(0x9f)) => true,
        (0xe3, Some(0x80), Some(0x80)) => true,
        _ => false,
    }
}

/// Whether every byte is printable ASCII or a space (0x20..0x7e): checked without branching per
/// byte, so the compiler can compare many bytes at once.
fn printable_ascii(b: &[u8]) -> bool {
    b.iter().fold(true, |ok, &c| ok & (0x20..0x7f).contains(&c))
}

/// Already what [`clean_line`] would make of it (one pass over the bytes).
fn is_clean_line(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    if printable_ascii(b) {
        return memchr::memmem::find(b, b"  ").is_none();
    }
    let mut prev_space = false;
    for i in 0..b.len() {
        let c = b[i];
        if c == b' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
            continue;
        }
        prev_space = false;
        if c < 0x20 || c == 0x7f || (c >= 0xc2 && (hostile_at(b, i) || unicode_space_at(b, i))) {
            return false;
        }
    }
    true
}

/// A block of lines: each line cleaned of control characters and trailing spaces, runs of blank
/// lines collapsed to one, blank lines at either end removed. Line breaks are kept.
pub fn clean_block(s: &str) -> String {
    if is_clean_block(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut blank_pending = false;
    let lines = s
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'));
    for raw in lines {
        let line = raw.trim_end_matches(|c: char| c == ' ' || is_hostile(c));
        if line.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_pending {
                out.push('\n');
            }
        }
        blank_pending = false;
        let lb = line.as_bytes();
        if (0..lb.len()).any(|i| lb[i] == b'\t' || hostile_at(lb, i)) {
            for c in line.chars() {
                match c {
                    '\t' => out.push(' '),
                    c if is_hostile(c) => {}
                    c => out.push(c),
                }
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Whether the UTF-8 sequence starting at `i` is a character [`is_hostile`] rejects, read from
/// the bytes (C0 controls and DEL, C1 controls `C2 80..9F`, bidi marks `E2 80 AA..AE` and
/// `E2 81 A6..A9`).
fn hostile_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        0x00..=0x1f | 0x7f => true,
        0xc2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        0xe2 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(x)) => (0xaa..=0xae).contains(x),
            (Some(0x81), Some(x)) => (0xa6..=0xa9).contains(x),
            _ => false,
        },
        _ => false,
    }
}

/// Already what [`clean_block`] would make of it (one pass over the bytes; runs of printable
/// ASCII, most of any text, are passed over 32 bytes at a time).
fn is_clean_block(s: &str) -> bool {
    const RUN: usize = 32;
    let b = s.as_bytes();
    let mut prev = b'\n'; // no leading blank line
    let mut newlines = 0;
    let mut i = 0;
    while i < b.len() {
        if let Some(run) = b.get(i..i + RUN).filter(|run| printable_ascii(run)) {
            // No line break and nothing hostile inside: only the last byte matters.
            (prev, newlines, i) = (run[RUN - 1], 0, i + RUN);
            continue;
        }
        let c = b[i];
        if c == b'\n' {
            newlines += 1;
            if newlines > 2 || prev == b' ' || (prev == b'\n' && newlines == 1) {
                return false;
            }
        } else {
            if hostile_at(b, i) {
                return false;
            }
            newlines = 0;
        }
        prev = c;
        i += 1;
    }
    s.is_empty() || (prev != b' ' && prev != b'\n')
}

/// Zero-width characters and bidirectional marks (U+200B–U+200F, U+2060, U+FEFF, U+061C): an id or
/// title holding one looks like another that does not, and cannot be typed as it is shown.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{061C}'
    )
}

/// Whether `s` holds an [`is_invisible`] character (never in ASCII text, checked first).
fn has_invisible(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(is_invisible)
}

/// Pictographs and what may sit before a joiner inside an emoji sequence (variation selector 16,
/// skin tones): the zero-width joiner between two of them is part of one picture (👩‍💻).
fn is_emoji_part(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{FE0F}')
}

/// An id as people type it: [`clean_line`] without invisible characters.
pub fn clean_id(s: &str) -> String {
    let line = clean_line(s);
    if !line.chars().any(is_invisible) {
        return line;
    }
    clean_line(&line.replace(is_invisible, ""))
}

/// A title or name: [`clean_line`] without invisible characters, except a zero-width joiner
/// between two parts of an emoji sequence.
pub fn clean_name(s: &str) -> String {
    let line = clean_line(s);
    if !line.chars().any(is_invisible) {
        return line;
    }
    let chars: Vec<char> = line.chars().collect();
    let kept: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !is_invisible(c)
                || (c == '\u{200D}'
                    && i > 0
                    && is_emoji_part(chars[i - 1])
                    && chars.get(i + 1).copied().is_some_and(is_emoji_part))
        })
        .map(|(_, &c)| c)
        .collect();
    clean_line(&kept)
}

/// [`clean_id`] in place: no copy when the text is already clean.
/// Whether [`clean_id_in_place`] or [`clean_name_in_place`] would change `s`.
pub fn needs_clean_line(s: &str) -> bool {
    !is_clean_line(s) || has_invisible(s)
}

/// Whether [`clean_block_in_place`] would change `s`.
pub fn needs_clean_block(s: &str) -> bool {
    !is_clean_block(s)
}

pub fn clean_id_in_place(s: &mut String) {
    if !is_clean_line(s) || has_invisible(s) {
        *s = clean_id(s);
    }
}

/// [`clean_name`] in place: no copy when the text is already clean.
pub fn clean_name_in_place(s: &mut String) {
    if !is_clean_line(s) || has_invisible(s) {
        *s = clean_name(s);
    }
}

/// A lower-case ASCII slug: `Code Generation in Python: Dismantling Jinja` gives
/// `code-generation-in-python-dismantling-jinja`. Letters outside ASCII are kept lower-cased.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("session");
    }
    out
}

/// The longest session title kept (a title is a line, not a text).
pub const TITLE_MAX: usize = 500;
/// The longest name kept: a room, track, speaker, venue or conference title.
pub const NAME_MAX: usize = 200;
/// The longest id kept, in bytes (ids name files and are typed).
pub const ID_MAX: usize = 200;
/// The longest link kept, in bytes.
pub const URL_MAX: usize = 4096;

/// Cuts `s` in place to at most `max` characters (the last one "…"); returns how many
/// characters it had when it was cut.
pub fn bound_in_place(s: &mut String, max: usize) -> Option<usize> {
    if s.len() <= max {
        return None;
    }
    let chars = s.chars().count();
    if chars <= max {
        return None;
    }
    *s = cut_chars(s, max);
    Some(chars)
}

/// Cuts an id in place to at most [`ID_MAX`] bytes: its start, then a hash of the whole, so two
/// long ids that begin alike stay apart and the same id always cuts the same. Returns whether it
/// was cut.
pub fn bound_id_in_place(s: &mut String) -> bool {
    if s.len() <= ID_MAX {
        return false;
    }
    let hash = format!("{:016x}", fnv1a(s.as_bytes()));
    let keep = ID_MAX - hash.len() - 1;
    let cut = (0..=keep)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    *s = format!("{}~{hash}", &s[..cut]);
    true
}

/// `text` cut to at most `max` characters, with "…" in place of what was cut.
pub fn cut_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some(_) => {
            let keep: String = text.chars().take(max.saturating_sub(1)).collect();
            format!("{}…", keep.trim_end())
        }
    }
}

/// The longest file-name stem lineup derives from an id (an agenda, a view, a cache folder, a
/// friend's copy): with `.json.lock` after it, well under the 255 bytes file systems allow.
pub const STEM_MAX: usize = 200;

/// A file-name stem for an id: its [`slug`], and when that is longer than [`STEM_MAX`] bytes,
/// its start with a hash of the whole id, so two long ids that begin alike stay apart. Slugs
/// that fit are kept as they are (files made before stay where they are).
pub fn file_stem(id: &str) -> String {
    let slug = slug(id);
    if slug.len() <= STEM_MAX {
        return slug;
    }
    let hash = format!("{:016x}", fnv1a(id.as_bytes()));
    let keep = STEM_MAX - hash.len() - 1;
    let cut = (0..=keep)
        .rev()
        .find(|&i| slug.is_char_boundary(i))
        .unwrap_or(0);
    format!("{}-{hash}", slug[..cut].trim_end_matches('-'))
}

/// FNV-1a, 64 bits: a stable hash (the standard library's may change between releases, and
/// these hashes name files).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A language as lineup keeps it: lower case, `_` as `-` (`pt_BR` is `pt-br`), only letters,
/// digits and `-`, at most 35 bytes (BCP 47's longest common tags fit), and the ISO 639-3 or
/// 639-2 code of a language with a two-letter one made two letters (`eng` is `en`, `deu` and
/// `ger` are `de`), as OSEM writes them. A full name ("English") is kept as its lower case.
pub fn language_code(raw: &str) -> String {
    let code: String = raw
        .trim()
        .chars()
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(35)
        .collect();
    let two = match code.as_str() {
        "eng" | "english" => "en",
        "deu" | "ger" | "german" | "deutsch" => "de",
        "fra" | "fre" | "french" => "fr",
        "spa" | "spanish" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" | "dut" => "nl",
        "rus" => "ru",
        "pol" => "pl",
        "ces" | "cze" => "cs",
        "jpn" => "ja",
        "zho" | "chi" => "zh",
        "kor" => "ko",
        "swe" => "sv",
        "nor" => "no",
        "dan" => "da",
        "fin" => "fi",
        "tur" => "tr",
        "ukr" => "uk",
        _ => return code,
    };
    two.to_string()
}

/// The English name of a language lineup keeps by its code (`de` is German), when it knows it.
pub fn language_name(code: &str) -> Option<&'static str> {
    let base = code.split('-').next().unwrap_or(code);
    Some(match base {
        "en" => "English",
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        "ru" => "Russian",
        "pl" => "Polish",
        "cs" => "Czech",
        "ja" => "Japanese",
        "zh" => "Chinese",
        "ko" => "Korean",
        "sv" => "Swedish",
        "no" | "nb" | "nn" => "Norwegian",
        "da" => "Danish",
        "fi" => "Finnish",
        "tr" => "Turkish",
        "uk" => "Ukrainian",
        "el" => "Greek",
        "hu" => "Hungarian",
        "ro" => "Romanian",
        "he" => "Hebrew",
        "ar" => "Arabic",
        "hi" => "Hindi",
        "id" => "Indonesian",
        "vi" => "Vietnamese",
        "th" => "Thai",
        _ => return None,
    })
}

/// A language as shown: `de (German)`, or the code alone when lineup does not know its name.
pub fn language_label(code: &str) -> String {
    match language_name(code) {
        Some(name) => format!("{code} ({name})"),
        None => code.to_string(),
    }
}

/// Whether `name` has a letter or digit, so its slug is made of it (not the fallback).
pub fn has_slug(name: &str) -> bool {
    name.chars().any(char::is_alphanumeric)
}

/// "A", "A and B", "A, B and C".
pub fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// "A", "A or B", "A, B or C".
pub fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// Splits "A, B and C" into its names.
pub fn split_and(s: &str) -> Vec<String> {
    let s = s.trim();
    let (head, last) = match s.rfind(" and ") {
        Some(i) => (&s[..i], Some(&s[i + 5..])),
        None => (s, None),
    };
    head.split(',')
        .chain(last)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// Text as search compares it: lower case, accents and other combining marks removed after
/// canonical decomposition (NFD), so "Pérez", "PÉREZ" and "perez" fold alike.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    // Character by character: the marks are dropped, so the reordering of marks that NFD does
    // on top of decomposing each character changes nothing here; ASCII costs a lower-casing.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        unicode_normalization::char::decompose_canonical(c, |d| {
            if !unicode_normalization::char::is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        });
    }
    out
}

/// Case-insensitive substring test; `needle` must already be lower-case.
pub fn contains_folded(hay: &str, needle: &str) -> bool {
    // An ASCII needle can be matched byte-wise even in non-ASCII text: no byte of a multi-byte
    // character equals an ASCII byte.
    if needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        let Some(&first) = n.first() else { return true };
        // Jump between candidates for the first byte (either case) with SIMD, then compare.
        return memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), h)
            .any(|at| {
                h.get(at..at + n.len())
                    .is_some_and(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b))
            });
    }
    hay.to_lowercase().contains(needle)
}

/// How many terminal columns `s` takes, measured the way ratatui draws it: grapheme by
/// grapheme (a CJK character or an emoji is two columns, a flag or a ZWJ sequence one picture).
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `s` cut to at most `max` columns, ending in "…" when something was cut.
pub fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w + 1 > max {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `s` cut to `cols` columns (with "…") and padded with spaces to exactly `cols` columns.
pub fn pad(s: &str, cols: usize) -> String {
    let mut out = fit(s, cols);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// Wraps `text` to lines of at most `width` columns, breaking at spaces, between the characters
/// of CJK text, and between the graphemes of words longer than a line (a single grapheme wider
/// than the line stands alone).
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    Rows::new(text, cols).map(|(row, _)| row).collect()
}

/// Where a word may break after a hyphen so that what comes before fits `room` columns: the
/// last such place, after a hyphen that follows a letter or digit and is not the word's end.
fn hyphen_break(word: &str, room: usize) -> Option<usize> {
    word.match_indices('-')
        .map(|(i, _)| i + 1)
        .filter(|&p| p < word.len())
        .filter(|&p| {
            word[..p - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        })
        .take_while(|&p| width(&word[..p]) <= room)
        .last()
}

/// [`wrap`] a row at a time: each row with the byte offset the next row starts from, so a view
/// can keep where rows start and make only the rows it shows, from any of them, in a text of
/// any length ([`Rows::from`]).
#[derive(Debug, Clone)]
pub struct Rows<'a> {
    text: &'a str,
    cols: usize,
    at: usize,
    done: bool,
}

impl<'a> Rows<'a> {
    pub fn new(text: &'a str, cols: usize) -> Self {
        Self::from(text, cols, 0)
    }

    /// The rows from `at`, a byte offset a row started at.
    pub fn from(text: &'a str, cols: usize, at: usize) -> Self {
        Rows {
            text,
            cols: cols.max(1),
            at: at.min(text.len()),
            done: false,
        }
    }

    /// Where the next row starts.
    pub fn at(&self) -> usize {
        self.at
    }

    /// Whether the last row was made.
    pub fn is_done(&self) -> bool {
        self.done
    }
}

impl Iterator for Rows<'_> {
    /// A row, and the offset the row after it starts at.
    type Item = (String, usize);

    /// The next row, looking no further into the text than the row needs (a paragraph or a
    /// word of any length costs a row's worth of bytes, not its whole length).
    fn next(&mut self) -> Option<(String, usize)> {
        if self.done {
            return None;
        }
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        let cols = self.cols;
        let mut line = String::new();
        let mut used = 0;
        let mut at = self.at;
        loop {
            while at < len && bytes[at] == b' ' {
                at += 1;
            }
            if at >= len || bytes[at] == b'\n' {
                break;
            }
            // A word is looked for in a window a row can never outgrow; one longer than it
            // cannot fit a row and is cut into rows as its graphemes come.
            let window = len.min(
                at.saturating_add(cols.saturating_mul(64))
                    .saturating_add(256),
            );
            let end = memchr::memchr2(b' ', b'\n', &bytes[at..window])
                .map(|i| at + i)
                .or((window == len).then_some(len));
            let Some(word_end) = end else {
                if used > 0 && used + 2 < cols {
                    line.push(' ');
                    used += 1;
                } else if used > 0 {
                    return Some(self.row(line, at));
                }
                let mut stop = len;
                for (i, g) in self.text[at..].grapheme_indices(true) {
                    if let Some(k) = memchr::memchr2(b' ', b'\n', g.as_bytes()) {
                        stop = at + i + k;
                        break;
                    }
                    let gw = g.width();
                    if used > 0 && used + gw > cols {
                        return Some(self.row(line, at + i));
                    }
                    line.push_str(g);
                    used += gw;
                }
                at = stop;
                continue;
            };
            let word = &self.text[at..word_end];
            let w = width(word);
            if used > 0 && used + 1 + w <= cols {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                at = word_end;
                continue;
            }
            // A hyphenated word breaks after a hyphen when the part before it fits this row
            // ("CCC-" then "Jahresrückblick", not "CCC-J" then "ahresrückblick").
            let room = if used > 0 {
                cols.saturating_sub(used + 1)
            } else {
                cols
            };
            if let Some(p) = (used > 0 || w > cols)
                .then(|| hyphen_break(word, room))
                .flatten()
            {
                if used > 0 {
                    line.push(' ');
                }
                line.push_str(&word[..p]);
                return Some(self.row(line, at + p));
            }
            // CJK text may break between any two characters; other words break only when
            // longer than a line.
            let breakable = w > cols || word.chars().any(|c| UnicodeWidthChar::width(c) == Some(2));
            if !breakable {
                if used > 0 {
                    return Some(self.row(line, at));
                }
                line.push_str(word);
                used = w;
                at = word_end;
                continue;
            }
            // Split here: it starts on this line when a space and a character still fit.
            if used > 0 && used + 2 < cols {
                line.push(' ');
                used += 1;
            } else if used > 0 {
                return Some(self.row(line, at));
            }
            for (i, g) in word.grapheme_indices(true) {
                let gw = g.width();
                if used > 0 && used + gw > cols {
                    return Some(self.row(line, at + i));
                }
                line.push_str(g);
                used += gw;
            }
            at = word_end;
        }
        // The paragraph ends with this row; the next starts after its line break.
        if at >= len {
            self.done = true;
            self.at = len;
        } else {
            self.at = at + 1;
        }
        Some((line, self.at))
    }
}

impl Rows<'_> {
    fn row(&mut self, line: String, next: usize) -> (String, usize) {
        self.at = next;
        (line, next)
    }
}

/// A time as people type it: `16:00`, `9:05`, `1600`, `16`, `16h`, `16h30`, `4pm`, `4:30pm`.
pub fn clock_time(typed: &str) -> Option<chrono::NaiveTime> {
    let t = typed.trim().to_ascii_lowercase();
    let (t, pm) = match (t.strip_suffix("pm"), t.strip_suffix("am")) {
        (Some(rest), _) => (rest.trim().to_string(), Some(true)),
        (_, Some(rest)) => (rest.trim().to_string(), Some(false)),
        _ => (t, None),
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    let (h, m) = if let Some((h, m)) = t.split_once([':', 'h', '.']) {
        (
            h.to_string(),
            if m.is_empty() {
                "0".into()
            } else {
                m.to_string()
            },
        )
    } else if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        (t[..2].to_string(), t[2..].to_string())
    } else {
        (t.clone(), "0".into())
    };
    if !digits(&h) || !digits(&m) {
        return None;
    }
    let (mut h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    match pm {
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    chrono::NaiveTime::from_hms_opt(h, m, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Rows made from any row's start are the rows [`wrap`] makes from there on.
        #[test]
        fn rows_resume_from_any_row(text in "([a-z]{1,12}|[ ]{1,3}|\n|-|[a-z]{2,6}-[a-z]{2,9}|日本語|🏳️‍⚧️ |x{20,40}){0,40}", cols in 1usize..30) {
            let all: Vec<(String, usize)> = Rows::new(&text, cols).collect();
            proptest::prop_assert_eq!(
                all.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>(),
                wrap_reference(&text, cols)
            );
            for k in 0..all.len() {
                let start = if k == 0 { 0 } else { all[k - 1].1 };
                let again: Vec<(String, usize)> = Rows::from(&text, cols, start).collect();
                proptest::prop_assert_eq!(&again[..], &all[k..]);
            }
        }
    }

    #[test]
    fn hyphenated_words_break_after_the_hyphen() {
        assert_eq!(
            wrap("CCC-Jahresrückblick", 10),
            ["CCC-", "Jahresrück", "blick"]
        );
        assert_eq!(
            wrap("Der CCC-Jahresrückblick", 16),
            ["Der CCC-", "Jahresrückblick"]
        );
        assert_eq!(
            wrap("state-of-the-art tools", 10),
            ["state-of-", "the-art", "tools"]
        );
        // Not after a leading or a trailing hyphen, nor one that follows no letter.
        assert_eq!(wrap("--verbose-flag", 9), ["--verbose", "-flag"]);
        assert_eq!(wrap("ab cd-", 4), ["ab", "cd-"]);
    }

    #[test]
    fn words_longer_than_the_window_wrap_as_before() {
        for cols in [1, 5, 13] {
            let text = format!("ab {} cd\nx 日本{}y", "w".repeat(2000), "語".repeat(900));
            let rows: Vec<String> = Rows::new(&text, cols).map(|r| r.0).collect();
            assert_eq!(rows, wrap_reference(&text, cols), "{cols}");
        }
    }

    /// The wrapping rule as it was written before rows could be made one at a time, with the
    /// hyphen rule: where a row breaks inside a word, the rest is a word again.
    fn wrap_reference(text: &str, cols: usize) -> Vec<String> {
        let cols = cols.max(1);
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut used = 0;
            for whole in para.split(' ').filter(|w| !w.is_empty()) {
                let mut word = whole;
                loop {
                    let w = width(word);
                    if (used > 0 && used + 1 + w <= cols) || (used == 0 && w <= cols) {
                        if used > 0 {
                            line.push(' ');
                            used += 1;
                        }
                        line.push_str(word);
                        used += w;
                        break;
                    }
                    let room = if used > 0 {
                        cols.saturating_sub(used + 1)
                    } else {
                        cols
                    };
                    if let Some(p) = hyphen_break(word, room) {
                        if used > 0 {
                            line.push(' ');
                        }
                        line.push_str(&word[..p]);
                        lines.push(std::mem::take(&mut line));
                        used = 0;
                        word = &word[p..];
                        continue;
                    }
                    let breakable =
                        w > cols || word.chars().any(|c| UnicodeWidthChar::width(c) == Some(2));
                    if !breakable {
                        lines.push(std::mem::take(&mut line));
                        used = 0;
                        continue;
                    }
                    if used > 0 && used + 2 < cols {
                        line.push(' ');
                        used += 1;
                    } else if used > 0 {
                        lines.push(std::mem::take(&mut line));
                        used = 0;
                        continue;
                    }
                    let mut rest = None;
                    for (k, g) in word.grapheme_indices(true) {
                        let gw = g.width();
                        if used > 0 && used + gw > cols {
                            rest = Some(k);
                            break;
                        }
                        line.push_str(g);
                        used += gw;
                    }
                    match rest {
                        Some(k) => {
                            lines.push(std::mem::take(&mut line));
                            used = 0;
                            word = &word[k..];
                        }
                        None => break,
                    }
                }
            }
            lines.push(line);
        }
        lines
    }

    #[test]
    fn names_and_ids_are_bounded() {
        let mut t = "é".repeat(600);
        assert_eq!(bound_in_place(&mut t, TITLE_MAX), Some(600));
        assert_eq!(t.chars().count(), TITLE_MAX);
        assert!(t.ends_with('…'));
        let mut short = "short".to_string();
        assert_eq!(bound_in_place(&mut short, 5), None);
        let (mut a, mut b) = ("x".repeat(300) + "a", "x".repeat(300) + "b");
        assert!(bound_id_in_place(&mut a) && bound_id_in_place(&mut b));
        assert!(a.len() <= ID_MAX && a != b, "{a}");
        let mut again = "x".repeat(300) + "a";
        bound_id_in_place(&mut again);
        assert_eq!(a, again, "the same id cuts the same");
    }

    #[test]
    fn file_stems_are_slugs_bounded_and_kept_apart() {
        assert_eq!(file_stem("FOSDEM 2020"), "fosdem-2020");
        let long_a = format!("{}a", "x".repeat(300));
        let long_b = format!("{}b", "x".repeat(300));
        let (a, b) = (file_stem(&long_a), file_stem(&long_b));
        assert!(a.len() <= STEM_MAX && b.len() <= STEM_MAX, "{}", a.len());
        assert_ne!(a, b);
        assert_eq!(a, file_stem(&long_a), "stable");
        let wide = "é".repeat(300);
        assert!(file_stem(&wide).len() <= STEM_MAX);
        assert!(has_slug("Ab") && !has_slug(" -!- "));
    }

    #[test]
    fn control_characters_never_survive() {
        assert_eq!(clean_line("a\u{1b}[2Jb\u{7}\tc\u{9b}d"), "a [2Jb c d");
        assert_eq!(clean_line("evil\u{202E}txt"), "evil txt");
        assert_eq!(
            clean_block("one\u{1b}]0;x\u{7}\n\n\n two \n"),
            "one]0;x\n\n two"
        );
    }

    #[test]
    fn clean_text_is_kept_and_messy_text_cleaned() {
        for ok in ["", "a", "a b", "a\nb", "a\n\nb", "é 日本"] {
            assert_eq!(clean_block(ok), ok);
        }
        assert_eq!(
            clean_block("\n\na\r\nb  \r\n\r\n\r\nc\t d\n"),
            "a\nb\n\nc  d"
        );
        assert_eq!(clean_block(" \n a"), " a");
        assert_eq!(clean_line(" a  b "), "a b");
        assert_eq!(clean_line("a\u{a0}b"), "a b");
        assert_eq!(clean_line("a b"), "a b");
        assert_eq!(clean_line("a\u{3000}b\u{2003}"), "a b");
        assert!(is_clean_line("Ünïcödé ✓ 日本語 a-b"));
    }

    proptest::proptest! {
        #[test]
        fn cleaning_is_idempotent_and_total(s in "[a \\n\\r\\t\u{1b}\u{7f}\u{9b}\u{202e}é]{0,40}") {
            let b = clean_block(&s);
            proptest::prop_assert_eq!(&clean_block(&b), &b);
            proptest::prop_assert!(!b.chars().any(|c| c != '\n' && is_hostile(c)));
            let l = clean_line(&s);
            proptest::prop_assert_eq!(&clean_line(&l), &l);
            proptest::prop_assert!(!l.chars().any(is_hostile));
        }
    }

    /// The byte-at-a-time checks the fast ones replaced, as oracles.
    fn clean_block_bytewise(s: &str) -> bool {
        let b = s.as_bytes();
        let (mut prev, mut newlines) = (b'\n', 0);
        for i in 0..b.len() {
            if b[i] == b'\n' {
                newlines += 1;
                if newlines > 2 || prev == b' ' || (prev == b'\n' && newlines == 1) {
                    return false;
                }
            } else if hostile_at(b, i) {
                return false;
            } else {
                newlines = 0;
            }
            prev = b[i];
        }
        s.is_empty() || (prev != b' ' && prev != b'\n')
    }

    fn clean_line_charwise(s: &str) -> bool {
        !s.starts_with(' ')
            && !s.ends_with(' ')
            && !s.contains("  ")
            && !s
                .chars()
                .any(|c| is_hostile(c) || (c.is_whitespace() && c != ' '))
    }

    #[test]
    fn fast_checks_see_what_ends_a_run() {
        // A space, a line break or a control character at every offset across two runs.
        for k in 0..100 {
            let a = "a".repeat(k);
            for s in [
                format!("{a} \nb"),
                format!("{a} "),
                format!("{a}\n"),
                format!("{a}\n\n\nb"),
                format!("{a}\u{1b}b"),
                format!("{a}  b"),
                format!("{a}\u{9b}"),
            ] {
                assert_eq!(is_clean_block(&s), clean_block_bytewise(&s), "{s:?}");
                assert_eq!(is_clean_line(&s), clean_line_charwise(&s), "{s:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_checks_agree_with_the_bytewise_ones(
            s in "(([a-z,]{1,8} ?){0,9}[ \n\t\u{1b}\u{9b}\u{202e}\u{a0}é]{0,3}){0,6}"
        ) {
            proptest::prop_assert_eq!(is_clean_block(&s), clean_block_bytewise(&s), "{:?}", s);
            proptest::prop_assert_eq!(is_clean_line(&s), clean_line_charwise(&s), "{:?}", s);
        }
    }

    #[test]
    fn invisible_characters_leave_ids_and_names() {
        assert_eq!(
            clean_id("jin\u{200b}ja\u{feff}-\u{200e}talk\u{2060}"),
            "jinja-talk"
        );
        assert_eq!(clean_id("a\u{200d}b"), "ab");
        assert_eq!(clean_name("Py\u{200b}Con \u{200f}talk"), "PyCon talk");
        // The joiner inside an emoji sequence stays; elsewhere it goes.
        assert_eq!(clean_name("👩\u{200d}💻 coding"), "👩\u{200d}💻 coding");
        assert_eq!(clean_name("❤\u{fe0f}\u{200d}🔥"), "❤\u{fe0f}\u{200d}🔥");
        assert_eq!(clean_name("a\u{200d}b \u{200d}👩"), "ab 👩");
        assert_eq!(clean_name("plain"), "plain");
    }

    #[test]
    fn slugs_are_stable() {
        assert_eq!(
            slug("Code Generation in Python: Dismantling Jinja"),
            "code-generation-in-python-dismantling-jinja"
        );
        assert_eq!(
            slug("IPython: Python at your fingertips"),
            "ipython-python-at-your-fingertips"
        );
        assert_eq!(slug("!!!"), "session");
        assert_eq!(slug("Fernando Pérez"), "fernando-pérez");
    }

    #[test]
    fn speaker_lists_split_and_join() {
        let names =
            split_and("Fernando Pérez, Brian E. Granger, Min Ragan-Kelley and Thomas Kluyver");
        assert_eq!(names.len(), 4);
        assert_eq!(names[3], "Thomas Kluyver");
        assert_eq!(
            join_and(&names),
            "Fernando Pérez, Brian E. Granger, Min Ragan-Kelley and Thomas Kluyver"
        );
        assert_eq!(split_and("Augie Fackler and Nathaniel Manista").len(), 2);
        assert_eq!(
            split_and("Shannon -jj Behrens and Mike Solomon")[0],
            "Shannon -jj Behrens"
        );
    }

    #[test]
    fn fold_removes_case_and_accents_as_nfd_would() {
        use unicode_normalization::UnicodeNormalization;
        let by_nfd = |s: &str| -> String {
            s.nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .collect()
        };
        let mut rng = 7u64;
        for _ in 0..2_000 {
            // Letters with marks, marks alone and stacked, Hangul, Greek, ligatures, CJK.
            let s: String = (0..12)
                .map(|_| {
                    rng = rng
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let pick = [
                        'a', 'É', 'ö', 'ß', 'İ', 'ǅ', '\u{301}', '\u{308}', '\u{323}', '한', 'Ω',
                        'ﬁ', '日', 'Ǖ', 'ḉ', ' ', 'Z', '\u{1E9E}',
                    ];
                    pick[(rng >> 33) as usize % pick.len()]
                })
                .collect();
            assert_eq!(fold(&s), by_nfd(&s), "{s:?}");
        }
    }

    #[test]
    fn fold_removes_case_and_accents() {
        assert_eq!(fold("Fernando PÉREZ"), "fernando perez");
        assert_eq!(fold("Zoë Ångström"), "zoe angstrom");
        assert_eq!(fold("日本語"), "日本語");
    }

    #[test]
    fn search_folds_case() {
        assert!(contains_folded("Dismantling Jinja", "jinja"));
        assert!(contains_folded("Fernando PÉREZ", "pérez"));
        assert!(!contains_folded("abc", "abd"));
        assert!(contains_folded("Ünïcode JINJA", "jinja"));
        assert!(!contains_folded("Ünïcode", "x"));
    }

    #[test]
    fn width_is_display_width() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("大ホール"), 8);
        assert_eq!(width("🇧🇪"), 2, "a flag is one picture");
        assert_eq!(width("👩\u{200d}💻"), 2, "a ZWJ sequence is one picture");
        assert_eq!(pad("大ホール", 10), "大ホール  ");
        assert_eq!(pad("大ホール", 5), "大ホ…");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 3), "abc");
        for line in wrap("日本語のタイトル とても長い 🇧🇪🇧🇪🇧🇪 mixed words", 7)
        {
            assert!(width(&line) <= 7, "{line:?}");
        }
        // A word that must be split anyway starts on the current line.
        assert_eq!(
            wrap("10:00 日本語のタイトル", 12),
            ["10:00 日本語", "のタイトル"]
        );
        assert_eq!(wrap("a longword", 6), ["a long", "word"]);
    }

    #[test]
    fn wrap_keeps_width() {
        let lines = wrap(
            "the quick brown fox jumps over a supercalifragilistic dog",
            10,
        );
        assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
        assert_eq!(lines[0], "the quick");
    }
    #[test]
    fn language_codes_are_normalized() {
        assert_eq!(language_code(" DE "), "de");
        assert_eq!(language_code("pt_BR"), "pt-br");
        assert_eq!(language_code("eng"), "en");
        assert_eq!(language_code("ger"), "de");
        assert_eq!(language_code("English"), "en");
        assert_eq!(language_code("de;rm -rf"), "derm-rf");
        assert_eq!(language_code(&"x".repeat(100)).len(), 35);
    }
}
