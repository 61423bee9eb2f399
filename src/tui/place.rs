//! Where the person is in the grid: the sticky time `h`/`l` keep (so right then left comes back
//! to the same session), and the jump list `Ctrl-O`/`Tab` walk back and forth through.

use chrono::NaiveDate;

/// The time the person is at, tied to what was selected when it was set: it holds while the
/// selection is still that (a move that selects something else lets it go).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    /// The day shown (its index among the app's days).
    pub day: usize,
    /// The session selected at that time; `None` in a room's gap.
    pub session: Option<usize>,
    /// Minutes from the start of the day's grid.
    pub minute: i64,
}

/// A place in the grid, by what survives a refresh, a zone switch or a filter: the day's date,
/// the room's name, the session's id and the minute on the day's grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub date: NaiveDate,
    pub room: Option<String>,
    pub session: Option<String>,
    pub minute: i64,
    /// The view's first row and column then, so coming back shows the same screen.
    pub scroll: (usize, usize),
}

/// The places jumps left (Enter from a list, a time jump, `R`, now), like vim's jump list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jumps {
    back: Vec<Place>,
    forward: Vec<Place>,
}

/// At most this many places kept each way.
const KEPT: usize = 100;

impl Jumps {
    /// Remembers `from` before a jump; a new jump forgets the way forward.
    pub fn leave(&mut self, from: Place) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > KEPT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// The place before the last jump, `here` kept to come forward to.
    pub fn back(&mut self, here: Place) -> Option<Place> {
        let to = self.back.pop()?;
        self.forward.push(here);
        Some(to)
    }

    /// The place `back` left, `here` kept to go back to.
    pub fn forward(&mut self, here: Place) -> Option<Place> {
        let to = self.forward.pop()?;
        self.back.push(here);
        Some(to)
    }

    /// How many places lie back and forward.
    pub fn depth(&self) -> (usize, usize) {
        (self.back.len(), self.forward.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(minute: i64) -> Place {
        Place {
            date: NaiveDate::from_ymd_opt(2012, 3, 9).unwrap_or_default(),
            room: None,
            session: None,
            minute,
            scroll: (0, 0),
        }
    }

    #[test]
    fn back_and_forward_retrace_the_jumps() {
        let mut j = Jumps::default();
        j.leave(place(1));
        j.leave(place(2));
        // At 3 now.
        assert_eq!(j.back(place(3)), Some(place(2)));
        assert_eq!(j.back(place(2)), Some(place(1)));
        assert_eq!(j.back(place(1)), None);
        assert_eq!(j.forward(place(1)), Some(place(2)));
        assert_eq!(j.forward(place(2)), Some(place(3)));
        assert_eq!(j.forward(place(3)), None);
        assert_eq!(j.depth(), (2, 0));
    }

    #[test]
    fn a_new_jump_forgets_the_way_forward_and_the_list_is_bounded() {
        let mut j = Jumps::default();
        j.leave(place(1));
        assert_eq!(j.back(place(2)), Some(place(1)));
        j.leave(place(1));
        assert_eq!(j.depth(), (1, 0));
        for m in 0..300 {
            j.leave(place(m));
        }
        assert_eq!(j.depth(), (KEPT, 0));
        // The same place twice in a row is kept once.
        j.leave(place(299));
        assert_eq!(j.depth(), (KEPT, 0));
    }
}
