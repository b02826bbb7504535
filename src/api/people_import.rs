//! Staff import (导入花名册): pick the file, map its columns, preview, commit.

use std::path::Path;

use crate::people::import::{self as people_import, ImportOptions, Mapping, Preview};

use super::dto::{ImportField, ImportSheet};
use super::{ApiError, Call, Reply};

commands! {
/// Reads a roster file and maps its columns from the header names.
[Edit] pub fn people_import_open(_state: &Call, path: String) -> Reply<ImportSheet> {
    let sheet = people_import::load(Path::new(&path)).map_err(ApiError::from)?;
    let head = sheet
        .rows
        .iter()
        .take(30)
        .map(|r| r.iter().map(|c| c.text()).collect())
        .collect();
    Ok(ImportSheet {
        path,
        sheet_name: sheet.name.clone(),
        row_count: sheet.rows.len(),
        head,
        mapping: people_import::auto_mapping(&sheet).ok(),
        fields: people_import::Field::ALL
            .iter()
            .map(|&f| ImportField {
                key: f,
                label: f.label(),
            })
            .collect(),
    })
}

/// The mapping read from another header row (1-based, as the sheet numbers it).
[Edit] pub fn people_import_mapping(_state: &Call, path: String, header_row: usize) -> Reply<Mapping> {
    let sheet = people_import::load(Path::new(&path)).map_err(ApiError::from)?;
    people_import::mapping_at(&sheet, header_row.saturating_sub(1))
        .map_err(|e| ApiError::from(crate::Error::from(e)))
}
}

/// Reads the roster file, then previews (`commit` false: a dry run, nothing written) or imports
/// it, calling `progress(done, total)` as rows are done. The desktop sends that as the event
/// `people_import_progress`; browser mode keeps it for its `import_progress` (src/serve).
pub fn run(
    state: &Call,
    path: &str,
    options: &ImportOptions,
    commit: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Reply<Preview> {
    let sheet = people_import::load(Path::new(path)).map_err(ApiError::from)?;
    let mut progress = |done: usize, total: usize| {
        progress(done, total);
        true
    };
    state.require(crate::auth::Need::Edit)?;
    let actor = state.actor();
    state.with(|db| {
        if commit {
            people_import::commit(db, &actor, &sheet, options, &mut progress)
        } else {
            people_import::preview(db, &sheet, options, &mut progress)
        }
    })
}
