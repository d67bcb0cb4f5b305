//! A file is its model value plus the few fields only the file has: its format version,
//! whose file it is, the size and fingerprint of a transcript's text, the speakers of a
//! unit for whoever reads it. Those fields are the envelope. Writing puts them among the
//! value's own fields; reading takes them out before the value reads the rest. So the
//! model type is the file's shape, field for field, with no mirror struct that every
//! schema change would have to repeat.
//!
//! serde's `flatten` would do this, but RON writes a flattened struct as a map
//! (`{"id": …}`), which is not the format kondens writes.

mod spill;
mod strip;
#[cfg(test)]
mod tests;

use serde::de::{self, DeserializeSeed, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::marker::PhantomData;

/// A value of an envelope field, as written.
pub(crate) enum Val<'a> {
    Num(u64),
    Text(&'a str),
    MaybeText(Option<&'a str>),
    Texts(Vec<String>),
}

impl Serialize for Val<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Val::Num(n) => s.serialize_u64(*n),
            Val::Text(t) => s.serialize_str(t),
            Val::MaybeText(t) => t.serialize(s),
            Val::Texts(t) => t.serialize(s),
        }
    }
}

/// One envelope field to write: before the value's field `before`, or first.
pub(crate) struct Field<'a> {
    pub before: Option<&'static str>,
    pub name: &'static str,
    pub value: Val<'a>,
}

impl<'a> Field<'a> {
    /// A field written before the value's own.
    pub fn first(name: &'static str, value: Val<'a>) -> Self {
        Field {
            before: None,
            name,
            value,
        }
    }

    /// A field written just before the value's field `before`.
    pub fn before(before: &'static str, name: &'static str, value: Val<'a>) -> Self {
        Field {
            before: Some(before),
            name,
            value,
        }
    }
}

/// A model value with its envelope, ready to write.
pub(crate) struct Sealed<'a, T> {
    pub body: &'a T,
    pub fields: Vec<Field<'a>>,
}

impl<T: Serialize> Serialize for Sealed<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.body.serialize(spill::Spill {
            inner: s,
            fields: &self.fields,
        })
    }
}

/// The envelope fields a file held, by name, as read.
#[derive(Debug, Default)]
pub(crate) struct Envelope(Vec<(&'static str, ron::Value)>);

impl Envelope {
    /// The field `name` as a `V`; `None` when the file has no such field. The error says
    /// what is wrong with the value.
    pub fn get<V: de::DeserializeOwned>(&self, name: &str) -> Result<Option<V>, String> {
        let Some((_, v)) = self.0.iter().find(|(n, _)| *n == name) else {
            return Ok(None);
        };
        v.clone()
            .into_rust()
            .map(Some)
            .map_err(|e| format!("{name}: {e}"))
    }
}

/// Reads a `T` whose struct also holds the envelope fields `names`.
pub(crate) struct Open<T> {
    names: &'static [&'static str],
    t: PhantomData<T>,
}

impl<T> Open<T> {
    pub fn new(names: &'static [&'static str]) -> Self {
        Open {
            names,
            t: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Open<T> {
    type Value = (T, Envelope);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(T, Envelope), D::Error> {
        let mut envelope = Envelope::default();
        let body = T::deserialize(strip::Strip {
            inner: d,
            takes: strip::Takes {
                names: self.names,
                envelope: &mut envelope,
            },
        })?;
        Ok((body, envelope))
    }
}
