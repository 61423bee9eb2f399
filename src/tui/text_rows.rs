//! The rows of a session's text on the detail page, made as far as the page is scrolled: where
//! each row starts is kept (eight bytes a row), and a frame makes only the rows it shows from
//! there, so a text of any length (a 100 MB description) opens at once and each key costs a
//! screen, not the whole text.

use crate::model::Session;
use crate::text::Rows;

/// Where a row starts: the piece of text (abstract, the blank row between, description) and the
/// byte offset in it.
pub type At = (u8, u32);

/// The pieces a session's text is shown in: the abstract, a blank row, the description (those
/// that are there).
pub fn pieces(s: &Session) -> Vec<&str> {
    match (s.abstract_text.is_empty(), s.description.is_empty()) {
        (true, true) => Vec::new(),
        (false, true) => vec![&s.abstract_text],
        (true, false) => vec![&s.description],
        (false, false) => vec![&s.abstract_text, "", &s.description],
    }
}

/// The rows of `pieces` at `cols` columns from `from`, each with where the row after it starts
/// (`None` after the last).
pub struct PieceRows<'a> {
    pieces: &'a [&'a str],
    cols: usize,
    piece: usize,
    rows: Option<Rows<'a>>,
}

impl<'a> PieceRows<'a> {
    pub fn new(pieces: &'a [&'a str], cols: usize, from: At) -> Self {
        let piece = usize::from(from.0);
        let rows = pieces
            .get(piece)
            .map(|p| Rows::from(p, cols, from.1 as usize));
        PieceRows {
            pieces,
            cols,
            piece,
            rows,
        }
    }
}

impl Iterator for PieceRows<'_> {
    type Item = (String, Option<At>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let rows = self.rows.as_mut()?;
            if let Some((row, next)) = rows.next() {
                let after = if !rows.is_done() {
                    Some((self.piece as u8, u32::try_from(next).unwrap_or(u32::MAX)))
                } else if self.piece + 1 < self.pieces.len() {
                    Some(((self.piece + 1) as u8, 0))
                } else {
                    None
                };
                return Some((row, after));
            }
            self.piece += 1;
            self.rows = self.pieces.get(self.piece).map(|p| Rows::new(p, self.cols));
        }
    }
}

/// The starts of the rows made so far of one session's text at one width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextRows {
    /// The session and the width the rows are for.
    key: Option<(usize, usize)>,
    starts: Vec<At>,
    /// Where the row after the known ones starts; `None` once the text is done.
    next: Option<At>,
}

impl TextRows {
    /// Makes sure at least `rows` rows are known (or all there are) of `session`'s text
    /// `pieces` at `cols` columns; starts again for another session or width.
    pub fn ensure(&mut self, (session, cols): (usize, usize), pieces: &[&str], rows: usize) {
        if self.key != Some((session, cols)) {
            *self = TextRows {
                key: Some((session, cols)),
                starts: Vec::new(),
                next: (!pieces.is_empty()).then_some((0, 0)),
            };
        }
        while self.starts.len() < rows {
            let Some(at) = self.next else { return };
            // A screen's rows at a time from the last start known.
            let mut start = at;
            for (_, after) in PieceRows::new(pieces, cols, at).take(64) {
                self.starts.push(start);
                self.next = after;
                match after {
                    Some(a) => start = a,
                    None => break,
                }
            }
        }
    }

    /// How many rows are known.
    pub fn known(&self) -> usize {
        self.starts.len()
    }

    /// Whether every row is known.
    pub fn done(&self) -> bool {
        self.next.is_none()
    }

    /// Where row `row` starts, when known for `key`.
    pub fn start(&self, key: (usize, usize), row: usize) -> Option<At> {
        (self.key == Some(key)).then(|| self.starts.get(row).copied())?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_made_as_far_as_asked_and_read_from_any() {
        let abstract_text = "one two three four five six seven eight nine ten";
        let description = "alpha beta\n\ngamma delta epsilon";
        let pieces = vec![abstract_text, "", description];
        let all: Vec<String> = PieceRows::new(&pieces, 10, (0, 0)).map(|r| r.0).collect();
        let whole = crate::text::wrap(&format!("{abstract_text}\n\n{description}"), 10);
        assert_eq!(all, whole);
        let mut rows = TextRows::default();
        rows.ensure((7, 10), &pieces, 3);
        assert!(rows.known() >= 3);
        rows.ensure((7, 10), &pieces, 1000);
        assert!(rows.done());
        assert_eq!(rows.known(), all.len());
        for k in 0..all.len() {
            let at = rows.start((7, 10), k).unwrap();
            let from: Vec<String> = PieceRows::new(&pieces, 10, at).map(|r| r.0).collect();
            assert_eq!(from, all[k..]);
        }
        assert_eq!(rows.start((7, 11), 0), None, "another width");
        rows.ensure((8, 10), &[], 5);
        assert_eq!((rows.known(), rows.done()), (0, true));
    }

    #[test]
    fn a_long_text_costs_only_the_rows_asked_for() {
        let long = "word ".repeat(2_000_000);
        let pieces = vec![long.as_str()];
        let mut rows = TextRows::default();
        rows.ensure((0, 80), &pieces, 100);
        assert!(rows.known() < 200, "{}", rows.known());
        assert!(!rows.done());
    }
}
