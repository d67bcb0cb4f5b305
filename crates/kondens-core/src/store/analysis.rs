//! `analysis/<coder>.ron`: one coder's memos, themes, condensates, golden quotes,
//! analytic texts and validation records. Written by that coder's workbench only.

use super::ANALYSIS;
use super::personal::Personal;
use crate::Result;
use crate::model::{Analysis, Project};
use std::path::{Path, PathBuf};

const FILES: Personal = Personal {
    folder: ANALYSIS,
    envelope: &["format_version", "coder"],
    what: "analysis",
};

/// The file that holds a coder's memos, themes, condensates and analytic texts.
pub fn analysis_path(dir: &Path, coder: &str) -> PathBuf {
    FILES.path(dir, coder)
}

/// Writes `analysis/<coder>.ron`.
pub fn save_analysis(dir: &Path, project: &Project, coder: &str) -> Result<()> {
    let mut a = project.analysis_of(coder).clone();
    a.tidy();
    FILES.write(dir, coder, &a)
}

pub(super) fn read_analysis(path: &Path) -> Result<(String, Analysis)> {
    FILES.read(path)
}

/// Reads every coder's analysis file into the project.
pub(super) fn load_into(dir: &Path, project: &mut Project) -> Result<()> {
    for (coder, mut analysis) in FILES.read_all::<Analysis>(dir)? {
        // In memory an empty analysis is no entry, and an empty entry none (ops keeps it so).
        analysis.tidy();
        if analysis != Analysis::default() {
            project.analyses.insert(coder, analysis);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{create, load};

    #[test]
    fn an_analysis_round_trips_and_a_damaged_one_is_named_with_its_line() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        let mut project = create(&dir, "t", "q").unwrap();
        let a = project.analyses.entry("ana".into()).or_default();
        a.total_impression = "Whole\nand \"quoted\"".into();
        a.preconceptions.text = "Før".into();
        save_analysis(&dir, &project, "ana").unwrap();
        let back = load(&dir).unwrap();
        assert_eq!(back.analyses, project.analyses);
        let path = analysis_path(&dir, "ana");
        let text = std::fs::read_to_string(&path).unwrap();
        // The file's own fields come first, then the analysis's, as format 2 wrote them.
        assert!(
            text.starts_with(
                "(\n  format_version: 3,\n  coder: \"ana\",\n  preconceptions: (\n    text: \"Før\","
            ),
            "{text}"
        );
        std::fs::write(&path, text.replace("  coder: \"ana\",\n", "")).unwrap();
        let e = load(&dir).unwrap_err().to_string();
        assert!(e.contains("analysis/ana.ron: coder is missing"), "{e}");
        std::fs::write(&path, text.replace("total_impression:", "total_impresion:")).unwrap();
        let e = load(&dir).unwrap_err().to_string();
        assert!(
            e.contains("analysis/ana.ron:") && e.contains("total_impresion"),
            "{e}"
        );
        // Nothing rewrote it.
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("total_impresion")
        );
    }
}
