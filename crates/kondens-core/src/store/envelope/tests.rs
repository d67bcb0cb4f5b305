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
