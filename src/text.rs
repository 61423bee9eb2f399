//! Small text helpers shared by importers, the TUI and exporters: removing terminal control
//! characters, slugs, speaker lists, case-folded search.

/// Whether `c` must never reach a terminal: C0/C1 controls, DEL, and the bidirectional
/// override and isolate marks that can reorder what is shown.
fn is_hostile(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line of text: control characters become spaces (tabs and newlines included), runs of
/// whitespace collapse, ends are trimmed.
pub fn clean_line(s: &str) -> String {
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

/// A block of lines: each line cleaned of control characters and trailing spaces, runs of blank
/// lines collapsed to one, blank lines at either end removed. Line breaks are kept.
pub fn clean_block(s: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for raw in s.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let line: String = raw
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| !is_hostile(*c))
            .collect();
        let line = line.trim_end().to_string();
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
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

/// "A", "A and B", "A, B and C".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
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

/// Case-insensitive substring test; `needle` must already be lower-case.
pub fn contains_folded(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        return n.is_empty()
            || h.windows(n.len())
                .any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b));
    }
    hay.to_lowercase().contains(needle)
}

/// Wraps `text` to lines of at most `width` characters (counted as chars), breaking at spaces
/// and splitting words longer than a line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let mut word: Vec<char> = word.chars().collect();
            loop {
                let wlen = word.len();
                if len > 0 && len + 1 + wlen <= width {
                    line.push(' ');
                    line.extend(&word);
                    len += 1 + wlen;
                    break;
                }
                if len == 0 && wlen <= width {
                    line.extend(&word);
                    len = wlen;
                    break;
                }
                if len > 0 {
                    lines.push(std::mem::take(&mut line));
                    len = 0;
                    continue;
                }
                let rest = word.split_off(width);
                lines.push(word.iter().collect());
                word = rest;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn search_folds_case() {
        assert!(contains_folded("Dismantling Jinja", "jinja"));
        assert!(contains_folded("Fernando PÉREZ", "pérez"));
        assert!(!contains_folded("abc", "abd"));
    }

    #[test]
    fn wrap_keeps_width() {
        let lines = wrap(
            "the quick brown fox jumps over a supercalifragilistic dog",
            10,
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 10), "{lines:?}");
        assert_eq!(lines[0], "the quick");
    }
}
