//! `/`, then `n` / `N`, in the panes of views 1, 3, 4 and 7: a list moves its selection to
//! the next item that holds the words; a text pane scrolls to the next row that does.
//! (View 2 has its own: the transcript's search, the units' search, the tree's filter.)

use super::action::Action;
use super::app::App;
use super::keymap::Scope;
use super::overlays::PromptKind;
use super::screens::{Side, View};
use crate::derived::stc;
use crate::tui::widgets::text_pane;

/// What the focused pane offers to search.
enum Target {
    /// One text per item, and the selected item.
    List(Vec<String>, usize),
    /// A text pane: its wrapped rows, and how far it is scrolled.
    Text(Vec<String>, usize),
}

impl App {
    /// Acts on `/`, `n` or `N` in the focused pane of views 1, 3, 4 and 7.
    pub(in crate::tui) fn pane_search(&mut self, action: Action) {
        match action {
            Action::Search => self.prompt(PromptKind::SearchPane, ""),
            Action::SearchNext => self.find_in_pane(true, false),
            Action::SearchPrev => self.find_in_pane(false, false),
            _ => {}
        }
    }

    /// The search prompt was answered: the first match from the selection on.
    pub(in crate::tui) fn pane_query_entered(&mut self, query: &str) {
        self.pane_query = query.trim().to_string();
        if !self.pane_query.is_empty() {
            self.find_in_pane(true, true);
        }
    }

    /// Goes to the next (or previous) match of the last query; `here` counts the
    /// selected item (or the top row) itself.
    fn find_in_pane(&mut self, forward: bool, here: bool) {
        let q = self.pane_query.to_lowercase();
        if q.is_empty() {
            return self.complain("No search: press / to search");
        }
        let Some(target) = self.search_target() else {
            return self.complain("Nothing to search in this pane");
        };
        let (items, at) = match &target {
            Target::List(items, at) | Target::Text(items, at) => (items, *at),
        };
        let n = items.len();
        let found = (0..n)
            .map(|k| {
                let k = if here { k } else { k + 1 };
                if forward {
                    (at + k) % n
                } else {
                    (at + n * 2 - k) % n
                }
            })
            .find(|&i| items[i].to_lowercase().contains(&q));
        let Some(i) = found else {
            return self.complain(format!("No matches for {:?}", self.pane_query));
        };
        let total = items
            .iter()
            .filter(|s| s.to_lowercase().contains(&q))
            .count();
        match target {
            Target::List(..) => self.select_in_pane(i),
            Target::Text(..) => self.scroll_pane_to(i),
        }
        let next = self.keymap.keys_for(self.scope(), Action::SearchNext);
        self.say(format!(
            "{total} match{} for {:?}{}",
            if total == 1 { "" } else { "es" },
            self.pane_query,
            if next.is_empty() {
                String::new()
            } else {
                format!(" ({next}: next)")
            }
        ));
    }

    /// The items (or rows) of the focused pane.
    fn search_target(&mut self) -> Option<Target> {
        let project = self.session.project();
        let coder = self.session.coder();
        Some(match (self.view, self.scope()) {
            (View::Themes, Scope::Themes) => {
                let themes = &project.analysis_of(coder).themes;
                let items = themes
                    .iter()
                    .map(|t| format!("{} {}", t.name, t.note))
                    .collect();
                Target::List(items, self.themes.sel.min(themes.len().saturating_sub(1)))
            }
            (_, Scope::Groups) => {
                let rows = stc::group_rows(project);
                let at = self
                    .selected_row()
                    .and_then(|r| rows.iter().position(|x| x.id == r.id))
                    .unwrap_or(0);
                let items = rows
                    .iter()
                    .map(|r| {
                        project
                            .codebook
                            .get(r.id)
                            .map_or("", |n| n.name.as_str())
                            .to_string()
                    })
                    .collect();
                Target::List(items, at)
            }
            (_, Scope::Lifted) => {
                let all = project.units_of(coder);
                let items = self
                    .lifted()
                    .iter()
                    .filter_map(|&p| all.get(p))
                    .map(|u| {
                        format!(
                            "{} {} {}",
                            project.participant_names_of(u).join(" "),
                            project.quote(u),
                            u.note
                        )
                    })
                    .collect();
                Target::List(items, self.groups.lifted_sel)
            }
            (_, Scope::Validation) => {
                let items = self
                    .form_rows()
                    .iter()
                    .map(|r| match r {
                        super::screens::groups::FormRow::Heading => "Result heading".into(),
                        super::screens::groups::FormRow::Note => "Note".into(),
                        super::screens::groups::FormRow::Transcript(i) => project
                            .transcripts
                            .get(*i)
                            .map_or(String::new(), |t| t.name.clone()),
                    })
                    .collect();
                Target::List(items, self.groups.form_sel)
            }
            (View::Reports, Scope::Report) => {
                let items = match self.reports.data() {
                    Some(super::screens::reports::Data::Table(r)) => {
                        r.rows.iter().map(|row| row.path.clone()).collect()
                    }
                    Some(super::screens::reports::Data::Coverage(c)) => {
                        c.transcripts.iter().map(|t| t.transcript.clone()).collect()
                    }
                    None => Vec::new(),
                };
                Target::List(items, self.reports.row)
            }
            (View::Reports, Scope::ReportUnits) => {
                let items = self
                    .reports
                    .opened
                    .as_ref()?
                    .iter()
                    .map(|(c, id)| {
                        project
                            .unit(c, *id)
                            .map_or(String::new(), |u| format!("{c} {}", project.quote(u)))
                    })
                    .collect();
                Target::List(items, self.reports.unit_sel)
            }
            (View::Themes, Scope::Memo) => {
                let body = self.themes.areas[0].union(self.themes.areas[2]);
                let (area, pane) = super::screens::themes::focused_text_pane(self, body);
                Target::Text(text_pane::rows(area, &pane), self.themes.scroll as usize)
            }
            (View::Condensation | View::Synthesis, Scope::Memo)
                if self.groups.side == Side::Right =>
            {
                let pane = super::screens::groups::right_text_pane(self)?;
                let area = self.groups.areas[2];
                Target::Text(text_pane::rows(area, &pane), self.groups.scroll as usize)
            }
            _ => return None,
        })
        .filter(
            |t| !matches!(t, Target::List(items, _) | Target::Text(items, _) if items.is_empty()),
        )
    }

    /// Selects item `i` of the focused list.
    fn select_in_pane(&mut self, i: usize) {
        match self.scope() {
            Scope::Themes => self.themes.sel = i,
            Scope::Groups => {
                let rows = stc::group_rows(self.session.project());
                if let Some(r) = rows.get(i) {
                    self.select_group_row(r.id);
                }
            }
            Scope::Lifted => self.groups.lifted_sel = i,
            Scope::Validation => self.groups.form_sel = i,
            Scope::Report => self.reports.row = i,
            Scope::ReportUnits => self.reports.unit_sel = i,
            _ => {}
        }
    }

    /// Scrolls the focused text pane so that row `i` is at its top.
    fn scroll_pane_to(&mut self, i: usize) {
        let row = u16::try_from(i).unwrap_or(u16::MAX);
        if self.view == View::Themes {
            self.themes.scroll = row;
        } else {
            self.groups.scroll = row;
        }
    }
}
