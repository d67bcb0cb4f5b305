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

criterion_group!(benches, load, draw, keystrokes, condensation, many_speakers);
criterion_main!(benches);
