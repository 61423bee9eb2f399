//! The agenda commands: `pick`, `unpick`, `agenda`, `clashes`.

use serde::Serialize;

use crate::agenda::{Op, Pick, PickState, Plan, Store};
use crate::error::{Error, Result};
use crate::export;
use crate::model::Schedule;

/// Picks each id (all must exist before anything is saved); returns what to tell the person.
pub fn pick(schedule: &Schedule, store: &mut Store, ids: &[String]) -> Result<String> {
    let sessions = ids
        .iter()
        .map(|id| {
            schedule
                .session(id)
                .ok_or_else(|| Error::UnknownSession(id.clone()))
        })
        .collect::<Result<Vec<_>>>()?;
    let now = chrono::Utc::now();
    let mut out = String::new();
    for s in &sessions {
        let what = if store.agenda().is_picked(&s.id) {
            "already picked"
        } else {
            "picked"
        };
        out.push_str(&format!("{what}: {} ({})\n", s.title, s.id));
    }
    // One save for all of them.
    store.apply_all(
        sessions
            .iter()
            .map(|s| Op::Pick(Pick::of(s, now)))
            .collect(),
    )?;
    Ok(out)
}

/// Unpicks each id (ids of sessions gone from the schedule included).
pub fn unpick(store: &mut Store, ids: &[String]) -> Result<String> {
    let mut out = String::new();
    for id in ids {
        let title = store.agenda().get(id).map(|p| p.title.clone());
        match title {
            Some(t) => {
                store.apply(Op::Unpick(id.clone()))?;
                out.push_str(&format!("unpicked: {t} ({id})\n"));
            }
            None => out.push_str(&format!("not picked: {id}\n")),
        }
    }
    Ok(out)
}

#[derive(Serialize)]
struct ClashJson<'a> {
    id: &'a str,
    minutes: i64,
}

#[derive(Serialize)]
struct PickJson<'a> {
    id: &'a str,
    title: &'a str,
    day: chrono::NaiveDate,
    start: String,
    end: String,
    room: Option<&'a str>,
    state: &'static str,
    moved_from: Option<MovedJson>,
    clashes: Vec<ClashJson<'a>>,
    no_time_to_walk_to: Option<&'a str>,
}

#[derive(Serialize)]
struct MovedJson {
    start: String,
    end: String,
    room: Option<String>,
}

/// `lineup agenda --json`: the picks in time order with their state and clashes.
pub fn agenda_json(plan: &Plan) -> String {
    let rows: Vec<PickJson> = plan
        .picks
        .iter()
        .enumerate()
        .map(|(i, p)| PickJson {
            id: &p.id,
            title: &p.title,
            day: p.day,
            start: p.start.to_rfc3339(),
            end: p.end.to_rfc3339(),
            room: p.room.as_deref(),
            state: match p.state {
                PickState::Current => "current",
                PickState::Moved { .. } => "moved",
                PickState::Missing => "missing",
            },
            moved_from: match &p.state {
                PickState::Moved { start, end, room } => Some(MovedJson {
                    start: start.to_rfc3339(),
                    end: end.to_rfc3339(),
                    room: room.clone(),
                }),
                _ => None,
            },
            clashes: plan
                .clashes_of(i)
                .map(|(j, minutes)| ClashJson {
                    id: &plan.picks[j].id,
                    minutes,
                })
                .collect(),
            no_time_to_walk_to: plan
                .tight_change_after(i)
                .map(|j| plan.picks[j].id.as_str()),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&rows).unwrap_or_default();
    s.push('\n');
    s
}

/// `lineup clashes`: each clash with both talks and the overlap.
pub fn clashes_text(plan: &Plan) -> String {
    if plan.clashes.is_empty() {
        return format!("No clashes among {} picks.\n", plan.picks.len());
    }
    let mut out = String::new();
    for c in &plan.clashes {
        let (a, b) = (&plan.picks[c.a], &plan.picks[c.b]);
        out.push_str(&format!(
            "{} {} overlap:\n  {}  {:<4}  {} ({})\n  {}  {:<4}  {} ({})\n",
            a.day,
            export::text::duration(c.minutes),
            export::text::span(&a.start, &a.end),
            a.room.as_deref().unwrap_or("-"),
            a.title,
            a.id,
            export::text::span(&b.start, &b.end),
            b.room.as_deref().unwrap_or("-"),
            b.title,
            b.id,
        ));
    }
    for (k, group) in plan.clash_groups.iter().filter(|g| g.len() > 2).enumerate() {
        let titles: Vec<&str> = group
            .iter()
            .map(|&i| plan.picks[i].title.as_str())
            .collect();
        out.push_str(&format!(
            "Clash group {}: {} picks overlap in a chain: {}\n",
            k + 1,
            group.len(),
            titles.join("; ")
        ));
    }
    out.push_str(&format!(
        "{} clash{} among {} picks, in {} group{}.\n",
        plan.clashes.len(),
        if plan.clashes.len() == 1 { "" } else { "es" },
        plan.picks.len(),
        plan.clash_groups.len(),
        if plan.clash_groups.len() == 1 {
            ""
        } else {
            "s"
        },
    ));
    out
}
