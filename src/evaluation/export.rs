//! .xlsx exports of 考核评价's result tables.
