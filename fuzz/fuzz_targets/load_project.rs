//! Any bytes in place of one project file: loading reports an error or loads, never
//! panics. The first byte picks the file; the rest is its content.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

struct Base {
    dir: PathBuf,
    files: Vec<(PathBuf, Vec<u8>)>,
}

fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kondens-fuzz-load-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        kondens::demo::create(&dir).expect("demo project");
        let mut files = Vec::new();
        let mut stack = vec![dir.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("read dir").flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                {
                    let bytes = std::fs::read(&p).expect("read");
                    files.push((p, bytes));
                }
            }
        }
        files.sort();
        Base { dir, files }
    })
}

fuzz_target!(|data: &[u8]| {
    let base = base();
    let Some((&pick, content)) = data.split_first() else {
        return;
    };
    for (path, bytes) in &base.files {
        std::fs::write(path, bytes).expect("restore");
    }
    let (target, _) = &base.files[pick as usize % base.files.len()];
    std::fs::write(target, content).expect("write");
    let _ = kondens_core::store::load(&base.dir);
});
