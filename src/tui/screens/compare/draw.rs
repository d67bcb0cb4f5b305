//! Drawing view 6: the passages where we differ on the left, the selected one on the
//! right with both sides' units and codes, under the agreement figures.

use crate::analysis::agreement::Coefficients;
use crate::model::UnitId;
use crate::text::ellipsize;
use crate::tui::app::App;
use crate::tui::widgets::list::{empty_pane, inner, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Draws view 6 in `body`.
pub fn draw(f: &mut Frame, app: &App, body: Rect) {
    let [list, right] = if app.zoom {
        [body, Rect::default()]
    } else {
        Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(body)
    };
    let s = &app.compare;
    let me = app.session.coder();
    let Some(other) = s.other.as_deref() else {
        let block = Block::bordered()
            .title(" Compare ")
            .border_style(app.theme.border(true));
        let area = block.inner(body);
        f.render_widget(block, body);
        return empty_pane(
            f,
            app,
            "Nobody else has coded in this project yet: view 6 compares your coding with \
             another person's, passage by passage.",
            area,
        );
    };
    let title = format!("{me} and {other}: {} passages differ", s.diffs.len());
    f.render_widget(
        Block::bordered()
            .title(format!(
                " {} ",
                ellipsize(&title, list.width.saturating_sub(4) as usize)
            ))
            .border_style(app.theme.border(true)),
        list,
    );
    let area = inner(list);
    let p = app.session.project();
    if s.diffs.is_empty() {
        empty_pane(
            f,
            app,
            "No differences in the transcripts you both coded.",
            area,
        );
    } else {
        let height = area.height as usize / 2;
        let sel = s.sel.min(s.diffs.len() - 1);
        let top = window(0, sel, height.max(1));
        let width = area.width as usize;
        let mut lines = Vec::new();
        for (i, d) in s.diffs.iter().enumerate().skip(top).take(height) {
            let t = p.transcript(d.transcript);
            let name = t.map_or("?", |t| t.name.as_str());
            let words = t.and_then(|t| t.text.get(d.span.clone())).unwrap_or("");
            let style = if i == sel {
                app.theme.list_cursor(true)
            } else {
                Style::new()
            };
            lines.push(Line::from(Span::styled(
                ellipsize(&format!("{} · {name}", d.kind.describe(me, other)), width),
                style.add_modifier(Modifier::BOLD),
            )));
            lines.push(Line::from(Span::styled(
                ellipsize(&format!("  “{words}”"), width),
                style,
            )));
        }
        f.render_widget(Paragraph::new(lines), area);
    }
    if right.width == 0 {
        return;
    }
    let block = Block::bordered()
        .title(" The passage ")
        .border_style(app.theme.border(false));
    let area = block.inner(right);
    f.render_widget(block, right);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(a) = &s.figures {
        lines.push(Line::from(Span::styled(
            format!("Over {} characters: {}", a.characters, figures(&a.overall)),
            app.theme.accent(),
        )));
        lines.push(Line::from(""));
    }
    if let Some(d) = s.diffs.get(s.sel) {
        let side = |lines: &mut Vec<Line>, who: &str, units: &[UnitId]| {
            if units.is_empty() {
                lines.push(Line::from(Span::styled(
                    format!("{who}: not coded"),
                    app.theme.muted(),
                )));
            }
            for id in units {
                let Some(u) = p.unit(who, *id) else {
                    continue;
                };
                let codes: Vec<String> =
                    u.codes.iter().map(|c| p.codebook.path_label(*c)).collect();
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("{who}: "),
                        Style::new().add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(codes.join("; ")),
                ]));
                lines.push(Line::from(format!("  “{}”", p.quote(u))));
            }
            lines.push(Line::from(""));
        };
        side(&mut lines, me, &d.a_units);
        side(&mut lines, other, &d.b_units);
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn figures(c: &Coefficients) -> String {
    let pc = |x: Option<f64>| x.map_or("–".into(), |v| format!("{:.0} %", v * 100.0));
    let co = |x: Option<f64>| x.map_or("–".into(), |v| format!("{v:.2}"));
    format!(
        "agreement {} · κ {} · α {}",
        pc(c.percent_agreement),
        co(c.cohen_kappa),
        co(c.krippendorff_alpha)
    )
}
