//! 荣誉: honours on people and units, from 推优评先 or entered by hand.

use rusqlite::Connection;

use super::{Honour, HonourFilter, HonourInput};
use crate::db::Tx;
use crate::error::Result;

pub fn add(tx: &Tx, input: HonourInput) -> Result<i64> {
    todo!()
}

pub fn update(tx: &Tx, id: i64, input: HonourInput) -> Result<()> {
    todo!()
}

pub fn delete(tx: &Tx, id: i64) -> Result<()> {
    todo!()
}

pub fn get(conn: &Connection, id: i64) -> Result<Honour> {
    todo!()
}

/// Honours matching `filter`, newest year first, then by title and holder.
pub fn list(conn: &Connection, filter: &HonourFilter) -> Result<Vec<Honour>> {
    todo!()
}
