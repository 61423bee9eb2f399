//! The keys every list and page shares, worked out once: a line, half a page, a page, the first
//! and the last (`j`/`k`, `Ctrl-D`/`Ctrl-U`, `PgDn`/`PgUp`, `g`/`G`, `Home`/`End`).

use crate::tui::action::Command;
use crate::tui::app::App;
use crate::tui::geometry::Geometry;

/// Where a cursor (or a scroll) at `at` goes on `c` among `len` positions, a page being `page`
/// of them; `None` when `c` is no move.
pub(super) fn moved(c: Command, at: usize, len: usize, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    let page = page.max(1);
    let half = (page / 2).max(1);
    let to = match c {
        Command::Up => at.saturating_sub(1),
        Command::Down => at.saturating_add(1),
        Command::HalfPageUp => at.saturating_sub(half),
        Command::HalfPageDown => at.saturating_add(half),
        Command::PageUp => at.saturating_sub(page),
        Command::PageDown => at.saturating_add(page),
        Command::Home => 0,
        Command::End => last,
        _ => return None,
    };
    Some(to.min(last))
}

/// The rows a full-screen list shows at the current size (less its frame and the status line).
pub(super) fn page(app: &App) -> usize {
    usize::from(Geometry::of(app).height.saturating_sub(5)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_move_stays_in_the_list() {
        use Command::*;
        for (c, at, want) in [
            (Down, 9, 9),
            (Up, 0, 0),
            (PageDown, 2, 7),
            (PageDown, 8, 9),
            (PageUp, 3, 0),
            (HalfPageDown, 2, 4),
            (HalfPageUp, 2, 0),
            (Home, 5, 0),
            (End, 5, 9),
        ] {
            assert_eq!(moved(c, at, 10, 5), Some(want), "{c:?} from {at}");
        }
        assert_eq!(moved(End, 0, 0, 5), Some(0), "an empty list");
        assert_eq!(moved(Open, 3, 10, 5), None);
    }
}
