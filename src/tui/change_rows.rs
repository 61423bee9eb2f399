//! The change report screen's rows, from a refresh's report: a row per change of a pick (with
//! its id, to jump to and to accept a move), a row per new clash, a line about the rest.

/// One row of the change report screen: a change of a pick (with its id, to jump to and to
/// accept a move), a new clash, or a line about the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRow {
    pub id: Option<String>,
    pub change: Option<crate::agenda::changes::Change>,
    pub label: &'static str,
    pub text: String,
}

/// The change report's rows as shown: all of them, or, while a filter is typed (`/`), those
/// whose label or words hold it.
pub fn shown(app: &crate::tui::App) -> Vec<&ChangeRow> {
    let want = crate::text::fold(app.list_filter.text().trim());
    app.changes
        .iter()
        .filter(|r| {
            want.is_empty()
                || crate::text::fold(r.label).contains(&want)
                || crate::text::fold(&r.text).contains(&want)
        })
        .collect()
}

impl ChangeRow {
    /// The rows of a report, in the order the command line prints it.
    pub fn of(report: &crate::agenda::changes::Report) -> Vec<ChangeRow> {
        use crate::presentation::changes::{change_line, clash_line, elsewhere_line};
        let mut rows = Vec::new();
        for p in &report.picks {
            for c in &p.changes {
                let (label, text) = change_line(&p.title, c);
                rows.push(ChangeRow {
                    id: Some(p.id.clone()),
                    change: Some(c.clone()),
                    label,
                    text,
                });
            }
        }
        for c in &report.new_clashes {
            rows.push(ChangeRow {
                id: Some(c.a.clone()),
                change: None,
                label: "new clash",
                text: clash_line(c),
            });
        }
        rows.push(ChangeRow {
            id: None,
            change: None,
            label: "elsewhere",
            text: elsewhere_line(report),
        });
        rows
    }
}
