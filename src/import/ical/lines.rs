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

/// The property name at the start of a physical line (up to ';' or ':'), upper-cased.
pub(crate) fn name_of(raw: &str) -> Cow<'_, str> {
    let end = memchr::memchr2(b';', b':', raw.as_bytes()).unwrap_or(raw.len());
    upper(raw[..end].trim())
}

/// The physical lines that start a content line (not continuations), with their 1-based
/// number, for a quick look at names without unfolding anything.
pub(crate) fn heads(input: &str) -> impl Iterator<Item = (usize, &str)> {
    input
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, strip_cr(l)))
        .filter(|(_, l)| !l.starts_with([' ', '\t']) && !l.trim().is_empty())
}

/// The content lines of an iCalendar text, unfolded, blank lines skipped.
pub(crate) struct ContentLines<'a> {
    lines: std::iter::Peekable<std::iter::Enumerate<std::str::Split<'a, char>>>,
}

impl<'a> ContentLines<'a> {
    pub(crate) fn new(input: &'a str) -> Self {
        ContentLines {
            lines: input.split('\n').enumerate().peekable(),
        }
    }
}

impl<'a> ContentLines<'a> {
    /// The content line starting on physical line `n` (1-based), skipping those before it.
    pub(crate) fn skip_to(&mut self, n: usize) -> Option<Prop<'a>> {
        while self.lines.peek().is_some_and(|(i, _)| i + 1 < n) {
            self.lines.next();
        }
        self.next()
    }
}

fn strip_cr(s: &str) -> &str {
    s.strip_suffix('\r').unwrap_or(s)
}

impl<'a> Iterator for ContentLines<'a> {
    type Item = Prop<'a>;

    fn next(&mut self) -> Option<Prop<'a>> {
        loop {
            let (i, raw) = self.lines.next()?;
            let raw = strip_cr(raw);
            if raw.trim().is_empty() {
                continue;
            }
            // A line starting with a space or tab continues the one before (RFC 5545, 3.1).
            let mut folded: Option<String> = None;
            while let Some(cont) = self
                .lines
                .peek()
                .and_then(|(_, next)| strip_cr(next).strip_prefix([' ', '\t']))
            {
                folded.get_or_insert_with(|| raw.to_string()).push_str(cont);
                self.lines.next();
            }
            return Some(match folded {
                None => split(raw, i + 1),
                Some(full) => split_owned(full, i + 1),
            });
        }
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
    if !v.contains('\\') {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
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

    #[test]
    fn folding_may_split_a_name() {
        let props: Vec<Prop> = ContentLines::new("DESCRI\n PTION:long\n").collect();
        assert_eq!(props[0].name, "DESCRIPTION");
        assert_eq!(props[0].value, "long");
    }
}
