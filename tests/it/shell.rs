//! What the shell gets: completion scripts that load in bash and complete subcommands and ids,
//! and a man page that lists the commands and keys.

use crate::util::{lineup, stdout};

/// Runs `script` in bash with the lineup binary first on PATH and HOME in `home`.
fn bash(home: &std::path::Path, script: &str) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("lineup");
    let dir = bin.parent().unwrap();
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", script])
        .env("PATH", path)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .unwrap()
}

#[test]
fn the_bash_script_parses_sources_and_completes_subcommands_and_ids() {
    let home = tempfile::tempdir().unwrap();
    let script = stdout(lineup(home.path()).args(["completions", "bash"]));
    for sub in ["sessions", "pick", "agenda", "export", "completions", "man"] {
        assert!(script.contains(sub), "{sub} missing");
    }
    assert!(
        !script.contains("__complete "),
        "the hidden command is not offered"
    );
    let file = home.path().join("lineup.bash");
    std::fs::write(&file, &script).unwrap();
    let out = bash(home.path(), &format!("bash -n {}", file.display()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Sourced, Tab after `lineup pi` offers pick, and after `lineup pick adv` the talk's id.
    let complete = |words: &str| {
        let out = bash(
            home.path(),
            &format!(
                "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); \
                 COMP_LINE=\"{words}\"; COMP_POINT=${{#COMP_LINE}}; \
                 _lineup_ids lineup \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
                 printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                file.display()
            ),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(complete("lineup pi").lines().any(|l| l == "pick"));
    assert_eq!(
        complete("lineup pick advanced").trim(),
        "advanced-security-topics"
    );
    assert_eq!(
        complete("lineup unpick --agenda x.json code-gen").trim(),
        "code-generation-in-python-dismantling-jinja"
    );
}

#[test]
fn zsh_and_fish_scripts_are_made_and_ids_come_from_the_schedule() {
    let home = tempfile::tempdir().unwrap();
    let zsh = stdout(lineup(home.path()).args(["completions", "zsh"]));
    assert!(zsh.starts_with("#compdef lineup"), "{}", &zsh[..40]);
    let fish = stdout(lineup(home.path()).args(["completions", "fish"]));
    assert!(fish.contains("__fish_seen_subcommand_from pick unpick show"));
    let ids = stdout(lineup(home.path()).env("LINEUP_COMPLETE", "sessions"));
    assert_eq!(ids.lines().count(), 33);
    let none = stdout(lineup(home.path()).env("LINEUP_COMPLETE", "conferences"));
    assert_eq!(none, "");
}

#[test]
fn the_man_page_names_every_command_and_the_keys() {
    let home = tempfile::tempdir().unwrap();
    let page = stdout(lineup(home.path()).arg("man"));
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..60]
    );
    for section in [
        "LINEUP SESSIONS",
        "LINEUP PICK",
        "LINEUP EXPORT",
        "KEYS",
        "FILES",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    // Keys from the keymap, hyphens escaped for roff.
    assert!(page.contains("zoom out (more minutes per row)"));
    assert!(page.contains("\\fB\\-\\fR"));
}

/// Whether `shell` is installed; CI installs zsh and fish (see .ci/run), so there it must be.
fn shell_available(shell: &str) -> bool {
    let found = std::process::Command::new(shell)
        .args(["-c", "exit 0"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{shell} is required in CI"
        );
        eprintln!("SKIPPED: {shell} is not installed; install it to test its completion");
    }
    found
}

/// zsh and fish in a real terminal: `lineup pick a<Tab>` and `lineup pick \~<Tab>` complete ids
/// that are shell syntax, inserted quoted; Enter picks exactly those ids, and nothing ran.
#[test]
fn zsh_and_fish_insert_hostile_ids_quoted_and_run_nothing() {
    use crate::e2e::{Tmux, tmux_available};
    if !tmux_available() {
        return;
    }
    for shell in ["zsh", "fish"] {
        if !shell_available(shell) {
            continue;
        }
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        let marks = h.join("marks");
        std::fs::create_dir_all(&marks).unwrap();
        let ids = crate::regression::hostile_ids(&marks);
        crate::regression::add_conference_with_ids(h, &ids);
        let (script, setup) = if shell == "zsh" {
            let dir = h.join("zfunc");
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join("_lineup");
            (
                file,
                format!(
                    "fpath=({} $fpath); autoload -U compinit; compinit -u -D; PS1='> '",
                    dir.display()
                ),
            )
        } else {
            let file = h.join("lineup.fish");
            (file.clone(), format!("source {}", file.display()))
        };
        std::fs::write(&script, stdout(lineup(h).args(["completions", shell]))).unwrap();
        let bin = assert_cmd::cargo::cargo_bin("lineup");
        let tmux = Tmux {
            socket: format!("lineup-complete-{shell}-{}", std::process::id()),
        };
        let command = format!(
            "env HOME={h} XDG_DATA_HOME={h}/data XDG_CONFIG_HOME={h}/config PATH={bin}:/usr/bin:/bin {shell} {flag}",
            h = h.display(),
            bin = bin.parent().unwrap().display(),
            flag = if shell == "zsh" { "-f" } else { "-N" },
        );
        let out = tmux.cmd(&[
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            "160",
            "-y",
            "30",
            &command,
        ]);
        assert!(out.status.success(), "{out:?}");
        tmux.keys(&[&setup, "Enter", &format!("cd {}", marks.display()), "Enter"]);
        tmux.keys(&["lineup pick a", "Tab"]);
        tmux.wait_for("a\\;touch\\ ");
        tmux.keys(&["Enter"]);
        tmux.wait_for("picked: T2");
        tmux.keys(&["lineup pick \\~", "Tab"]);
        tmux.wait_for("\\~root");
        tmux.keys(&["Enter"]);
        tmux.wait_for("picked: T5");
        let agenda: serde_json::Value =
            serde_json::from_str(&stdout(lineup(h).args(["agenda", "--json"]))).unwrap();
        let text = agenda.to_string();
        assert!(
            text.contains(&serde_json::Value::from(ids[2].as_str()).to_string())
                && text.contains("\"~root\""),
            "{shell}: {text}"
        );
        let left: Vec<_> = std::fs::read_dir(&marks).unwrap().collect();
        assert!(left.is_empty(), "{shell}: a completion ran a command");
    }
}
