//! 考核指标体系: versions, indicators, checks (weights sum to 100).
//!
//! A version used by any round is never changed in place: saving an edit of it writes the next
//! version of its family (`superseded` set on the old one), and the rounds on the old version
//! that are still 评分中 with nothing entered (no marks, no tallies, no stored scores) move to
//! the new one; the others keep the version they were scored on.

use rusqlite::{Connection, OptionalExtension, params};

use super::score::{check_bands, num, round2};
use super::{BallotPoints, Band, Indicator, IndicatorInput, System, SystemInput, SystemSummary};
use crate::codes::{EvalMethod, ScoreRule};
use crate::collate::NameCollator;
use crate::db::{Tx, new_uid, now_text};
use crate::error::{Error, Result};
use crate::people::{check_line, check_text};

const NAME_MAX: usize = 40;
const INDICATORS_MAX: usize = 50;
const INDICATOR_TEXT_MAX: usize = 30;
const NOTE_MAX: usize = 500;

/// Checks a system as written: a name, at least one indicator, weights (one decimal) summing
/// to 100 ("各项指标权重合计应为 100，现为 95"), each method's fields (an automatic indicator's
/// source, rule and target or bands), ballot points 0–100.
pub fn check(input: &SystemInput) -> Result<()> {
    normalize(input.clone()).map(|_| ())
}

/// A weight to one decimal.
fn round1(x: f64) -> f64 {
    ((x * 10.0 * 1e6).round() / 1e6).round() / 10.0
}

fn note(field: &'static str, note: Option<String>, max: usize) -> Result<Option<String>> {
    let note = note.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    if let Some(n) = &note {
        check_text(field, n)?;
        if n.chars().count() > max {
            return Err(Error::invalid(field, format!("不能超过 {max} 个字")));
        }
    }
    Ok(note)
}

/// The input checked and tidied: texts trimmed, weights to one decimal, the fields a method
/// does not use cleared.
fn normalize(mut input: SystemInput) -> Result<SystemInput> {
    input.name = input.name.trim().to_string();
    if input.name.is_empty() {
        return Err(Error::invalid("名称", "不能为空"));
    }
    if input.name.chars().count() > NAME_MAX {
        return Err(Error::invalid("名称", format!("不能超过 {NAME_MAX} 个字")));
    }
    check_line("名称", &input.name)?;
    input.note = note("备注", input.note, NOTE_MAX)?;
    if input.drop_extremes_min != 0 && !(3..=20).contains(&input.drop_extremes_min) {
        return Err(Error::invalid(
            "去掉最高最低分",
            "评委人数门槛应为 3–20 人，或 0（不去掉）",
        ));
    }
    let p = input.ballot_points;
    if [p.excellent, p.competent, p.basic, p.incompetent]
        .iter()
        .any(|x| !(0.0..=100.0).contains(x))
    {
        return Err(Error::invalid("测评计分", "每票分值应在 0–100 之间"));
    }
    if input.indicators.is_empty() {
        return Err(Error::invalid("指标", "至少要有一项指标"));
    }
    if input.indicators.len() > INDICATORS_MAX {
        return Err(Error::invalid(
            "指标",
            format!("最多 {INDICATORS_MAX} 项指标"),
        ));
    }
    let mut names: Vec<String> = Vec::new();
    let mut sum = 0.0;
    for ind in &mut input.indicators {
        indicator(ind)?;
        if names.contains(&ind.name) {
            return Err(Error::invalid(
                "指标名称",
                format!("“{}”重复，同一指标体系内的指标名称不能相同", ind.name),
            ));
        }
        names.push(ind.name.clone());
        sum += ind.weight;
    }
    if (sum - 100.0).abs() > 0.05 {
        return Err(Error::invalid(
            "权重",
            format!("各项指标权重合计应为 100，现为 {}", num(round2(sum))),
        ));
    }
    Ok(input)
}

fn indicator(ind: &mut IndicatorInput) -> Result<()> {
    ind.category = ind.category.trim().to_string();
    ind.name = ind.name.trim().to_string();
    if ind.name.is_empty() {
        return Err(Error::invalid("指标名称", "不能为空"));
    }
    if ind.name.chars().count() > INDICATOR_TEXT_MAX {
        return Err(Error::invalid(
            "指标名称",
            format!("不能超过 {INDICATOR_TEXT_MAX} 个字（“{}”）", ind.name),
        ));
    }
    check_line("指标名称", &ind.name)?;
    let of = format!("（指标“{}”）", ind.name);
    if ind.category.is_empty() {
        return Err(Error::invalid("指标类别", format!("不能为空{of}")));
    }
    if ind.category.chars().count() > INDICATOR_TEXT_MAX {
        return Err(Error::invalid(
            "指标类别",
            format!("不能超过 {INDICATOR_TEXT_MAX} 个字{of}"),
        ));
    }
    check_line("指标类别", &ind.category)?;
    ind.note = note("指标说明", ind.note.take(), NOTE_MAX)?;
    if !ind.weight.is_finite() {
        return Err(Error::invalid("权重", format!("应为数字{of}")));
    }
    ind.weight = round1(ind.weight);
    if !(ind.weight > 0.0 && ind.weight <= 100.0) {
        return Err(Error::invalid("权重", format!("应大于 0 且不超过 100{of}")));
    }
    match ind.method {
        EvalMethod::Auto => {
            if ind.source.is_none() {
                return Err(Error::invalid("数据来源", format!("请选择数据来源{of}")));
            }
            match ind.rule {
                None => {
                    return Err(Error::invalid("计分规则", format!("请选择计分规则{of}")));
                }
                Some(ScoreRule::Proportional) => {
                    match ind.target {
                        Some(t) if t.is_finite() && t > 0.0 => ind.target = Some(round2(t)),
                        _ => {
                            return Err(Error::invalid(
                                "目标值",
                                format!("按目标比例计分须填大于 0 的目标值{of}"),
                            ));
                        }
                    }
                    ind.bands.clear();
                }
                Some(ScoreRule::Bands) => {
                    check_bands(&ind.bands).map_err(|e| match e {
                        Error::Invalid { field, message } => Error::Invalid {
                            field,
                            message: format!("{message}{of}"),
                        },
                        other => other,
                    })?;
                    ind.target = None;
                }
            }
        }
        EvalMethod::Marks | EvalMethod::Ballot => {
            ind.source = None;
            ind.rule = None;
            ind.target = None;
            ind.bands.clear();
        }
    }
    Ok(())
}

/// Bands as stored: '95:100,90:90,0:60'.
fn bands_text(bands: &[Band]) -> Option<String> {
    (!bands.is_empty()).then(|| {
        bands
            .iter()
            .map(|b| format!("{}:{}", b.from, b.score))
            .collect::<Vec<_>>()
            .join(",")
    })
}

fn parse_bands(text: Option<String>) -> Vec<Band> {
    text.unwrap_or_default()
        .split(',')
        .filter_map(|pair| {
            let (from, score) = pair.split_once(':')?;
            Some(Band {
                from: from.trim().parse().ok()?,
                score: score.trim().parse().ok()?,
            })
        })
        .collect()
}

/// The indicators of a version, in their order.
pub(crate) fn indicators(conn: &Connection, system_id: i64) -> Result<Vec<Indicator>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, category, name, weight, method, source, rule, target, bands, note
           FROM indicator WHERE system_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt
        .query_map([system_id], |r| {
            Ok(Indicator {
                id: r.get(0)?,
                input: IndicatorInput {
                    category: r.get(1)?,
                    name: r.get(2)?,
                    weight: r.get(3)?,
                    method: r.get(4)?,
                    source: r.get(5)?,
                    rule: r.get(6)?,
                    target: r.get(7)?,
                    bands: parse_bands(r.get(8)?),
                    note: r.get(9)?,
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

const SELECT_SYSTEM: &str = "SELECT s.id, s.uid, s.family_uid, s.version, s.name, s.note,
        s.drop_extremes_min, s.points_excellent, s.points_competent, s.points_basic,
        s.points_incompetent, s.superseded, s.retired, s.updated_at,
        (SELECT count(*) FROM eval_round r WHERE r.system_id = s.id),
        (SELECT count(*) FROM indicator i WHERE i.system_id = s.id)
   FROM indicator_system s";

fn system_row(r: &rusqlite::Row) -> rusqlite::Result<(System, i64)> {
    let rounds: i64 = r.get(14)?;
    Ok((
        System {
            id: r.get(0)?,
            uid: r.get(1)?,
            family_uid: r.get(2)?,
            version: r.get(3)?,
            name: r.get(4)?,
            note: r.get(5)?,
            drop_extremes_min: r.get(6)?,
            ballot_points: BallotPoints {
                excellent: r.get(7)?,
                competent: r.get(8)?,
                basic: r.get(9)?,
                incompetent: r.get(10)?,
            },
            indicators: Vec::new(),
            superseded: r.get(11)?,
            retired: r.get(12)?,
            frozen: rounds > 0,
            rounds,
            updated_at: r.get(13)?,
        },
        r.get(15)?,
    ))
}

/// The newest version of each system (every version with `all_versions`), retired ones only
/// with `include_retired`, by name (pinyin), newest version first.
pub fn list(
    conn: &Connection,
    all_versions: bool,
    include_retired: bool,
) -> Result<Vec<SystemSummary>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT_SYSTEM} WHERE (?1 OR s.superseded = 0) AND (?2 OR s.retired = 0)"
    ))?;
    let mut rows: Vec<SystemSummary> = stmt
        .query_map(params![all_versions, include_retired], |r| {
            let (s, indicators) = system_row(r)?;
            Ok(SystemSummary {
                id: s.id,
                family_uid: s.family_uid,
                version: s.version,
                name: s.name,
                indicators,
                superseded: s.superseded,
                retired: s.retired,
                frozen: s.frozen,
                rounds: s.rounds,
                updated_at: s.updated_at,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let by_name = NameCollator::pinyin();
    rows.sort_by(|a, b| {
        by_name
            .compare(&a.name, &b.name)
            .then_with(|| a.family_uid.cmp(&b.family_uid))
            .then_with(|| b.version.cmp(&a.version))
    });
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<System> {
    let (mut system, _) = conn
        .query_row(
            &format!("{SELECT_SYSTEM} WHERE s.id = ?1"),
            [id],
            system_row,
        )
        .optional()?
        .ok_or_else(|| Error::not_found("考核指标体系", id))?;
    system.indicators = indicators(conn, id)?;
    Ok(system)
}

/// The newest version number of a family.
fn newest_version(conn: &Connection, family_uid: &str) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT max(version) FROM indicator_system WHERE family_uid = ?1",
        [family_uid],
        |r| r.get(0),
    )?)
}

/// Refuses a version a newer one replaces: "该指标体系已有新版本（第 2 版），请…".
pub(crate) fn superseded_error(conn: &Connection, system: &System, then: &str) -> Result<Error> {
    let newest = newest_version(conn, &system.family_uid)?;
    Ok(Error::invalid(
        "指标体系",
        format!("该指标体系已有新版本（第 {newest} 版），请{then}最新版本"),
    ))
}

fn insert_indicators(tx: &Tx, system_id: i64, input: &SystemInput) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO indicator (system_id, position, category, name, weight, method, source,
                rule, target, bands, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, ind) in input.indicators.iter().enumerate() {
        stmt.execute(params![
            system_id,
            i as i64 + 1,
            ind.category,
            ind.name,
            ind.weight,
            ind.method,
            ind.source,
            ind.rule,
            ind.target,
            bands_text(&ind.bands),
            ind.note,
        ])?;
    }
    Ok(())
}

fn insert_version(
    tx: &Tx,
    family_uid: &str,
    version: u32,
    retired: bool,
    input: &SystemInput,
) -> Result<i64> {
    let now = now_text();
    let p = input.ballot_points;
    tx.execute(
        "INSERT INTO indicator_system (uid, family_uid, version, name, note, drop_extremes_min,
                points_excellent, points_competent, points_basic, points_incompetent, retired,
                created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            new_uid(),
            family_uid,
            version,
            input.name,
            input.note,
            input.drop_extremes_min,
            p.excellent,
            p.competent,
            p.basic,
            p.incompetent,
            retired,
            now,
        ],
    )?;
    let id = tx.last_insert_rowid();
    insert_indicators(tx, id, input)?;
    Ok(id)
}

/// Writes a new system (`id` None) or an edit of version `id`. A frozen version (used by any
/// round) is left as it is: the edit becomes the next version of its family (the old one
/// `superseded`), and rounds still 评分中 on the old version with no marks, no tallies and no
/// stored scores move to the new one. Returns the id of the version written (an edit that
/// changes nothing writes nothing and returns `id`). Editing a superseded version is refused
/// ("该指标体系已有新版本（第 2 版），请编辑最新版本").
pub fn save(tx: &Tx, id: Option<i64>, input: SystemInput) -> Result<i64> {
    let input = normalize(input)?;
    let Some(id) = id else {
        let id = insert_version(tx, &new_uid(), 1, false, &input)?;
        tx.note(format!("指标体系“{}”第 1 版", input.name));
        return Ok(id);
    };
    let old = get(tx, id)?;
    if old.superseded {
        return Err(superseded_error(tx, &old, "编辑")?);
    }
    // Saving it unchanged writes nothing (and makes no new version).
    let unchanged = SystemInput {
        name: old.name.clone(),
        note: old.note.clone(),
        drop_extremes_min: old.drop_extremes_min,
        ballot_points: old.ballot_points,
        indicators: old.indicators.iter().map(|i| i.input.clone()).collect(),
    };
    if unchanged == input {
        return Ok(id);
    }
    if !old.frozen {
        let p = input.ballot_points;
        tx.execute(
            "UPDATE indicator_system SET name = ?2, note = ?3, drop_extremes_min = ?4,
                    points_excellent = ?5, points_competent = ?6, points_basic = ?7,
                    points_incompetent = ?8, updated_at = ?9
              WHERE id = ?1",
            params![
                id,
                input.name,
                input.note,
                input.drop_extremes_min,
                p.excellent,
                p.competent,
                p.basic,
                p.incompetent,
                now_text(),
            ],
        )?;
        tx.execute("DELETE FROM indicator WHERE system_id = ?1", [id])?;
        insert_indicators(tx, id, &input)?;
        tx.note(format!("指标体系“{}”第 {} 版", input.name, old.version));
        return Ok(id);
    }
    let version = newest_version(tx, &old.family_uid)? + 1;
    let new_id = insert_version(tx, &old.family_uid, version, old.retired, &input)?;
    let now = now_text();
    tx.execute(
        "UPDATE indicator_system SET superseded = 1, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    let moved = tx.execute(
        "UPDATE eval_round SET system_id = ?2, updated_at = ?3
          WHERE system_id = ?1 AND status = 'open'
            AND NOT EXISTS (SELECT 1 FROM eval_subject s
                             WHERE s.round_id = eval_round.id
                               AND (EXISTS (SELECT 1 FROM eval_mark m WHERE m.subject_id = s.id)
                                 OR EXISTS (SELECT 1 FROM eval_ballot b WHERE b.subject_id = s.id)
                                 OR EXISTS (SELECT 1 FROM eval_score c WHERE c.subject_id = s.id)))",
        params![id, new_id, now],
    )?;
    tx.note(format!(
        "指标体系“{}”已被考核使用，另存为第 {version} 版（第 {} 版保持不变）",
        input.name, old.version
    ));
    if moved > 0 {
        tx.note(format!("{moved} 项尚未打分的考核改用第 {version} 版"));
    }
    Ok(new_id)
}

/// Retires (or brings back) every version of the system `id` belongs to: retired systems are
/// not offered for new rounds.
pub fn set_retired(tx: &Tx, id: i64, retired: bool) -> Result<()> {
    let system = get(tx, id)?;
    tx.execute(
        "UPDATE indicator_system SET retired = ?2, updated_at = ?3
          WHERE family_uid = ?1 AND retired <> ?2",
        params![system.family_uid, retired, now_text()],
    )?;
    Ok(())
}
