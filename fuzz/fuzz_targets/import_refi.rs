//! Any bytes as a `.qdpx` (a zip archive) or a `.qdc` (XML): no panic; an accepted file's
//! units lie inside their transcripts, on character boundaries, and name codes in the tree.
#![no_main]

use kondens_core::exchange::import::read_bytes;
use kondens_core::model::Project;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let project = Project::new("fuzz", "");
    if let Ok(plan) = read_bytes("fuzz", data, &project, &Default::default()) {
        for t in &plan.transcripts {
            assert_eq!(t.check_turns(), Ok(()));
        }
        for units in plan.units.values() {
            for u in units {
                let t = plan
                    .transcripts
                    .iter()
                    .find(|t| t.id == u.transcript)
                    .expect("a unit's transcript is new");
                assert!(u.start < u.end && t.text.get(u.start..u.end).is_some());
                assert!(u.codes.iter().all(|c| plan.codebook.get(*c).is_some()));
            }
        }
    }
});
