//! Writes the scale-test material into DIR: `texts/group-NNN.txt` (50 transcripts of
//! 20,000 words, for import comparisons) and `project/` (the same transcripts in a
//! kondens project with 20,000 meaning units from three coders). `--scale 10` writes
//! ten times as much: 500 transcripts (10 million words) and 200,000 units.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(std::path::PathBuf::from) else {
        eprintln!("usage: generate DIR [--scale N]");
        std::process::exit(2);
    };
    let scale: usize = match args.iter().position(|a| a == "--scale") {
        Some(i) => args
            .get(i + 1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                eprintln!("--scale takes a whole number");
                std::process::exit(2);
            }),
        None => 1,
    };
    let texts = dir.join("texts");
    std::fs::create_dir_all(&texts).expect("create texts folder");
    for i in 0..50 * scale {
        let text = kondens::synthetic::transcript_text(i as u64 + 1, 20_000);
        std::fs::write(texts.join(format!("group-{:03}.txt", i + 1)), text).expect("write text");
    }
    let project = dir.join("project");
    kondens::synthetic::generate(&project, 50 * scale, 20_000, 20_000 * scale, 3)
        .expect("generate project");
    println!("wrote {} and {}", texts.display(), project.display());
}
