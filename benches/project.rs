//! Loading a large project and drawing frames. The project: 50 transcripts × 20,000
//! words (1 million words) with 20,000 meaning units from three coders, generated once.
//! Drawing must cost the visible area: compare the frame at the start and at the end of
//! a transcript, and at 80×24 and 200×50.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kondens::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::OnceLock;

fn project_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kondens-bench-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        kondens::synthetic::generate(&dir, 50, 20_000, 20_000, 3).expect("generate project");
        dir
    })
}

fn app() -> App {
    let dir = project_dir();
    let session = kondens::session::Session::open(dir, "coder1").expect("open");
    App::new(session, &kondens::config::defaults(), Vec::new())
}

fn key(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            '\t' => app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)),
            c => key(app, c),
        }
    }
}

fn load(c: &mut Criterion) {
    let dir = project_dir();
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.bench_function("50 transcripts x 20k words, 20k units", |b| {
        b.iter(|| black_box(kondens::store::load(dir).expect("load")))
    });
    // A code tree of 500 codes (50 groups of 10), one file each.
    let big = std::env::temp_dir().join(format!("kondens-bench-tree-{}", std::process::id()));
    let mut p = kondens::store::create(&big, "tree", "").expect("project");
    for g in 0..50 {
        let mut node = kondens::model::CodeNode {
            id: kondens::model::CodeId::new(),
            name: format!("Group {g}"),
            description: "What the group is about, in a sentence or two.".into(),
            colour: "#4e79a7".into(),
            children: Vec::new(),
        };
        for c in 0..9 {
            node.children.push(kondens::model::CodeNode {
                id: kondens::model::CodeId::new(),
                name: format!("Code {g}.{c}"),
                description: String::new(),
                colour: "#4e79a7".into(),
                children: Vec::new(),
            });
        }
        p.codebook.roots.push(node);
    }
    kondens::store::save_codebook(&big, &mut p, "bench").expect("saved");
    g.bench_function("a code tree of 500 codes, one file each", |b| {
        b.iter(|| black_box(kondens::store::load(&big).expect("load")))
    });
    let first = p.codebook.roots[0].id;
    let mut n = 0;
    g.bench_function("save a rename in that tree (one file written)", |b| {
        b.iter(|| {
            n += 1;
            p.codebook.node_mut(first).expect("code").name = format!("Group {n}");
            kondens::store::save_codebook(&big, &mut p, "bench").expect("saved")
        })
    });
    // What the workbench does each second: look for others' work (and for a pull that
    // changed one's own files or a transcript, which stats every transcript record).
    let mut s = kondens::session::Session::open(dir, "bench-refresh").expect("opens");
    g.bench_function("refresh, nothing changed on disk (each second)", |b| {
        b.iter(|| black_box(s.refresh_others()))
    });
    drop(s);
    // The tree's writer reads the tree back after its own save, to tell a pull from it.
    let mut s = kondens::session::Session::open(&big, "bench").expect("opens");
    g.bench_function("refresh after saving a rename in that tree", |b| {
        b.iter(|| {
            n += 1;
            let edit = kondens::ops::rename_code(s.project(), first, &format!("Group {n}"));
            s.perform(edit.expect("rename")).expect("renamed");
            s.save().expect("saved");
            black_box(s.refresh_others())
        })
    });
    drop(s);
    // `kondens check`: every file on its own, then the whole, then the units' codes.
    g.bench_function("check the same project", |b| {
        b.iter(|| black_box(kondens::store::check(dir)))
    });
    g.finish();
}

fn draw(c: &mut Criterion) {
    let mut g = c.benchmark_group("draw frame");
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let mut app = app();
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        term.draw(|f| kondens::tui::ui::render(f, &mut app))
            .expect("draw");
        g.bench_function(format!("{w}x{h} at the start"), |b| {
            b.iter(|| {
                term.draw(|f| kondens::tui::ui::render(f, &mut app))
                    .map(|_| ())
            })
        });
        key(&mut app, 'G');
        g.bench_function(format!("{w}x{h} at the end"), |b| {
            b.iter(|| {
                term.draw(|f| kondens::tui::ui::render(f, &mut app))
                    .map(|_| ())
            })
        });
    }
    g.finish();
}

fn keystrokes(c: &mut Criterion) {
    let mut g = c.benchmark_group("keystroke");
    let mut app = app();
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    term.draw(|f| kondens::tui::ui::render(f, &mut app))
        .expect("draw");
    g.bench_function("G then g (jump to end and back)", |b| {
        b.iter(|| {
            key(&mut app, 'G');
            key(&mut app, 'g');
        })
    });
    g.bench_function("j (down a row)", |b| b.iter(|| key(&mut app, 'j')));
    g.bench_function("search a 20,000-word transcript (/ tillit Enter)", |b| {
        b.iter(|| keys(&mut app, "/tillit\n"))
    });
    keys(&mut app, "} V a");
    keys(&mut app, "Subgroup 1.1\n");
    // On to a turn not coded yet: each iteration codes it and undoes that.
    key(&mut app, '}');
    g.bench_function(
        "code a turn with a recent code, then undo (V a 1, u)",
        |b| {
            b.iter(|| {
                keys(&mut app, "Va1");
                key(&mut app, 'u');
            })
        },
    );
    g.finish();
}

/// Views 3 and 4 on the same project: a subgroup's units lifted out of context, and
/// typing in the condensate editor (each keystroke puts the text into the project).
fn condensation(c: &mut Criterion) {
    let mut g = c.benchmark_group("condensation");
    let mut app = app();
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    keys(&mut app, "3j\t");
    term.draw(|f| kondens::tui::ui::render(f, &mut app))
        .expect("draw");
    g.bench_function("200x50 frame, a subgroup's units", |b| {
        b.iter(|| {
            term.draw(|f| kondens::tui::ui::render(f, &mut app))
                .map(|_| ())
        })
    });
    g.bench_function("j then k in the units of a subgroup", |b| {
        b.iter(|| keys(&mut app, "jk"))
    });
    keys(&mut app, "e");
    g.bench_function("x then Backspace in the condensate editor", |b| {
        b.iter(|| {
            key(&mut app, 'x');
            app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        })
    });
    g.finish();
}

/// A transcript with 100,000 speakers (two turns each): import, load and the list of
/// participants must grow with the turns, not with turns × speakers.
fn many_speakers(c: &mut Criterion) {
    let text: String = (0..200_000)
        .map(|i| format!("S{}: hei og hopp\n\n", i % 100_000))
        .collect();
    let mut g = c.benchmark_group("speakers");
    g.sample_size(10);
    g.bench_function("import a transcript of 100,000 speakers", |b| {
        b.iter(|| {
            black_box(
                kondens::import::from_bytes(
                    text.as_bytes(),
                    "many.txt",
                    "many",
                    kondens::import::Format::Txt,
                )
                .expect("imports"),
            )
        })
    });
    let dir = std::env::temp_dir().join(format!("kondens-bench-speakers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut project = kondens::store::create(&dir, "many", "").expect("project");
    let (t, _) = kondens::import::from_bytes(
        text.as_bytes(),
        "many.txt",
        "many",
        kondens::import::Format::Txt,
    )
    .expect("imports");
    kondens::store::add_transcripts(&dir, &mut project, vec![t]).expect("written");
    g.bench_function("load it", |b| {
        b.iter(|| black_box(kondens::store::load(&dir).expect("loads")))
    });
    g.bench_function("every participant", |b| {
        b.iter(|| black_box(project.all_participants()))
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 14: reports on the whole project, a frame of view 7, and correcting a
/// 20,000-word transcript that holds 1,000 units.
fn reports(c: &mut Criterion) {
    use kondens::derived::report;
    let dir = project_dir();
    let mut g = c.benchmark_group("reports");
    g.sample_size(10);
    let project = kondens::store::load(dir).expect("load");
    g.bench_function("code x focus group, everyone's 20k units", |b| {
        b.iter(|| black_box(report::matrix(&project, report::By::FocusGroup, None)))
    });
    g.bench_function(
        "kondens report: load, then code x focus group as CSV",
        |b| {
            b.iter(|| {
                let p = kondens::store::load(dir).expect("load");
                let r = report::matrix(&p, report::By::FocusGroup, None);
                black_box(report::write_report(&r, report::Format::Csv))
            })
        },
    );
    g.bench_function("co-occurrence", |b| {
        b.iter(|| black_box(report::cooccurrence(&project, None)))
    });
    g.bench_function("coverage", |b| {
        b.iter(|| black_box(report::coverage(&project, None)))
    });
    let mut app = app();
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    keys(&mut app, "7jl");
    term.draw(|f| kondens::tui::ui::render(f, &mut app))
        .expect("draw");
    g.bench_function("200x50 frame of view 7", |b| {
        b.iter(|| {
            term.draw(|f| kondens::tui::ui::render(f, &mut app))
                .map(|_| ())
        })
    });
    // A transcript of 20,000 words with 1,000 units, and a copy with 40 corrections
    // spread through it (a word changed, a sentence deleted, a word added).
    let mut one = project.clone();
    one.transcripts.truncate(1);
    let t = one.transcripts[0].clone();
    one.units.clear();
    let step = t.text.len() / 1_000;
    let units: Vec<kondens::model::MeaningUnit> = (0..1_000)
        .filter_map(|i| {
            let start = kondens::text::floor_boundary(&t.text, i * step);
            let end = kondens::text::floor_boundary(&t.text, start + step / 2);
            (start < end).then(|| kondens::model::MeaningUnit {
                id: kondens::model::UnitId(uuid::Uuid::from_u128(i as u128 + 1)),
                transcript: t.id,
                start,
                end,
                codes: Vec::new(),
                note: String::new(),
                created: kondens::model::time::Stamp(0),
                changed: kondens::model::time::Stamp(0),
            })
        })
        .collect();
    one.units.insert("anna".into(), units);
    let mut fixed = t.clone();
    let mut text = t.text.clone();
    for k in (1..=40).rev() {
        let at = kondens::text::floor_boundary(&text, k * text.len() / 41);
        let cut = kondens::text::floor_boundary(&text, at + 12);
        text.replace_range(at..cut, if k % 2 == 0 { " rettet " } else { "" });
    }
    fixed.text = text;
    fixed.turns.clear();
    let when = kondens::model::time::Stamp(0);
    g.bench_function("correct 20k words with 1,000 units (40 edits)", |b| {
        b.iter(|| black_box(kondens::correct::plan(&one, t.id, &fixed, when).expect("plan")))
    });
    g.finish();
}

/// REFI-QDA exchange of the whole 1M-word project: the .qdpx written, and read back
/// into a new project (the plan: every text imported and every unit placed).
fn exchange(c: &mut Criterion) {
    let dir = project_dir();
    let mut g = c.benchmark_group("exchange");
    g.sample_size(10);
    let project = kondens::store::load(dir).expect("load");
    let mut qdpx = Vec::new();
    kondens::exchange::export::qdpx(&project, &mut qdpx).expect("export");
    g.bench_function("export .qdpx, 1M words, 20k units", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(qdpx.len());
            kondens::exchange::export::qdpx(&project, &mut out).expect("export");
            black_box(out.len())
        })
    });
    let empty = kondens::model::Project::new("bench", "");
    g.bench_function("import .qdpx, 1M words, 20k units", |b| {
        b.iter(|| {
            let plan =
                kondens::exchange::import::read_bytes("bench", &qdpx, &empty, &Default::default())
                    .expect("import");
            black_box(plan.units.len())
        })
    });
    g.finish();
}

/// The team's views on a project of two coders with 20,000 units each: `agreement`, and
/// a frame of view 5 (200 threads) and of view 6 (their differences), at 200×50.
fn team(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("kondens-bench-team-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    kondens::synthetic::generate(&dir, 50, 20_000, 40_000, 2).expect("generate project");
    let project = kondens::store::load(&dir).expect("load");
    let mut g = c.benchmark_group("team");
    g.sample_size(10);
    g.bench_function("agreement of two coders, 20k units each, 1M words", |b| {
        b.iter(|| {
            black_box(
                kondens::derived::agreement::agreement(&project, "coder1", "coder2", &[], 0.9)
                    .expect("agreement"),
            )
        })
    });
    // 200 threads by coder2 on coder1's units.
    {
        let mut s = kondens::session::Session::open(&dir, "coder2").expect("open");
        let units: Vec<_> = s
            .project()
            .units_of("coder1")
            .iter()
            .take(200)
            .map(|u| u.id)
            .collect();
        for id in units {
            let target = kondens::model::Target::Unit {
                owner: "coder1".into(),
                id,
            };
            let stance = kondens::model::Stance::Question;
            let e = kondens::ops::post_comment(s.project(), "coder2", target, None, stance, "Why?")
                .expect("comment");
            s.perform(e).expect("perform");
        }
        s.save().expect("save");
    }
    let session = kondens::session::Session::open(&dir, "coder1").expect("open");
    let mut app = App::new(session, &kondens::config::defaults(), Vec::new());
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    for (view, name) in [
        ('5', "view 5, 200 threads"),
        ('6', "view 6, two coders' differences"),
    ] {
        key(&mut app, view);
        term.draw(|f| kondens::tui::ui::render(f, &mut app))
            .expect("draw");
        g.bench_function(format!("a 200x50 frame of {name}"), |b| {
            b.iter(|| {
                term.draw(|f| kondens::tui::ui::render(f, &mut app))
                    .map(|_| ())
            })
        });
    }
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(
    benches,
    load,
    draw,
    keystrokes,
    condensation,
    many_speakers,
    reports,
    exchange,
    team
);
criterion_main!(benches);
