//! The mouse: a click focuses a pane and moves the cursor or selection, a drag selects
//! text, the wheel scrolls.

use super::app::{App, Pane, View};
use super::stc_state::Side;
use crate::text;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

fn inside(r: Rect, col: u16, row: u16) -> bool {
    r.contains(Position { x: col, y: row })
}

impl App {
    /// Views 1, 3 and 4: a click focuses the pane under it, the wheel moves through
    /// its list.
    fn stc_mouse(&mut self, ev: MouseEvent) {
        let sides = [Side::Left, Side::Middle, Side::Right];
        let Some(side) = (0..3)
            .find(|i| inside(self.stc.areas[*i], ev.column, ev.row))
            .map(|i| sides[i])
        else {
            return;
        };
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if self.view == View::Themes {
                    self.stc.themes_side = side;
                } else {
                    self.stc.side = side;
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let saved = (self.stc.side, self.stc.themes_side);
                self.stc.side = side;
                self.stc.themes_side = side;
                self.update(if ev.kind == MouseEventKind::ScrollDown {
                    super::action::Action::Down
                } else {
                    super::action::Action::Up
                });
                (self.stc.side, self.stc.themes_side) = saved;
            }
            _ => {}
        }
    }

    /// The transcript offset under a screen cell, if it is on a text row.
    fn offset_at(&self, col: u16, row: u16) -> Option<usize> {
        let t = self.transcript()?;
        let drawn = self.drawn_rows.iter().find(|r| r.y == row)?;
        let bytes = drawn.bytes.clone()?;
        let c = col.saturating_sub(drawn.x) as usize;
        Some(text::offset_at_col(&t.text, bytes, c))
    }

    /// Handles one mouse event.
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        if self.overlay.is_some() || self.editor.is_some() {
            return;
        }
        if self.view != View::Coding {
            return self.stc_mouse(ev);
        }
        let (col, row) = (ev.column, ev.row);
        let pane = if inside(self.areas.transcript, col, row) {
            Some(Pane::Transcript)
        } else if inside(self.areas.units, col, row) {
            Some(Pane::Units)
        } else if inside(self.areas.tree, col, row) {
            Some(Pane::Tree)
        } else {
            None
        };
        match ev.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = ev.kind == MouseEventKind::ScrollDown;
                match pane {
                    Some(Pane::Transcript) => {
                        if let Some(t) = self.session.project().transcripts.get(self.tv.idx) {
                            self.tv.scroll(t, if down { 3 } else { -3 });
                        }
                    }
                    Some(p) => {
                        let saved = self.focus;
                        self.focus = p;
                        self.update(if down {
                            super::action::Action::Down
                        } else {
                            super::action::Action::Up
                        });
                        self.focus = saved;
                    }
                    None => {}
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                let Some(p) = pane else { return };
                self.focus = p;
                match p {
                    Pane::Transcript => {
                        if let Some(off) = self.offset_at(col, row) {
                            self.tv.anchor = None;
                            self.set_mouse_anchor(Some(off));
                            if let Some(t) = self.session.project().transcripts.get(self.tv.idx) {
                                self.tv.jump(t, off);
                            }
                        }
                    }
                    Pane::Units => {
                        let index = self.unit_top
                            + (row.saturating_sub(self.areas.units.y + 1) / 2) as usize;
                        if let Some(id) = self.shown_unit_id(index) {
                            self.unit_sel = Some(id);
                            self.reveal_unit(id);
                        }
                    }
                    Pane::Tree => {
                        let index =
                            self.tree_top + row.saturating_sub(self.areas.tree.y + 1) as usize;
                        if let Some((_, id)) = self.tree_rows().get(index) {
                            self.tree_sel = Some(*id);
                        }
                    }
                }
            }
            MouseEventKind::Drag(MouseButton::Left) => {
                if let (Some(start), Some(off)) = (self.mouse_anchor(), self.offset_at(col, row))
                    && off != start
                {
                    self.tv.anchor = Some(start);
                    if let Some(t) = self.session.project().transcripts.get(self.tv.idx) {
                        self.tv.jump(t, off);
                    }
                }
            }
            MouseEventKind::Up(_) => self.set_mouse_anchor(None),
            _ => {}
        }
    }
}
