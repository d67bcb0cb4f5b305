//! Edits of a coder's STC work: preconceptions, themes, condensates, golden quotes,
//! analytic texts and validation. Each builds the coder's new [`Analysis`] and wraps it
//! in one [`Change::SetAnalysis`], so each is one undoable step.

use super::{Change, Edit};
use crate::derived::stc;
use crate::model::time::Stamp;
use crate::model::{
    Addendum, Analysis, CodeId, CodeNode, Location, Project, TextField, Theme, ThemeId,
    TranscriptId, UnitId, Validation,
};
use crate::{Error, Result};

fn with_analysis(
    project: &Project,
    coder: &str,
    label: String,
    f: impl FnOnce(&mut Analysis) -> Result<()>,
) -> Result<Edit> {
    let mut a = project.analysis_of(coder).clone();
    f(&mut a)?;
    Ok(Edit {
        change: Change::SetAnalysis {
            coder: coder.to_string(),
            analysis: Box::new(a),
        },
        label,
    })
}

fn gone(what: &str) -> Error {
    Error::Refused(format!("that {what} is gone"))
}

/// Sets the text of a field.
pub fn set_text(project: &Project, coder: &str, field: TextField, text: String) -> Result<Edit> {
    if field == TextField::Preconceptions
        && project.analysis_of(coder).preconceptions.locked.is_some()
    {
        return Err(Error::Refused(
            "the preconceptions are locked; add an addendum instead".into(),
        ));
    }
    with_analysis(
        project,
        coder,
        format!("Edited the {}", field.label()),
        |a| {
            if a.set_text(field, text) {
                Ok(())
            } else {
                Err(gone(field.label()))
            }
        },
    )
}

/// Locks the preconceptions memo: from now on it stays as written and additions are
/// dated addenda.
pub fn lock_preconceptions(project: &Project, coder: &str) -> Result<Edit> {
    with_analysis(
        project,
        coder,
        "Locked the preconceptions: later additions are dated addenda".into(),
        |a| {
            if a.preconceptions.locked.is_some() {
                return Err(Error::Refused(
                    "the preconceptions are locked already".into(),
                ));
            }
            a.preconceptions.locked = Some(Stamp::now());
            Ok(())
        },
    )
}

/// Adds an addendum to the locked preconceptions.
pub fn add_addendum(project: &Project, coder: &str, text: String) -> Result<Edit> {
    with_analysis(
        project,
        coder,
        "Added an addendum to the preconceptions".into(),
        |a| {
            if a.preconceptions.locked.is_none() {
                return Err(Error::Refused(
                    "the preconceptions are not locked; edit them instead".into(),
                ));
            }
            a.preconceptions.addenda.push(Addendum {
                written: Stamp::now(),
                text,
            });
            Ok(())
        },
    )
}

fn check_name(name: &str) -> Result<String> {
    let (name, _) = crate::text::escape::replace_controls(name);
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Refused("a theme needs a name".into()));
    }
    Ok(name.to_string())
}

/// Adds a preliminary theme at position `at` (clamped to the end).
pub fn add_theme(project: &Project, coder: &str, name: &str, at: usize) -> Result<(Edit, ThemeId)> {
    let name = check_name(name)?;
    let id = ThemeId::new();
    let edit = with_analysis(project, coder, format!("New theme {name}"), |a| {
        let at = at.min(a.themes.len());
        a.themes.insert(
            at,
            Theme {
                id,
                name: name.clone(),
                note: String::new(),
                code_group: None,
            },
        );
        Ok(())
    })?;
    Ok((edit, id))
}

/// Renames a theme.
pub fn rename_theme(project: &Project, coder: &str, id: ThemeId, name: &str) -> Result<Edit> {
    let name = check_name(name)?;
    with_analysis(
        project,
        coder,
        format!("Renamed the theme to {name}"),
        |a| {
            let t = a
                .themes
                .iter_mut()
                .find(|t| t.id == id)
                .ok_or_else(|| gone("theme"))?;
            t.name = name.clone();
            Ok(())
        },
    )
}

/// Deletes a theme (a code group it seeded stays).
pub fn delete_theme(project: &Project, coder: &str, id: ThemeId) -> Result<Edit> {
    let name = project
        .analysis_of(coder)
        .theme(id)
        .map(|t| t.name.clone())
        .ok_or_else(|| gone("theme"))?;
    with_analysis(project, coder, format!("Deleted the theme {name}"), |a| {
        a.themes.retain(|t| t.id != id);
        Ok(())
    })
}

/// Moves a theme one place down (`down`) or up.
pub fn move_theme(project: &Project, coder: &str, id: ThemeId, down: bool) -> Result<Edit> {
    with_analysis(project, coder, "Moved the theme".into(), |a| {
        let i = a
            .themes
            .iter()
            .position(|t| t.id == id)
            .ok_or_else(|| gone("theme"))?;
        let j = if down { i + 1 } else { i.wrapping_sub(1) };
        if j >= a.themes.len() {
            return Err(Error::Refused(format!(
                "the theme is at the {} already",
                if down { "bottom" } else { "top" }
            )));
        }
        a.themes.swap(i, j);
        Ok(())
    })
}

/// Makes a code group (at the end of the code tree) from a theme, named after it and
/// linked to it. Returns the edit and the new group's id.
pub fn theme_to_code_group(project: &Project, coder: &str, id: ThemeId) -> Result<(Edit, CodeId)> {
    theme_to_code(project, coder, id, None)
}

/// Makes a code from a preliminary theme — a new code group (`parent` `None`) or a new
/// subgroup of the code group `parent` — and links the theme to it.
pub fn theme_to_code(
    project: &Project,
    coder: &str,
    id: ThemeId,
    parent: Option<CodeId>,
) -> Result<(Edit, CodeId)> {
    let theme = project
        .analysis_of(coder)
        .theme(id)
        .cloned()
        .ok_or_else(|| gone("theme"))?;
    if let Some(g) = theme.code_group
        && project.codebook.get(g).is_some()
    {
        return Err(Error::Refused(format!(
            "the theme {} seeded the code group {} already",
            theme.name,
            project.codebook.path_label(g)
        )));
    }
    let node = CodeNode {
        id: CodeId::new(),
        name: theme.name.clone(),
        description: theme.note.clone(),
        colour: project.codebook.next_colour(),
        children: Vec::new(),
    };
    let group = node.id;
    if let Some(p) = parent
        && project.codebook.get(p).is_none()
    {
        return Err(gone("code group"));
    }
    let at = Location {
        parent,
        index: project.codebook.child_count(parent),
    };
    let mut a = project.analysis_of(coder).clone();
    if let Some(t) = a.themes.iter_mut().find(|t| t.id == id) {
        t.code_group = Some(group);
    }
    let edit = Edit {
        change: Change::Batch(vec![
            Change::InsertCode { at, node },
            Change::SetAnalysis {
                coder: coder.to_string(),
                analysis: Box::new(a),
            },
        ]),
        label: match parent.and_then(|p| project.codebook.get(p)) {
            Some(g) => format!(
                "Made {} a subgroup of {} from the theme",
                theme.name, g.name
            ),
            None => format!("Made the code group {} from the theme", theme.name),
        },
    };
    Ok((edit, group))
}

/// Links a preliminary theme to an existing code (group or subgroup): the theme is then
/// shown as what that code grew from.
pub fn link_theme(project: &Project, coder: &str, id: ThemeId, code: CodeId) -> Result<Edit> {
    let name = project
        .codebook
        .get(code)
        .map(|n| n.name.clone())
        .ok_or_else(|| gone("code"))?;
    let theme = project
        .analysis_of(coder)
        .theme(id)
        .cloned()
        .ok_or_else(|| gone("theme"))?;
    with_analysis(
        project,
        coder,
        format!("Linked the theme {} to {name}", theme.name),
        |a| {
            if let Some(t) = a.themes.iter_mut().find(|t| t.id == id) {
                t.code_group = Some(code);
            }
            Ok(())
        },
    )
}

/// The subgroup's name, once `unit` is known to be one of its own units (a quote of
/// the subgroup must be).
fn quotable(
    project: &Project,
    coder: &str,
    subgroup: CodeId,
    unit: UnitId,
    what: &str,
) -> Result<String> {
    let name = project
        .codebook
        .get(subgroup)
        .map(|n| n.name.clone())
        .ok_or_else(|| gone("subgroup"))?;
    if !stc::is_in_subgroup(project, coder, subgroup, unit) {
        return Err(Error::Refused(format!(
            "{what} must be one of the meaning units of {name}"
        )));
    }
    Ok(name)
}

/// Makes `unit` the golden quote of `subgroup`, or takes it away when it is already.
/// The unit must be one of the subgroup's own.
pub fn toggle_golden_quote(
    project: &Project,
    coder: &str,
    subgroup: CodeId,
    unit: UnitId,
) -> Result<Edit> {
    let name = quotable(project, coder, subgroup, unit, "a golden quote")?;
    let current = project
        .analysis_of(coder)
        .subgroup(subgroup)
        .and_then(|s| s.golden_quote);
    let (label, value) = if current == Some(unit) {
        (format!("Golden quote of {name} taken away"), None)
    } else {
        (format!("Golden quote of {name} chosen ★"), Some(unit))
    };
    with_analysis(project, coder, label, |a| {
        a.subgroups.entry(subgroup).or_default().golden_quote = value;
        Ok(())
    })
}

/// Quotes `unit` in the results too, after the golden quote (or stops quoting it).
pub fn toggle_more_quote(
    project: &Project,
    coder: &str,
    subgroup: CodeId,
    unit: UnitId,
) -> Result<Edit> {
    let name = quotable(project, coder, subgroup, unit, "a quote")?;
    let work = project.analysis_of(coder).subgroup(subgroup);
    if work.and_then(|s| s.golden_quote) == Some(unit) {
        return Err(Error::Refused(
            "that unit is the golden quote already (it is quoted first)".into(),
        ));
    }
    let quoted = work.is_some_and(|s| s.more_quotes.contains(&unit));
    let label = if quoted {
        format!("No longer quoted in the results of {name}")
    } else {
        format!("Quoted in the results of {name} too ❝")
    };
    with_analysis(project, coder, label, |a| {
        let s = a.subgroups.entry(subgroup).or_default();
        if quoted {
            s.more_quotes.retain(|u| *u != unit);
        } else {
            s.more_quotes.push(unit);
        }
        Ok(())
    })
}

/// Ticks or unticks a transcript as re-read in the validation of a code group.
pub fn toggle_reread(
    project: &Project,
    coder: &str,
    group: CodeId,
    transcript: TranscriptId,
) -> Result<Edit> {
    let t = project
        .transcript(transcript)
        .map(|t| t.name.clone())
        .ok_or_else(|| gone("transcript"))?;
    toggle_in_validation(
        project,
        coder,
        group,
        transcript,
        |v| &mut v.reread,
        // The project's transcript order, so the file and export are stable.
        |id| project.transcript_index(*id).unwrap_or(usize::MAX),
        [
            format!("{t}: re-read against the synthesis ✓"),
            format!("{t}: no longer marked as re-read"),
        ],
    )
}

/// Flags or unflags a unit as contradicting the synthesis of a code group.
pub fn toggle_contradicting(
    project: &Project,
    coder: &str,
    group: CodeId,
    unit: UnitId,
) -> Result<Edit> {
    if project.unit(coder, unit).is_none() {
        return Err(gone("meaning unit"));
    }
    toggle_in_validation(
        project,
        coder,
        group,
        unit,
        |v| &mut v.contradicting,
        |id| project.unit(coder, *id).map(|u| project.unit_order_key(u)),
        [
            "Unit flagged as contradicting the synthesis ⚑".to_string(),
            "Unit no longer flagged as contradicting".to_string(),
        ],
    )
}

/// Puts `item` into the validation list `list` picks (kept in `order`), or takes it out
/// when it is there; the record is dated. `labels`: [put in, taken out].
fn toggle_in_validation<T: Copy + PartialEq, K: Ord>(
    project: &Project,
    coder: &str,
    group: CodeId,
    item: T,
    list: impl Fn(&mut Validation) -> &mut Vec<T>,
    order: impl Fn(&T) -> K,
    [put, took]: [String; 2],
) -> Result<Edit> {
    let mut a = project.analysis_of(coder).clone();
    let v = &mut a.code_groups.entry(group).or_default().validation;
    let items = list(v);
    let label = if items.contains(&item) {
        items.retain(|x| *x != item);
        took
    } else {
        items.push(item);
        items.sort_by_key(|x| order(x));
        put
    };
    v.date = Some(Stamp::now());
    Ok(Edit {
        change: Change::SetAnalysis {
            coder: coder.to_string(),
            analysis: Box::new(a),
        },
        label,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::History;

    #[test]
    fn locked_preconceptions_stay_as_written_and_take_addenda() {
        let mut p = Project::new("t", "q");
        let mut h = History::default();
        let e = set_text(&p, "c", TextField::Preconceptions, "Before".into()).unwrap();
        h.perform(&mut p, e.change, e.label).unwrap();
        assert!(add_addendum(&p, "c", "too early".into()).is_err());
        let e = lock_preconceptions(&p, "c").unwrap();
        h.perform(&mut p, e.change, e.label).unwrap();
        assert!(set_text(&p, "c", TextField::Preconceptions, "Rewritten".into()).is_err());
        assert!(lock_preconceptions(&p, "c").is_err());
        let e = add_addendum(&p, "c", "Later".into()).unwrap();
        h.perform(&mut p, e.change, e.label).unwrap();
        let pre = &p.analysis_of("c").preconceptions;
        assert_eq!((pre.text.as_str(), pre.addenda.len()), ("Before", 1));
        // Another coder's analysis is untouched.
        assert_eq!(*p.analysis_of("other"), Analysis::default());
        h.undo(&mut p).unwrap().unwrap();
        h.undo(&mut p).unwrap().unwrap();
        assert!(p.analysis_of("c").preconceptions.locked.is_none());
    }

    #[test]
    fn a_theme_seeds_one_code_group_and_undo_takes_back_both() {
        let mut p = Project::new("t", "q");
        let mut h = History::default();
        let (e, theme) = add_theme(&p, "c", "  Trust ", 0).unwrap();
        h.perform(&mut p, e.change, e.label).unwrap();
        assert!(add_theme(&p, "c", " ", 0).is_err());
        let (e, group) = theme_to_code_group(&p, "c", theme).unwrap();
        h.perform(&mut p, e.change, e.label).unwrap();
        assert_eq!(
            p.codebook.get(group).map(|n| n.name.as_str()),
            Some("Trust")
        );
        assert_eq!(p.analysis_of("c").themes[0].code_group, Some(group));
        assert!(theme_to_code_group(&p, "c", theme).is_err(), "only once");
        h.undo(&mut p).unwrap().unwrap();
        assert!(p.codebook.is_empty());
        assert_eq!(p.analysis_of("c").themes[0].code_group, None);
        let e = move_theme(&p, "c", theme, true).unwrap_err();
        assert!(e.to_string().contains("bottom"));
    }
}
