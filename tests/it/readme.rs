//! The README stays true: its key table is the keymap the help screen is generated from, and it
//! gives the two commands a new user needs.

use lineup::tui::keymap::Keymap;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The README's table row for a binding.
pub(crate) fn row(ctx: &str, keys: &str, help: &str) -> String {
    let keys: Vec<String> = keys.split(' ').map(|k| format!("`{k}`")).collect();
    format!("| {ctx} | {} | {help} |", keys.join(" "))
}

#[test]
fn readme_lists_every_key_of_the_keymap() {
    let text = readme();
    let missing: Vec<String> = Keymap::default()
        .help_rows()
        .into_iter()
        .map(|(ctx, keys, help)| row(ctx.title(), &keys, help))
        .filter(|r| !text.contains(r.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md lacks these key rows:\n{}",
        missing.join("\n")
    );
    // And it has no row the keymap no longer has (a key changed or gone).
    let rows: Vec<String> = Keymap::default()
        .help_rows()
        .into_iter()
        .map(|(ctx, keys, help)| row(ctx.title(), &keys, help))
        .collect();
    let table = text
        .split("### Keys")
        .nth(1)
        .and_then(|t| t.split("\n\n").find(|b| b.starts_with("| Where")))
        .unwrap_or_default();
    let stale: Vec<&str> = table
        .lines()
        .skip(2)
        .filter(|l| !rows.iter().any(|r| r == l))
        .collect();
    assert!(
        stale.is_empty(),
        "README.md has key rows the keymap has not:\n{}",
        stale.join("\n")
    );
}

#[test]
fn readme_gives_the_two_commands() {
    let text = readme();
    assert!(text.contains("cargo run --release"));
    assert!(text.contains("cargo test"));
}

#[test]
fn readme_names_every_top_level_module() {
    let text = readme();
    let section = text
        .split("## How the code is laid out")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name == "lib.rs" {
            continue;
        }
        let shown = if name.ends_with(".rs") {
            format!("`src/{name}`")
        } else {
            format!("`src/{name}/`")
        };
        if !section.contains(&shown) {
            missing.push(shown);
        }
    }
    assert!(
        missing.is_empty(),
        "README's layout section lacks {missing:?}"
    );
}
