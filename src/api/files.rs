//! Documents the user takes away — a printed PDF, an .xlsx export — made the same way for both
//! front doors; only where they go differs (the desktop asks where to save and writes the file,
//! browser mode sends it as a download).

use crate::db::today;
use crate::pdf::job::{self as printing, PrintChoices, PrintJob};
use crate::xlsx::job::{self as export, ExportJob};

use super::{AppState, Reply};

/// A printed document: the PDF, the file name offered, pages and the characters the font lacks.
pub struct Printout {
    pub doc: crate::pdf::Document,
    pub file_name: String,
}

/// Makes the PDF of `job` with the 设置's fonts and `choices`.
pub fn print(state: &AppState, job: &PrintJob, choices: &PrintChoices) -> Reply<Printout> {
    state.read(|c| {
        let opts = printing::options(c, choices, today())?;
        Ok(Printout {
            doc: printing::render(c, job, &opts)?,
            file_name: printing::file_name(c, job)?,
        })
    })
}

/// Makes the workbook of `job`.
pub fn export(state: &AppState, job: &ExportJob) -> Reply<export::Export> {
    state.read(|c| export::render(c, job, today()))
}
