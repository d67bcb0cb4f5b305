//! Drawing view 5: the threads on the left (open ones first; a mark and the stance read
//! without colour), the selected thread on the right with what it is about, in context,
//! and its comments. Only the rows in sight are drawn.

use crate::model::{Project, Target, Thread};
use crate::text::ellipsize;
use crate::tui::app::App;
use crate::tui::widgets::list::{empty_pane, inner, window};
use crate::tui::widgets::passage;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Draws view 5 in `body`.
pub fn draw(f: &mut Frame, app: &App, body: Rect) {
    let [list, thread] = if app.zoom {
        [body, Rect::default()]
    } else {
        Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(body)
    };
    if app.review.spotting {
        return draw_spot(f, app, list, thread);
    }
    let threads = app.review_threads();
    let open = threads.iter().filter(|t| !t.resolved).count();
    let title = format!(
        "Threads: {} · {open} open of {}",
        app.review.filter.label(),
        threads.len()
    );
    let area = list_frame(f, app, &title, list);
    if threads.is_empty() {
        empty_pane(
            f,
            app,
            "No comments yet. C on a meaning unit, a code, a passage, a theme or a \
             subgroup starts a thread; everyone who opens the project sees it here.",
            area,
        );
    } else {
        draw_list(f, app, &threads, area);
    }
    if thread.width > 0 {
        draw_thread(f, app, threads.get(app.review.sel), thread);
    }
}

/// What a thread is about, in a few words.
pub fn about(p: &Project, target: &Target) -> String {
    let whose = |o: &str| format!("{o}'s ");
    match target {
        Target::Unit { owner, id } => match p.unit(owner, *id) {
            Some(u) => format!("{}unit “{}”", whose(owner), p.quote(u)),
            None => format!("{}unit (deleted)", whose(owner)),
        },
        Target::Code(id) => format!("code {}", p.codebook.path_label(*id)),
        Target::Theme { owner, id } => format!(
            "{}theme {}",
            whose(owner),
            p.analysis_of(owner)
                .theme(*id)
                .map_or("(deleted)", |t| t.name.as_str())
        ),
        Target::Condensate { owner, subgroup } => {
            format!(
                "{}condensate of {}",
                whose(owner),
                p.codebook.path_label(*subgroup)
            )
        }
        Target::AnalyticText { owner, subgroup } => format!(
            "{}analytic text of {}",
            whose(owner),
            p.codebook.path_label(*subgroup)
        ),
        Target::ResultHeading { owner, group } => format!(
            "{}result heading of {}",
            whose(owner),
            p.codebook.path_label(*group)
        ),
        Target::Preconceptions { owner } => format!("{}preconceptions", whose(owner)),
        Target::Passage {
            transcript,
            start,
            end,
        } => match p.transcript(*transcript) {
            Some(t) => format!(
                "passage “{}” in {}",
                t.text.get(*start..*end).unwrap_or(""),
                t.name
            ),
            None => "passage (transcript gone)".into(),
        },
    }
}

fn draw_list(f: &mut Frame, app: &App, threads: &[Thread<'_>], area: Rect) {
    let p = app.session.project();
    let rows_each = 2usize;
    let height = area.height as usize / rows_each;
    let sel = app.review.sel.min(threads.len().saturating_sub(1));
    let top = window(0, sel, height.max(1));
    let width = area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (i, t) in threads.iter().enumerate().skip(top).take(height) {
        let state = if t.resolved {
            "✓ resolved"
        } else {
            "✉ open"
        };
        let first = t
            .comments
            .first()
            .map(|(_, c)| c.stance.label())
            .unwrap_or("");
        let n = t.comments.len();
        let head = format!(
            "{state} · {} · {first} · {n} comment{}",
            t.author(),
            if n == 1 { "" } else { "s" }
        );
        let style = if i == sel {
            app.theme.list_cursor(true)
        } else if t.resolved {
            app.theme.muted()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(Span::styled(ellipsize(&head, width), style)));
        lines.push(Line::from(Span::styled(
            ellipsize(&format!("  {}", about(p, t.target)), width),
            if i == sel { style } else { app.theme.muted() },
        )));
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn draw_thread(f: &mut Frame, app: &App, thread: Option<&Thread<'_>>, area: Rect) {
    let block = Block::bordered()
        .title(" The thread ")
        .border_style(app.theme.border(false));
    let inner_area = block.inner(area);
    f.render_widget(block, area);
    let Some(t) = thread else {
        return;
    };
    let p = app.session.project();
    // A unit or passage is shown in its turns, with a little of the words around it;
    // the line above then says whose and where, not the words again.
    let width = inner_area.width as usize;
    let in_turns = in_its_turns(app, t.target, width);
    let about = match (t.target, in_turns.is_empty()) {
        (Target::Unit { owner, id }, false) => {
            let place = p
                .unit(owner, *id)
                .and_then(|u| p.transcript(u.transcript))
                .map_or("?", |t| t.name.as_str());
            format!("{owner}'s unit in {place}")
        }
        (Target::Passage { transcript, .. }, false) => {
            let place = p.transcript(*transcript).map_or("?", |t| t.name.as_str());
            format!("a passage in {place}")
        }
        _ => about(p, t.target),
    };
    let mut lines: Vec<Line> = vec![
        Line::from(Span::styled(
            format!("On the {}", t.target.kind()),
            app.theme.accent(),
        )),
        Line::from(about),
    ];
    if let Some(text) = context(p, t.target) {
        lines.push(Line::from(Span::styled(text, app.theme.muted())));
    }
    lines.push(Line::from(""));
    if !in_turns.is_empty() {
        lines.extend(in_turns);
        lines.push(Line::from(""));
    }
    for (author, c) in &t.comments {
        let reply = if c.id == c.thread { "" } else { "↳ " };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{reply}{author}"),
                ratatui::style::Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                format!(" · {} · {}", when(c.written), c.stance.label()),
                app.theme.muted(),
            ),
        ]));
        for l in c.text.lines() {
            lines.push(Line::from(format!("  {l}")));
        }
        lines.push(Line::from(""));
    }
    if t.resolved {
        lines.push(Line::from(Span::styled(
            "✓ resolved (R reopens)",
            app.theme.ok(),
        )));
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner_area);
}

/// How many rows a unit or passage in its turns may take above the comments.
const PASSAGE_ROWS: usize = 6;

/// A thread's unit or passage in its turns (mine marked as in view 2, others' as theirs
/// are there); nothing for other objects.
fn in_its_turns<'a>(app: &'a App, target: &Target, width: usize) -> Vec<Line<'a>> {
    let p = app.session.project();
    let me = app.session.coder();
    let (transcript, span, mine) = match target {
        Target::Unit { owner, id } => match p.unit(owner, *id) {
            Some(u) => (u.transcript, u.span(), (owner == me).then_some(u.id)),
            None => return Vec::new(),
        },
        Target::Passage {
            transcript,
            start,
            end,
        } => (*transcript, *start..*end, None),
        _ => return Vec::new(),
    };
    let Some(t) = p.transcript(transcript) else {
        return Vec::new();
    };
    let (mine, theirs) = match mine {
        Some(id) => (vec![(span.clone(), id)], Vec::new()),
        None => (Vec::new(), vec![span.clone()]),
    };
    passage::lines(t, span, &mine, &theirs, &app.theme, (width, PASSAGE_ROWS))
}

/// The text a thread's object holds, where it has one (a condensate, an analytic text…).
fn context(p: &Project, target: &Target) -> Option<String> {
    let text = match target {
        Target::Condensate { owner, subgroup } => {
            p.analysis_of(owner).subgroup(*subgroup)?.condensate.clone()
        }
        Target::AnalyticText { owner, subgroup } => p
            .analysis_of(owner)
            .subgroup(*subgroup)?
            .analytic_text
            .clone(),
        Target::ResultHeading { owner, group } => {
            p.analysis_of(owner).group(*group)?.result_heading.clone()
        }
        Target::Preconceptions { owner } => p.analysis_of(owner).preconceptions.text.clone(),
        Target::Theme { owner, id } => p.analysis_of(owner).theme(*id)?.note.clone(),
        _ => return None,
    };
    (!text.trim().is_empty()).then_some(text)
}

/// A time as people read it: `2026-12-03 14:05` (UTC).
fn when(t: crate::model::time::Stamp) -> String {
    let s = t.to_string().replacen('T', " ", 1);
    s.get(..16).unwrap_or(&s).to_string()
}

/// The spot-check being worked through: its sample with each verdict (marks that read
/// without colour), and the selected unit with its codes and what was said.
fn draw_spot(f: &mut Frame, app: &App, list: Rect, right: Rect) {
    use crate::model::Verdict;
    let Some(s) = app.my_spotcheck() else {
        return;
    };
    let p = app.session.project();
    let agreed = s
        .verdicts
        .values()
        .filter(|v| **v == Verdict::Agree)
        .count();
    let disagreed = s
        .verdicts
        .values()
        .filter(|v| **v == Verdict::Disagree)
        .count();
    let title = format!(
        "Spot-check of {}: {} of {} answered · {agreed} agree, {disagreed} disagree",
        s.of,
        s.verdicts.len(),
        s.sample.len()
    );
    let area = list_frame(f, app, &title, list);
    let height = area.height as usize;
    let sel = app.review.spot_sel.min(s.sample.len().saturating_sub(1));
    let top = window(0, sel, height.max(1));
    let width = area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (i, id) in s.sample.iter().enumerate().skip(top).take(height) {
        let mark = match s.verdicts.get(id) {
            Some(Verdict::Agree) => "✓",
            Some(Verdict::Disagree) => "✗",
            Some(Verdict::Unsure) => "?",
            None => "·",
        };
        let quote = p.unit(&s.of, *id).map_or("(deleted)", |u| p.quote(u));
        let style = if i == sel {
            app.theme.list_cursor(true)
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(Span::styled(
            ellipsize(&format!("{mark} {quote}"), width),
            style,
        )));
    }
    f.render_widget(Paragraph::new(lines), area);
    if right.width == 0 {
        return;
    }
    let block = Block::bordered()
        .title(" The unit ")
        .border_style(app.theme.border(false));
    let inner_area = block.inner(right);
    f.render_widget(block, right);
    let Some(id) = s.sample.get(sel) else {
        return;
    };
    let Some(u) = p.unit(&s.of, *id) else {
        f.render_widget(Paragraph::new("This unit has been deleted."), inner_area);
        return;
    };
    let where_ = p.transcript(u.transcript).map_or("?", |t| t.name.as_str());
    let codes: Vec<String> = u.codes.iter().map(|c| p.codebook.path_label(*c)).collect();
    let verdict = s.verdicts.get(id).map(|v| v.label());
    let lines = vec![
        Line::from(Span::styled(
            format!("{} · {where_}", p.speakers_of(u).join(", ")),
            app.theme.accent(),
        )),
        Line::from(format!("“{}”", p.quote(u))),
        Line::from(""),
        Line::from(vec![
            Span::styled("coded ", app.theme.muted()),
            Span::raw(codes.join("; ")),
        ]),
        match verdict {
            Some(v) => Line::from(vec![
                Span::styled("you said ", app.theme.muted()),
                Span::raw(v),
            ]),
            None => Line::from(Span::styled("not answered yet", app.theme.muted())),
        },
    ];
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner_area);
}

/// The left pane's frame with its title; the area inside it.
fn list_frame(f: &mut Frame, app: &App, title: &str, list: Rect) -> Rect {
    f.render_widget(
        Block::bordered()
            .title(format!(
                " {} ",
                ellipsize(title, list.width.saturating_sub(4) as usize)
            ))
            .border_style(app.theme.border(true)),
        list,
    );
    inner(list)
}
