//! Excel / WPS / CSV: reading the sheets branches already keep (calamine for .xlsx/.xls/.ods,
//! CSV in UTF-8 or GBK) and writing every list back out as .xlsx (rust_xlsxwriter).

pub mod export;
pub mod meeting;
pub mod people_import;
pub mod read;
