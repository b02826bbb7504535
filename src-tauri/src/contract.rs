//! The contract between the UI and the shell, checked without a window:
//! - `ui/src/api/bindings.ts` holds the TypeScript declarations of every Rust type the UI sends
//!   or receives, derived with ts-rs. The test fails when the file is stale; to regenerate:
//!   `QUNGONG_WRITE_BINDINGS=1 cargo test -p qungong-desktop contract`.
//! - The handlers registered in `main.rs`, the `call('…')`s of `ui/src/api/` and the commands
//!   of `API.md` are the same list.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS, TypeVisitor};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every declarable type reachable from the roots, by TypeScript name.
struct Collect<'a> {
    cfg: &'a Config,
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Collect<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Primitives, strings, dates, Vec, Option … have no declaration of their own.
        if T::output_path().is_none() {
            return;
        }
        let name = T::ident(self.cfg);
        let decl = <T::WithoutGenerics as TS>::decl(self.cfg);
        if let Some(known) = self.decls.get(&name) {
            assert_eq!(
                known, &decl,
                "two Rust types are both called {name} in TypeScript: give one a #[ts(rename)]"
            );
            return;
        }
        self.decls.insert(name, decl);
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

macro_rules! roots {
    ($c:ident; $($t:ty),+ $(,)?) => {
        $( $c.visit::<$t>(); )+
    };
}

/// The file as it should be: the roots are what the handlers take and return; everything they
/// contain is found from them.
fn bindings() -> String {
    use qungong::api::dto;
    use qungong::{
        activities, attendance, dashboard, db, evaluation, pdf, people, records, structure, units,
        xlsx,
    };
    let cfg = Config::new().with_large_int("number");
    let mut c = Collect {
        cfg: &cfg,
        decls: BTreeMap::new(),
    };
    roots!(c;
        dto::ApiError, dto::AppInfo, dto::Codes, dto::Printed, dto::Exported, dto::ImportSheet,
        dto::ImportProgress, dto::RatesBy,
        units::UnitNode, units::Unit,
        db::Page<people::Person>, people::PersonFilter, people::PersonInput,
        people::bulk::PersonFlag, people::bulk::BulkResult,
        people::import::ImportOptions, people::import::Preview, people::import::Mapping,
        db::Page<activities::Activity>, activities::ActivityFilter, activities::ActivityInput,
        records::ActivityFile,
        attendance::Sheet, attendance::CheckIn, attendance::Counts, attendance::RateQuery,
        attendance::UnitRate, attendance::PersonRate, attendance::PersonAttendance,
        attendance::Absence, attendance::AbsentPage, attendance::KindTable, attendance::AbsenceRun,
        attendance::meeting_import::Preview, attendance::meeting_import::Applied,
        attendance::meeting_import::ManualMatch,
        dashboard::Overview,
        structure::Analysis, structure::MemberRow, structure::Slice, structure::Population,
        structure::StructureQuery, structure::Config, structure::config::BracketsPreview,
        structure::retirement::OverdueList,
        pdf::job::PrintJob, pdf::job::PrintChoices, xlsx::job::ExportJob,
        qungong::codes::Recurrence,
        qungong::api::auth::SessionInfo, qungong::api::auth::AuthStatus,
        qungong::auth::Account, qungong::audit::AuditQuery, qungong::audit::AuditPage,
        qungong::audit::ActionInfo, qungong::backup::BackupInfo, qungong::backup::Restored,
        qungong::voice::Period,
        qungong::voice::concern::Category, qungong::voice::concern::ConcernInput,
        db::Page<qungong::voice::concern::Concern>, qungong::voice::concern::ConcernDetail,
        qungong::voice::concern::ConcernFilter,
        qungong::voice::opinion::OpinionInput, db::Page<qungong::voice::opinion::Opinion>,
        qungong::voice::opinion::OpinionFilter,
        qungong::voice::contact::ContactPoint, qungong::voice::contact::VisitInput,
        db::Page<qungong::voice::contact::Visit>, qungong::voice::contact::VisitFilter,
        qungong::voice::contact::Coverage, qungong::voice::contact::PlanRow,
        qungong::voice::talk::TalkInput, db::Page<qungong::voice::talk::Talk>, qungong::voice::talk::Talk,
        qungong::voice::contact::Visit,
        qungong::voice::talk::TalkFilter, qungong::voice::talk::TalkCoverage,
        qungong::voice::report::ReportInput, qungong::voice::report::SavedReport,
        qungong::voice::report::Figures,
        qungong::codes::ConcernSource, qungong::codes::RaiserKind, qungong::codes::ConcernStatus,
        qungong::codes::Satisfaction, qungong::codes::OpinionKind, qungong::codes::OpinionLevel,
        qungong::codes::OpinionTrend, qungong::codes::TalkKind,
        evaluation::SystemSummary, evaluation::System, evaluation::SystemInput,
        evaluation::RoundSummary, evaluation::RoundDetail, evaluation::RoundInput,
        evaluation::SubjectPick, evaluation::Mark, evaluation::MarkInput, evaluation::Ballot,
        evaluation::BallotCounts, evaluation::HistoryRow, evaluation::RoundWaiting,
        evaluation::RecognitionSummary, evaluation::RecognitionRound,
        evaluation::RecognitionInput, evaluation::NominationInput, evaluation::VoteInput,
        evaluation::Honour, evaluation::HonourInput, evaluation::HonourFilter,
        qungong::codes::EvalMethod, qungong::codes::AutoSource, qungong::codes::ScoreRule,
        qungong::codes::RoundKind, qungong::codes::RoundStatus, qungong::codes::Grade,
        qungong::codes::RecognitionTarget, qungong::codes::RecognitionStatus,
    );
    let mut out = String::from(
        "// Generated from the Rust types by ts-rs (src-tauri/src/contract.rs). Do not edit:\n\
         // change the Rust type, then run\n\
         //   QUNGONG_WRITE_BINDINGS=1 cargo test -p qungong-desktop contract\n\
         /* eslint-disable */\n",
    );
    for decl in c.decls.values() {
        out.push_str("\nexport ");
        out.push_str(decl);
        out.push('\n');
    }
    out
}

#[test]
fn ui_bindings_are_up_to_date() {
    let path = repo().join("ui/src/api/bindings.ts");
    let want = bindings();
    if std::env::var_os("QUNGONG_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/api/bindings.ts is stale: a Rust type sent to the UI changed. Regenerate it with\n  \
         QUNGONG_WRITE_BINDINGS=1 cargo test -p qungong-desktop contract\nand check the UI still builds (cd ui && npm run build)."
    );
}

/// Every command the app answers: the handler layer's (`qungong::api::dispatch`) and the
/// shell's own, `name` of every `commands::area::name,` line in `generate_handler![…]`.
fn registered() -> BTreeSet<String> {
    let mut names: BTreeSet<String> = qungong::api::commands().map(String::from).collect();
    let main = read(&repo().join("src-tauri/src/main.rs"));
    let start = main
        .find("generate_handler![")
        .expect("generate_handler! in main.rs");
    let end = start + main[start..].find(']').expect("end of generate_handler!");
    let host: Vec<String> = main[start + "generate_handler![".len()..end]
        .split(',')
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| p.rsplit("::").next().unwrap_or(p).to_string())
        .collect();
    // main.rs sends exactly these to the shell's handler.
    let listed: BTreeSet<String> = crate::commands::HOST
        .iter()
        .map(|s| s.0.to_string())
        .collect();
    assert_eq!(
        host.iter().cloned().collect::<BTreeSet<_>>(),
        listed,
        "commands::HOST names the shell's handlers"
    );
    names.extend(host);
    names
}

/// The first argument of every `call('…'` / `call<T>('…'` in `ui/src/api/*.ts`.
fn called_by_ui() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let dir = repo().join("ui/src/api");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ts") {
            continue;
        }
        let text = read(&path);
        let mut rest = text.as_str();
        while let Some(i) = rest.find("call") {
            rest = &rest[i + 4..];
            let after_generic = match rest.strip_prefix('<') {
                Some(r) => match r.find(">(") {
                    Some(j) => &r[j + 1..],
                    None => continue,
                },
                None => rest,
            };
            if let Some(r) = after_generic.strip_prefix("('")
                && let Some(j) = r.find('\'')
            {
                names.insert(r[..j].to_string());
            }
        }
    }
    names
}

/// The command names of the tables in API.md (first cell: `name`).
fn documented() -> BTreeSet<String> {
    // The first cell may name two commands: "`setting_get` / `setting_set`".
    read(&repo().join("src-tauri/API.md"))
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('|').next())
        .flat_map(|cell| {
            cell.split('`')
                .enumerate()
                .filter(|(i, _)| i % 2 == 0)
                .map(|(_, name)| name.trim().to_string())
                .filter(|name| !name.is_empty() && !name.contains(' '))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn handlers_ui_calls_and_api_md_list_the_same_commands() {
    let registered = registered();
    let ui = called_by_ui();
    let doc = documented();
    assert!(registered.len() > 40, "parsed only {registered:?}");
    let diff = |a: &BTreeSet<String>, b: &BTreeSet<String>| -> Vec<String> {
        a.difference(b).cloned().collect()
    };
    assert!(
        registered == ui && registered == doc,
        "registered but not called by ui/src/api: {:?}\ncalled by the UI but not registered: {:?}\n\
         registered but not in API.md: {:?}\nin API.md but not registered: {:?}",
        diff(&registered, &ui),
        diff(&ui, &registered),
        diff(&registered, &doc),
        diff(&doc, &registered),
    );
}
