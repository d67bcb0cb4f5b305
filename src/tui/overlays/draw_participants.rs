//! The participants overlay: one row per participant with role, group, focus group,
//! attributes and the labels that are them.

use crate::model::ParticipantId;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::widgets::list::ellipsize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Draws the overlay over `area`.
pub fn draw(f: &mut Frame, app: &App, area: Rect, sel: usize, merging: Option<ParticipantId>) {
    let r = super::draw::centered(area, area.width.saturating_sub(4).max(20), area.height);
    f.render_widget(Clear, r);
    let keys = |a| app.keymap.keys_for(Scope::Participants, a);
    let hint = format!(
        " {} name · {} role · {} group · {} focus group · {} attribute · {} merge · Esc close ",
        keys(Action::RenameParticipant),
        keys(Action::SetRole),
        keys(Action::SetGroup),
        keys(Action::SetFocusGroup),
        keys(Action::SetAttribute),
        keys(Action::MergeParticipant),
    );
    let all = app.participants_list();
    let read_only = if app.session.tree_held_by().is_some() {
        " · read-only"
    } else {
        ""
    };
    let block = Block::bordered()
        .title(format!(" Participants ({}){read_only} ", all.len()))
        .title_bottom(hint)
        .border_style(app.theme.border(true));
    let inner = block.inner(r);
    f.render_widget(block, r);
    if all.is_empty() {
        f.render_widget(
            Paragraph::new("No participants yet: import transcripts with speaker labels.")
                .style(app.theme.muted()),
            inner,
        );
        return;
    }
    let height = inner.height as usize;
    let sel = sel.min(all.len() - 1);
    let top = sel.saturating_sub(height.saturating_sub(1));
    let width = inner.width as usize;
    let mut lines = Vec::new();
    for (i, p) in all.iter().enumerate().skip(top).take(height) {
        let labels: Vec<String> = p
            .labels
            .iter()
            .map(|r| {
                let t = app
                    .session
                    .project()
                    .transcript(r.transcript)
                    .map_or("?", |t| t.name.as_str());
                // The transcript is said only where it is not the focus group already.
                if t == p.focus_group {
                    r.label.clone()
                } else {
                    format!("{}:{}", ellipsize(t, 24), r.label)
                }
            })
            .collect();
        let mut rest = (if p.role.is_empty() { "-" } else { &p.role }).to_string();
        if !p.group.is_empty() {
            rest.push_str(&format!(" · {}", p.group));
        }
        if !p.focus_group.is_empty() {
            rest.push_str(&format!(" · {}", p.focus_group));
        }
        for (k, v) in &p.attributes {
            rest.push_str(&format!(" · {k}={v}"));
        }
        rest.push_str(&format!(" · labels: {}", labels.join(", ")));
        let mark = if merging == Some(p.id) { "⇢ " } else { "  " };
        let mut style = Style::new();
        if i == sel {
            style = app.theme.list_cursor(true);
        }
        let room = width.saturating_sub(2);
        let name = ellipsize(&p.name, room);
        let rest = ellipsize(&rest, room.saturating_sub(crate::text::width(&name) + 2));
        let used = 2 + crate::text::width(&name) + 2 + crate::text::width(&rest);
        lines.push(Line::from(vec![
            Span::styled(mark, app.theme.accent().patch(style)),
            Span::styled(name, style.add_modifier(Modifier::BOLD)),
            Span::styled(format!("  {rest}"), app.theme.muted().patch(style)),
            Span::styled(" ".repeat(width.saturating_sub(used)), style),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
