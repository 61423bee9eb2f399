//! What the shell gets from lineup: completion scripts and the man page, generated from the clap
//! definitions (clap_complete, clap_mangen), and the ids the scripts complete as you type
//! (sessions of the schedule in use, conferences of the library).

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Args, SourceArgs, open, print, print_with};
use crate::error::{Error, Result};

/// Set to `sessions` or `conferences`, lineup prints those ids a line each and nothing else:
/// what the completion scripts run.
pub(super) const COMPLETE_ENV: &str = "LINEUP_COMPLETE";

/// `lineup completions SHELL`: clap_complete's script, and for bash, zsh and fish a few lines
/// more that complete session ids (pick, unpick, show) and conference ids (use, remove, refresh,
/// changes, --conference) by asking lineup.
///
/// Ids come from schedules, which come from the internet: every script takes them as literal
/// words, a line each, and never lets the shell expand, glob or run them (bash inserts them
/// quoted with `printf %q`, zsh's `compadd` and fish quote what they insert).
pub(super) fn completions(shell: Shell) -> Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "lineup", &mut script);
    let script = String::from_utf8(script).map_err(|e| Error::Serialize {
        what: "the completion script",
        message: e.to_string(),
    })?;
    let script = match shell {
        Shell::Bash => format!("{script}{BASH_IDS}"),
        Shell::Zsh => zsh_with_ids(&script)?,
        Shell::Fish => format!("{script}{FISH_IDS}"),
        _ => script,
    };
    print(&script)
}

/// Completes ids in bash: wraps clap_complete's `_lineup`. The ids are read a line at a time
/// into COMPREPLY, compared with what is typed as plain text, and put on the command line quoted
/// (`printf %q`): `compgen -W` would expand each one again, running `$(…)` in an id.
const BASH_IDS: &str = r#"
# Ids as you type: session ids after pick/unpick/show, conference ids after use/remove/refresh/
# changes and --conference (asked of lineup itself; nothing when it cannot say). An id is only
# ever a literal word: never expanded, globbed or run, and inserted quoted.
_lineup_ids_of() {
    local what="$1" cur="$2" id
    COMPREPLY=()
    while IFS= read -r id; do
        [[ -n "$id" && "$id" == "$cur"* ]] || continue
        printf -v id '%q' "$id"
        COMPREPLY+=("$id")
    done < <(LINEUP_COMPLETE="$what" command lineup 2>/dev/null)
}
_lineup_ids() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" sub="" w
    for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
        case "$w" in -*) ;; *) sub="$w"; break ;; esac
    done
    if [[ "$prev" == "--conference" ]]; then
        _lineup_ids_of conferences "$cur"
        return 0
    fi
    if [[ "$cur" != -* ]]; then
        case "$sub" in
            pick|unpick|show)
                _lineup_ids_of sessions "$cur"
                return 0 ;;
            use|remove|refresh|changes)
                _lineup_ids_of conferences "$cur"
                return 0 ;;
        esac
    fi
    _lineup "$@"
}
complete -F _lineup_ids -o bashdefault -o default lineup
"#;

/// Completes ids in zsh: each line of lineup's answer is one word (`${(f)…}` splits the output,
/// which zsh never evaluates again), and `compadd` quotes what it inserts.
const ZSH_IDS: &str = r#"
# Ids as you type, asked of lineup itself: literal words, quoted when inserted.
(( $+functions[_lineup_ids_of] )) ||
_lineup_ids_of() {
    local -a ids
    ids=("${(@f)$(LINEUP_COMPLETE=$1 command lineup 2>/dev/null)}")
    ids=("${(@)ids:#}")
    compadd -a ids
}
(( $+functions[_lineup_session_ids] )) ||
_lineup_session_ids() { _lineup_ids_of sessions }
(( $+functions[_lineup_conference_ids] )) ||
_lineup_conference_ids() { _lineup_ids_of conferences }

"#;

/// clap_complete's zsh script with the session and conference ids completed: the `_default`
/// action of the id arguments becomes lineup's own, and the functions go before the script's
/// last lines (which run or register `_lineup`).
fn zsh_with_ids(script: &str) -> Result<String> {
    let mut out = String::with_capacity(script.len() + ZSH_IDS.len());
    let mut sub = "";
    let mut changed = 0;
    let mut placed = false;
    for line in script.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
            sub = name;
        }
        if !placed && trimmed.starts_with("if [ \"$funcstack[1]\" = \"_lineup\" ]") {
            out.push_str(ZSH_IDS);
            placed = true;
        }
        let positional = ["':id:", "':id -- ", "'::id:", "'::id -- ", "'*::ids -- "]
            .iter()
            .any(|p| trimmed.starts_with(p));
        let action = if trimmed.starts_with("'--conference=[") {
            Some("_lineup_conference_ids")
        } else if positional {
            match sub {
                "pick" | "unpick" | "show" => Some("_lineup_session_ids"),
                "use" | "remove" | "refresh" | "changes" => Some("_lineup_conference_ids"),
                _ => None,
            }
        } else {
            None
        };
        match action {
            Some(action) if line.contains(":_default'") => {
                out.push_str(&line.replacen(":_default'", &format!(":{action}'"), 1));
                changed += 1;
            }
            _ => out.push_str(line),
        }
    }
    if !placed || changed == 0 {
        return Err(Error::ZshScriptShape);
    }
    Ok(out)
}

/// Completes ids in fish: a command substitution's lines are words fish never expands again,
/// and fish quotes a completion as it inserts it.
const FISH_IDS: &str = r#"
# Ids as you type, asked of lineup itself: literal words, quoted when inserted.
function __lineup_ids
    env LINEUP_COMPLETE=$argv[1] lineup 2>/dev/null
end
complete -c lineup -n "__fish_seen_subcommand_from pick unpick show" -f -a "(__lineup_ids sessions)"
complete -c lineup -n "__fish_seen_subcommand_from use remove refresh changes" -f -a "(__lineup_ids conferences)"
complete -c lineup -l conference -r -f -a "(__lineup_ids conferences)"
"#;

/// `lineup man`: the man page (roff) on standard output, subcommands included.
pub(super) fn man() -> Result<ExitCode> {
    let cmd = Args::command();
    let mut page = Vec::new();
    let write_err = |source| Error::Write {
        path: "standard output".into(),
        source,
    };
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(&mut page).map_err(write_err)?;
    man.render_name_section(&mut page).map_err(write_err)?;
    man.render_synopsis_section(&mut page).map_err(write_err)?;
    man.render_description_section(&mut page)
        .map_err(write_err)?;
    man.render_options_section(&mut page).map_err(write_err)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        sub_section(&mut page, &cmd, sub).map_err(write_err)?;
    }
    keys_section(&mut page).map_err(write_err)?;
    page.extend_from_slice(FILES.as_bytes());
    man.render_version_section(&mut page).map_err(write_err)?;
    print_with(|out| out.write_all(&page))
}

/// A subcommand's section: its usage, what it does and its options.
fn sub_section(
    page: &mut Vec<u8>,
    parent: &clap::Command,
    sub: &clap::Command,
) -> std::io::Result<()> {
    let name = format!("{} {}", parent.get_name(), sub.get_name());
    writeln!(page, ".SH \"{}\"", name.to_uppercase())?;
    let sub = sub.clone().bin_name(name);
    let man = clap_mangen::Man::new(sub);
    let mut body = Vec::new();
    man.render_synopsis_section(&mut body)?;
    man.render_description_section(&mut body)?;
    man.render_options_section(&mut body)?;
    // The sub-page's own headings become plain paragraphs under this section.
    let body = String::from_utf8_lossy(&body).replace(".SH ", ".SS ");
    page.write_all(body.as_bytes())
}

/// The grid's keys, from the keymap the TUI and its help screen use.
fn keys_section(page: &mut Vec<u8>) -> std::io::Result<()> {
    writeln!(page, ".SH KEYS")?;
    let mut last = None;
    for (context, keys, help) in crate::tui::keymap::Keymap::default().help_rows() {
        if last != Some(context) {
            writeln!(page, ".SS \"{}\"", roff(context.title()))?;
            last = Some(context);
        }
        writeln!(page, ".TP\n\\fB{}\\fR\n{}", roff(&keys), roff(help))?;
    }
    Ok(())
}

/// Text made safe for roff: backslashes and hyphens escaped, no line read as a request.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

const FILES: &str = r#".SH FILES
.TP
\fI$XDG_DATA_HOME/lineup/agendas/<conference>.json\fR
Your picks for a conference (\-\-agenda or LINEUP_AGENDA put them elsewhere).
.TP
\fI$XDG_DATA_HOME/lineup/library.json\fR
The conferences added with \fBlineup add\fR.
.TP
\fI$XDG_DATA_HOME/lineup/views/<conference>.json\fR
The rooms hidden in the grid.
.TP
\fI$XDG_DATA_HOME/lineup/friends.json\fR
Friends' agendas (\fBlineup friend\fR); their files are only read.
.TP
\fI$XDG_CONFIG_HOME/lineup/config.toml\fR
Keys, colours, walk, display zone, minutes per row (\fBlineup config \-\-example\fR).
.TP
\fI$XDG_CACHE_HOME/lineup/conferences/<id>/\fR
What was fetched, and the imported schedule.
"#;

/// The ids a completion script asked for ([`COMPLETE_ENV`]): session ids of the schedule in use
/// (the current conference, else the built-in one), or conference ids of the library.
pub(super) fn ids(what: &str) -> Result<ExitCode> {
    let list: Vec<String> = match what {
        "sessions" => open::schedule(&SourceArgs::default())?
            .sessions
            .iter()
            .map(|s| s.id.to_string())
            .collect(),
        "conferences" => crate::workspace::library::load()?
            .conferences
            .iter()
            .map(|e| e.id.clone())
            .collect(),
        other => {
            return Err(Error::NotCompletable {
                what: other.to_string(),
            });
        }
    };
    print_with(|out| {
        for id in list {
            writeln!(out, "{}", crate::message::for_terminal(&id))?;
        }
        Ok(())
    })
}

/// `lineup config`: the example (`--example`), the commands and their keys (`--keys`), else
/// what the config file sets, or the sentence saying what is wrong with it (exit status 2).
pub(super) fn config(example: bool, keys: bool) -> Result<ExitCode> {
    use crate::tui::config::{self, command_name};
    if example {
        return print(config::EXAMPLE);
    }
    // A mistake is the error itself, naming the file and line (exit status 2).
    config::read()?;
    let loaded = config::load();
    if keys {
        let rows: Vec<String> = loaded
            .keymap
            .bindings()
            .iter()
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
                format!(
                    "{:<10} {:<20} {}",
                    b.context.name(),
                    command_name(b.command),
                    keys.join(" ")
                )
            })
            .collect();
        return print(&format!("{}\n", rows.join("\n")));
    }
    let Some(path) = loaded.path else {
        return print(
            "no config folder on this machine (no home folder); lineup uses its defaults\n",
        );
    };
    if !crate::workspace::files::exists(&path) {
        return print(&format!(
            "no config file at {}; lineup uses its defaults (`lineup config --example > {}` makes one to edit)\n",
            path.display(),
            path.display()
        ));
    }
    let s = &loaded.settings;
    let zone = s.display_tz.map(|z| match z {
        crate::workspace::clock::DisplayZone::Venue => "venue".to_string(),
        crate::workspace::clock::DisplayZone::Local => "local".to_string(),
        crate::workspace::clock::DisplayZone::Zone(tz) => tz.name().to_string(),
    });
    let plural = |n: usize, one, many| crate::presentation::plural(n as u64, one, many);
    let mut said = vec![
        format!(
            "{} changed",
            plural(s.keys.len(), "command's keys", "commands' keys")
        ),
        plural(s.styles.len(), "style", "styles"),
    ];
    said.extend(s.walk.map(|w| format!("walk {w} min")));
    said.extend(zone.map(|z| format!("times shown in {z}")));
    said.extend(s.minutes_per_row.map(|m| format!("{m} minutes a row")));
    print(&format!(
        "{} is fine: {}\n",
        path.display(),
        said.join(", ")
    ))
}
