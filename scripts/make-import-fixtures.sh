#!/bin/sh
# Makes tests/fixtures/import/roster.xls and roster.ods: the .xls (Excel 97–2003) and .ods
# copies of the messy roster the staff-import tests build as .xlsx. rust_xlsxwriter cannot write
# either, so LibreOffice converts it; run once when the roster in tests/import_people.rs
# changes, and commit the results (CI does not need LibreOffice).
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
IMPORT_FIXTURE_OUT="$tmp/roster.xlsx" \
    cargo test --quiet --test import_people -- --ignored --exact write_fixture_source
soffice --headless --norestore "-env:UserInstallation=file://$tmp/profile" \
    --convert-to xls --outdir "$tmp" "$tmp/roster.xlsx" >/dev/null
soffice --headless --norestore "-env:UserInstallation=file://$tmp/profile" \
    --convert-to ods --outdir "$tmp" "$tmp/roster.xlsx" >/dev/null
mkdir -p tests/fixtures/import
cp "$tmp/roster.xls" "$tmp/roster.ods" tests/fixtures/import/
echo "tests/fixtures/import/roster.xls, roster.ods"
