//! The prompt line's text and cursor, edited the way a shell line is: characters go in at the
//! cursor, ←/→ and Home/End move it, Backspace and Delete remove a character, Ctrl-U the text
//! before the cursor, Ctrl-W the word before it. Pure: no terminal here.

/// A line of text with a cursor (a byte offset on a character boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    cursor: usize,
}

impl From<&str> for LineEdit {
    fn from(text: &str) -> Self {
        LineEdit::new(text)
    }
}

impl From<String> for LineEdit {
    fn from(text: String) -> Self {
        LineEdit::new(text)
    }
}

impl std::fmt::Display for LineEdit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// One edit of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-U: remove everything before the cursor.
    KillToStart,
    /// Ctrl-W: remove the word (and the spaces after it) before the cursor.
    KillWord,
}

impl LineEdit {
    /// A line holding `text`, the cursor at its end.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        LineEdit {
            cursor: text.len(),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// The text before and after the cursor.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    /// Whether the cursor is at the end (typing there only narrows a search).
    pub fn at_end(&self) -> bool {
        self.cursor == self.text.len()
    }

    fn prev(&self) -> usize {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next(&self) -> usize {
        self.text[self.cursor..]
            .chars()
            .next()
            .map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    /// Applies an edit; whether the text changed.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let before = self.text.len();
        match edit {
            Edit::Insert(c) if !c.is_control() => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            Edit::Insert(_) => {}
            Edit::Backspace => {
                let p = self.prev();
                self.text.replace_range(p..self.cursor, "");
                self.cursor = p;
            }
            Edit::Delete => {
                let n = self.next();
                self.text.replace_range(self.cursor..n, "");
            }
            Edit::Left => self.cursor = self.prev(),
            Edit::Right => self.cursor = self.next(),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::KillToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Edit::KillWord => {
                let head = &self.text[..self.cursor];
                let word_end = head.trim_end().len();
                let start = head[..word_end]
                    .rfind(|c: char| c.is_whitespace() || c == '/')
                    .map_or(0, |i| i + 1);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
        }
        self.text.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edits(line: &mut LineEdit, es: &[Edit]) {
        for e in es {
            line.apply(*e);
        }
    }

    #[test]
    fn edits_like_a_shell_line() {
        let mut l = LineEdit::new("~/pycon-agenda.ics");
        edits(
            &mut l,
            &[
                Edit::Left,
                Edit::Left,
                Edit::Left,
                Edit::Backspace,
                Edit::Insert(','),
            ],
        );
        assert_eq!(l.text(), "~/pycon-agenda,ics");
        edits(
            &mut l,
            &[Edit::Backspace, Edit::Insert('.'), Edit::Home, Edit::Delete],
        );
        assert_eq!(l.text(), "/pycon-agenda.ics");
        edits(&mut l, &[Edit::End, Edit::KillWord]);
        assert_eq!(l.text(), "/", "Ctrl-W stops at a slash");
        let mut l = LineEdit::new("python testing  ");
        l.apply(Edit::KillWord);
        assert_eq!(l.text(), "python ");
        edits(&mut l, &[Edit::Left, Edit::Left, Edit::KillToStart]);
        assert_eq!(l.text(), "n ");
        assert_eq!(l.split(), ("", "n "));
        let mut l = LineEdit::new("日本");
        edits(
            &mut l,
            &[
                Edit::Left,
                Edit::Insert('x'),
                Edit::Right,
                Edit::Right,
                Edit::Backspace,
            ],
        );
        assert_eq!(l.text(), "日x");
    }
}
