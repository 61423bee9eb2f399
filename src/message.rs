//! Messages shown to people: input quoted short and clean where a message is made, and the one
//! gate ([`for_terminal`]) every error, warning and status line passes on its way to a terminal,
//! so that no text from a schedule, an agenda or a server can move the cursor, set the window
//! title or write to the clipboard, whatever message forgets to quote it.

/// At most this many characters of input are quoted in a message.
pub const QUOTE_MAX: usize = 80;

/// A message is cut after this many characters at the terminal gate (a safety net: messages made
/// by lineup quote at most [`QUOTE_MAX`] characters of input and stay far below it).
pub const MESSAGE_MAX: usize = 600;

/// Input quoted in a message: in backticks, control characters shown escaped, at most
/// [`QUOTE_MAX`] characters followed by "…" when cut.
pub fn quote(input: &str) -> String {
    format!("`{}`", shorten(input.trim(), QUOTE_MAX))
}

/// A session or conference title named in a message: in double quotes, short and clean.
pub fn title(input: &str) -> String {
    format!("\"{}\"", shorten(input.trim(), QUOTE_MAX))
}

/// A message from another library (serde, quick-xml) that may quote input of any length, cut to
/// a readable length.
pub fn foreign(message: &str) -> String {
    shorten(message, 2 * QUOTE_MAX)
}

/// How alike two names must be (Jaro–Winkler, 0 to 1) to be suggested.
const ALIKE: f64 = 0.75;
/// At most this many suggestions.
const SUGGESTIONS: usize = 3;

/// The names among `choices` closest to `typed` (case and accents aside), best first.
pub fn closest<'a>(typed: &str, choices: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let typed = crate::text::fold(typed);
    let mut scored: Vec<(f64, &str)> = choices
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&typed, &crate::text::fold(c)), c))
        .filter(|(score, _)| *score >= ALIKE)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, c)| c)
        .collect()
}

/// "; did you mean `a` or `b`?", or nothing.
pub fn did_you_mean(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| quote(n)).collect();
    match quoted.len() {
        0 => String::new(),
        _ => format!("; did you mean {}?", crate::text::join_or(&quoted)),
    }
}

/// A URL as lineup shows and keeps it: any `user:password@` taken out
/// (`https://alice:secret@host/x` is shown `https://host/x`).
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}{}", &url[..scheme_end + 3], &rest[at + 1..]),
        None => url.to_string(),
    }
}

/// `text` with control characters escaped, cut after `max` characters with "…".
fn shorten(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    for (n, c) in text.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        push_visible(&mut out, c);
    }
    out
}

/// Whether `c` must never reach a terminal raw: C0 and C1 controls (ESC, CSI U+009B, BEL, CR,
/// newline…), DEL, and the bidirectional overrides and isolates that reorder what is shown.
pub fn is_unsafe(c: char) -> bool {
    crate::text::is_hostile(c)
}

fn push_visible(out: &mut String, c: char) {
    if is_unsafe(c) {
        out.push_str(&c.escape_unicode().to_string());
    } else {
        out.push(c);
    }
}

/// The gate: what any message looks like when it reaches a terminal. Every unsafe character is
/// shown escaped (`\u{1b}`), and the whole is cut at [`MESSAGE_MAX`] characters.
pub fn for_terminal(message: &str) -> String {
    if message.len() <= MESSAGE_MAX && !message.chars().any(is_unsafe) {
        return message.to_string();
    }
    shorten(message, MESSAGE_MAX)
}

/// [`for_terminal`] for text of many lines (a listing, a report): each line through the gate,
/// the line breaks kept, no line cut (a report's lines are made by lineup and bounded).
pub fn lines_for_terminal(text: &str) -> String {
    if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c == '\n' {
            out.push(c);
        } else {
            push_visible(&mut out, c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        let osc52 = "zone \u{1b}]52;c;aGVsbG8=\u{7} \u{9b}2J \u{202e}txt\nnext";
        let shown = for_terminal(osc52);
        assert!(!shown.chars().any(is_unsafe), "{shown}");
        assert!(shown.contains("\\u{1b}]52;c;aGVsbG8=\\u{7}"), "{shown}");
        assert!(shown.contains("\\u{9b}2J") && shown.contains("\\u{202e}txt\\u{a}next"));
        assert_eq!(for_terminal("plain é 日本"), "plain é 日本");
    }

    #[test]
    fn credentials_leave_urls() {
        assert_eq!(
            redact_url("http://alice:Sup3rSecret@example.org:8080/s.xml?x=a@b"),
            "http://example.org:8080/s.xml?x=a@b"
        );
        assert_eq!(redact_url("https://t@h/x"), "https://h/x");
        assert_eq!(redact_url("https://h/p@x"), "https://h/p@x");
        assert_eq!(redact_url("/some/file@2.xml"), "/some/file@2.xml");
    }

    #[test]
    fn quotes_and_messages_are_short() {
        let long = "x".repeat(100_000);
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_MAX + 3, "backticks and …");
        assert!(q.ends_with("…`"));
        assert_eq!(quote(" Europe/Brussels "), "`Europe/Brussels`");
        assert!(foreign(&long).chars().count() <= 2 * QUOTE_MAX + 1);
        assert_eq!(for_terminal(&long).chars().count(), MESSAGE_MAX + 1);
    }

    proptest::proptest! {
        #[test]
        fn nothing_unsafe_passes_the_gate(s in "\\PC*|[\u{0}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}a]{0,50}") {
            let shown = for_terminal(&s);
            proptest::prop_assert!(!shown.chars().any(is_unsafe));
            proptest::prop_assert!(!quote(&s).chars().any(is_unsafe));
        }
    }
}
