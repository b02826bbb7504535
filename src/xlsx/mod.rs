//! Excel / WPS / CSV: reading the sheets branches already keep (calamine for .xlsx/.xls/.ods,
//! CSV in UTF-8 or GBK) and writing every list back out as .xlsx (rust_xlsxwriter). Only the
//! file formats live here; what each list holds is built by its feature's `export` module, and
//! [`job`] is the one entry point.

mod dates;
pub mod export;
pub mod job;
pub mod read;
