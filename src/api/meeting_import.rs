//! 导入线上签到: check in an online meeting's participants from its export file.

use std::path::Path;

use crate::Action;
use crate::attendance::meeting_import::{self, Applied, ManualMatch, Preview};

use super::{Call, Reply};

commands! {
/// What importing the file would do: matched and unmatched rows, the invitees to match by hand.
[Edit] pub fn meeting_import_preview(
    state: &Call,
    activity_id: i64,
    path: String,
) -> Reply<Preview> {
    state.read(|c| meeting_import::preview_file(c, activity_id, Path::new(&path)))
}

/// Checks in everyone the file matches and the rows matched by hand, in one transaction.
[Edit] pub fn meeting_import_apply(
    state: &Call,
    activity_id: i64,
    path: String,
    manual: Vec<ManualMatch>,
) -> Reply<Applied> {
    let file =
        state.read(|c| meeting_import::read_for_activity(c, activity_id, Path::new(&path)))?;
    state.write(Action::AttendanceImportMeeting, |tx| {
        meeting_import::apply(tx, activity_id, &file, &manual)
    })
}

/// Checks in only rows matched by hand (after the file has been imported).
[Edit] pub fn meeting_import_match(
    state: &Call,
    activity_id: i64,
    path: String,
    manual: Vec<ManualMatch>,
) -> Reply<Applied> {
    let file =
        state.read(|c| meeting_import::read_for_activity(c, activity_id, Path::new(&path)))?;
    state.write(Action::AttendanceImportMeeting, |tx| {
        meeting_import::apply_manual(tx, activity_id, &file, &manual)
    })
}
}
