//! Reading: a deserializer that hands a struct's fields to the model value, except the
//! envelope's, which it keeps aside.

use super::Envelope;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use std::fmt;

/// The envelope fields to take out, and where they go.
pub(super) struct Takes<'e> {
    pub names: &'static [&'static str],
    pub envelope: &'e mut Envelope,
}

/// A deserializer that hands a struct's fields to the value, except the envelope's.
pub(super) struct Strip<'e, D> {
    pub inner: D,
    pub takes: Takes<'e>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strip<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(v)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_struct(
            name,
            fields,
            StripVisitor {
                visitor,
                takes: self.takes,
            },
        )
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
        identifier ignored_any
    }
}

struct StripVisitor<'e, V> {
    visitor: V,
    takes: Takes<'e>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StripVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(StripMap {
            map,
            takes: self.takes,
        })
    }
}

struct StripMap<'e, A> {
    map: A,
    takes: Takes<'e>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for StripMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.map.next_key_seed(Name)? else {
                return Ok(None);
            };
            if let Some(name) = self.takes.names.iter().find(|n| **n == key) {
                let value: ron::Value = self.map.next_value()?;
                self.takes.envelope.0.push((name, value));
                continue;
            }
            let key = de::value::StringDeserializer::<A::Error>::new(key);
            return seed.deserialize(key).map(Some);
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A field name, as the identifier it is written as.
struct Name;

impl<'de> DeserializeSeed<'de> for Name {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Name {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
}
