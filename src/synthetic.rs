//! Generated projects for benchmarks and scale checks: made-up words, made-up speakers,
//! deterministic (the same arguments give the same text), no real data.

use crate::model::{
    CodeId, CodeNode, Location, MeaningUnit, Project, Transcript, TranscriptId, UnitId, time,
};
use crate::{Result, import, store};
use std::path::Path;

/// A small deterministic random number generator (xorshift), so generated projects are
/// the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "jeg",
    "vi",
    "synes",
    "at",
    "det",
    "er",
    "viktig",
    "erfaring",
    "tjenesten",
    "bruker",
    "møte",
    "samarbeid",
    "hjelp",
    "ansatt",
    "leder",
    "tillit",
    "kanskje",
    "altså",
    "ja",
    "nei",
    "veiledning",
    "rolle",
    "stilling",
    "peer",
    "worker",
    "team",
    "hope",
    "door",
    "open",
    "trust",
];

/// Plain text of a focus group with `words` words in turns of 20–120 words.
pub fn transcript_text(seed: u64, words: usize) -> String {
    let mut rng = Rng(seed.wrapping_mul(2_654_435_761).max(1));
    let speakers = ["M", "P1", "P2", "P3", "P4", "P5"];
    let mut out = String::from("Generated focus group (synthetic)\n\n");
    let mut left = words;
    while left > 0 {
        let n = (20 + rng.below(100)).min(left);
        left -= n;
        out.push_str(speakers[rng.below(speakers.len())]);
        out.push(':');
        for i in 0..n {
            out.push(' ');
            out.push_str(WORDS[rng.below(WORDS.len())]);
            if i % 12 == 11 {
                out.push('.');
            }
        }
        out.push_str(".\n\n");
    }
    out
}

/// Makes a project in `dir` with `transcripts` transcripts of `words` words each, a code
/// tree of 5 groups × 4 subgroups, and `units` meaning units spread over `coders` coders.
pub fn generate(
    dir: &Path,
    transcripts: usize,
    words: usize,
    units: usize,
    coders: usize,
) -> Result<Project> {
    let mut project = store::create(dir, "Generated project", "How fast is kondens?")?;
    for i in 0..transcripts {
        let text = transcript_text(i as u64 + 1, words);
        let name = format!("group-{:02}", i + 1);
        let (mut t, _) = import::from_bytes(
            text.as_bytes(),
            &format!("{name}.txt"),
            &name,
            import::Format::Txt,
        )
        .map_err(crate::Error::Refused)?;
        t.id = TranscriptId(uuid::Uuid::from_u128(i as u128 + 1));
        t.imported = time::format_unix(1_700_000_000);
        store::save_transcript(dir, &t)?;
        project.transcripts.push(t);
    }
    project.sort_transcripts();
    let mut codes: Vec<CodeId> = Vec::new();
    for g in 0..5 {
        let mut node = CodeNode {
            id: CodeId::new(),
            name: format!("Group {}", g + 1),
            description: String::new(),
            colour: project.codebook.next_colour(),
            children: Vec::new(),
        };
        for s in 0..4 {
            let id = CodeId::new();
            codes.push(id);
            node.children.push(CodeNode {
                id,
                name: format!("Subgroup {}.{}", g + 1, s + 1),
                description: String::new(),
                colour: node.colour.clone(),
                children: Vec::new(),
            });
        }
        let at = Location {
            parent: None,
            index: g,
        };
        let _ = project.codebook.insert(at, node);
    }
    let mut rng = Rng(99);
    let now = time::Stamp::now();
    for c in 0..coders.max(1) {
        let coder = format!("coder{}", c + 1);
        let mut list = Vec::new();
        for _ in 0..units / coders.max(1) {
            let t: &Transcript = &project.transcripts[rng.below(project.transcripts.len())];
            let turn = &t.turns[rng.below(t.turns.len())];
            let start = turn.start;
            let end =
                crate::text::floor_boundary(&t.text, (start + 40 + rng.below(200)).min(turn.end));
            if end <= start {
                continue;
            }
            list.push(MeaningUnit {
                id: UnitId::new(),
                transcript: t.id,
                start,
                end,
                codes: vec![codes[rng.below(codes.len())]],
                note: String::new(),
                created: now,
                changed: now,
            });
        }
        project.units.insert(coder.clone(), list);
        project.sort_units(&coder);
        store::save_units(dir, &project, &coder)?;
    }
    store::save_codebook(dir, &mut project, "")?;
    Ok(project)
}
