//! The mouse: a click focuses a pane and moves the cursor or selection, a drag selects
//! text, the wheel scrolls.

use super::app::App;
use super::screens::coding::Pane;
use super::screens::{Side, View};
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
        let areas = if self.view == View::Themes {
            self.themes.areas
        } else {
            self.groups.areas
        };
        let Some(side) = (0..3)
            .find(|i| inside(areas[*i], ev.column, ev.row))
            .map(|i| sides[i])
        else {
            return;
        };
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if self.view == View::Themes {
                    self.themes.side = side;
                } else {
                    self.groups.side = side;
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let saved = (self.groups.side, self.themes.side);
                self.groups.side = side;
                self.themes.side = side;
                self.update(if ev.kind == MouseEventKind::ScrollDown {
                    super::action::Action::Down
                } else {
                    super::action::Action::Up
                });
                (self.groups.side, self.themes.side) = saved;
            }
            _ => {}
        }
    }

    /// The transcript offset under a screen cell, if it is on a text row.
    fn offset_at(&self, col: u16, row: u16) -> Option<usize> {
        let t = self.transcript()?;
        let drawn = self.coding.drawn_rows.iter().find(|r| r.y == row)?;
        let bytes = drawn.bytes.clone()?;
        let c = col.saturating_sub(drawn.x) as usize;
        Some(text::offset_at_col(&t.text, bytes, c))
    }

    /// Handles one mouse event, then what it asked to follow.
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        self.mouse(ev);
        self.settle();
    }

    fn mouse(&mut self, ev: MouseEvent) {
        if self.overlay.is_some() || self.editor.is_some() {
            return;
        }
        if self.view != View::Coding {
            return self.stc_mouse(ev);
        }
        let (col, row) = (ev.column, ev.row);
        let pane = if inside(self.coding.areas.transcript, col, row) {
            Some(Pane::Transcript)
        } else if inside(self.coding.areas.units, col, row) {
            Some(Pane::Units)
        } else if inside(self.coding.areas.tree, col, row) {
            Some(Pane::Tree)
        } else {
            None
        };
        match ev.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = ev.kind == MouseEventKind::ScrollDown;
                match pane {
                    Some(Pane::Transcript) => {
                        if let Some(t) = self.session.project().transcripts.get(self.coding.tv.idx)
                        {
                            self.coding.tv.scroll(t, if down { 3 } else { -3 });
                        }
                    }
                    Some(p) => {
                        let saved = self.coding.focus;
                        self.coding.focus = p;
                        self.update(if down {
                            super::action::Action::Down
                        } else {
                            super::action::Action::Up
                        });
                        self.coding.focus = saved;
                    }
                    None => {}
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                let Some(p) = pane else { return };
                self.coding.focus = p;
                match p {
                    Pane::Transcript => {
                        if let Some(off) = self.offset_at(col, row) {
                            self.coding.tv.anchor = None;
                            self.coding.mouse_anchor = Some(off);
                            if let Some(t) =
                                self.session.project().transcripts.get(self.coding.tv.idx)
                            {
                                self.coding.tv.jump(t, off);
                            }
                        }
                    }
                    Pane::Units => {
                        let index = self.coding.unit_top
                            + (row.saturating_sub(self.coding.areas.units.y + 1) / 2) as usize;
                        if let Some(id) = self.shown_unit_id(index) {
                            self.coding.unit_sel = Some(id);
                            self.reveal_unit(id);
                        }
                    }
                    Pane::Tree => {
                        let index = self.coding.tree_top
                            + row.saturating_sub(self.coding.areas.tree.y + 1) as usize;
                        if let Some((_, id)) = self.tree_rows().get(index) {
                            self.coding.tree_sel = Some(*id);
                        }
                    }
                }
            }
            MouseEventKind::Drag(MouseButton::Left) => {
                if let (Some(start), Some(off)) =
                    (self.coding.mouse_anchor, self.offset_at(col, row))
                    && off != start
                {
                    self.coding.tv.anchor = Some(start);
                    if let Some(t) = self.session.project().transcripts.get(self.coding.tv.idx) {
                        self.coding.tv.jump(t, off);
                    }
                }
            }
            MouseEventKind::Up(_) => self.coding.mouse_anchor = None,
            _ => {}
        }
    }
}
