//! Emoji the terminal and lineup would measure differently, made plain before a frame goes out.
//! A variation selector (U+FE0F, U+FE0E) or a zero-width joiner (U+200D) makes a sequence whose
//! width terminals disagree on: `🏳️` and `❤️` are two columns to lineup's width tables and one
//! to tmux 3.3, so every cell after one drifts and stale cells stay. Each such cell is drawn as
//! its plain parts (`🏳️‍⚧️` as `🏳⚧`, `🏴‍☠️` as `🏴`), padded or cut to the columns the frame gave it,
//! so what the terminal shows is the frame, cell for cell.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The characters that make a sequence's width uncertain.
fn uncertain(c: char) -> bool {
    matches!(c, '\u{FE0F}' | '\u{FE0E}' | '\u{200D}')
}

/// Rewrites every cell of `area` whose symbol holds an uncertain sequence.
pub(super) fn make_plain(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            let width = u16::try_from(symbol.width()).unwrap_or(1).max(1);
            if symbol.chars().any(uncertain) {
                let plain: String = symbol.chars().filter(|&c| !uncertain(c)).collect();
                let end = (x + width).min(area.right());
                place(buf, (x, end, y), &plain);
            }
            x += width;
        }
    }
}

/// Puts `plain`'s graphemes in the cells from `x` to `end` (as many as fit whole), spaces after.
fn place(buf: &mut Buffer, (x, end, y): (u16, u16, u16), plain: &str) {
    let style = buf[(x, y)].style();
    let mut at = x;
    for g in plain.graphemes(true) {
        let w = u16::try_from(g.width()).unwrap_or(u16::MAX);
        if w == 0 || at + w > end {
            break;
        }
        buf[(at, y)].set_symbol(g).set_style(style);
        for k in 1..w {
            buf[(at + k, y)].reset();
            buf[(at + k, y)].set_style(style);
        }
        at += w;
    }
    for k in at..end {
        buf[(k, y)].set_symbol(" ").set_style(style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(buf: &Buffer, w: u16) -> String {
        (0..w).map(|x| buf[(x, 0)].symbol().to_string()).collect()
    }

    #[test]
    fn uncertain_sequences_become_their_plain_parts_in_the_same_columns() {
        let area = Rect::new(0, 0, 12, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "a🏳️‍⚧️b🏴‍☠️c❤️d", ratatui::style::Style::new());
        make_plain(&mut buf, area);
        // 🏳️‍⚧️ had two columns: 🏳 and ⚧, one each; 🏴‍☠️ two: 🏴 alone (☠ does not fit); ❤️ two:
        // ❤ and a space.
        assert_eq!(row(&buf, 12), "a🏳⚧b🏴 c❤ d  ");
        // As a terminal walks the cells (a wide one hides the next): every column once.
        let mut x = 0;
        while x < 12 {
            x += buf[(x, 0)].symbol().width().max(1) as u16;
        }
        assert_eq!(x, 12);
        // Flags and plain emoji stay as they are.
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "🇩🇪x日😀", ratatui::style::Style::new());
        make_plain(&mut buf, area);
        assert_eq!(buf[(0, 0)].symbol(), "🇩🇪");
        assert_eq!(buf[(5, 0)].symbol(), "😀");
    }
}
