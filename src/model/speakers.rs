//! The names of a session's speakers: one held in place (three sessions in four have one), two
//! or more in a box. It reads as a `[Str]` wherever one is wanted.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::{Deref, DerefMut};

use super::Str;

/// A session's speakers, in the order the schedule gives them. As small as the `Box<[Str]>` it
/// replaced (16 bytes), but one name needs no allocation of its own: opening 100,000 cached
/// sessions made 75,000 fewer.
#[derive(Clone)]
pub struct Speakers(Held);

#[derive(Clone)]
enum Held {
    One(Str),
    /// None, or two and more.
    Many(Box<[Str]>),
}

impl Speakers {
    /// The names, as a vector the caller may change.
    pub fn into_vec(self) -> Vec<Str> {
        match self.0 {
            Held::One(s) => vec![s],
            Held::Many(b) => b.into_vec(),
        }
    }
}

impl Default for Speakers {
    fn default() -> Self {
        Speakers(Held::Many(Box::default()))
    }
}

impl Deref for Speakers {
    type Target = [Str];
    fn deref(&self) -> &[Str] {
        match &self.0 {
            Held::One(s) => std::slice::from_ref(s),
            Held::Many(b) => b,
        }
    }
}

impl DerefMut for Speakers {
    fn deref_mut(&mut self) -> &mut [Str] {
        match &mut self.0 {
            Held::One(s) => std::slice::from_mut(s),
            Held::Many(b) => b,
        }
    }
}

impl From<Vec<Str>> for Speakers {
    fn from(names: Vec<Str>) -> Self {
        match <[Str; 1]>::try_from(names) {
            Ok([one]) => Speakers(Held::One(one)),
            Err(names) => Speakers(Held::Many(names.into_boxed_slice())),
        }
    }
}

impl From<Str> for Speakers {
    fn from(one: Str) -> Self {
        Speakers(Held::One(one))
    }
}

impl FromIterator<Str> for Speakers {
    fn from_iter<I: IntoIterator<Item = Str>>(items: I) -> Self {
        let mut items = items.into_iter();
        let Some(first) = items.next() else {
            return Speakers::default();
        };
        match items.next() {
            None => Speakers(Held::One(first)),
            Some(second) => {
                let mut all = Vec::with_capacity(2 + items.size_hint().0);
                all.extend([first, second]);
                all.extend(items);
                Speakers(Held::Many(all.into_boxed_slice()))
            }
        }
    }
}

impl<'a> IntoIterator for &'a Speakers {
    type Item = &'a Str;
    type IntoIter = std::slice::Iter<'a, Str>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Speakers {
    type Item = &'a mut Str;
    type IntoIter = std::slice::IterMut<'a, Str>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

/// Equal when the names are, however they are held.
impl PartialEq for Speakers {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Speakers {}

impl std::fmt::Debug for Speakers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Speakers {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Speakers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Str>::deserialize(d).map(Speakers::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<Str> {
        (0..n)
            .map(|i| Str::from(format!("Speaker {i}").as_str()))
            .collect()
    }

    #[test]
    fn any_number_of_names_reads_back_the_same_however_it_was_made() {
        assert_eq!(std::mem::size_of::<Speakers>(), 16);
        for n in 0..5 {
            let want = names(n);
            let made = [
                Speakers::from(want.clone()),
                want.iter().cloned().collect::<Speakers>(),
            ];
            for s in made {
                assert_eq!(*s, *want, "{n} names");
                assert_eq!(s.len(), n);
                assert_eq!(s.clone().into_vec(), want);
                let json = serde_json::to_string(&s).unwrap();
                assert_eq!(json, serde_json::to_string(&want).unwrap());
                assert_eq!(serde_json::from_str::<Speakers>(&json).unwrap(), s);
            }
        }
        // One name held in place equals the same name in a box.
        let one = names(1);
        let boxed = Speakers(Held::Many(one.clone().into_boxed_slice()));
        assert_eq!(Speakers::from(one), boxed);
        assert_ne!(Speakers::from(names(1)), Speakers::from(names(2)));
    }

    #[test]
    fn names_are_changed_in_place() {
        for n in 1..4 {
            let mut s = Speakers::from(names(n));
            for name in &mut s {
                *name = Str::from("X");
            }
            assert!(s.iter().all(|x| x.as_str() == "X"), "{n} names");
        }
    }
}
