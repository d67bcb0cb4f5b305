//! Property: whatever keys are pressed at whatever size, the transcript cursor stays on a
//! character boundary inside a speaker turn, and a selection stays inside the text.

mod common;

use common::*;
use proptest::prelude::*;

const KEYS: &[&str] = &[
    "j", "k", "h", "l", "w", "b", "e", "}", "{", "]", "[", "g", "G", "ctrl-d", "ctrl-u",
    "pagedown", "pageup", "v", "V", "esc",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn the_cursor_never_leaves_the_words(
        keys in proptest::collection::vec(0..KEYS.len(), 1..120),
        w in 20u16..160,
        h in 6u16..50,
    ) {
        let (_tmp, dir) = demo_project();
        let mut app = app(&dir, "demo");
        draw(&mut app, w, h);
        for k in keys {
            press(&mut app, KEYS[k]);
            draw(&mut app, w, h);
            let t = app.transcript().unwrap();
            let c = app.coding.tv.cursor;
            prop_assert!(t.text.is_char_boundary(c));
            let turn = &t.turns[t.turn_at(c)];
            prop_assert!(c >= turn.start && (c < turn.end || turn.start == turn.end),
                "cursor {} outside turn {}..{} after {}", c, turn.start, turn.end, KEYS[k]);
            if let Some(sel) = app.coding.tv.selection(t) {
                prop_assert!(sel.start < sel.end && sel.end <= t.text.len());
                prop_assert!(t.text.get(sel).is_some());
            }
        }
    }
}
