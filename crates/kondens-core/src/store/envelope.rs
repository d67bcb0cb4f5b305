//! A file is its model value plus the few fields only the file has: its format version,
//! whose file it is, the size and fingerprint of a transcript's text, the speakers of a
//! unit for whoever reads it. Those fields are the envelope. Writing puts them among the
//! value's own fields; reading takes them out before the value reads the rest. So the
//! model type is the file's shape, field for field, with no mirror struct that every
//! schema change would have to repeat.
//!
//! serde's `flatten` would do this, but RON writes a flattened struct as a map
//! (`{"id": …}`), which is not the format kondens writes.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{self, Impossible, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;
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
        self.body.serialize(Spill {
            inner: s,
            fields: &self.fields,
        })
    }
}

/// Serializes a struct as the inner serializer would, with the envelope's fields added.
struct Spill<'f, S> {
    inner: S,
    fields: &'f [Field<'f>],
}

fn not_a_struct<E: ser::Error>() -> E {
    E::custom("only a struct can carry a file's envelope")
}

macro_rules! refuse {
    ($($method:ident($($t:ty),*);)*) => {$(
        fn $method(self, $(_: $t),*) -> Result<S::Ok, S::Error> {
            Err(not_a_struct())
        }
    )*};
}

impl<'f, S: Serializer> Serializer for Spill<'f, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = SpillStruct<'f, S::SerializeStruct>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    refuse! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
        serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
        serialize_str(&str); serialize_bytes(&[u8]); serialize_none(); serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        let mut inner = self.inner.serialize_struct(name, len + self.fields.len())?;
        for f in self.fields.iter().filter(|f| f.before.is_none()) {
            inner.serialize_field(f.name, &f.value)?;
        }
        Ok(SpillStruct {
            inner,
            fields: self.fields,
        })
    }
}

struct SpillStruct<'f, S> {
    inner: S,
    fields: &'f [Field<'f>],
}

impl<S: SerializeStruct> SpillStruct<'_, S> {
    fn before(&mut self, key: &'static str) -> Result<(), S::Error> {
        for f in self.fields.iter().filter(|f| f.before == Some(key)) {
            self.inner.serialize_field(f.name, &f.value)?;
        }
        Ok(())
    }
}

impl<S: SerializeStruct> SerializeStruct for SpillStruct<'_, S> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.before(key)?;
        self.inner.serialize_field(key, value)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), S::Error> {
        self.before(key)?;
        self.inner.skip_field(key)
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        self.inner.end()
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
        let body = T::deserialize(Strip {
            inner: d,
            takes: Takes {
                names: self.names,
                envelope: &mut envelope,
            },
        })?;
        Ok((body, envelope))
    }
}

/// The envelope fields to take out, and where they go.
struct Takes<'e> {
    names: &'static [&'static str],
    envelope: &'e mut Envelope,
}

/// A deserializer that hands a struct's fields to the value, except the envelope's.
struct Strip<'e, D> {
    inner: D,
    takes: Takes<'e>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Body {
        name: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tags: Vec<String>,
        count: u32,
    }

    fn write(body: &Body) -> String {
        let sealed = Sealed {
            body,
            fields: vec![
                Field::first("format_version", Val::Num(3)),
                Field::before("count", "owner", Val::MaybeText(Some("ana"))),
            ],
        };
        ron::ser::to_string_pretty(&sealed, ron::ser::PrettyConfig::new()).unwrap()
    }

    fn read(text: &str) -> Result<(Body, Envelope), ron::error::SpannedError> {
        ron::Options::default().from_str_seed(text, Open::<Body>::new(&["format_version", "owner"]))
    }

    #[test]
    fn the_envelope_is_written_among_the_fields_and_read_apart_from_them() {
        let body = Body {
            name: "Tid".into(),
            tags: vec![],
            count: 2,
        };
        let text = write(&body);
        // In place, as a RON struct (not a map), with a skipped field skipped.
        assert_eq!(
            text,
            "(\n    format_version: 3,\n    name: \"Tid\",\n    owner: Some(\"ana\"),\n    count: 2,\n)"
        );
        let (back, env) = read(&text).unwrap();
        assert_eq!(back, body);
        assert_eq!(env.get::<u32>("format_version"), Ok(Some(3)));
        assert_eq!(
            env.get::<Option<String>>("owner"),
            Ok(Some(Some("ana".into())))
        );
        assert_eq!(env.get::<u32>("missing"), Ok(None));
        assert!(env.get::<u32>("owner").is_err());
    }

    #[test]
    fn an_unknown_field_is_still_refused_with_its_place() {
        let e = read("(\n  format_version: 3,\n  name: \"x\",\n  cuont: 2,\n)").unwrap_err();
        assert!(e.code.to_string().contains("cuont"), "{e}");
        assert_eq!(e.span.start.line, 4);
        // A missing field of the value is reported as before.
        let e = read("(format_version: 3, name: \"x\")").unwrap_err();
        assert!(e.code.to_string().contains("count"), "{e}");
    }
}
