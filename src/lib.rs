//! 群工台 core: units, staff, activities, attendance and their storage, with no UI.
//! The CLI (`src/bin/qungong.rs`) and the desktop shell call these same functions.

pub mod activities;
pub mod attendance;
pub mod codes;
pub mod collate;
pub mod dashboard;
pub mod dates;
pub mod db;
pub mod demo;
pub mod error;
pub mod idcard;
pub mod pdf;
pub mod people;
pub mod printing;
pub mod privacy;
pub mod retirement;
pub mod settings;
mod sql;
pub mod structure;
pub mod units;
pub mod xlsx;

pub use db::{Actor, Db, Tx};
pub use error::{Error, Result};
