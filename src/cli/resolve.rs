//! What people type, turned into what the schedule has: a day in any usual form (`friday`,
//! `fri`, `9`, `2012-03-09`), a room, a session by id or by a unique piece of its title, a pick,
//! a time zone, a time for `--now`. When nothing matches, the message names the closest
//! choices ("did you mean …?").

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use crate::agenda::{Agenda, Pick};
use crate::error::{Error, Result};
use crate::message;
use crate::model::{Schedule, Session, Stamp};
use crate::text;

/// At most this many matches listed for an ambiguous fragment.
const MATCHES_LISTED: usize = 5;

use crate::message::{closest, did_you_mean};

/// Suggestions as the errors keep them.
fn owned(near: Vec<&str>) -> Vec<String> {
    near.into_iter().map(str::to_string).collect()
}

/// A day as people say it: an ISO date (any date), or a weekday name or its first letters, or
/// a day of the month, among the conference's days.
pub(super) fn day(schedule: &Schedule, typed: &str) -> Result<NaiveDate> {
    let t = typed.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d);
    }
    let days = schedule.days();
    let lower = t.to_lowercase();
    let found: Vec<NaiveDate> = match t.parse::<u32>() {
        Ok(n) => days.iter().copied().filter(|d| d.day() == n).collect(),
        Err(_) if lower.len() >= 2 => days
            .iter()
            .copied()
            .filter(|d| {
                d.format("%A")
                    .to_string()
                    .to_lowercase()
                    .starts_with(&lower)
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let listed: Vec<String> = days
        .iter()
        .map(|d| d.format("%a %-d %b").to_string())
        .collect();
    match found[..] {
        [d] => Ok(d),
        [] => Err(Error::UnknownDay {
            typed: t.to_string(),
            conference: schedule.conference.title.clone(),
            days: text::join_and(&listed),
            example: days
                .first()
                .map_or("2012-03-09".to_string(), NaiveDate::to_string),
        }),
        _ => Err(Error::SeveralDays {
            typed: t.to_string(),
            conference: schedule.conference.title.clone(),
            dates: found
                .iter()
                .map(NaiveDate::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// A room by name, in any case.
pub(super) fn room(schedule: &Schedule, typed: &str) -> Result<String> {
    if let Some(r) = schedule
        .rooms
        .iter()
        .find(|r| r.eq_ignore_ascii_case(typed.trim()))
    {
        return Ok(r.clone());
    }
    let names: Vec<&str> = schedule.rooms.iter().map(String::as_str).collect();
    Err(Error::UnknownRoom {
        typed: typed.to_string(),
        conference: schedule.conference.title.clone(),
        near: owned(closest(typed, names.iter().copied())),
        rooms: names.join(", "),
    })
}

/// The schedule's languages named by `typed` (each: a code in any case, `pt_BR` as `pt-br`, or
/// its English name, "German"); one no talk is given in is an error naming the languages.
pub(super) fn languages(schedule: &Schedule, typed: &[String]) -> Result<Vec<String>> {
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    let all = names_of(schedule, |s| s.language.as_deref());
    typed
        .iter()
        .map(|t| {
            let code = crate::text::language_code(t);
            let by_name = |l: &&&str| {
                crate::text::language_name(l).is_some_and(|n| n.eq_ignore_ascii_case(t.trim()))
            };
            if let Some(found) = all
                .iter()
                .find(|l| ***l == code)
                .or_else(|| all.iter().find(by_name))
            {
                return Ok((*found).to_string());
            }
            if all.is_empty() {
                return Err(Error::NoLanguages {
                    conference: schedule.conference.title.clone(),
                    typed: t.to_string(),
                });
            }
            Err(Error::UnknownLanguage {
                typed: t.to_string(),
                near: owned(closest(t, all.iter().copied())),
                languages: all
                    .iter()
                    .map(|l| crate::text::language_label(l))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        })
        .collect()
}

/// The names a field of the sessions takes, sorted, each once.
fn names_of<'a>(
    schedule: &'a Schedule,
    field: impl Fn(&'a Session) -> Option<&'a str>,
) -> Vec<&'a str> {
    // A set of the few distinct names, not a list of every session's (1.6 MB, and twice that
    // as it grew, at 100,000 sessions).
    let all: std::collections::BTreeSet<&str> =
        schedule.sessions.iter().filter_map(field).collect();
    all.into_iter().collect()
}

/// Which of `all` a typed name means: the one equal to it (case and accents aside), else the
/// pieces that hold it.
fn pick_name<'a>(all: &[&'a str], typed: &str) -> Vec<&'a str> {
    let want = crate::text::fold(typed.trim());
    if let Some(found) = all.iter().find(|n| crate::text::fold(n) == want) {
        return vec![found];
    }
    all.iter()
        .copied()
        .filter(|n| crate::text::fold(n).contains(&want))
        .collect()
}

/// The schedule's tracks named by `typed` (each: its name in any case, or a piece only one track
/// name holds); an unknown one is an error naming the tracks.
pub(super) fn tracks(schedule: &Schedule, typed: &[String]) -> Result<Vec<String>> {
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    let all = names_of(schedule, |s| s.track.as_deref());
    typed
        .iter()
        .map(|t| match pick_name(&all, t)[..] {
            [one] => Ok(one.to_string()),
            _ if all.is_empty() => Err(Error::NoTracks {
                conference: schedule.conference.title.clone(),
                typed: t.to_string(),
            }),
            [] => Err(Error::UnknownTrack {
                typed: t.to_string(),
                near: owned(closest(t, all.iter().copied())),
                tracks: all.join(", "),
            }),
            ref many => Err(Error::SeveralTracks {
                typed: t.to_string(),
                tracks: many.join(", "),
            }),
        })
        .collect()
}

/// The schedule's kinds of session named by `typed` (each: its name in any case, or a piece only
/// one kind holds); an unknown one is an error naming the kinds.
pub(super) fn types(schedule: &Schedule, typed: &[String]) -> Result<Vec<String>> {
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    let all = names_of(schedule, |s| s.session_type.as_deref());
    typed
        .iter()
        .map(|t| match pick_name(&all, t)[..] {
            [one] => Ok(one.to_string()),
            _ if all.is_empty() => Err(Error::NoTypes {
                conference: schedule.conference.title.clone(),
                typed: t.to_string(),
            }),
            ref many => Err(Error::UnknownType {
                typed: t.to_string(),
                several: !many.is_empty(),
                types: all.join(", "),
            }),
        })
        .collect()
}

/// A session by its id, the start of an id only one id has (lists cut long ids with "…"), or a
/// piece of its title that only one title holds (any case, any accents).
pub(super) fn session<'a>(schedule: &'a Schedule, typed: &str) -> Result<&'a Session> {
    if let Some(s) = schedule.sessions.iter().find(|s| s.id == typed) {
        return Ok(s);
    }
    // The source's guid finds a session as its id does (frab, c3voc, Giggity's links).
    if let Some(s) = schedule.sessions.iter().find(|s| {
        s.guid
            .as_deref()
            .is_some_and(|g| g.eq_ignore_ascii_case(typed.trim()))
    }) {
        return Ok(s);
    }
    let typed = typed.trim_end_matches('…');
    let by_prefix: Vec<&Session> = schedule
        .sessions
        .iter()
        .filter(|s| typed.len() >= 3 && s.id.starts_with(typed))
        .collect();
    if let [s] = by_prefix[..] {
        return Ok(s);
    }
    let fragment = text::fold(typed.trim());
    let found: Vec<&Session> = if fragment.is_empty() {
        Vec::new()
    } else {
        schedule
            .sessions
            .iter()
            .filter(|s| text::fold(&s.title).contains(&fragment))
            .collect()
    };
    match found[..] {
        [s] => Ok(s),
        [] => Err(Error::UnknownSession {
            typed: typed.to_string(),
            near: owned(closest(
                typed,
                schedule.sessions.iter().map(|s| s.id.as_str()),
            )),
        }),
        _ => Err(ambiguous(
            typed,
            found.iter().map(|s| (s.id.as_str(), s.title.as_str())),
        )),
    }
}

/// Each typed session, as [`session`] finds it; exact ids through an index built once, so a
/// batch of them costs O(schedule + batch), not their product.
pub(super) fn sessions<'a>(schedule: &'a Schedule, typed: &[String]) -> Result<Vec<&'a Session>> {
    let by_id: std::collections::HashMap<&str, &Session> = if typed.len() > 1 {
        schedule
            .sessions
            .iter()
            .map(|s| (s.id.as_str(), s))
            .collect()
    } else {
        Default::default()
    };
    typed
        .iter()
        .map(|t| match by_id.get(t.as_str()) {
            Some(s) => Ok(*s),
            None => session(schedule, t),
        })
        .collect()
}

/// The typed sessions with each guid of a session replaced by its id (for commands that look
/// picks up by id).
pub(super) fn guids_as_ids(schedule: &Schedule, typed: &[String]) -> Vec<String> {
    typed
        .iter()
        .map(|t| {
            schedule
                .sessions
                .iter()
                .find(|s| {
                    s.guid
                        .as_deref()
                        .is_some_and(|g| g.eq_ignore_ascii_case(t.trim()))
                })
                .map_or_else(|| t.clone(), |s| s.id.to_string())
        })
        .collect()
}

/// A pick by the id of its session, or by a piece of its title only one pick holds.
pub(super) fn pick<'a>(agenda: &'a Agenda, typed: &str) -> Result<&'a Pick> {
    if let Some(p) = agenda.get(typed) {
        return Ok(p);
    }
    let fragment = text::fold(typed.trim());
    let found: Vec<&Pick> = if fragment.is_empty() {
        Vec::new()
    } else {
        agenda
            .picks()
            .iter()
            .filter(|p| text::fold(&p.title).contains(&fragment))
            .collect()
    };
    match found[..] {
        [p] => Ok(p),
        [] => Err(Error::NotPicked {
            typed: typed.to_string(),
            near: owned(closest(typed, agenda.picks().iter().map(|p| p.id.as_str()))),
        }),
        _ => Err(ambiguous(
            typed,
            found.iter().map(|p| (p.id.as_str(), p.title.as_str())),
        )),
    }
}

fn ambiguous<'a>(typed: &str, found: impl ExactSizeIterator<Item = (&'a str, &'a str)>) -> Error {
    let n = found.len();
    let listed: Vec<String> = found
        .take(MATCHES_LISTED)
        .map(|(id, title)| format!("{} ({})", message::title(title), message::quote(id)))
        .collect();
    Error::SeveralTitles {
        typed: typed.to_string(),
        count: n,
        listed: format!(
            "{}{}",
            listed.join(", "),
            if n > MATCHES_LISTED { ", …" } else { "" }
        ),
    }
}

/// An IANA time zone name, in any case, with the closest names suggested for a typo (clap calls
/// this for `--tz`).
pub(super) fn zone(typed: &str) -> Result<Tz, String> {
    if let Ok(tz) = typed.parse::<Tz>() {
        return Ok(tz);
    }
    if let Some(tz) = chrono_tz::TZ_VARIANTS
        .iter()
        .find(|z| z.name().eq_ignore_ascii_case(typed))
    {
        return Ok(*tz);
    }
    let names = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name());
    Err(format!(
        "{} is not an IANA time zone name such as Europe/Brussels{}",
        message::quote(typed),
        did_you_mean(&closest(typed, names))
    ))
}

/// `--display-tz`: venue, local or an IANA zone.
pub(super) fn display_zone(typed: &str) -> Result<crate::workspace::clock::DisplayZone, String> {
    crate::workspace::clock::DisplayZone::parse(typed)
        .ok_or_else(|| zone(typed).err().unwrap_or_default())
        .map_err(|e| format!("{e} (or venue, or local)"))
}

/// `--now`: RFC 3339, or a date-time without offset read as the venue's local time. Refused the
/// same way by every command.
pub(super) fn now(typed: &str, schedule: &Schedule) -> Result<Stamp> {
    let bad = || now_error(typed);
    let stamp = now_form(typed)?;
    if schedule.is_floating() {
        // Times with no zone and no offsets: "now" is a wall-clock time like them.
        return Ok(Stamp::floating(stamp.wall()));
    }
    let tz = schedule.conference.time_zone;
    let offset = schedule.offset_near(stamp.wall());
    match (stamp.is_floating(), tz, offset) {
        // Venue time, in the venue's zone, or at the offset its times had then.
        (true, Some(tz), _) => Stamp::local(stamp.wall(), Some(tz)).ok_or_else(bad),
        (true, None, Some(offset)) => Stamp::at_offset(stamp.wall(), offset).ok_or_else(bad),
        // An explicit offset or Z: that instant, shown as the venue's times are.
        (false, Some(tz), _) => Ok(stamp.in_zone(Some(tz))),
        (false, None, Some(offset)) => Ok(stamp.in_offset(offset)),
        (_, None, None) => Ok(stamp),
    }
}

/// `--now` as typed, before any schedule is read: a date and time, with an offset or not.
pub(super) fn now_form(typed: &str) -> Result<Stamp> {
    Stamp::parse(typed.trim()).ok_or_else(|| now_error(typed))
}

fn now_error(typed: &str) -> Error {
    Error::BadNow {
        typed: typed.to_string(),
    }
}

/// A reminder time as people type it: `10m`, `1h`, `1h30m`, `90` (minutes); at most a week.
pub(super) fn alarm(text: &str) -> std::result::Result<u32, String> {
    let t = text.trim().to_ascii_lowercase();
    let bad = || {
        format!(
            "{} is not a reminder time; write minutes or hours such as 10m, 1h or 90",
            crate::message::quote(text)
        )
    };
    let mut minutes: u32 = 0;
    let mut number = String::new();
    for c in t.chars() {
        match c {
            '0'..='9' => number.push(c),
            'h' | 'm' if !number.is_empty() => {
                let n: u32 = number.parse().map_err(|_| bad())?;
                let unit = if c == 'h' { 60 } else { 1 };
                minutes = minutes
                    .checked_add(n.checked_mul(unit).ok_or_else(bad)?)
                    .ok_or_else(bad)?;
                number.clear();
            }
            _ => return Err(bad()),
        }
    }
    if !number.is_empty() {
        minutes = minutes
            .checked_add(number.parse::<u32>().map_err(|_| bad())?)
            .ok_or_else(bad)?;
    }
    if t.is_empty() || minutes > 7 * 24 * 60 {
        return Err(bad());
    }
    Ok(minutes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::native::default_schedule;

    #[test]
    fn days_in_the_forms_people_type() {
        let s = default_schedule().unwrap();
        for typed in ["friday", "Fri", "fr", "9", "2012-03-09"] {
            assert_eq!(day(&s, typed).unwrap().to_string(), "2012-03-09", "{typed}");
        }
        assert_eq!(day(&s, "2012-03-10").unwrap().to_string(), "2012-03-10");
        let e = day(&s, "saturday").unwrap_err().to_string();
        assert!(e.contains("its days are Fri 9 Mar"), "{e}");
    }

    #[test]
    fn typos_get_the_closest_names() {
        let s = default_schedule().unwrap();
        let e = session(&s, "advanced-securty-topics")
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean `advanced-security-topics`"), "{e}");
        assert_eq!(
            session(&s, "JINJA").unwrap().id,
            "code-generation-in-python-dismantling-jinja"
        );
        assert_eq!(
            session(&s, "code-generation-in-pyth…").unwrap().id,
            "code-generation-in-python-dismantling-jinja"
        );
        let e = session(&s, "testing").unwrap_err().to_string();
        assert!(
            e.contains("matches") && e.contains("give more of the title"),
            "{e}"
        );
        let e = room(&s, "E7").unwrap_err().to_string();
        assert!(e.contains("its rooms are E1, E2, E3, E4, D5"), "{e}");
        assert_eq!(room(&s, "e2").unwrap(), "E2");
        let e = zone("Europe/Bruxelles").unwrap_err();
        assert!(e.contains("did you mean `Europe/Brussels`"), "{e}");
        assert_eq!(zone("europe/brussels").unwrap().name(), "Europe/Brussels");
        let e = now("tomorrow", &s).unwrap_err().to_string();
        assert!(e.starts_with("--now `tomorrow`: give a time like"), "{e}");
    }
}
