//! Styles, with and without colour (`NO_COLOR`): every state also reads through a symbol or a
//! modifier, so nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

/// The marks drawn before a title.
pub const PICKED: &str = "★";
pub const CLASH: &str = "‼";

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Self {
        Theme { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    fn bg(&self, s: Style, c: Color) -> Style {
        if self.color { s.bg(c) } else { s }
    }

    pub fn axis(&self) -> Style {
        self.fg(Color::DarkGray)
    }
    pub fn axis_hour(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn rule(&self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::DIM)
    }
    pub fn header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn header_current(&self) -> Style {
        self.header()
            .add_modifier(Modifier::UNDERLINED | Modifier::REVERSED)
    }
    pub fn tab(&self) -> Style {
        self.fg(Color::Gray)
    }
    pub fn tab_current(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn session(&self) -> Style {
        self.bg(Style::new(), Color::Rgb(38, 44, 56))
    }
    pub fn plenary(&self) -> Style {
        self.bg(Style::new(), Color::Rgb(52, 44, 66))
    }
    pub fn picked(&self) -> Style {
        self.bg(self.fg(Color::LightGreen), Color::Rgb(24, 58, 36))
    }
    pub fn clash(&self) -> Style {
        self.bg(self.fg(Color::LightRed), Color::Rgb(70, 24, 28))
            .add_modifier(Modifier::BOLD)
    }
    pub fn speakers(&self) -> Style {
        self.fg(Color::Gray).add_modifier(Modifier::ITALIC)
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn matched(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn dimmed(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
    pub fn now(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn status(&self) -> Style {
        self.bg(Style::new(), Color::Rgb(30, 30, 30))
    }
    pub fn warn(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }
    pub fn note(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}
