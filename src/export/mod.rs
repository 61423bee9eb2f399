//! Exports of a personal agenda (or the whole schedule): plain text, Markdown, iCalendar,
//! Lanyrd-style text and JSON. Each format is a pure function from the plan to a string; writing
//! the file happens at the edge.

pub mod text;
