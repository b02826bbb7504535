//! Which backups to keep: a pure rule on dates ([`keep`]) and its application to a folder.

use super::*;

/// Which backups to keep, as indices into `backups` (their times and kinds), on day `now`:
/// - of each automatic kind (每日, 退出) separately, the newest of each of the last
///   [`KEEP_DAYS`] days, of each of the last [`KEEP_WEEKS`] weeks (Monday to Sunday) and of each
///   of the last [`KEEP_MONTHS`] calendar months (the current one counts as the first);
/// - 手动 and 恢复前 backups for [`KEEP_MANUAL_DAYS`] days;
/// - any backup dated after `now` (a clock set back), and always the newest of all.
///
/// Since a coarser period's newest backup is also the newest of its day and week, a backup
/// dropped once would never be kept later: thinning again the next day deletes only the new
/// leavers.
pub fn keep(now: NaiveDate, backups: &[(NaiveDateTime, BackupKind)]) -> BTreeSet<usize> {
    let mut keep = BTreeSet::new();
    if let Some(newest) = (0..backups.len()).max_by_key(|&i| (backups[i].0, i)) {
        keep.insert(newest);
    }
    let week_start =
        |d: NaiveDate| d - chrono::Days::new(d.weekday().num_days_from_monday().into());
    let month_no = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    // (kind, period: 0 day / 1 week / 2 month, period's first day) → newest index.
    let mut newest: HashMap<(BackupKind, u8, NaiveDate), usize> = HashMap::new();
    for (i, &(at, kind)) in backups.iter().enumerate() {
        let day = at.date();
        if day > now {
            keep.insert(i);
            continue;
        }
        if !kind.automatic() {
            if (now - day).num_days() <= KEEP_MANUAL_DAYS {
                keep.insert(i);
            }
            continue;
        }
        let mut periods = Vec::with_capacity(3);
        if (now - day).num_days() < KEEP_DAYS {
            periods.push((0, day));
        }
        if (week_start(now) - week_start(day)).num_days() / 7 < KEEP_WEEKS {
            periods.push((1, week_start(day)));
        }
        if month_no(now) - month_no(day) < KEEP_MONTHS {
            periods.push((2, day.with_day(1).unwrap_or(day)));
        }
        for (p, first) in periods {
            newest
                .entry((kind, p, first))
                .and_modify(|j| {
                    if (backups[*j].0, *j) < (at, i) {
                        *j = i;
                    }
                })
                .or_insert(i);
        }
    }
    keep.extend(newest.into_values());
    keep
}

/// Applies [`keep`] to the backups in `dir` (each database's separately, by the stem of their
/// names), never deleting the newest one that passes [`info`]. Returns the files deleted;
/// a file that cannot be deleted is left.
pub fn thin(dir: &Path) -> Vec<PathBuf> {
    let today = crate::db::today();
    let mut groups: HashMap<String, Vec<(PathBuf, NaiveDateTime, BackupKind)>> = HashMap::new();
    for (path, stem, at, kind) in scan(dir) {
        groups.entry(stem).or_default().push((path, at, kind));
    }
    let mut removed = Vec::new();
    for (_, group) in groups {
        // Newest first (scan's order).
        let newest_ok = group.iter().position(|(p, ..)| info(p).ok);
        let times: Vec<_> = group.iter().map(|(_, at, k)| (*at, *k)).collect();
        let kept = keep(today, &times);
        for (i, (path, ..)) in group.iter().enumerate() {
            if kept.contains(&i) || Some(i) == newest_ok {
                continue;
            }
            if fs::remove_file(path).is_ok() {
                removed.push(path.clone());
            }
        }
    }
    removed
}
