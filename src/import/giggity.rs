//! Giggity's share links: `https://ggt.gaa.st/#url=…&see=…` (or `?see=`), where `see` holds
//! the ids of the talks starred, as Giggity's `ImportView` reads them: URL-safe base64 without
//! padding of a deflated JSON array of ids (numbers or strings). Both zlib-wrapped and raw
//! deflate are taken, and plain JSON, since the link's producer is not documented.

use std::io::Read;

use base64::Engine;

/// The most a link's ids may take once inflated (a share link is short; a bomb is not).
const MAX_INFLATED: u64 = 1 << 20;

/// Whether `text` is a link with Giggity's `see=` parameter.
pub fn is_share_link(text: &str) -> bool {
    see_param(text).is_some()
}

/// The ids a Giggity share link stars; `None` when it is not one or cannot be read.
pub fn starred_ids(link: &str) -> Option<Vec<String>> {
    let param = see_param(link)?;
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let bytes = engine.decode(param.trim_end_matches('=')).ok()?;
    let json = inflate(&bytes)?;
    let values: Vec<serde_json::Value> = serde_json::from_slice(&json).ok()?;
    let ids: Vec<String> = values
        .into_iter()
        .filter_map(|v| match v {
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::String(s) => Some(s),
            _ => None,
        })
        .map(|id| crate::text::clean_name(&id))
        .filter(|id| !id.is_empty())
        .collect();
    Some(ids)
}

/// The value of `see` in the link's query or fragment.
fn see_param(link: &str) -> Option<&str> {
    let (_, params) = link.split_once(['?', '#'])?;
    params
        .split(['&', '?', '#'])
        .find_map(|kv| kv.strip_prefix("see="))
        .filter(|v| !v.is_empty())
}

/// zlib, raw deflate, or the bytes as they are (JSON already), at most [`MAX_INFLATED`].
fn inflate(bytes: &[u8]) -> Option<Vec<u8>> {
    let read = |r: &mut dyn Read| {
        let mut out = Vec::new();
        r.take(MAX_INFLATED).read_to_end(&mut out).ok().map(|_| out)
    };
    read(&mut flate2::read::ZlibDecoder::new(bytes))
        .filter(|b| !b.is_empty())
        .or_else(|| read(&mut flate2::read::DeflateDecoder::new(bytes)).filter(|b| !b.is_empty()))
        .or_else(|| bytes.starts_with(b"[").then(|| bytes.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn link(json: &str, zlib: bool) -> String {
        let bytes = if zlib {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(json.as_bytes()).unwrap();
            e.finish().unwrap()
        } else {
            let mut e =
                flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(json.as_bytes()).unwrap();
            e.finish().unwrap()
        };
        let see = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        format!("https://ggt.gaa.st/#url=https://fosdem.org/schedule.xml&see={see}")
    }

    #[test]
    fn ids_come_out_of_either_deflate() {
        for zlib in [true, false] {
            let l = link(r#"[9025, "K.1.105-talk", 12]"#, zlib);
            assert!(is_share_link(&l));
            assert_eq!(starred_ids(&l).unwrap(), ["9025", "K.1.105-talk", "12"]);
        }
        assert!(!is_share_link("https://fosdem.org/2020/schedule/"));
        assert_eq!(starred_ids("https://ggt.gaa.st/#see=!!!"), None);
    }
}
