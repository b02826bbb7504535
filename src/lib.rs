//! 群工台 core: units, staff, activities, attendance, the team's structure and their storage,
//! with no UI. The CLI (`src/bin/qungong/`) and the desktop shell call these same functions.
//!
//! One folder or file per feature, each holding its types, rules, SQL and its import / export
//! code; `db` (storage, transactions, audit actions), `xlsx` (the file formats) and `pdf` (the
//! printed documents) serve them all. `error` holds every area's error enum.

pub mod activities;
pub mod api;
pub mod attendance;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod codes;
pub mod collate;
pub mod dashboard;
pub mod dates;
pub mod db;
pub mod demo;
pub mod error;
pub mod evaluation;
pub mod idcard;
pub mod pdf;
pub mod people;
pub mod privacy;
pub mod records;
#[cfg(feature = "serve")]
pub mod serve;
pub mod settings;
pub mod structure;
pub mod titles;
pub mod units;
pub mod voice;
pub mod xlsx;

pub use db::{Action, Actor, Db, Tx};
pub use error::{Error, Result};
