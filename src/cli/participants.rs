//! `kondens participants`: list the participants, set their attributes, merge two
//! labels into one person.

use crate::model::Project;
use crate::ops::{self, Edit, ParticipantField};
use crate::session::Session;
use crate::{Error, Result, store};
use clap::Subcommand;
use std::path::Path;

/// What to do with participants.
#[derive(Debug, Subcommand)]
pub enum ParticipantsCmd {
    /// Set a participant's name, role, group, focus group or free attributes. WHO is an
    /// id (or its first characters), a name, or TRANSCRIPT:LABEL.
    Set {
        /// Who: an id (or its first characters), a name, or TRANSCRIPT:LABEL.
        who: String,
        /// What to call them (a pseudonym, say).
        #[arg(long)]
        name: Option<String>,
        /// moderator, participant, or any role the study uses.
        #[arg(long)]
        role: Option<String>,
        /// A group such as "managers".
        #[arg(long)]
        group: Option<String>,
        /// The focus group (meeting) they took part in.
        #[arg(long)]
        focus_group: Option<String>,
        /// A free attribute as KEY=VALUE (repeatable); KEY= removes it.
        #[arg(long = "attr", value_name = "KEY=VALUE")]
        attrs: Vec<String>,
    },
    /// Make two participants one person (`Kari N.` and `Kari`): the second's labels
    /// become the first's, and the second is no more.
    Merge {
        /// The participant who stays (id, name or TRANSCRIPT:LABEL).
        keep: String,
        /// The participant whose labels become KEEP's.
        absorb: String,
    },
}

/// Lists the participants as a table (or JSON).
pub fn list(project: &Project, json: bool) -> Result<()> {
    let all = project.all_participants();
    if json {
        let text = serde_json::to_string_pretty(&crate::export::participants(project))
            .map_err(|e| Error::encode("JSON", e))?;
        super::say(&format!("{text}\n"));
        return Ok(());
    }
    if all.is_empty() {
        println!("no participants yet: import transcripts with speaker labels");
        return Ok(());
    }
    for p in &all {
        let labels: Vec<String> = project
            .label_places(p)
            .map(|(t, label)| format!("{t}:{label}"))
            .collect();
        let mut line = format!(
            "{}  {}  [{}]",
            &p.id.to_string()[..8],
            p.name,
            if p.role.is_empty() { "-" } else { &p.role }
        );
        if !p.group.is_empty() {
            line.push_str(&format!("  group: {}", p.group));
        }
        if !p.focus_group.is_empty() {
            line.push_str(&format!("  focus group: {}", p.focus_group));
        }
        for (k, v) in &p.attributes {
            line.push_str(&format!("  {k}: {v}"));
        }
        line.push_str(&format!("  labels: {}", labels.join(", ")));
        super::say(&format!("{line}\n"));
    }
    Ok(())
}

/// Changes participants. Takes the project's shared-file lock (the one the first open
/// workbench holds), so nobody else on this machine writes the participant files meanwhile.
pub fn change(dir: &Path, coder: &str, cmd: ParticipantsCmd) -> Result<()> {
    store::read_manifest(dir)?;
    let mut session = Session::open(dir, coder)?;
    if let Some(holder) = session.tree_held_by() {
        return Err(Error::Refused(format!(
            "{holder}'s workbench has the project open and is the writer of its shared \
             files; change participants there (P), or close it first"
        )));
    }
    let project = session.project();
    let edits: Vec<Edit> = match cmd {
        ParticipantsCmd::Set {
            who,
            name,
            role,
            group,
            focus_group,
            attrs,
        } => {
            let id = ops::find_participant(project, &who)?.id;
            let mut fields: Vec<(ParticipantField, String)> = Vec::new();
            for (f, v) in [
                (ParticipantField::Name, name),
                (ParticipantField::Role, role),
                (ParticipantField::Group, group),
                (ParticipantField::FocusGroup, focus_group),
            ] {
                if let Some(v) = v {
                    fields.push((f, v));
                }
            }
            for a in attrs {
                let (k, v) = a.split_once('=').ok_or_else(|| {
                    Error::Refused(format!("--attr {a:?}: write it as KEY=VALUE"))
                })?;
                fields.push((ParticipantField::Attribute(k.to_string()), v.to_string()));
            }
            if fields.is_empty() {
                return Err(Error::Refused(
                    "nothing to set: give --name, --role, --group, --focus-group or --attr".into(),
                ));
            }
            // Each applies to the project as changed by the one before.
            let mut labels = Vec::new();
            for (f, v) in fields {
                let e = ops::set_participant(session.project(), id, &f, &v)?;
                labels.push(session.perform(e)?);
            }
            session.save()?;
            for l in labels {
                super::say(&format!("{l}\n"));
            }
            return Ok(());
        }
        ParticipantsCmd::Merge { keep, absorb } => {
            let k = ops::find_participant(project, &keep)?.id;
            let a = ops::find_participant(project, &absorb)?.id;
            vec![ops::merge_participants(project, k, a)?]
        }
    };
    for e in edits {
        super::say(&format!("{}\n", session.perform(e)?));
    }
    session.save()
}
