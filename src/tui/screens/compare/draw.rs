//! Drawing view 6: the passages where we differ on the left; on the right the agreement
//! figures (overall, and of the codes the selected passage is about), the passage in its
//! turns with both people's spans marked, and both sides' units with their codes.

use crate::derived::agreement::Coefficients;
use crate::model::UnitId;
use crate::text::{self, ellipsize};
use crate::tui::app::App;
use crate::tui::widgets::list::{empty_pane, inner, window};
use crate::tui::widgets::passage;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

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
    let title = match s.diffs.len() {
        1 => format!("{me} and {other}: 1 passage differs"),
        n => format!("{me} and {other}: {n} passages differ"),
    };
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
    let width = area.width as usize;
    let mut top: Vec<Line> = Vec::new();
    if let Some(a) = &s.figures {
        top.push(Line::from(Span::styled(
            ellipsize(
                &format!("Over {} characters: {}", a.characters, figures(&a.overall)),
                width,
            ),
            app.theme.accent(),
        )));
    }
    let Some(d) = s.diffs.get(s.sel) else {
        return f.render_widget(Paragraph::new(top), area);
    };
    if let Some(a) = &s.figures {
        top.extend(code_figures(app, a, d, width));
    }
    top.push(Line::from(vec![
        Span::raw("Marked: "),
        Span::styled(me.to_string(), app.theme.coded()),
        Span::raw(" · "),
        Span::styled(other.to_string(), app.theme.others()),
        Span::raw(" · "),
        Span::styled("both", app.theme.coded().patch(app.theme.others())),
    ]));
    top.push(Line::from(""));
    let mut sides: Vec<Line> = vec![Line::from("")];
    side(app, &mut sides, me, &d.a_units, width);
    side(app, &mut sides, other, &d.b_units, width);
    let rows = (area.height as usize)
        .saturating_sub(top.len() + sides.len())
        .max(3);
    let mut lines = top;
    if let Some(t) = p.transcript(d.transcript) {
        let spans = |who: &str, ids: &[UnitId]| -> Vec<(std::ops::Range<usize>, UnitId)> {
            ids.iter()
                .filter_map(|id| p.unit(who, *id).map(|u| (u.span(), u.id)))
                .collect()
        };
        let mine = spans(me, &d.a_units);
        let theirs: Vec<_> = spans(other, &d.b_units)
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        lines.extend(passage::lines(
            t,
            d.span.clone(),
            &mine,
            &theirs,
            &app.theme,
            (width, rows),
        ));
    }
    lines.extend(sides);
    f.render_widget(Paragraph::new(lines), area);
}

/// The figures of the codes the passage's units carry (either person's), in tree order
/// (the order the figures are in): the codes the difference is about.
fn code_figures(
    app: &App,
    a: &crate::derived::agreement::Agreement,
    d: &crate::derived::compare::Difference,
    width: usize,
) -> Vec<Line<'static>> {
    let p = app.session.project();
    let me = app.session.coder();
    let other = app.compare.other.as_deref().unwrap_or_default();
    let mut codes = std::collections::HashSet::new();
    for (who, units) in [(me, &d.a_units), (other, &d.b_units)] {
        for u in units.iter().filter_map(|id| p.unit(who, *id)) {
            codes.extend(u.codes.iter().map(|c| c.to_string()));
        }
    }
    a.codes
        .iter()
        .filter(|x| codes.contains(&x.id))
        .map(|x| {
            Line::from(Span::styled(
                ellipsize(
                    &format!("· {}: {}", x.name, short_figures(&x.coefficients)),
                    width,
                ),
                app.theme.muted(),
            ))
        })
        .collect()
}

/// One person's units of the passage: their codes, and the words each covers.
fn side(app: &App, lines: &mut Vec<Line>, who: &str, units: &[UnitId], width: usize) {
    let p = app.session.project();
    if units.is_empty() {
        lines.push(Line::from(Span::styled(
            ellipsize(&format!("{who}: not coded"), width),
            app.theme.muted(),
        )));
    }
    for id in units {
        let Some(u) = p.unit(who, *id) else {
            continue;
        };
        let codes: Vec<String> = u.codes.iter().map(|c| p.codebook.path_label(*c)).collect();
        let head = format!("{who}: ");
        lines.push(Line::from(vec![
            Span::styled(head.clone(), Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(ellipsize(
                &codes.join("; "),
                width.saturating_sub(text::width(&head)),
            )),
        ]));
        lines.push(Line::from(ellipsize(&format!("  “{}”", p.quote(u)), width)));
    }
}

fn figures(c: &Coefficients) -> String {
    format!("agreement {}", short_figures(c))
}

fn short_figures(c: &Coefficients) -> String {
    let pc = |x: Option<f64>| x.map_or("–".into(), crate::derived::agreement::percent);
    let co = |x: Option<f64>| x.map_or("–".into(), |v| format!("{v:.2}"));
    format!(
        "{} · κ {} · α {}",
        pc(c.percent_agreement),
        co(c.cohen_kappa),
        co(c.krippendorff_alpha)
    )
}
