//! Styles as data: a [`Theme`] of named styles built for a [`Palette`] the terminal can show.
//! By default lineup uses the terminal's own palette (the 16 ANSI colours, its default
//! foreground and background, reverse video for the selection), so it reads on light and dark
//! terminals alike; 24-bit colour only when the terminal says it has it (`COLORTERM`), and none
//! for `NO_COLOR` or `TERM=dumb`. Every state also reads through a mark or a modifier, so
//! nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

/// What the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    /// No colour: modifiers only (`NO_COLOR`, `TERM=dumb`).
    Mono,
    /// The terminal's 16 ANSI colours and its own default colours.
    #[default]
    Ansi,
    /// 24-bit colour with explicit foreground and background everywhere, on a dark panel.
    Rich,
    /// The same on a light panel, for terminals that say their background is light.
    RichLight,
}

impl Palette {
    /// The palette for an environment: `NO_COLOR` (non-empty) or `TERM=dumb` → [`Palette::Mono`],
    /// `COLORTERM=truecolor|24bit` → [`Palette::Rich`] ([`Palette::RichLight`] when `COLORFGBG`
    /// says the background is light), else [`Palette::Ansi`].
    pub fn from_env(
        no_color: Option<&str>,
        term: Option<&str>,
        colorterm: Option<&str>,
        colorfgbg: Option<&str>,
    ) -> Self {
        let truecolor = colorterm.is_some_and(|c| {
            c.eq_ignore_ascii_case("truecolor") || c.eq_ignore_ascii_case("24bit")
        });
        // "15;0" is light text on black; "0;15" or "0;default;15" black text on a light one.
        let light = colorfgbg
            .and_then(|v| v.rsplit(';').next())
            .and_then(|bg| bg.trim().parse::<u8>().ok())
            .is_some_and(|bg| matches!(bg, 7 | 15));
        if no_color.is_some_and(|v| !v.is_empty()) || term == Some("dumb") {
            Palette::Mono
        } else if truecolor && light {
            Palette::RichLight
        } else if truecolor {
            Palette::Rich
        } else {
            Palette::Ansi
        }
    }

    /// The palette for this process's environment.
    pub fn detect() -> Self {
        let var = |k| std::env::var(k).ok();
        Self::from_env(
            var("NO_COLOR").as_deref(),
            var("TERM").as_deref(),
            var("COLORTERM").as_deref(),
            var("COLORFGBG").as_deref(),
        )
    }
}

/// The named styles every view draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub axis: Style,
    pub axis_hour: Style,
    /// Hour rules and folded stretches, drawn between boxes.
    pub rule: Style,
    pub header: Style,
    pub header_current: Style,
    pub tab: Style,
    pub tab_current: Style,
    pub session: Style,
    pub plenary: Style,
    pub picked: Style,
    pub clash: Style,
    pub speakers: Style,
    pub selected: Style,
    pub matched: Style,
    pub dimmed: Style,
    pub now: Style,
    pub status: Style,
    pub warn: Style,
    pub note: Style,
    pub title: Style,
    /// The colours of talks by track, taken in turn (none but the plain one in mono).
    pub tracks: [Style; TRACK_COLOURS],
}

impl Theme {
    /// Every style's name, as the config file's `[colours]` gives them.
    pub const NAMES: [&'static str; 32] = [
        "axis",
        "axis_hour",
        "rule",
        "header",
        "header_current",
        "tab",
        "tab_current",
        "session",
        "plenary",
        "picked",
        "clash",
        "speakers",
        "selected",
        "matched",
        "dimmed",
        "now",
        "status",
        "warn",
        "note",
        "title",
        "track1",
        "track2",
        "track3",
        "track4",
        "track5",
        "track6",
        "track7",
        "track8",
        "track9",
        "track10",
        "track11",
        "track12",
    ];

    /// The style with this name.
    pub fn style(&self, name: &str) -> Option<Style> {
        let mut copy = *self;
        copy.style_mut(name).map(|s| *s)
    }

    fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
        if let Some(k) = name.strip_prefix("track") {
            let k: usize = k.parse().ok()?;
            return self.tracks.get_mut(k.checked_sub(1)?);
        }
        Some(match name {
            "axis" => &mut self.axis,
            "axis_hour" => &mut self.axis_hour,
            "rule" => &mut self.rule,
            "header" => &mut self.header,
            "header_current" => &mut self.header_current,
            "tab" => &mut self.tab,
            "tab_current" => &mut self.tab_current,
            "session" => &mut self.session,
            "plenary" => &mut self.plenary,
            "picked" => &mut self.picked,
            "clash" => &mut self.clash,
            "speakers" => &mut self.speakers,
            "selected" => &mut self.selected,
            "matched" => &mut self.matched,
            "dimmed" => &mut self.dimmed,
            "now" => &mut self.now,
            "status" => &mut self.status,
            "warn" => &mut self.warn,
            "note" => &mut self.note,
            "title" => &mut self.title,
            _ => return None,
        })
    }

    /// The theme with the config's changes (colours only where this palette has colour).
    pub fn change(&mut self, changes: &[(String, StyleChange)]) {
        let colour = *self != Theme::mono();
        for (name, change) in changes {
            if let Some(s) = self.style_mut(name) {
                *s = change.apply(*s, colour);
            }
        }
    }
}

/// A style's changes: colours and the attributes turned on or off.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StyleChange {
    pub fg: Option<Color>,
    pub bg: Option<Color>,
    pub on: Modifier,
    pub off: Modifier,
}

impl StyleChange {
    /// `style` with these changes; `colour` false (monochrome) keeps only the attributes.
    pub fn apply(&self, style: Style, colour: bool) -> Style {
        let mut s = style.add_modifier(self.on).remove_modifier(self.off);
        if colour {
            if let Some(c) = self.fg {
                s = s.fg(c);
            }
            if let Some(c) = self.bg {
                s = s.bg(c);
            }
        }
        s
    }
}

/// How many track colours there are before they repeat.
pub const TRACK_COLOURS: usize = 12;

const BOLD: Modifier = Modifier::BOLD;

fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

fn on(fg: Color, bg: Color) -> Style {
    Style::new().fg(fg).bg(bg)
}

impl Theme {
    pub fn new(palette: Palette) -> Theme {
        match palette {
            Palette::Mono => Self::mono(),
            Palette::Ansi => Self::ansi(),
            Palette::Rich => Self::rich(),
            Palette::RichLight => Self::rich_light(),
        }
    }

    fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            axis: plain,
            axis_hour: plain.add_modifier(BOLD),
            rule: plain.add_modifier(Modifier::DIM),
            header: plain.add_modifier(BOLD),
            header_current: plain.add_modifier(BOLD | Modifier::UNDERLINED | Modifier::REVERSED),
            tab: plain,
            tab_current: plain.add_modifier(Modifier::REVERSED | BOLD),
            session: plain,
            plenary: plain,
            picked: plain.add_modifier(BOLD),
            clash: plain.add_modifier(BOLD),
            speakers: plain.add_modifier(Modifier::ITALIC),
            selected: plain.add_modifier(Modifier::REVERSED),
            matched: plain.add_modifier(BOLD | Modifier::UNDERLINED),
            dimmed: plain.add_modifier(Modifier::DIM),
            now: plain.add_modifier(BOLD),
            status: plain.add_modifier(Modifier::REVERSED),
            warn: plain.add_modifier(BOLD),
            note: plain,
            title: plain.add_modifier(BOLD),
            tracks: [plain; TRACK_COLOURS],
        }
    }

    /// The 16 ANSI colours on the terminal's own background: colours that read on light and on
    /// dark backgrounds (red, green, blue, magenta), no backgrounds but reverse video.
    fn ansi() -> Theme {
        Theme {
            axis: Style::new().add_modifier(Modifier::DIM),
            picked: fg(Color::Green),
            clash: fg(Color::Red).add_modifier(BOLD),
            plenary: fg(Color::Magenta),
            now: fg(Color::Red).add_modifier(BOLD),
            warn: fg(Color::Red).add_modifier(BOLD),
            note: fg(Color::Blue),
            // Not red or green (clash, picked), not magenta (plenary): the three hues left, then
            // their bright kin, then all six underlined, so twelve tracks read apart on any
            // 16-colour terminal.
            tracks: [
                fg(Color::Cyan),
                fg(Color::Yellow),
                fg(Color::Blue),
                fg(Color::LightCyan),
                fg(Color::LightYellow),
                fg(Color::LightBlue),
                fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
                fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
                fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
                fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
                fg(Color::LightYellow).add_modifier(Modifier::UNDERLINED),
                fg(Color::LightBlue).add_modifier(Modifier::UNDERLINED),
            ],
            ..Self::mono()
        }
    }

    /// 24-bit colours with both foreground and background set, so they read the same on any
    /// terminal background.
    fn rich() -> Theme {
        let text = Color::Rgb(230, 232, 236);
        let dim = Color::Rgb(150, 156, 168);
        let panel = Color::Rgb(30, 32, 38);
        Theme {
            axis: on(dim, panel),
            axis_hour: on(text, panel).add_modifier(BOLD),
            rule: on(Color::Rgb(80, 86, 98), panel),
            header: on(text, panel).add_modifier(BOLD),
            header_current: on(panel, text).add_modifier(BOLD | Modifier::UNDERLINED),
            tab: on(dim, panel),
            tab_current: on(panel, text).add_modifier(BOLD),
            session: on(text, Color::Rgb(38, 44, 56)),
            plenary: on(text, Color::Rgb(52, 44, 66)),
            picked: on(Color::Rgb(170, 240, 170), Color::Rgb(24, 58, 36)),
            clash: on(Color::Rgb(255, 160, 160), Color::Rgb(70, 24, 28)).add_modifier(BOLD),
            speakers: Style::new().fg(dim).add_modifier(Modifier::ITALIC),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new()
                .fg(Color::Rgb(255, 220, 120))
                .add_modifier(BOLD),
            dimmed: Style::new().fg(Color::Rgb(110, 114, 124)),
            now: on(Color::Rgb(255, 90, 90), panel).add_modifier(BOLD),
            status: on(text, Color::Rgb(48, 52, 62)),
            warn: on(Color::Rgb(255, 140, 140), panel).add_modifier(BOLD),
            note: on(Color::Rgb(240, 210, 130), panel),
            title: on(text, panel).add_modifier(BOLD),
            tracks: [
                (120, 200, 240),
                (240, 200, 110),
                (170, 160, 250),
                (110, 220, 200),
                (240, 150, 200),
                (200, 200, 120),
                (255, 170, 120),
                (140, 180, 255),
                (210, 150, 255),
                (120, 230, 230),
                (250, 220, 160),
                (200, 170, 140),
            ]
            .map(|(r, g, b)| on(Color::Rgb(r, g, b), Color::Rgb(38, 44, 56))),
        }
    }

    /// 24-bit colours on a light panel: dark text, pale boxes.
    fn rich_light() -> Theme {
        let text = Color::Rgb(28, 30, 36);
        let dim = Color::Rgb(96, 102, 114);
        let panel = Color::Rgb(250, 250, 248);
        Theme {
            axis: on(dim, panel),
            axis_hour: on(text, panel).add_modifier(BOLD),
            rule: on(Color::Rgb(200, 204, 212), panel),
            header: on(text, panel).add_modifier(BOLD),
            header_current: on(panel, text).add_modifier(BOLD | Modifier::UNDERLINED),
            tab: on(dim, panel),
            tab_current: on(panel, text).add_modifier(BOLD),
            session: on(text, Color::Rgb(226, 232, 242)),
            plenary: on(text, Color::Rgb(236, 226, 246)),
            picked: on(Color::Rgb(10, 80, 30), Color::Rgb(214, 240, 218)),
            clash: on(Color::Rgb(150, 10, 20), Color::Rgb(250, 218, 218)).add_modifier(BOLD),
            speakers: Style::new().fg(dim).add_modifier(Modifier::ITALIC),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new().fg(Color::Rgb(140, 80, 0)).add_modifier(BOLD),
            dimmed: Style::new().fg(Color::Rgb(160, 164, 172)),
            now: on(Color::Rgb(200, 20, 20), panel).add_modifier(BOLD),
            status: on(text, Color::Rgb(226, 228, 232)),
            warn: on(Color::Rgb(170, 20, 20), panel).add_modifier(BOLD),
            note: on(Color::Rgb(120, 80, 0), panel),
            title: on(text, panel).add_modifier(BOLD),
            tracks: [
                (10, 90, 140),
                (130, 90, 0),
                (80, 60, 170),
                (0, 110, 100),
                (150, 40, 100),
                (100, 100, 20),
                (170, 80, 0),
                (30, 70, 190),
                (120, 40, 170),
                (0, 120, 130),
                (120, 90, 40),
                (90, 70, 50),
            ]
            .map(|(r, g, b)| on(Color::Rgb(r, g, b), Color::Rgb(226, 232, 242))),
        }
    }

    /// The theme drawn on the terminal's own background: every background colour let go (the
    /// rich palettes' panel and box fills), the foregrounds and attributes kept.
    pub fn without_backgrounds(mut self) -> Theme {
        let strip = |s: &mut Style| s.bg = None;
        for s in [
            &mut self.axis,
            &mut self.axis_hour,
            &mut self.rule,
            &mut self.header,
            &mut self.header_current,
            &mut self.tab,
            &mut self.tab_current,
            &mut self.session,
            &mut self.plenary,
            &mut self.picked,
            &mut self.clash,
            &mut self.speakers,
            &mut self.selected,
            &mut self.matched,
            &mut self.dimmed,
            &mut self.now,
            &mut self.status,
            &mut self.warn,
            &mut self.note,
            &mut self.title,
        ] {
            strip(s);
        }
        self.tracks.iter_mut().for_each(strip);
        // What a background told apart, reverse video tells now.
        self.header_current = self.header_current.add_modifier(Modifier::REVERSED);
        self.tab_current = self.tab_current.add_modifier(Modifier::REVERSED);
        self.status = self.status.add_modifier(Modifier::REVERSED);
        self
    }

    /// The background everything else is drawn on (the terminal's own unless rich).
    pub fn base(&self) -> Style {
        Style::new().bg(self.axis.bg.unwrap_or(Color::Reset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_backgrounds_no_style_paints_one_and_each_track_reads_apart() {
        for p in [
            Palette::Mono,
            Palette::Ansi,
            Palette::Rich,
            Palette::RichLight,
        ] {
            let t = Theme::new(p).without_backgrounds();
            assert_eq!(t.base().bg, Some(Color::Reset), "{p:?}");
            for name in Theme::NAMES {
                let s = t.style(name).unwrap();
                assert!(s.bg.is_none(), "{p:?} {name}: {s:?}");
            }
            if p != Palette::Mono {
                for (k, a) in t.tracks.iter().enumerate() {
                    for b in &t.tracks[k + 1..] {
                        assert_ne!(a, b, "{p:?}: track {} repeats", k + 1);
                    }
                }
            }
        }
    }

    #[test]
    fn palette_follows_the_terminal() {
        let xterm = Some("xterm-256color");
        assert_eq!(
            Palette::from_env(Some("1"), xterm, Some("truecolor"), None),
            Palette::Mono
        );
        assert_eq!(
            Palette::from_env(None, Some("dumb"), None, None),
            Palette::Mono
        );
        assert_eq!(
            Palette::from_env(Some(""), xterm, None, None),
            Palette::Ansi
        );
        assert_eq!(
            Palette::from_env(None, xterm, Some("truecolor"), None),
            Palette::Rich
        );
        assert_eq!(
            Palette::from_env(None, Some("xterm"), Some("24bit"), Some("15;0")),
            Palette::Rich
        );
        assert_eq!(
            Palette::from_env(None, xterm, Some("truecolor"), Some("0;15")),
            Palette::RichLight
        );
        assert_eq!(
            Palette::from_env(None, xterm, Some("truecolor"), Some("0;default;7")),
            Palette::RichLight
        );
    }

    #[test]
    fn only_rich_sends_24_bit_colour_and_it_sets_both_colours_of_a_box() {
        let rgb =
            |s: Style| matches!(s.fg, Some(Color::Rgb(..))) || matches!(s.bg, Some(Color::Rgb(..)));
        for p in [Palette::Mono, Palette::Ansi] {
            let t = Theme::new(p);
            for s in [
                t.session, t.plenary, t.picked, t.clash, t.now, t.status, t.rule,
            ] {
                assert!(!rgb(s), "{p:?}: {s:?}");
                assert!(
                    s.bg.is_none(),
                    "{p:?} keeps the terminal's background: {s:?}"
                );
            }
        }
        for p in [Palette::Rich, Palette::RichLight] {
            let t = Theme::new(p);
            for s in [t.session, t.plenary, t.picked, t.clash, t.status] {
                assert!(s.fg.is_some() && s.bg.is_some(), "{p:?} {s:?}");
            }
        }
    }
}
