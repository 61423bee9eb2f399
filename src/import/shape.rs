//! What a file looks like, in words, for when lineup cannot read it or finds nothing in it: a
//! format it reads under another name ("an xCal file"), or the shape of XML or JSON it does
//! not know ("an XML file of an unknown shape with 120 <entry> elements"). Read only on the
//! way to an error.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{Format, detect};
use crate::message;

/// The most of a file looked at to say what it is.
const LOOK_AT: usize = 16 * 1024 * 1024;

/// What `text` looks like, as a noun phrase.
pub(crate) fn describe(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let text = text.get(..LOOK_AT.min(text.len())).unwrap_or(text);
    if let Some(f) = detect(text) {
        if f == Format::Json && text.contains("\"events\"") && !text.contains("\"days\"") {
            return "a c3voc schedule v2 file".into();
        }
        return f.noun().to_string();
    }
    if text.starts_with('<') {
        let lower: String = text
            .chars()
            .take(512)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.starts_with("<!doctype html") || lower.contains("<html") {
            return "an HTML page".into();
        }
        return xml(text);
    }
    if text.starts_with(['{', '[']) {
        return json(text);
    }
    if text.is_empty() {
        return "an empty file".into();
    }
    "text of an unknown shape".into()
}

/// XML: its root and the element it holds most of.
fn xml(text: &str) -> String {
    let mut reader = Reader::from_str(text);
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut root = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if root.is_none() {
                    root = Some(name);
                } else if counts.len() < 10_000 || counts.contains_key(&name) {
                    *counts.entry(name).or_default() += 1;
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let Some(root) = root else {
        return "markup with no element".into();
    };
    let most = counts
        .into_iter()
        .max_by_key(|(n, c)| (*c, std::cmp::Reverse(n.clone())));
    match most {
        Some((name, n)) if n > 1 => format!(
            "an XML file of an unknown shape (root {}) with {n} {} elements",
            message::quote(&format!("<{root}>")),
            message::quote(&format!("<{name}>"))
        ),
        _ => format!(
            "an XML file of an unknown shape (root {})",
            message::quote(&format!("<{root}>"))
        ),
    }
}

/// JSON: its top-level keys, or how many items its list holds.
fn json(text: &str) -> String {
    if let Ok(map) = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text) {
        let keys: Vec<String> = map.keys().take(8).map(|k| message::quote(k)).collect();
        return format!(
            "a JSON object of an unknown shape (keys {})",
            crate::text::join_and(&keys)
        );
    }
    if let Ok(list) = serde_json::from_str::<Vec<serde_json::Value>>(text) {
        return format!("a JSON list of {} items of an unknown shape", list.len());
    }
    "JSON that does not parse".into()
}
