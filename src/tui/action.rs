//! The one vocabulary of things a user can do. The keymap binds keys to these names,
//! the help screen lists them with their descriptions, and the tests press them.

macro_rules! actions {
    ($($name:ident => $desc:literal,)*) => {
        /// Something the user can do.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($name,)* }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &[Action] = &[$(Action::$name,)*];

            /// The name used in the config file.
            pub fn name(self) -> &'static str {
                match self { $(Action::$name => stringify!($name),)* }
            }

            /// What it does, for the help screen.
            pub fn describe(self) -> &'static str {
                match self { $(Action::$name => $desc,)* }
            }

            /// The action with this config name.
            pub fn from_name(name: &str) -> Option<Action> {
                match name { $(stringify!($name) => Some(Action::$name),)* _ => None }
            }
        }
    };
}

actions! {
    Quit => "quit (everything is already saved)",
    Help => "help for this pane and the global keys",
    Undo => "undo the last change (any change since the project was opened)",
    Redo => "redo what was undone",
    FocusNext => "focus the next pane",
    FocusPrev => "focus the previous pane",
    ViewThemes => "view 1: themes (steps 0–1)",
    ViewCoding => "view 2: coding (step 2)",
    ViewCondensation => "view 3: condensation (step 3)",
    ViewSynthesis => "view 4: synthesis (step 4)",
    ViewReview => "view 5: review — comment threads, replies, resolving",
    ViewCompare => "view 6: compare my coding with another person's",
    ViewReports => "view 7: reports across focus groups (code × group, co-occurrence, coverage)",
    Comment => "comment on what is selected (Tab: stance; Esc posts)",
    CycleMarks => "whose work is shown: mine, everyone's, each person's (theirs read only)",
    Reply => "reply in the thread",
    Resolve => "resolve the thread, or reopen it",
    FilterThreads => "show all threads, those on my work, by me, or by each other person",
    SpotChecks => "switch between the threads and my latest spot-check",
    Agree => "spot-check: agree with this coding",
    Disagree => "spot-check: disagree (then say why)",
    Unsure => "spot-check: unsure",
    Adopt => "take the other person's coding of the passage into mine",
    OtherCoder => "compare with the next other person",
    Cancel => "close the overlay, end the selection, clear a filter",
    Down => "move down",
    Up => "move up",
    Left => "previous character",
    Right => "next character",
    Top => "go to the top",
    Bottom => "go to the bottom",
    HalfPageDown => "half a page down",
    HalfPageUp => "half a page up",
    PageDown => "a page down",
    PageUp => "a page up",
    WordNext => "next word",
    WordPrev => "previous word",
    WordEnd => "end of the word",
    TurnNext => "next speaker turn",
    TurnPrev => "previous speaker turn",
    TranscriptNext => "next transcript",
    TranscriptPrev => "previous transcript",
    Select => "start a selection at the cursor (again: end it)",
    SelectTurn => "select the whole speaker turn",
    Code => "code the selection (or the selected unit)",
    Search => "search this pane",
    SearchNext => "next search match",
    SearchPrev => "previous search match",
    ShowUnit => "show the unit in its transcript",
    DeleteUnit => "delete the meaning unit",
    Reshape => "change the unit's boundaries: its passage becomes the selection; Enter keeps the new ones",
    EditNote => "edit the unit's note",
    NewCode => "new code under the selected one (at the top when empty)",
    RenameCode => "rename the code",
    DeleteCode => "delete the code (asks when it holds units)",
    MoveCodeDown => "move the code down among its siblings",
    MoveCodeUp => "move the code up among its siblings",
    Outdent => "move the code out one level",
    Indent => "move the code in, under the sibling above",
    MergeCode => "merge: mark a code, then on the code it becomes press again (every person's units follow)",
    Fold => "fold or unfold the node (hide or show the codes below it)",
    Filter => "show only this code's units in the units pane (again: clear)",
    FilterTree => "filter the tree as you type",
    EditText => "edit the text (Esc leaves the editor, keeping the text)",
    LockPreconceptions => "lock the preconceptions memo (later additions become dated addenda)",
    NewTheme => "new preliminary theme below the selected one",
    RenameTheme => "rename the theme",
    DeleteTheme => "delete the theme (undoable; a code group it seeded stays)",
    MoveThemeDown => "move the theme down",
    MoveThemeUp => "move the theme up",
    ThemeToGroup => "make a code group from the theme (the theme stays, linked to it)",
    MoveToSubgroup => "move the unit to another subgroup of its code group (1–9 pick one)",
    FilterByCode => "show only the units with a code below the subgroup (again: the next code, then all)",
    ThemeToSubgroup => "make a subgroup of an existing code group from the theme (pick the group)",
    LinkTheme => "link the theme to an existing code group or subgroup (pick it)",
    MoreQuote => "quote the unit in the results too, after the golden quote ❝ (again: not)",
    GoldenQuote => "make the unit the subgroup's golden quote ★ (again: undo that)",
    Contradicts => "view 4: flag the unit as contradicting the synthesis ⚑ (again: unflag)",
    ToggleReread => "mark the transcript as re-read against the synthesis (again: unmark)",
    Zoom => "give the focused pane the whole screen (again: all panes)",
    Participants => "participants: who speaks; role, group, focus group, attributes",
    RenameParticipant => "rename the participant (a pseudonym, say)",
    SetRole => "set the participant's role (moderator, participant, …)",
    SetGroup => "set the participant's group (such as managers)",
    SetFocusGroup => "set the participant's focus group",
    SetAttribute => "set a free attribute of the participant (key=value; key= removes it)",
    MergeParticipant => "merge: mark a participant, then on the one they are, press again",
    LeaveEditor => "leave the editor, keeping the text (the visit is one undo step)",
    CycleReport => "the next table (by group, role, participant, …; co-occurrence; coverage)",
    ColumnLeft => "the column to the left",
    ColumnRight => "the column to the right",
    CellUnits => "list the meaning units behind the cell",
    Back => "back to where a unit was shown in its transcript from",
    NewCodePlace => "a new code from the picker: under the selected node, or at the top",
    Confirm => "accept",
    Yes => "yes",
    No => "no",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(*a));
            assert!(!a.describe().is_empty());
        }
    }
}
