//! Read-only questions asked of a schedule: its days, the rooms and sessions of a day, what runs
//! at an instant.

use chrono::NaiveDate;

use super::{Kind, Schedule, Session, Stamp};

impl Schedule {
    /// The conference days, in order.
    pub fn days(&self) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self.sessions.iter().map(|s| s.day).collect();
        days.sort_unstable();
        days.dedup();
        days
    }

    /// The rooms used on `day`, in display order.
    pub fn rooms_of_day(&self, day: NaiveDate) -> Vec<&str> {
        self.rooms
            .iter()
            .filter(|r| {
                self.sessions
                    .iter()
                    .any(|s| s.day == day && s.room.as_deref() == Some(r.as_str()))
            })
            .map(String::as_str)
            .collect()
    }

    /// The sessions of `day` in time order.
    pub fn sessions_of_day(&self, day: NaiveDate) -> Vec<&Session> {
        self.sessions.iter().filter(|s| s.day == day).collect()
    }

    /// The sessions running at `at` (start inclusive, end exclusive).
    pub fn running_at(&self, at: Stamp) -> Vec<&Session> {
        self.sessions
            .iter()
            .filter(|s| s.start <= at && at < s.end)
            .collect()
    }

    /// Sessions that belong to no room and are not plenaries.
    pub fn unassigned(&self) -> impl Iterator<Item = &Session> {
        self.sessions
            .iter()
            .filter(|s| s.room.is_none() && s.kind == Kind::Talk)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Stamp;
    use crate::native::default_schedule;

    #[test]
    fn days_rooms_and_sessions_of_a_day() {
        let s = default_schedule().unwrap();
        let days = s.days();
        assert_eq!(days.len(), 1);
        assert_eq!(days[0].to_string(), "2012-03-09");
        assert_eq!(s.rooms_of_day(days[0]), ["E1", "E2", "E3", "E4", "D5"]);
        let of_day = s.sessions_of_day(days[0]);
        assert_eq!(of_day.len(), 33);
        assert!(of_day.windows(2).all(|w| w[0].start <= w[1].start));
        let next_day = days[0].succ_opt().unwrap();
        assert!(s.sessions_of_day(next_day).is_empty());
        assert!(s.rooms_of_day(next_day).is_empty());
        assert_eq!(s.unassigned().count(), 1, "Introduction to PDB");
    }

    #[test]
    fn running_at_is_half_open() {
        let s = default_schedule().unwrap();
        let at = |t: &str| {
            let mut ids: Vec<String> = s
                .running_at(Stamp::parse(t).unwrap())
                .iter()
                .map(|x| x.id.clone())
                .collect();
            ids.sort();
            ids
        };
        // 14:40 is when Jinja ends and Cassandra starts: Cassandra runs, Jinja does not.
        let running = at("2012-03-09T14:40:00-08:00");
        assert!(running.contains(&"apache-cassandra-and-python".to_string()));
        assert!(!running.contains(&"code-generation-in-python-dismantling-jinja".to_string()));
        assert_eq!(at("2012-03-09T14:10:00-08:00").len(), 5);
        assert!(at("2012-03-09T13:00:00-08:00").is_empty(), "lunch");
    }
}
