//! Both sides of a conflict in words, with who did what: "bjorn renamed Tid to
//! 'Ventetid', anna renamed it to 'Tidspress'".

use crate::model::CodeId;
use crate::model::records::{CodeRecord, Field, ParticipantRecord, Place};
use std::collections::BTreeMap;

pub(super) fn who<T>(f: &Field<T>) -> &str {
    f.changed.as_ref().map_or("someone", |m| m.by.as_str())
}

pub(super) fn code_words(
    ours: &CodeRecord,
    theirs: &CodeRecord,
    records: &BTreeMap<CodeId, CodeRecord>,
) -> String {
    let name = &ours.name.value;
    let mut parts = Vec::new();
    if ours.name.value != theirs.name.value {
        let was = ours
            .name
            .was
            .as_ref()
            .or(theirs.name.was.as_ref())
            .unwrap_or(name);
        parts.push(format!(
            "{} renamed {was} to '{}', {} renamed it to '{}'",
            who(&ours.name),
            ours.name.value,
            who(&theirs.name),
            theirs.name.value
        ));
    }
    if ours.place.value != theirs.place.value {
        let under = |p: &Place| match p.parent {
            None => "the top level".to_string(),
            Some(id) => format!(
                "'{}'",
                records.get(&id).map_or("?", |r| r.name.value.as_str())
            ),
        };
        if ours.place.value.parent != theirs.place.value.parent {
            parts.push(format!(
                "{} moved '{name}' under {}, {} moved it under {}",
                who(&ours.place),
                under(&ours.place.value),
                who(&theirs.place),
                under(&theirs.place.value)
            ));
        } else {
            parts.push(format!(
                "{} and {} both moved '{name}' among its siblings",
                who(&ours.place),
                who(&theirs.place)
            ));
        }
    }
    if ours.description.value != theirs.description.value {
        parts.push(format!(
            "{} and {} both changed the description of '{name}'",
            who(&ours.description),
            who(&theirs.description)
        ));
    }
    if ours.colour.value != theirs.colour.value {
        parts.push(format!(
            "{} made '{name}' {}, {} made it {}",
            who(&ours.colour),
            ours.colour.value,
            who(&theirs.colour),
            theirs.colour.value
        ));
    }
    if ours.deleted.is_some() != theirs.deleted.is_some() {
        let (gone, kept) = if ours.deleted.is_some() {
            (&ours.deleted, "the other copy")
        } else {
            (&theirs.deleted, "this copy")
        };
        parts.push(format!(
            "{} deleted '{name}', {kept} keeps it",
            gone.as_ref().map_or("someone", |m| m.by.as_str())
        ));
    }
    if parts.is_empty() {
        parts.push(format!(
            "both changed the record of '{name}' in the same way"
        ));
    }
    parts.join("; ")
}

pub(super) fn people_words(ours: &ParticipantRecord, theirs: &ParticipantRecord) -> String {
    let name = &ours.name.value;
    let mut parts = Vec::new();
    for (what, a, b) in [
        ("name", &ours.name, &theirs.name),
        ("role", &ours.role, &theirs.role),
        ("group", &ours.group, &theirs.group),
        ("focus group", &ours.focus_group, &theirs.focus_group),
    ] {
        if a.value != b.value {
            parts.push(format!(
                "{} set the {what} of {name} to '{}', {} set it to '{}'",
                who(a),
                a.value,
                who(b),
                b.value
            ));
        }
    }
    for (k, a) in &ours.attributes {
        if let Some(b) = theirs.attributes.get(k)
            && a.value != b.value
        {
            parts.push(format!(
                "{} set {k} of {name} to '{}', {} set it to '{}'",
                who(a),
                a.value,
                who(b),
                b.value
            ));
        }
    }
    if ours.labels.value != theirs.labels.value {
        parts.push(format!(
            "{} and {} both changed which labels are {name}",
            who(&ours.labels),
            who(&theirs.labels)
        ));
    }
    if parts.is_empty() {
        parts.push(format!(
            "both changed {name} where git cannot tell them apart"
        ));
    }
    parts.join("; ")
}
