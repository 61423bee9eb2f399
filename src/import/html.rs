//! HTML found in schedule abstracts turned into plain text: entities decoded (doubly escaped
//! ones too), tags removed, paragraphs and list items kept as lines.

/// Whether the text looks like HTML (tags, or escaped tags).
pub(super) fn looks_like_html(s: &str) -> bool {
    if !s.contains('<') && !s.contains("&lt;") {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    [
        "<p>",
        "<p ",
        "</p>",
        "<br",
        "</a>",
        "<li>",
        "</div>",
        "<em>",
        "<strong>",
        "&lt;p&gt;",
        "&lt;br",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

/// Plain text from HTML.
pub(super) fn to_text(s: &str) -> String {
    let mut t = s.to_string();
    // Escaped markup (`&lt;p&gt;`, or doubly `&amp;lt;p&amp;gt;`): unescape until real tags show.
    for _ in 0..2 {
        if t.contains("&lt;") || t.contains("&amp;lt;") {
            t = decode_entities(&t);
        }
    }
    let stripped = strip_tags(&t);
    crate::text::clean_block(&decode_entities(&stripped))
}

const BLOCK_END: [&str; 11] = [
    "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
];

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            // A lone '<' is text.
            out.push('<');
            rest = after;
            continue;
        };
        if after.starts_with(char::is_whitespace) {
            // "a < b": a tag name follows '<' directly.
            out.push('<');
            rest = after;
            continue;
        }
        let tag = after[..close].trim().to_ascii_lowercase();
        let (closing, name) = match tag.strip_prefix('/') {
            Some(n) => (true, n),
            None => (false, tag.as_str()),
        };
        let name: String = name
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() && !tag.starts_with('!') {
            // Not a tag ("a < b > c"): keep it as text.
            out.push('<');
            rest = after;
            continue;
        }
        match (closing, name.as_str()) {
            (_, "br") => out.push('\n'),
            (false, "li") => out.push_str("\n• "),
            (true, n) if BLOCK_END.contains(&n) => out.push_str("\n\n"),
            (false, "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6") => out.push_str("\n\n"),
            _ => {}
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Decodes `&amp;`, `&lt;`, `&#39;`, `&#x27;`, `&nbsp;` and other common entities; unknown ones
/// stay as written.
pub(super) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|e| entity(&after[..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bull" => '•',
        "eacute" => 'é',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_entities() {
        assert_eq!(
            to_text("<p>Hello &amp; welcome</p><p>Two</p><ul><li>a</li><li>b&#39;s</li></ul>"),
            "Hello & welcome\n\nTwo\n\n• a\n• b's"
        );
    }

    #[test]
    fn escaped_and_doubly_escaped_markup() {
        assert_eq!(to_text("&lt;p&gt;Hi &amp;amp; bye&lt;/p&gt;"), "Hi & bye");
        assert_eq!(to_text("&amp;lt;p&amp;gt;Deep&amp;lt;/p&amp;gt;"), "Deep");
    }

    #[test]
    fn text_that_is_not_a_tag_stays() {
        assert_eq!(to_text("<p>a < b and c > d</p>"), "a < b and c > d");
        assert_eq!(
            decode_entities("AT&T &unknown; &#xZZ;"),
            "AT&T &unknown; &#xZZ;"
        );
    }
}
