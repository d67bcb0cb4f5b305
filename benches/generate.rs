//! Writes the scale-test material into DIR: `texts/group-NN.txt` (50 transcripts of
//! 20,000 words, for import comparisons) and `project/` (the same transcripts in a
//! kondens project with 20,000 meaning units from three coders).

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(std::path::PathBuf::from) else {
        eprintln!("usage: generate DIR");
        std::process::exit(2);
    };
    let texts = dir.join("texts");
    std::fs::create_dir_all(&texts).expect("create texts folder");
    for i in 0..50 {
        let text = kondens::synthetic::transcript_text(i as u64 + 1, 20_000);
        std::fs::write(texts.join(format!("group-{:02}.txt", i + 1)), text).expect("write text");
    }
    let project = dir.join("project");
    kondens::synthetic::generate(&project, 50, 20_000, 20_000, 3).expect("generate project");
    println!("wrote {} and {}", texts.display(), project.display());
}
