//! Documents the user takes away — a printed PDF, an .xlsx export — made the same way for both
//! front doors; only where they go differs (the desktop asks where to save and writes the file,
//! browser mode sends it as a download).

use crate::Action;
use crate::auth::Need;
use crate::db::today;
use crate::pdf::job::{self as printing, PrintChoices, PrintJob};
use crate::xlsx::job::{self as export, ExportJob};

use super::{Call, Reply};

/// A printed document: the PDF, the file name offered, pages and the characters the font lacks.
pub struct Printout {
    pub doc: crate::pdf::Document,
    pub file_name: String,
}

/// Makes the PDF of `job` with the 设置's fonts and `choices`.
/// Full personal numbers (`choices.unmask`) need a 政工干部 or 管理员 and are audited.
pub fn print(state: &Call, job: &PrintJob, choices: &PrintChoices) -> Reply<Printout> {
    state.require(Need::Read)?;
    if choices.unmask {
        let name = state.read(|c| printing::file_name(c, job))?;
        reveal(state, &format!("打印（完整号码）：{name}"))?;
    }
    state.read(|c| {
        let opts = printing::options(c, choices, today())?;
        Ok(Printout {
            doc: printing::render(c, job, &opts)?,
            file_name: printing::file_name(c, job)?,
        })
    })
}

/// Makes the workbook of `job`.
/// Full personal numbers need a 政工干部 or 管理员 and are audited; the audit trail's own
/// export is the 管理员's and is audited too.
pub fn export(state: &Call, job: &ExportJob) -> Reply<export::Export> {
    state.require(Need::Read)?;
    if let ExportJob::People { full: true, .. } = job {
        reveal(state, "导出职工名单（完整号码）")?;
    }
    if let ExportJob::Audit { .. } = job {
        state.write(Action::AuditExport, |tx| {
            tx.note("导出审计记录");
            Ok(())
        })?;
    }
    if let ExportJob::Talks {
        summaries: true, ..
    } = job
    {
        state.write(Action::RevealTalks, |tx| {
            tx.note("导出谈心谈话（含谈话内容）");
            Ok(())
        })?;
    }
    let now = state.app().now();
    let viewer = super::voice::viewer(state);
    state.read(|c| export::render(c, job, now, viewer))
}

/// Checks that the caller may see full personal numbers and audits that they did.
fn reveal(state: &Call, what: &str) -> Reply<()> {
    state.require(Need::Edit)?;
    let what = what.chars().take(300).collect::<String>();
    state.write(Action::RevealNumbers, |tx| {
        tx.note(what);
        Ok(())
    })
}
