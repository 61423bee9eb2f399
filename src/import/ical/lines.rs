//! Content lines: a lazy iterator that unfolds folded lines and splits each into name,
//! parameters and value, borrowing from the input (a copy only for a folded line).

use std::borrow::Cow;

/// One content line and the 1-based line it starts on.
#[derive(Debug, Clone)]
pub(crate) struct Prop<'a> {
    /// Upper-cased.
    pub name: Cow<'a, str>,
    pub params: Vec<Param<'a>>,
    pub value: Cow<'a, str>,
    pub line: usize,
}

impl<'a> Prop<'a> {
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

fn upper(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(s.to_ascii_uppercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Where the value starts: the first ':' outside double quotes.
fn value_colon(raw: &str) -> Option<usize> {
    let b = raw.as_bytes();
    let mut quoted = false;
    let mut from = 0;
    while let Some(k) = memchr::memchr2(b':', b'"', &b[from..]) {
        let i = from + k;
        if b[i] == b'"' {
            quoted = !quoted;
        } else if !quoted {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// A parameter: name and value.
pub(crate) type Param<'a> = (Cow<'a, str>, Cow<'a, str>);

fn head_parts(head: &str) -> (Cow<'_, str>, Vec<Param<'_>>) {
    let mut parts = head.split(';');
    let name = upper(parts.next().unwrap_or("").trim());
    let params = parts
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (upper(k.trim()), Cow::Borrowed(v.trim().trim_matches('"'))))
        .collect();
    (name, params)
}

/// Splits `NAME;PARAM=V;P2="a:b":value`.
fn split(raw: &str, line: usize) -> Prop<'_> {
    let (head, value) = match value_colon(raw) {
        Some(i) => (&raw[..i], &raw[i + 1..]),
        None => (raw, ""),
    };
    let (name, params) = head_parts(head);
    Prop {
        name,
        params,
        value: Cow::Borrowed(value),
        line,
    }
}

/// Splits an unfolded (owned) line, reusing its buffer for the value.
fn split_owned(mut full: String, line: usize) -> Prop<'static> {
    let colon = value_colon(&full);
    let head = match colon {
        Some(i) => full[..i].to_string(),
        None => std::mem::take(&mut full),
    };
    if let Some(i) = colon {
        full.drain(..=i);
    }
    let (name, params) = head_parts(&head);
    Prop {
        name: Cow::Owned(name.into_owned()),
        params: params
            .into_iter()
            .map(|(k, v)| (Cow::Owned(k.into_owned()), Cow::Owned(v.into_owned())))
            .collect(),
        value: Cow::Owned(full),
        line,
    }
}

/// The property name at the start of a physical line (up to ';' or ':'), upper-cased, when the
/// line holds all of it (a fold may split a name).
fn whole_name_of(raw: &str) -> Option<Cow<'_, str>> {
    let end = memchr::memchr2(b';', b':', raw.as_bytes())?;
    Some(upper(raw[..end].trim()))
}

/// The content lines of an iCalendar text, unfolded, blank lines skipped.
pub(crate) struct ContentLines<'a> {
    input: &'a str,
    /// Where the next physical line starts.
    pos: usize,
    /// How many physical lines were read.
    line: usize,
    /// The 1-based line of the last content line read.
    last: usize,
}

impl<'a> ContentLines<'a> {
    pub(crate) fn new(input: &'a str) -> Self {
        Self::after_lines(input, 0)
    }

    /// The content lines of a part of a text that starts after `lines` physical lines (so line
    /// numbers are the whole text's).
    pub(crate) fn after_lines(input: &'a str, lines: usize) -> Self {
        ContentLines {
            input,
            pos: 0,
            line: lines,
            last: 0,
        }
    }

    /// The 1-based line the last content line read starts on (0 before any).
    pub(crate) fn last_line(&self) -> usize {
        self.last
    }

    /// The next physical line, without its line end, and its 1-based number.
    fn physical(&mut self) -> Option<(usize, &'a str)> {
        let rest = self.input.get(self.pos..).filter(|r| !r.is_empty())?;
        let len = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        self.pos += (len + 1).min(rest.len());
        self.line += 1;
        Some((self.line, strip_cr(&rest[..len])))
    }

    /// Whether the next physical line continues the one before (starts with a space or tab).
    fn continues(&self) -> bool {
        matches!(self.input.as_bytes().get(self.pos), Some(b' ' | b'\t'))
    }

    /// How many bytes the continuation lines ahead hold, to unfold into one allocation.
    fn folded_len(&self) -> usize {
        let b = self.input.as_bytes();
        let mut at = self.pos;
        while matches!(b.get(at), Some(b' ' | b'\t')) {
            at += memchr::memchr(b'\n', &b[at..]).map_or(b.len() - at, |k| k + 1);
        }
        at - self.pos
    }

    /// The next content line's first physical line, its number, and whether it is folded.
    fn head(&mut self) -> Option<(usize, &'a str, bool)> {
        loop {
            let (n, raw) = self.physical()?;
            if !raw.trim().is_empty() {
                self.last = n;
                return Some((n, raw, self.continues()));
            }
        }
    }

    /// The rest of a folded content line, unfolded onto its first physical line.
    fn unfold(&mut self, raw: &str) -> String {
        let mut full = String::with_capacity(raw.len() + self.folded_len());
        full.push_str(raw);
        while self.continues() {
            let Some((_, cont)) = self.physical() else {
                break;
            };
            full.push_str(&cont[1..]);
        }
        full
    }

    /// The next content line whose name `wanted` accepts; the others are passed over without
    /// splitting or unfolding them (a name a fold splits is unfolded first, to be read whole).
    pub(crate) fn next_named(&mut self, wanted: impl Fn(&str) -> bool) -> Option<Prop<'a>> {
        loop {
            let (n, raw, folded) = self.head()?;
            match (whole_name_of(raw), folded) {
                (Some(name), _) if !wanted(&name) => {
                    while self.continues() && self.physical().is_some() {}
                }
                (Some(_), false) => return Some(split(raw, n)),
                _ => {
                    let p = if folded {
                        split_owned(self.unfold(raw), n)
                    } else {
                        split(raw, n)
                    };
                    if wanted(&p.name) {
                        return Some(p);
                    }
                }
            }
        }
    }
}

fn strip_cr(s: &str) -> &str {
    s.strip_suffix('\r').unwrap_or(s)
}

impl<'a> Iterator for ContentLines<'a> {
    type Item = Prop<'a>;

    fn next(&mut self) -> Option<Prop<'a>> {
        let (n, raw, folded) = self.head()?;
        Some(if folded {
            split_owned(self.unfold(raw), n)
        } else {
            split(raw, n)
        })
    }
}

/// Undoes the folds that split a UTF-8 character (some producers fold at 75 octets without
/// looking): a line break followed by a space or tab, where the bytes before it end in the
/// middle of a character, is removed, joining the character again. Other folds stay, so line
/// numbers move only where a character was split.
pub(crate) fn join_split_characters(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let brk = match bytes[i..] {
            [b'\r', b'\n', b' ' | b'\t', ..] => 3,
            [b'\n', b' ' | b'\t', ..] => 2,
            _ => 0,
        };
        if brk > 0 && ends_mid_character(&out) {
            i += brk;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Whether `b` ends with the first bytes of a multi-byte UTF-8 character but not all of them.
fn ends_mid_character(b: &[u8]) -> bool {
    let tail = &b[b.len().saturating_sub(3)..];
    let Some(k) = tail.iter().rposition(|&c| c & 0xC0 != 0x80) else {
        return false;
    };
    let needed = match tail[k] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return false,
    };
    tail.len() - k < needed
}

/// TEXT value unescaping: `\n`, `\,`, `\;`, `\\`.
pub(crate) fn unescape(v: &str) -> String {
    let b = v.as_bytes();
    let Some(first) = memchr::memchr(b'\\', b) else {
        return v.to_string();
    };
    // Copy the runs between backslashes whole; a backslash is ASCII, so every cut is on a
    // character boundary.
    let mut out = String::with_capacity(v.len());
    out.push_str(&v[..first]);
    let mut at = first;
    while at < b.len() {
        let resume = match b.get(at + 1) {
            Some(b'n' | b'N') => {
                out.push('\n');
                at + 2
            }
            // The escaped character itself is copied with the run after it.
            Some(_) => at + 1,
            None => break,
        };
        let next = memchr::memchr(b'\\', &b[at + 2..]).map_or(b.len(), |k| at + 2 + k);
        out.push_str(&v[resume..next]);
        at = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_params_and_escapes() {
        let props: Vec<Prop> =
            ContentLines::new("SUMMARY;LANGUAGE=\"en:gb\":Hello\\, wor\r\n ld\\nnext\r\nx-y:1\n")
                .collect();
        assert_eq!(props[0].name, "SUMMARY");
        assert_eq!(props[0].param("language"), Some("en:gb"));
        assert_eq!(unescape(&props[0].value), "Hello, world\nnext");
        assert_eq!(props[1].line, 3);
        assert_eq!(props[1].name, "X-Y");
        assert!(matches!(props[1].value, Cow::Borrowed(_)));
    }

    #[test]
    fn folds_inside_a_character_are_joined_first() {
        let mut bytes = b"SUMMARY:caf\xc3".to_vec();
        bytes.extend(b"\r\n \xa9 bar\r\n x\n");
        assert!(std::str::from_utf8(&bytes).is_err());
        let joined = join_split_characters(&bytes);
        assert_eq!(
            std::str::from_utf8(&joined).unwrap(),
            "SUMMARY:café bar\r\n x\n"
        );
        // A four-byte character split after its second byte, LF line ends.
        let mut bytes = b"X:\xf0\x9f".to_vec();
        bytes.extend(b"\n \x8e\x89\n");
        assert_eq!(
            std::str::from_utf8(&join_split_characters(&bytes)).unwrap(),
            "X:🎉\n"
        );
    }

    /// The plain definition: `\n` or `\N` is a line break, a backslash before anything else
    /// is dropped, a lone one at the end too.
    fn unescape_oracle(v: &str) -> String {
        let mut out = String::new();
        let mut chars = v.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, false) => out.push(c),
                (_, true) => match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                },
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn unescape_copies_runs_as_the_plain_definition_reads(v in "[a\\\\nN,;é日 ]{0,40}") {
            proptest::prop_assert_eq!(unescape(&v), unescape_oracle(&v));
        }
    }

    #[test]
    fn folding_may_split_a_name() {
        let props: Vec<Prop> = ContentLines::new("DESCRI\n PTION:long\n").collect();
        assert_eq!(props[0].name, "DESCRIPTION");
        assert_eq!(props[0].value, "long");
    }
}
