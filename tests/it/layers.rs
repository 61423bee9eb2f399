//! The house points one way: read from the sources' own `use` lines and inline `crate::` and
//! `super::` paths, no module imports a layer above it (model ← import ← agenda ←
//! presentation/export ← workspace ← tui/cli, with text, message and error at the bottom),
//! the TUI and the command line use no exporter, no files inside the TUI import each other in
//! a circle, the exports use no files and no clock, and one place normalizes a schedule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source file's module path, e.g. `["tui", "update", "nav"]`.
type Module = Vec<String>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn module_of(path: &Path) -> Module {
    let rel = path.strip_prefix(src()).unwrap().with_extension("");
    let mut m: Module = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(m.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        m.pop();
    }
    m
}

/// The file's code without its tests and comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.to_string()];
    };
    let (head, body) = (
        &tree[..open],
        &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())],
    );
    let (mut parts, mut depth, mut cur) = (Vec::new(), 0, String::new());
    for ch in body.chars() {
        match ch {
            ',' if depth == 0 => parts.push(std::mem::take(&mut cur)),
            '{' => {
                depth += 1;
                cur.push(ch)
            }
            '}' => {
                depth -= 1;
                cur.push(ch)
            }
            _ => cur.push(ch),
        }
    }
    parts.push(cur);
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand(p).into_iter().map(move |q| format!("{head}{q}")))
        .collect()
}

/// Every path the code names: `use` trees expanded, and inline `crate::…`/`super::…` paths.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for stmt in code.split(';') {
        let s = stmt.trim_start();
        let s = s
            .strip_prefix("pub(crate) use ")
            .or_else(|| s.strip_prefix("pub(super) use "))
            .or_else(|| s.strip_prefix("pub use "))
            .or_else(|| s.strip_prefix("use "));
        if let Some(tree) = s {
            // `x as y` keeps `x`: mark the rename, then drop the blanks.
            let tree = tree.replace(" as ", "@");
            out.extend(expand(&tree.split_whitespace().collect::<String>()));
        }
    }
    for start in ["crate::", "super::"] {
        for (i, _) in code.match_indices(start) {
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String = code[i..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            out.push(path);
        }
    }
    out
}

/// The file a path names, from the module `from`: its module path, longest known prefix.
/// `super` is the parent of the module, whether it lives in `x.rs` or `x/mod.rs`.
fn resolve(from: &Module, path: &str, known: &BTreeSet<Module>) -> Option<Module> {
    let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base = match segs.first() {
        Some(&"crate") => Vec::new(),
        Some(&"super" | &"self") => from.clone(),
        _ => return None,
    };
    let mut rest = &segs[..];
    if rest.first() == Some(&"crate") {
        rest = &rest[1..];
    }
    while let Some((&first, tail)) = rest.split_first() {
        match first {
            "super" => {
                base.pop();
            }
            "self" => {}
            _ => break,
        }
        rest = tail;
    }
    base.extend(
        rest.iter()
            .map(|s| s.split('@').next().unwrap_or(s).to_string()),
    );
    (1..=base.len())
        .rev()
        .map(|k| base[..k].to_vec())
        .find(|m| known.contains(m))
}

/// Every file's module and the modules it imports.
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let mut all = Vec::new();
    files(&src(), &mut all);
    let known: BTreeSet<Module> = all.iter().map(|p| module_of(p)).collect();
    let mut g = BTreeMap::new();
    for p in &all {
        let from = module_of(p);
        let to: BTreeSet<Module> = paths(&code(p))
            .iter()
            .filter_map(|path| resolve(&from, path, &known))
            .filter(|m| *m != from)
            .collect();
        g.insert(from, to);
    }
    g
}

/// The layer of a top-level module: lower layers never import higher ones.
fn layer(top: &str) -> usize {
    match top {
        "text" | "message" | "error" => 0,
        "model" => 1,
        "import" => 2,
        "agenda" => 3,
        "presentation" => 4,
        "export" => 5,
        "workspace" => 6,
        "tui" | "cli" => 7,
        other => panic!("a top-level module no layer names: {other}"),
    }
}

#[test]
fn no_module_imports_a_layer_above_it() {
    let mut wrong = Vec::new();
    for (from, tos) in graph() {
        let Some(top) = from.first() else { continue };
        for to in tos {
            let other = &to[0];
            if other != top && layer(other) > layer(top) {
                wrong.push(format!("{} -> {}", from.join("/"), to.join("/")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_tui_and_the_command_line_use_no_exporter() {
    let wrong: Vec<String> = graph()
        .into_iter()
        .filter(|(from, _)| matches!(from.first().map(String::as_str), Some("tui" | "cli")))
        .flat_map(|(from, tos)| {
            tos.into_iter()
                .filter(|t| t[0] == "export")
                .map(move |t| format!("{} -> {}", from.join("/"), t.join("/")))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_files_inside_the_tui_import_each_other_in_a_circle() {
    let g: BTreeMap<Module, BTreeSet<Module>> = graph()
        .into_iter()
        .filter(|(m, _)| m.first().is_some_and(|t| t == "tui"))
        .collect();
    // Depth-first search for a back edge.
    fn visit(
        m: &Module,
        g: &BTreeMap<Module, BTreeSet<Module>>,
        on_path: &mut Vec<Module>,
        done: &mut BTreeSet<Module>,
    ) -> Option<Vec<Module>> {
        if let Some(at) = on_path.iter().position(|x| x == m) {
            return Some(on_path[at..].to_vec());
        }
        if !done.insert(m.clone()) {
            return None;
        }
        on_path.push(m.clone());
        for next in g
            .get(m)
            .into_iter()
            .flatten()
            .filter(|n| g.contains_key(*n))
        {
            if let Some(circle) = visit(next, g, on_path, done) {
                return Some(circle);
            }
        }
        on_path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in g.keys() {
        let circle = visit(m, &g, &mut Vec::new(), &mut done);
        let shown: Vec<String> = circle.iter().flatten().map(|m| m.join("/")).collect();
        assert!(circle.is_none(), "a circle: {}", shown.join(" -> "));
    }
}

#[test]
fn the_exports_use_no_files_and_no_clock() {
    let mut all = Vec::new();
    files(&src().join("export"), &mut all);
    for p in all {
        let c = code(&p);
        for banned in [
            "std::fs",
            "fs::",
            "Utc::now",
            "Local::now",
            "SystemTime",
            "Instant::now",
        ] {
            assert!(!c.contains(banned), "{} uses {banned}", p.display());
        }
    }
}

#[test]
fn one_place_normalizes_a_schedule() {
    let mut all = Vec::new();
    files(&src(), &mut all);
    let calls: Vec<String> = all
        .iter()
        .flat_map(|p| {
            let c = code(p);
            let n = c.matches(".normalize()").count();
            std::iter::repeat_n(p.display().to_string(), n)
        })
        .collect();
    assert_eq!(calls.len(), 1, "{calls:?}");
}

#[test]
fn the_check_sees_what_it_is_meant_to_see() {
    // The reader itself: a use tree, a super path from a mod.rs, an inline crate path.
    let known: BTreeSet<Module> = [
        vec!["tui".to_string()],
        vec!["tui".into(), "app".into()],
        vec!["model".into()],
    ]
    .into_iter()
    .collect();
    let paths =
        paths("use crate::{model::Stamp as S, tui::app::App};\nlet x = super::app::App::new();");
    let from = vec!["tui".to_string(), "update".to_string()];
    let found: BTreeSet<Module> = paths
        .iter()
        .filter_map(|p| resolve(&from, p, &known))
        .collect();
    assert!(found.contains(&vec!["model".to_string()]));
    assert!(found.contains(&vec!["tui".to_string(), "app".to_string()]));
    // And the real graph has edges (a reader that finds nothing would pass every check).
    let g = graph();
    assert!(g[&vec!["tui".to_string(), "app".to_string()]].contains(&vec!["model".to_string()]));
    assert!(g.values().map(BTreeSet::len).sum::<usize>() > 100);
}
