//! REFI-QDA exchange: exports valid against the official schemas, the round trip
//! kondens → .qdpx → kondens, the real vendor samples (read from `../shared` when it is
//! there), and hostile files refused with the project left as it was.

mod common;

use common::{demo_project, err, ok, run_kondens, snapshot};
use kondens::exchange;
use kondens::model::Project;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exchange")
        .join(name)
}

/// The vendor samples, where the shared reference folder is beside the checkout.
fn sample(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/refi-qda/samples")
        .join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is not here", p.display());
        None
    }
}

/// Validates `xml` against the schema `xsd` with xmllint; CI installs it.
fn assert_valid(xml: &str, xsd: &str, what: &str) {
    let probe = std::process::Command::new("xmllint")
        .arg("--version")
        .output();
    if probe.is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "xmllint (libxml2-utils) is needed to check the schemas"
        );
        eprintln!("skipped the schema check of {what}: no xmllint here");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("doc.xml");
    std::fs::write(&file, xml).unwrap();
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(fixture(xsd))
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{what} is not valid against {xsd}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The entries of a .qdpx.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).unwrap();
            let mut s = String::new();
            e.read_to_string(&mut s).unwrap();
            (e.name().unwrap().to_string(), s)
        })
        .collect()
}

/// `kondens export DIR --format qdpx`: the file and what the command said.
fn export_qdpx(home: &Path, dir: &Path) -> (PathBuf, String) {
    let qdpx = home.join("out.qdpx");
    let args = [
        "export",
        dir.to_str().unwrap(),
        "--format",
        "qdpx",
        "--out",
        qdpx.to_str().unwrap(),
    ];
    let said = ok(&run_kondens(home, &args));
    (qdpx, said)
}

#[test]
fn exports_are_valid_against_both_schemas() {
    let (tmp, dir) = demo_project();
    let home = tmp.path();
    let (qdpx, said) = export_qdpx(home, &dir);
    assert!(said.contains("wrote a REFI-QDA project"), "{said}");
    assert!(
        said.contains("not carried"),
        "the summary says what is lost: {said}"
    );
    let entries = unzip(&std::fs::read(&qdpx).unwrap());
    let project = kondens::store::load(&dir).unwrap();
    assert_eq!(entries.len(), 1 + project.transcripts.len());
    let qde = &entries.iter().find(|(n, _)| n == "project.qde").unwrap().1;
    assert_valid(qde, "Project-mrt2019.xsd", "the demo's project.qde");
    for t in &project.transcripts {
        let name = format!("Sources/{}.txt", t.id);
        let text = &entries.iter().find(|(n, _)| *n == name).expect("source").1;
        assert_eq!(text, &t.text, "the bundled text is the transcript's");
    }
    // Positions count code points over the bundled text.
    let units = project.units_of("demo");
    let first = &units[0];
    let t = project.transcript(first.transcript).unwrap();
    let start = t.text[..first.start].chars().count();
    assert!(
        qde.contains(&format!("guid=\"{}\"", first.id))
            && qde.contains(&format!("startPosition=\"{start}\"")),
        "the unit is a selection at its code-point offset"
    );
    // The codebook on standard output, the summary on standard error.
    let out = run_kondens(home, &["export", dir.to_str().unwrap(), "--format", "qdc"]);
    let qdc = ok(&out);
    assert_valid(&qdc, "Codebook.repaired.xsd", "the demo's codebook");
    assert!(String::from_utf8_lossy(&out.stderr).contains("codes:"));

    // A generated project: two coders, many units.
    let generated = home.join("generated");
    let mut p = kondens::synthetic::generate(&generated, 3, 3000, 300, 2).unwrap();
    // With a comment thread on a unit, which goes as a note on its selection.
    let (owner, unit) = (
        p.people()[0].clone(),
        p.units.values().next().unwrap()[0].id,
    );
    let target = kondens::model::Target::Unit { owner, id: unit };
    let stance = kondens::model::Stance::Question;
    let e = kondens::ops::post_comment(&p, "peer", target, None, stance, "Why <this>?").unwrap();
    kondens::ops::apply(&mut p, e.change).unwrap();
    let (qde, summary) = exchange::export::project_xml(&p);
    assert_valid(&qde, "Project-mrt2019.xsd", "a generated project.qde");
    assert!(qde.contains("Comment thread — on the meaning unit — peer"));
    assert!(qde.contains("Why &lt;this&gt;?"));
    assert_eq!(summary.selections.values().sum::<usize>(), 300);
    let (qdc, _) = exchange::export::codebook(&p);
    assert_valid(&qdc, "Codebook.repaired.xsd", "a generated codebook");
    // The same project exports to the same bytes.
    let mut a = Vec::new();
    let mut b = Vec::new();
    exchange::export::qdpx(&p, &mut a).unwrap();
    exchange::export::qdpx(&p, &mut b).unwrap();
    assert_eq!(a, b);
}

/// Each person's units as (transcript, quoted words, code paths), comparable across
/// projects whose ids differ.
fn units_by_person(p: &Project) -> Vec<(String, String, String, Vec<String>)> {
    let mut out = Vec::new();
    for person in p.people() {
        for u in p.units_of(person) {
            let t = p.transcript(u.transcript).unwrap();
            let mut codes: Vec<String> =
                u.codes.iter().map(|c| p.codebook.path_label(*c)).collect();
            codes.sort();
            out.push((
                person.to_string(),
                t.name.clone(),
                p.quote(u).to_string(),
                codes,
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn a_project_goes_out_and_comes_back_the_same() {
    let (tmp, dir) = demo_project();
    let home = tmp.path();
    let (qdpx, _) = export_qdpx(home, &dir);
    let back = home.join("back");
    let said = ok(&run_kondens(
        home,
        &["import", back.to_str().unwrap(), qdpx.to_str().unwrap()],
    ));
    assert!(said.contains("written by:  kondens"), "{said}");
    let (a, b) = (
        kondens::store::load(&dir).unwrap(),
        kondens::store::load(&back).unwrap(),
    );
    let words = |p: &Project| {
        let mut v: Vec<(String, String)> = p
            .transcripts
            .iter()
            .map(|t| (t.name.clone(), t.text.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(words(&a), words(&b), "the same transcripts, word for word");
    // The same speakers' turns (a turn nobody is named for, in the middle of a text,
    // joins the turn before it: REFI-QDA has no turns, only the text).
    let speakers = |p: &Project| -> Vec<Vec<String>> {
        p.transcripts
            .iter()
            .map(|t| {
                t.turns
                    .iter()
                    .filter_map(|u| u.speaker.as_deref().map(str::to_string))
                    .collect()
            })
            .collect()
    };
    assert_eq!(speakers(&a), speakers(&b), "the same turns and speakers");
    let tree = |p: &Project| -> Vec<(usize, String)> {
        p.codebook
            .flatten()
            .iter()
            .map(|f| (f.depth, f.node.name.clone()))
            .collect()
    };
    assert_eq!(tree(&a), tree(&b), "the same code tree");
    assert_eq!(
        units_by_person(&a),
        units_by_person(&b),
        "the same units per person"
    );
    assert!(!units_by_person(&a).is_empty());
    // The STC texts came back to their places.
    let (x, y) = (a.analysis_of("demo"), b.analysis_of("demo"));
    for (id, w) in &x.subgroups {
        let v = y.subgroups.get(id).expect("the subgroup's work");
        assert_eq!(w.condensate, v.condensate);
        assert_eq!(w.analytic_text, v.analytic_text);
        assert_eq!(w.golden_quote, v.golden_quote);
    }
    // Imported into the project it came from, it adds back only what was lost there
    // (here: the last unit of a transcript, deleted after the export).
    let mut p = kondens::store::load(&dir).unwrap();
    let gone = p.units.get_mut("demo").unwrap().pop().unwrap();
    kondens::store::save_units(&dir, &p, "demo").unwrap();
    let said = ok(&run_kondens(
        home,
        &["import", dir.to_str().unwrap(), qdpx.to_str().unwrap()],
    ));
    assert!(said.contains("already in the project"), "{said}");
    let after = kondens::store::load(&dir).unwrap();
    assert!(
        after.unit("demo", gone.id).is_some(),
        "the lost unit is back: {said}"
    );
    assert_eq!(units_by_person(&after), units_by_person(&a));
    assert_eq!(after.transcripts.len(), a.transcripts.len());
}

fn plan_of(path: &Path) -> exchange::import::Plan {
    exchange::import::read(path, &Project::new("t", ""), &Default::default()).unwrap()
}

fn share_clean(r: &exchange::import::Report) -> f64 {
    r.clean.0 as f64 / r.clean.1.max(1) as f64
}

#[test]
fn the_vendor_samples_import_as_their_readme_says() {
    if let Some(p) = sample("nvivo-win-oltas0517.qdpx") {
        let plan = plan_of(&p);
        let r = &plan.report;
        assert_eq!(r.codes.read, 152);
        assert_eq!(r.selections.get("floriansipos"), Some(&297));
        assert_eq!(r.selections.get("Gergo"), Some(&6));
        assert!(share_clean(r) >= 0.97, "{r}");
        assert_eq!(plan.transcripts.len(), 2);
        assert_eq!(plan.units.values().map(Vec::len).sum::<usize>(), 303);
        assert!(r.to_string().contains("UTF-16 code units"), "{r}");
    }
    if let Some(p) = sample("nvivo-mac-oltas17june.qdpx") {
        let plan = plan_of(&p);
        let r = &plan.report;
        assert_eq!(r.codes.read, 152);
        assert_eq!(r.selections.get("floriansipos"), Some(&297));
        assert!(share_clean(r) >= 0.97, "{r}");
        assert_eq!(plan.units.values().map(Vec::len).sum::<usize>(), 297);
    }
    if let Some(p) = sample("qc-demo.qdpx") {
        let plan = plan_of(&p);
        let r = &plan.report;
        assert_eq!(r.codes.read, 262);
        assert_eq!(r.selections.get("cp"), Some(&158));
        assert_eq!(plan.units.get("cp").map(Vec::len), Some(158));
        // The depth of the tree is kept (qc nests 7 deep).
        assert!(plan.codebook.flatten().iter().any(|f| f.depth >= 6));
    }
    if let Some(p) = sample("atlasti-standardproject.qdpx") {
        let plan = plan_of(&p);
        let text = plan.report.to_string();
        assert_eq!(plan.report.codes.read, 14);
        assert!(
            plan.transcripts.is_empty(),
            "its text files are not in the archive"
        );
        for said in [
            "missing from the archive",
            "2 PDF source(s)",
            "2 video source(s)",
            "1 picture",
            "1 audio",
        ] {
            assert!(text.contains(said), "{said:?} in {text}");
        }
    }
}

#[test]
fn a_nvivo_project_is_coded_further_in_the_workbench() {
    let Some(p) = sample("nvivo-mac-oltas17june.qdpx") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nvivo");
    ok(&run_kondens(
        tmp.path(),
        &["import", dir.to_str().unwrap(), p.to_str().unwrap()],
    ));
    let before = kondens::store::load(&dir)
        .unwrap()
        .units_of("floriansipos")
        .len();
    assert_eq!(before, 297);
    let mut app = common::app(&dir, "floriansipos");
    common::press(&mut app, "2 } V a");
    common::press(&mut app, "enter");
    app.save_now();
    let after = kondens::store::load(&dir)
        .unwrap()
        .units_of("floriansipos")
        .len();
    assert_eq!(after, before + 1, "a new unit beside the imported ones");
}

/// A .qdpx built here: `project.qde` as given and the sources.
fn qdpx(path: &Path, qde: &str, sources: &[(&str, &[u8])]) {
    let file = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(file);
    let o = zip::write::SimpleFileOptions::default();
    z.start_file("project.qde", o).unwrap();
    z.write_all(qde.as_bytes()).unwrap();
    for (name, bytes) in sources {
        z.start_file(*name, o).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

const ONE_SOURCE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="t">
  <Sources>
    <TextSource guid="11111111-2222-4333-8444-555555555555" name="s" plainTextPath="PATH"/>
  </Sources>
</Project>
"#;

#[test]
fn hostile_and_damaged_files_are_refused_and_change_nothing() {
    let (tmp, dir) = demo_project();
    let home = tmp.path();
    let bad = home.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let mut cases: Vec<(PathBuf, &str)> = vec![(fixture("bomb.qdpx"), "zip bomb")];
    let climb = bad.join("climb.qdpx");
    qdpx(
        &climb,
        &ONE_SOURCE.replace("PATH", "internal://../../etc/passwd"),
        &[],
    );
    cases.push((climb, "leads outside the archive"));
    let dtd = bad.join("dtd.qdpx");
    qdpx(
        &dtd,
        "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\
         <Project name=\"&b;\"/>",
        &[],
    );
    cases.push((dtd, "DTD"));
    let real = bad.join("real.qdpx");
    qdpx(
        &real,
        &ONE_SOURCE.replace("PATH", "internal://s.txt"),
        &[("Sources/s.txt", b"P1: hei\n")],
    );
    let bytes = std::fs::read(&real).unwrap();
    let cut = bad.join("cut.qdpx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    cases.push((cut, "damaged"));
    let junk = bad.join("junk.qdpx");
    std::fs::write(&junk, b"PK\x03\x04\xff\xfe junk that is no zip at all").unwrap();
    cases.push((junk, "damaged"));
    let notxml = bad.join("not.qdc");
    std::fs::write(&notxml, "<Project name=\"x\"/>").unwrap();
    cases.push((notxml, "not <CodeBook>"));
    let unclosed = bad.join("unclosed.qdc");
    std::fs::write(
        &unclosed,
        "<CodeBook><Codes><Code guid=\"x\" name=\"a\" isCodable=\"true\">",
    )
    .unwrap();
    cases.push((unclosed, "truncated"));
    let binary = bad.join("binary.qdpx");
    qdpx(
        &binary,
        &ONE_SOURCE.replace("PATH", "internal://s.txt"),
        &[("Sources/s.txt", &[0u8; 4096])],
    );
    cases.push((binary, "binary"));

    let before = snapshot(&dir);
    for (file, why) in &cases {
        let out = run_kondens(
            home,
            &["import", dir.to_str().unwrap(), file.to_str().unwrap()],
        );
        let said = err(&out);
        assert!(
            said.to_lowercase().contains(&why.to_lowercase()),
            "{} should be refused for {why:?}: {said}",
            file.display()
        );
        assert_eq!(
            snapshot(&dir),
            before,
            "{} changed the project",
            file.display()
        );
    }
    // Into a new folder, a refused file leaves no project behind.
    let fresh = home.join("fresh");
    run_kondens(
        home,
        &[
            "import",
            fresh.to_str().unwrap(),
            fixture("bomb.qdpx").to_str().unwrap(),
        ],
    );
    assert!(!fresh.exists());
}

#[test]
fn a_codebook_merges_by_id_then_by_name_and_place() {
    let (tmp, dir) = demo_project();
    let home = tmp.path();
    let p = kondens::store::load(&dir).unwrap();
    let (qdc, _) = exchange::export::codebook(&p);
    // The same tree as another program would write it: its own GUIDs, one code more.
    let mut other = qdc.clone();
    for n in p.codebook.flatten() {
        other = other.replace(&n.node.id.to_string(), &uuid::Uuid::new_v4().to_string());
    }
    let first = p.codebook.roots[0].name.clone();
    other = other.replacen(
        "</Codes>",
        "  <Code guid=\"0a0b0c0d-0000-4000-8000-000000000001\" name=\"Hope\" isCodable=\"true\"><Description>New in the other program</Description></Code>\n  </Codes>",
        1,
    );
    let file = home.join("other.qdc");
    std::fs::write(&file, &other).unwrap();
    let said = ok(&run_kondens(
        home,
        &["import", dir.to_str().unwrap(), file.to_str().unwrap()],
    ));
    let n = p.codebook.len();
    assert!(
        said.contains(&format!(
            "{} read: 1 new, {n} already in the tree (same name and place: {first}",
            n + 1
        )),
        "{said}"
    );
    let after = kondens::store::load(&dir).unwrap();
    assert_eq!(after.codebook.len(), n + 1);
    let hope = after
        .codebook
        .flatten()
        .into_iter()
        .find(|f| f.node.name == "Hope")
        .unwrap();
    assert_eq!(hope.node.description, "New in the other program");
    // The file kondens wrote itself matches by id.
    let mine = home.join("mine.qdc");
    std::fs::write(&mine, &qdc).unwrap();
    let said = ok(&run_kondens(
        home,
        &["import", dir.to_str().unwrap(), mine.to_str().unwrap()],
    ));
    assert!(
        said.contains(&format!("0 new, {n} already in the tree (same id)")),
        "{said}"
    );
}

#[test]
fn a_note_on_a_code_becomes_a_comment_by_its_writer() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("memo.qdpx");
    qdpx(
        &file,
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="t" origin="MAXQDA 24">
  <Users><User guid="aaaaaaaa-0000-4000-8000-000000000001" name="Kari Nordmann"/></Users>
  <CodeBook><Codes>
    <Code guid="bbbbbbbb-0000-4000-8000-000000000001" name="Hope" isCodable="true">
      <NoteRef targetGUID="cccccccc-0000-4000-8000-000000000001"/>
    </Code>
  </Codes></CodeBook>
  <Notes>
    <Note guid="cccccccc-0000-4000-8000-000000000001" name="Code memo" creatingUser="aaaaaaaa-0000-4000-8000-000000000001" creationDateTime="2024-05-06T07:08:09Z">
      <PlainTextContent>Hope is about the future &amp; the peer worker.</PlainTextContent>
    </Note>
  </Notes>
</Project>"#,
        &[],
    );
    let dir = tmp.path().join("p");
    let said = ok(&run_kondens(
        tmp.path(),
        &["import", dir.to_str().unwrap(), file.to_str().unwrap()],
    ));
    assert!(
        said.contains("notes on codes made comments (view 5): 1"),
        "{said}"
    );
    let p = kondens::store::load(&dir).unwrap();
    let threads = p.threads();
    let t = &threads[0];
    assert_eq!(t.author(), "Kari-Nordmann");
    assert_eq!(
        t.comments[0].1.text,
        "Code memo: Hope is about the future & the peer worker."
    );
    assert_eq!(t.comments[0].1.written.to_string(), "2024-05-06T07:08:09Z");
    assert!(matches!(t.target, kondens::model::Target::Code(_)));
}
