//! Draws an open editor: its text wrapped at word boundaries the way the transcript is
//! (the space a row breaks at hangs off its end, so no row starts with a space — which
//! ratatui-textarea's own wrapping does whenever a word ends at the edge), the cursor
//! and any selection. The editor's `TextArea` keeps the text, the cursor and the keys.

use crate::tui::editor::{Drawn, Editor, Laid};
use crate::tui::theme::Theme;
use kondens_core::text::drawn;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Draws `ed` into `area`, scrolled so the cursor is in sight.
pub fn draw(buf: &mut Buffer, area: Rect, ed: &Editor, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let (width, height) = (area.width as usize, area.height as usize);
    let laid = Laid::of(ed, width);
    let top = laid.top(ed.drawn.get().top, height);
    ed.drawn.set(Drawn { width, height, top });
    let selected = Laid::selection(ed);
    let Laid {
        text,
        rows,
        cursor,
        cursor_row,
    } = laid;
    let mut cursor_cell = None;
    for (n, row) in rows.iter().enumerate().skip(top).take(height) {
        let y = area.y + (n - top) as u16;
        let mut x = 0;
        for (i, g) in text[row.clone()].grapheme_indices(true) {
            let at = row.start + i;
            let shown = if g == "\t" { " " } else { drawn(g) };
            let w = shown.width();
            if n == cursor_row && at == cursor {
                cursor_cell = Some((x.min(width - 1), y));
            }
            if x + w > width {
                break; // a hanging space
            }
            let style = if selected.as_ref().is_some_and(|s| s.contains(&at)) {
                theme.selection()
            } else {
                Style::new()
            };
            buf.set_stringn(area.x + x as u16, y, shown, w, style);
            x += w;
        }
        if n == cursor_row && cursor_cell.is_none() {
            cursor_cell = Some((x.min(width - 1), y));
        }
    }
    if let Some((x, y)) = cursor_cell {
        let cell = &mut buf[(area.x + x as u16, y)];
        cell.set_style(Style::new().add_modifier(Modifier::REVERSED));
        if cell.symbol().is_empty() {
            cell.set_symbol(" ");
        }
    }
}
