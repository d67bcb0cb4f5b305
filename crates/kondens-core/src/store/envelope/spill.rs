//! Writing: a serializer that passes a struct's fields to the real one, with the
//! envelope's fields added in their places.

use super::Field;
use serde::Serialize;
use serde::ser::{self, Impossible, SerializeStruct, Serializer};

/// Serializes a struct as the inner serializer would, with the envelope's fields added.
pub(super) struct Spill<'f, S> {
    pub inner: S,
    pub fields: &'f [Field<'f>],
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

pub(super) struct SpillStruct<'f, S> {
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
