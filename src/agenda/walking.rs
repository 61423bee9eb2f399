//! Minutes to walk between rooms: one number for any two rooms, or areas (buildings, floors)
//! named by room-name patterns, with the minutes within each and between pairs. The plan, its
//! gaps, its "no time to walk" notes and the missed-talk alternatives all ask here.

use std::collections::{BTreeMap, HashMap};

/// An area of the venue: the rooms it holds, by name or pattern (`K.*`, `*.2*`: `*` matches
/// any run of characters; case is ignored), and the minutes between two of its rooms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub name: String,
    pub rooms: Vec<String>,
    /// Between two rooms of this area; `None`: the default.
    pub within: Option<i64>,
}

/// How long walking takes between rooms.
#[derive(Debug, Clone, Default)]
pub struct Walking {
    /// Between two different rooms no area rule covers (and to or from no room).
    pub default: i64,
    pub areas: Vec<Area>,
    /// Minutes between two areas (by index into `areas`, the smaller first).
    between: BTreeMap<(usize, usize), i64>,
    /// The area of each room of a schedule, worked out once ([`Walking::knowing`]).
    known: HashMap<String, Option<usize>>,
}

impl PartialEq for Walking {
    fn eq(&self, o: &Walking) -> bool {
        (self.default, &self.areas, &self.between) == (o.default, &o.areas, &o.between)
    }
}

impl Eq for Walking {}

impl Walking {
    /// The same minutes between any two different rooms.
    pub fn uniform(minutes: i64) -> Walking {
        Walking {
            default: minutes.max(0),
            ..Walking::default()
        }
    }

    /// Areas with their minutes between: `between` names two areas and the minutes; an
    /// unknown area name is the error, in words.
    pub fn with_areas(
        default: i64,
        areas: Vec<Area>,
        between: &[(String, String, i64)],
    ) -> Result<Walking, String> {
        let find = |name: &str| {
            areas
                .iter()
                .position(|a| a.name.eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    format!(
                        "no area is called {}; the areas are {}",
                        crate::message::quote(name),
                        areas
                            .iter()
                            .map(|a| a.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
        };
        let mut map = BTreeMap::new();
        for (a, b, minutes) in between {
            let (x, y) = (find(a)?, find(b)?);
            map.insert((x.min(y), x.max(y)), (*minutes).max(0));
        }
        Ok(Walking {
            default: default.max(0),
            areas,
            between: map,
            known: HashMap::new(),
        })
    }

    /// The same areas with `minutes` between rooms no area rule covers.
    pub fn with_default(self, minutes: i64) -> Walking {
        Walking {
            default: minutes.max(0),
            ..self
        }
    }

    /// The same, with the area of each of `rooms` worked out once (a plan asks for a room's
    /// area for every talk it weighs).
    pub fn knowing<'a>(&self, rooms: impl IntoIterator<Item = &'a String>) -> Walking {
        let mut out = self.clone();
        if self.has_areas() {
            out.known = rooms
                .into_iter()
                .map(|r| (r.clone(), self.matching_area(r)))
                .collect();
        }
        out
    }

    /// The area a room is in, if any names it (the first that does).
    pub fn area_of(&self, room: &str) -> Option<usize> {
        if self.areas.is_empty() {
            return None;
        }
        match self.known.get(room) {
            Some(a) => *a,
            None => self.matching_area(room),
        }
    }

    fn matching_area(&self, room: &str) -> Option<usize> {
        self.areas
            .iter()
            .position(|a| a.rooms.iter().any(|p| matches(p, room)))
    }

    /// Minutes from room `from` to room `to`: none within one room.
    pub fn minutes(&self, from: Option<&str>, to: Option<&str>) -> i64 {
        match (from, to) {
            (Some(a), Some(b)) if a == b => 0,
            (Some(a), Some(b)) => self.between_areas(self.area_of(a), self.area_of(b)),
            _ => self.default,
        }
    }

    /// Minutes between two different rooms of areas `a` and `b` (`None`: no area).
    pub fn between_areas(&self, a: Option<usize>, b: Option<usize>) -> i64 {
        match (a, b) {
            (Some(x), Some(y)) if x == y => self.areas[x].within.unwrap_or(self.default),
            (Some(x), Some(y)) => self
                .between
                .get(&(x.min(y), x.max(y)))
                .copied()
                .unwrap_or(self.default),
            _ => self.default,
        }
    }

    /// The longest walk there is (how far before a talk the plan must look).
    pub fn longest(&self) -> i64 {
        self.areas
            .iter()
            .filter_map(|a| a.within)
            .chain(self.between.values().copied())
            .fold(self.default, i64::max)
    }

    /// Whether any area is set (else the one number holds).
    pub fn has_areas(&self) -> bool {
        !self.areas.is_empty()
    }
}

/// Whether `room` matches `pattern`: `*` any run of characters, case ignored.
pub fn matches(pattern: &str, room: &str) -> bool {
    let (p, r) = (pattern.to_lowercase(), room.to_lowercase());
    let parts: Vec<&str> = p.split('*').collect();
    if parts.len() == 1 {
        return p == r;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !r.starts_with(first) || r.len() < first.len() + last.len() || !r.ends_with(last) {
        return false;
    }
    let mut at = first.len();
    let stop = r.len() - last.len();
    for mid in &parts[1..parts.len() - 1] {
        match r[at..stop].find(mid) {
            Some(k) => at += k + mid.len(),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fosdem() -> Walking {
        let area = |name: &str, rooms: &[&str], within| Area {
            name: name.into(),
            rooms: rooms.iter().map(|r| r.to_string()).collect(),
            within,
        };
        Walking::with_areas(
            5,
            vec![
                area("K", &["K.*"], Some(3)),
                area("U", &["UA*", "UB*", "UD*"], Some(2)),
                area("H", &["H.*", "Janson"], Some(2)),
            ],
            &[
                ("K".into(), "U".into(), 8),
                ("K".into(), "H".into(), 4),
                ("U".into(), "H".into(), 6),
            ],
        )
        .unwrap()
    }

    #[test]
    fn fosdems_buildings_in_a_few_lines() {
        let w = fosdem();
        assert_eq!(w.minutes(Some("K.3.401"), Some("K.3.401")), 0);
        assert_eq!(w.minutes(Some("K.3.401"), Some("K.4.201")), 3);
        assert_eq!(w.minutes(Some("K.3.401"), Some("UA2.114 (Baudoux)")), 8);
        assert_eq!(w.minutes(Some("UB2.252A (Lameere)"), Some("K.1.105")), 8);
        assert_eq!(w.minutes(Some("Janson"), Some("H.2215 (Ferrer)")), 2);
        assert_eq!(w.minutes(Some("janson"), Some("k.1.105")), 4);
        // A room no area names, or no room: the default.
        assert_eq!(w.minutes(Some("AW1.120"), Some("K.1.105")), 5);
        assert_eq!(w.minutes(None, Some("K.1.105")), 5);
        assert_eq!(w.longest(), 8);
        assert!(Walking::with_areas(5, vec![], &[("K".into(), "X".into(), 1)]).is_err());
    }

    #[test]
    fn patterns_match_with_stars_anywhere() {
        assert!(matches("K.*", "K.3.401"));
        assert!(matches("*Lameere*", "UB2.252A (Lameere)"));
        assert!(matches("U*2*", "UB2.252A"));
        assert!(!matches("U*2*", "UB1.1"));
        assert!(matches("Janson", "JANSON"));
        assert!(!matches("Janson", "Janson 2"));
        assert!(matches("*", "anything"));
        assert!(!matches("a*a", "a"));
    }
}
