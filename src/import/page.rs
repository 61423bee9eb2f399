//! A conference's web page, not a schedule: the schedule it links to. A c3voc page names its
//! schedule in `<link rel="alternate" type="application/vnd.c3voc.schedule+xml">`; pretalx's
//! and frab's schedule pages link their exports (`…/schedule/export/schedule.xml`). Parsing
//! only: the workspace fetches what is found.

/// A schedule a page links to: its absolute URL and what it is, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub what: &'static str,
}

/// What the kinds of link are called, best first.
const BY_TYPE: [(&str, &str); 3] = [
    (
        "application/vnd.c3voc.schedule+xml",
        "the c3voc schedule XML",
    ),
    (
        "application/vnd.c3voc.schedule+json",
        "the c3voc schedule JSON",
    ),
    (
        "application/vnd.c3voc.schedule.v2+json",
        "the c3voc schedule v2 JSON",
    ),
];
const BY_NAME: [(&str, &str); 4] = [
    ("schedule.xml", "the schedule XML export"),
    ("schedule.json", "the schedule JSON export"),
    ("schedule.xcal", "the schedule xCal export"),
    ("schedule.ics", "the schedule iCalendar export"),
];

/// The page's attribute value of `name` in a tag's text, unquoted, `&amp;` undone.
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let at = from + at;
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_whitespace());
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_at = tag.len() - rest.len() + 1;
        let value = tag[value_at..].trim_start();
        let (quote, body) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &value[1..]),
            _ => (None, value),
        };
        let end = match quote {
            Some(q) => body.find(q).unwrap_or(body.len()),
            None => body
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(body.len()),
        };
        return Some(body[..end].replace("&amp;", "&"));
    }
    None
}

/// The tags of `page` named `name` (`<link …>`, `<a …>`), as their text.
fn tags<'p>(page: &'p str, name: &'p str) -> impl Iterator<Item = &'p str> + 'p {
    let lower = page.to_ascii_lowercase();
    let open = format!("<{name}");
    let starts: Vec<usize> = lower
        .match_indices(&open)
        .map(|(i, _)| i)
        .filter(|&i| {
            lower[i + open.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_whitespace())
        })
        .collect();
    starts.into_iter().map(move |i| {
        let end = page[i..].find('>').map_or(page.len(), |e| i + e);
        &page[i..end]
    })
}

/// `href` made absolute against the page's URL `base`; `None` for what is not http(s).
pub fn absolute(href: &str, base: &str) -> Option<String> {
    let href = href.trim();
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let scheme_end = base.find("://")? + 3;
    let host_end = base[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(base.len(), |i| scheme_end + i);
    if let Some(rest) = href.strip_prefix("//") {
        return Some(format!("{}{rest}", &base[..scheme_end]));
    }
    if href.contains(':') && !href.starts_with('/') {
        // mailto:, javascript: and other schemes are not schedules.
        return None;
    }
    if href.starts_with('/') {
        return Some(format!("{}{href}", &base[..host_end]));
    }
    let path_end = base[host_end..]
        .find(['?', '#'])
        .map_or(base.len(), |i| host_end + i);
    let dir_end = base[host_end..path_end]
        .rfind('/')
        .map_or(host_end, |i| host_end + i + 1);
    let dir = if dir_end == host_end {
        format!("{}/", &base[..host_end])
    } else {
        base[..dir_end].to_string()
    };
    Some(format!("{dir}{href}"))
}

/// The schedule the page at `base` links to: a c3voc `<link rel="alternate">` first, then an
/// export link by its file name (XML, JSON, xCal, iCalendar, in that order).
pub fn schedule_link(page: &str, base: &str) -> Option<Link> {
    for (kind, what) in BY_TYPE {
        let found = tags(page, "link").find(|t| {
            attr(t, "type").is_some_and(|ty| ty.trim().eq_ignore_ascii_case(kind))
                && attr(t, "rel").is_some_and(|r| r.to_ascii_lowercase().contains("alternate"))
        });
        if let Some(url) = found
            .and_then(|t| attr(t, "href"))
            .and_then(|h| absolute(&h, base))
        {
            return Some(Link { url, what });
        }
    }
    let hrefs: Vec<String> = tags(page, "a")
        .chain(tags(page, "link"))
        .filter_map(|t| attr(t, "href"))
        .collect();
    for (name, what) in BY_NAME {
        let found = hrefs.iter().find(|h| {
            let path = h.split(['?', '#']).next().unwrap_or("");
            path.to_ascii_lowercase().ends_with(name)
        });
        if let Some(url) = found.and_then(|h| absolute(h, base)) {
            return Some(Link { url, what });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_are_made_absolute() {
        let base = "https://ex.org/conf/2031/?x=1";
        assert_eq!(
            absolute("/s.xml", base).as_deref(),
            Some("https://ex.org/s.xml")
        );
        assert_eq!(
            absolute("s.xml", base).as_deref(),
            Some("https://ex.org/conf/2031/s.xml")
        );
        assert_eq!(
            absolute("//cdn.org/s.xml", base).as_deref(),
            Some("https://cdn.org/s.xml")
        );
        assert_eq!(
            absolute("s.xml", "https://ex.org").as_deref(),
            Some("https://ex.org/s.xml")
        );
        assert_eq!(absolute("javascript:alert(1)", base), None);
    }

    #[test]
    fn the_c3voc_link_wins_then_export_names() {
        let page = r#"<html><head>
<LINK rel="stylesheet" href="/a.css">
<link href='/fahrplan/schedule.xml' type="application/vnd.c3voc.schedule+xml" rel="alternate" title="Schedule">
</head><body><a href="export/schedule.json">JSON</a></body></html>"#;
        let l = schedule_link(page, "https://ccc.example/congress/").unwrap();
        assert_eq!(l.url, "https://ccc.example/fahrplan/schedule.xml");
        assert_eq!(l.what, "the c3voc schedule XML");
        let pretalx = r#"<a class="btn" href="/democon/schedule/export/schedule.ics">iCal</a>
<a href="/democon/schedule/export/schedule.xml?lang=en&amp;v=2">XML</a>"#;
        let l = schedule_link(pretalx, "https://pretalx.example/democon/schedule/").unwrap();
        assert_eq!(
            l.url,
            "https://pretalx.example/democon/schedule/export/schedule.xml?lang=en&v=2"
        );
        assert_eq!(
            schedule_link("<a href=\"/about\">x</a><ahref=x>", "https://e.org/"),
            None
        );
    }
}
