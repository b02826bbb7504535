//! 活动记录: the photos and files of an activity — attach (native open dialog), list with
//! thumbnails, view a photo, save or open a file, caption, remove.

use crate::Action;
use crate::codes::AttachmentKind;
use crate::records::{self, ActivityFile};

use super::{Call, Reply};

commands! {
/// The attachments of an activity, photos first, pictures with their thumbnails.
[Read] pub fn activity_files(state: &Call, activity_id: i64) -> Reply<Vec<ActivityFile>> {
    state.read(|c| records::list(c, activity_id, true))
}

[Edit] pub fn activity_file_caption(
    state: &Call,
    id: i64,
    caption: String,
) -> Reply<ActivityFile> {
    state.write(Action::ActivityFileCaption, |tx| {
        records::set_caption(tx, id, &caption)
    })
}

[Edit] pub fn activity_file_remove(state: &Call, id: i64) -> Reply<()> {
    state
        .write(Action::ActivityFileRemove, |tx| records::remove(tx, id))
        .map(|_| ())
}

/// The original as a `data:` URL (the full-size view of a photo), checked against its checksum.
[Read] pub fn activity_file_view(state: &Call, id: i64) -> Reply<String> {
    state.read(|c| records::content_data_url(c, id))
}

/// Attaches a file already on this PC (browser mode: the one just uploaded) to the activity.
[Edit] pub fn activity_file_attach(
    state: &Call,
    activity_id: i64,
    kind: AttachmentKind,
    caption: Option<String>,
    path: String,
) -> Reply<ActivityFile> {
    attach_path(state, activity_id, kind, caption.as_deref(), std::path::Path::new(&path))
}
}

/// Attaches the file at `path` (a photo, JPG / PNG, or any file) to the activity: read, checked
/// and its thumbnail made before the write. The desktop calls it with the file its open dialog
/// gave, browser mode with the file uploaded.
pub fn attach_path(
    state: &Call,
    activity_id: i64,
    kind: AttachmentKind,
    caption: Option<&str>,
    path: &std::path::Path,
) -> Reply<ActivityFile> {
    state.require(crate::auth::Need::Edit)?;
    let prepared = records::prepare_path(Some(kind), path, caption)?;
    let id = state.write(Action::ActivityFileAdd, |tx| {
        records::attach(tx, activity_id, prepared)
    })?;
    state.read(|c| records::get(c, id))
}
