//! 职工 (staff records).

pub mod bulk;
pub mod export;
pub mod import;

use pinyin::ToPinyin;

/// Surnames whose reading as a surname differs from the character's common reading.
const SURNAME_INITIALS: &[(char, char)] = &[
    ('单', 's'),
    ('解', 'x'),
    ('查', 'z'),
    ('仇', 'q'),
    ('朴', 'p'),
    ('区', 'o'),
    ('盖', 'g'),
    ('乐', 'y'),
    ('覃', 'q'),
    ('缪', 'm'),
    ('尉', 'y'),
    ('曾', 'z'),
    ('纪', 'j'),
    ('宁', 'n'),
];

/// Pinyin initials of a name for search: 张三 → "zs", 单雄信 → "sxx". Letters are kept
/// (lower-cased), other characters without a reading are skipped.
pub fn name_initials(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if i == 0
            && let Some(&(_, letter)) = SURNAME_INITIALS.iter().find(|(s, _)| *s == c)
        {
            out.push(letter);
            continue;
        }
        if c.is_ascii_alphabetic() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(p) = c.to_pinyin() {
            out.push_str(p.first_letter());
        }
    }
    out
}

use chrono::{Local, Months, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde::{Deserialize, Serialize};

use crate::codes::{
    Education, Ethnicity, Gender, PoliticalStatus, RetirementCategory, SkillLevel, TitleLevel,
    fold_input,
};
use crate::db::{Page, Tx, new_uid, now_text};
use crate::error::{Error, PersonError, Result};
use crate::idcard;

/// What a user enters for a person (add or full edit). Optional fields may be left empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct PersonInput {
    /// 工号; may be left empty when an ID number is given (the person is then known by it).
    pub employee_no: Option<String>,
    pub name: String,
    /// May be left empty when an ID number is given (it is derived from it).
    pub gender: Option<Gender>,
    /// May be left empty when an ID number is given (it is derived from it).
    pub birth_date: Option<NaiveDate>,
    pub id_number: Option<String>,
    pub ethnicity: Option<Ethnicity>,
    pub political_status: Option<PoliticalStatus>,
    pub education: Option<Education>,
    /// 职称 as written (高级工程师 …); its level is derived (see [`crate::titles`]).
    pub professional_title: Option<String>,
    pub skill_level: Option<SkillLevel>,
    pub position: Option<String>,
    #[cfg_attr(feature = "ts", ts(as = "Option<i64>", optional))]
    pub unit_id: i64,
    pub work_start_date: Option<NaiveDate>,
    pub hire_date: Option<NaiveDate>,
    pub phone: Option<String>,
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub political_cadre: bool,
    pub reserve_talent: bool,
    /// Women only: 干部 or 工人 (their original legal retirement ages differ).
    pub retirement_category: Option<RetirementCategory>,
}

/// A stored person.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    pub id: i64,
    pub uid: String,
    /// None for people known only by their ID number.
    pub employee_no: Option<String>,
    pub name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub id_number: Option<String>,
    pub ethnicity: Option<Ethnicity>,
    pub political_status: Option<PoliticalStatus>,
    pub education: Option<Education>,
    /// 职称 as written.
    pub professional_title: Option<String>,
    /// Its level, derived from the name.
    pub title_level: Option<TitleLevel>,
    pub skill_level: Option<SkillLevel>,
    pub position: Option<String>,
    pub unit_id: i64,
    pub unit_name: String,
    pub work_start_date: Option<NaiveDate>,
    pub hire_date: Option<NaiveDate>,
    pub phone: Option<String>,
    pub political_cadre: bool,
    pub reserve_talent: bool,
    pub retirement_category: Option<RetirementCategory>,
    /// None while in post (在职).
    pub left_date: Option<NaiveDate>,
    pub leave_reason: Option<String>,
}

impl Person {
    pub fn in_post(&self) -> bool {
        self.left_date.is_none()
    }

    /// 在职 / 离职.
    pub fn status_label(&self) -> &'static str {
        if self.in_post() { "在职" } else { "离职" }
    }

    /// How messages and the audit log name the person: 张三（工号 E001）, or 张三 when there is
    /// no 工号 (never the ID number: the audit log holds no personal numbers).
    pub fn who(&self) -> String {
        who(self.employee_no.as_deref(), &self.name)
    }

    /// How the audit log lists the person: "10001 张三", or "张三".
    pub fn tag(&self) -> String {
        tag(self.employee_no.as_deref(), &self.name)
    }

    /// The input that reproduces this person, for edits that change a few fields.
    pub fn to_input(&self) -> PersonInput {
        PersonInput {
            employee_no: self.employee_no.clone(),
            name: self.name.clone(),
            gender: Some(self.gender),
            birth_date: Some(self.birth_date),
            id_number: self.id_number.clone(),
            ethnicity: self.ethnicity,
            political_status: self.political_status,
            education: self.education,
            professional_title: self.professional_title.clone(),
            skill_level: self.skill_level,
            position: self.position.clone(),
            unit_id: self.unit_id,
            work_start_date: self.work_start_date,
            hire_date: self.hire_date,
            phone: self.phone.clone(),
            political_cadre: self.political_cadre,
            reserve_talent: self.reserve_talent,
            retirement_category: self.retirement_category,
        }
    }

    /// The same person with the ID and phone numbers masked (1401**********1234, 138****5678),
    /// for lists, printouts and exports where the full value was not asked for.
    pub fn masked(mut self) -> Person {
        self.id_number = self
            .id_number
            .as_deref()
            .map(crate::privacy::mask_id_number);
        self.phone = self.phone.as_deref().map(crate::privacy::mask_phone);
        self
    }
}

/// A validated input, ready to store.
struct Checked {
    input: PersonInput,
    gender: Gender,
    birth_date: NaiveDate,
}

fn empty_to_none(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// "10001 张三", or "张三" without a 工号: how the audit log lists people (compact, and never
/// a personal number).
pub fn tag(employee_no: Option<&str>, name: &str) -> String {
    match employee_no {
        Some(no) => format!("{no} {name}"),
        None => name.to_string(),
    }
}

/// 张三（工号 E001）, or 张三 without a 工号.
pub fn who(employee_no: Option<&str>, name: &str) -> String {
    match employee_no {
        Some(no) => format!("{name}（工号 {no}）"),
        None => name.to_string(),
    }
}

/// A character a person's name may hold: a letter of any script (汉字, the letters of
/// minority and foreign names) or the middle dot of 阿不都·热合曼. Not digits, punctuation,
/// symbols or emoji, spaces, line breaks, nor the invisible characters that reorder or hide
/// text (U+202E would show 张三 as 三张 in every list).
fn is_name_char(c: char) -> bool {
    (c.is_alphabetic() && !is_invisible(c)) || c == '·'
}

/// Invisible formatting characters (Unicode category Cf): bidirectional overrides and
/// isolates, zero-width spaces and joiners, the BOM, tag characters. They change how the
/// text around them shows, or make two different values look the same.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// A one-line text field (岗位, 离职原因, a title or a place): no line breaks, tabs or other
/// control characters and no invisible formatting characters ([`is_invisible`]); they break
/// the tables and lists the value is shown in. Multi-line fields (备注, 纪要, 小结) allow
/// line breaks: [`check_text`].
pub fn check_line(field: &'static str, text: &str) -> Result<()> {
    if text.chars().any(|c| c.is_control() || is_invisible(c)) {
        return Err(Error::invalid(
            field,
            "不能含换行、制表符等控制字符或不可见的格式字符",
        ));
    }
    Ok(())
}

/// A multi-line text field (备注, 纪要, 小结): line breaks and tabs allowed, other control
/// characters and invisible formatting characters not.
pub fn check_text(field: &'static str, text: &str) -> Result<()> {
    if text
        .chars()
        .any(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || is_invisible(c))
    {
        return Err(Error::invalid(field, "不能含控制字符或不可见的格式字符"));
    }
    Ok(())
}

fn check(conn: &Connection, mut p: PersonInput, today: NaiveDate) -> Result<Checked> {
    p.employee_no = p
        .employee_no
        .as_deref()
        .map(fold_input)
        .filter(|s| !s.is_empty());
    if let Some(no) = &p.employee_no
        && (no.chars().count() > 20 || !no.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        return Err(Error::invalid(
            "工号",
            "只能由字母、数字和“-”组成，最多 20 位",
        ));
    }
    p.name = p.name.trim().replace(['\u{3000}', ' '], "");
    let name_len = p.name.chars().count();
    if name_len == 0 {
        return Err(Error::invalid("姓名", "不能为空"));
    }
    if name_len > 20 || !p.name.chars().all(is_name_char) {
        return Err(Error::invalid("姓名", "应为 1–20 个字，不能含数字或符号"));
    }

    p.id_number = empty_to_none(p.id_number);
    if p.employee_no.is_none() && p.id_number.is_none() {
        return Err(Error::invalid(
            "工号",
            "工号和身份证号至少填一项（没有工号的职工按身份证号识别）",
        ));
    }
    let from_id = match &p.id_number {
        Some(raw) => Some(idcard::parse(raw).map_err(PersonError::IdNumber)?),
        None => None,
    };
    let birth_date = match (&from_id, p.birth_date) {
        (Some(id), Some(typed)) if typed != id.birth_date => {
            return Err(PersonError::Mismatch {
                field: "出生日期",
                expected: id.birth_date.to_string(),
                given: typed.to_string(),
            }
            .into());
        }
        (Some(id), _) => id.birth_date,
        (None, Some(typed)) => typed,
        (None, None) => return Err(Error::invalid("出生日期", "请填写出生日期或身份证号")),
    };
    let gender = match (&from_id, p.gender) {
        (Some(id), Some(typed)) if typed != id.gender => {
            return Err(PersonError::Mismatch {
                field: "性别",
                expected: id.gender.label().to_string(),
                given: typed.label().to_string(),
            }
            .into());
        }
        (Some(id), _) => id.gender,
        (None, Some(typed)) => typed,
        (None, None) => return Err(Error::invalid("性别", "请填写性别或身份证号")),
    };
    p.id_number = from_id.map(|id| id.number);
    p.professional_title = crate::titles::check(p.professional_title.as_deref())?;
    p.birth_date = Some(birth_date);
    p.gender = Some(gender);
    if birth_date > today {
        return Err(Error::invalid("出生日期", "不能晚于今天"));
    }
    if birth_date < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) {
        return Err(Error::invalid("出生日期", "不能早于 1900 年"));
    }
    let sixteen = birth_date
        .checked_add_months(Months::new(16 * 12))
        .unwrap_or(birth_date);
    for (field, date) in [
        ("参加工作时间", p.work_start_date),
        ("入职时间", p.hire_date),
    ] {
        if let Some(d) = date {
            if d < sixteen {
                return Err(Error::invalid(field, "早于年满 16 周岁的日期，请核对"));
            }
            if d > today {
                return Err(Error::invalid(field, "不能晚于今天"));
            }
        }
    }
    if let (Some(work), Some(hire)) = (p.work_start_date, p.hire_date)
        && hire < work
    {
        return Err(Error::invalid("入职时间", "不能早于参加工作时间"));
    }

    p.phone = empty_to_none(p.phone).map(|s| fold_input(&s));
    if let Some(phone) = &p.phone {
        let digits = phone.chars().filter(|c| c.is_ascii_digit()).count();
        let mobile = phone.starts_with('1') && phone.len() == 11 && digits == 11;
        let landline = phone.starts_with('0')
            && (10..=13).contains(&digits)
            && phone.chars().all(|c| c.is_ascii_digit() || c == '-');
        if !mobile && !landline {
            return Err(Error::invalid("手机", "应为 11 位手机号或带区号的固定电话"));
        }
    }
    p.position = empty_to_none(p.position);
    if p.position.as_ref().is_some_and(|s| s.chars().count() > 50) {
        return Err(Error::invalid("岗位", "不能超过 50 个字"));
    }
    if let Some(position) = &p.position {
        check_line("岗位", position)?;
    }
    if gender == Gender::Male && p.retirement_category.is_some() {
        return Err(Error::invalid("退休类别", "仅女职工需要填写（干部或工人）"));
    }
    let unit_exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM unit WHERE id = ?1)",
        [p.unit_id],
        |r| r.get(0),
    )?;
    if !unit_exists {
        return Err(Error::invalid("所在单位", "请选择一个存在的单位"));
    }
    Ok(Checked {
        input: p,
        gender,
        birth_date,
    })
}

fn check_unique(conn: &Connection, c: &Checked, except: i64) -> Result<()> {
    let holder = |sql: &str, key: &str| -> Result<Option<(String, String)>> {
        Ok(conn
            .query_row(sql, params![key, except], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    };
    let holder_opt = |sql: &str, key: &str| -> Result<Option<(Option<String>, String)>> {
        Ok(conn
            .query_row(sql, params![key, except], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    };
    if let Some(no) = &c.input.employee_no
        && let Some((_, name)) = holder(
            "SELECT employee_no, name FROM person WHERE employee_no = ?1 AND id <> ?2",
            no,
        )?
    {
        return Err(PersonError::DuplicateEmployeeNo {
            employee_no: no.clone(),
            name,
        }
        .into());
    }
    if let Some(id) = &c.input.id_number
        && let Some((employee_no, name)) = holder_opt(
            "SELECT employee_no, name FROM person WHERE id_number = ?1 AND id <> ?2",
            id,
        )?
    {
        return Err(PersonError::DuplicateIdNumber {
            who: who(employee_no.as_deref(), &name),
        }
        .into());
    }
    Ok(())
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Adds a person; returns the new id.
pub fn add(tx: &Tx, input: PersonInput) -> Result<i64> {
    let c = check(tx, input, today())?;
    check_unique(tx, &c, 0)?;
    let p = &c.input;
    let now = now_text();
    tx.execute(
        "INSERT INTO person (uid, employee_no, name, name_initials, gender, birth_date, id_number,
             ethnicity, political_status, education, professional_title, skill_level, position,
             unit_id, work_start_date, hire_date, phone, political_cadre, reserve_talent,
             retirement_category, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?21)",
        params![
            new_uid(),
            p.employee_no,
            p.name,
            name_initials(&p.name),
            c.gender,
            c.birth_date,
            p.id_number,
            p.ethnicity,
            p.political_status,
            p.education,
            p.professional_title,
            p.skill_level,
            p.position,
            p.unit_id,
            p.work_start_date,
            p.hire_date,
            p.phone,
            p.political_cadre,
            p.reserve_talent,
            p.retirement_category,
            now,
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.note(format!(
        "新增职工 {}",
        tag(p.employee_no.as_deref(), &p.name)
    ));
    Ok(id)
}

/// Replaces a person's record with `input` (all fields).
pub fn update(tx: &Tx, id: i64, input: PersonInput) -> Result<()> {
    get(tx, id)?;
    let c = check(tx, input, today())?;
    check_unique(tx, &c, id)?;
    let p = &c.input;
    tx.execute(
        "UPDATE person SET employee_no = ?2, name = ?3, name_initials = ?4, gender = ?5,
             birth_date = ?6, id_number = ?7, ethnicity = ?8, political_status = ?9,
             education = ?10, professional_title = ?11, skill_level = ?12, position = ?13,
             unit_id = ?14, work_start_date = ?15, hire_date = ?16, phone = ?17,
             political_cadre = ?18, reserve_talent = ?19, retirement_category = ?20,
             updated_at = ?21
         WHERE id = ?1",
        params![
            id,
            p.employee_no,
            p.name,
            name_initials(&p.name),
            c.gender,
            c.birth_date,
            p.id_number,
            p.ethnicity,
            p.political_status,
            p.education,
            p.professional_title,
            p.skill_level,
            p.position,
            p.unit_id,
            p.work_start_date,
            p.hire_date,
            p.phone,
            p.political_cadre,
            p.reserve_talent,
            p.retirement_category,
            now_text(),
        ],
    )?;
    tx.note(format!(
        "修改职工 {}",
        tag(p.employee_no.as_deref(), &p.name)
    ));
    Ok(())
}

/// Marks a person as 离职 from `date`. Their records (attendance history) stay.
pub fn leave(tx: &Tx, id: i64, date: NaiveDate, reason: Option<&str>) -> Result<()> {
    let p = get(tx, id)?;
    if let Some(d) = p.left_date {
        return Err(PersonError::AlreadyLeft {
            who: p.who(),
            date: d.to_string(),
        }
        .into());
    }
    if p.hire_date.is_some_and(|h| date < h) {
        return Err(Error::invalid("离职日期", "不能早于入职时间"));
    }
    let reason = reason.map(str::trim).filter(|s| !s.is_empty());
    if let Some(reason) = reason {
        check_line("离职原因", reason)?;
    }
    tx.execute(
        "UPDATE person SET left_date = ?2, leave_reason = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, date, reason, now_text()],
    )?;
    tx.note(format!("职工 {} 离职", p.tag()));
    Ok(())
}

/// Undoes a 离职 entered by mistake (or a person who comes back).
pub fn reinstate(tx: &Tx, id: i64) -> Result<()> {
    let p = get(tx, id)?;
    if p.in_post() {
        return Err(PersonError::NotLeft { who: p.who() }.into());
    }
    tx.execute(
        "UPDATE person SET left_date = NULL, leave_reason = NULL, updated_at = ?2 WHERE id = ?1",
        params![id, now_text()],
    )?;
    tx.note(format!("职工 {} 恢复在职", p.tag()));
    Ok(())
}

const SELECT_PERSON: &str = "SELECT p.id, p.uid, p.employee_no, p.name, p.gender, p.birth_date,
        p.id_number, p.ethnicity, p.political_status, p.education, p.professional_title,
        p.skill_level, p.position, p.unit_id, u.name, p.work_start_date, p.hire_date, p.phone,
        p.political_cadre, p.reserve_talent, p.retirement_category, p.left_date, p.leave_reason
   FROM person p JOIN unit u ON u.id = p.unit_id";

fn from_row(r: &Row) -> rusqlite::Result<Person> {
    let professional_title: Option<String> = r.get(10)?;
    Ok(Person {
        title_level: professional_title
            .as_deref()
            .and_then(crate::titles::level_of),
        professional_title,
        id: r.get(0)?,
        uid: r.get(1)?,
        employee_no: r.get(2)?,
        name: r.get(3)?,
        gender: r.get(4)?,
        birth_date: r.get(5)?,
        id_number: r.get(6)?,
        ethnicity: r.get(7)?,
        political_status: r.get(8)?,
        education: r.get(9)?,
        skill_level: r.get(11)?,
        position: r.get(12)?,
        unit_id: r.get(13)?,
        unit_name: r.get(14)?,
        work_start_date: r.get(15)?,
        hire_date: r.get(16)?,
        phone: r.get(17)?,
        political_cadre: r.get(18)?,
        reserve_talent: r.get(19)?,
        retirement_category: r.get(20)?,
        left_date: r.get(21)?,
        leave_reason: r.get(22)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Person> {
    conn.query_row(&format!("{SELECT_PERSON} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("职工", id))
}

/// Finds a person by 工号 (as typed: spaces and full-width digits are folded).
pub fn by_employee_no(conn: &Connection, employee_no: &str) -> Result<Person> {
    let no = fold_input(employee_no);
    conn.query_row(
        &format!("{SELECT_PERSON} WHERE p.employee_no = ?1"),
        [&no],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("工号", no))
}

/// Finds a person by what identifies them: the 工号, or the 身份证号 for people without one
/// (the command line and the kiosk accept either).
pub fn by_key(conn: &Connection, key: &str) -> Result<Person> {
    let key = fold_input(key);
    if let Some(p) = conn
        .query_row(
            &format!("{SELECT_PERSON} WHERE p.employee_no = ?1"),
            [&key],
            from_row,
        )
        .optional()?
    {
        return Ok(p);
    }
    if key.chars().count() == 18 {
        let id = key.to_uppercase();
        if let Some(p) = conn
            .query_row(
                &format!("{SELECT_PERSON} WHERE p.id_number = ?1"),
                [&id],
                from_row,
            )
            .optional()?
        {
            return Ok(p);
        }
        return Err(Error::not_found(
            "身份证号",
            crate::privacy::mask_id_number(&id),
        ));
    }
    Err(Error::not_found("工号", key))
}

/// Which people: used by the staff list and by "invite everyone matching".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct PersonFilter {
    /// The unit and everything below it.
    pub unit_id: Option<i64>,
    /// Name (part of it), pinyin initials (`zs` finds 张三) or 工号 (its beginning).
    pub search: Option<String>,
    pub political_cadre: Option<bool>,
    pub reserve_talent: Option<bool>,
    pub political_status: Option<PoliticalStatus>,
    /// 中共党员 and 中共预备党员.
    pub party_member: Option<bool>,
    pub gender: Option<Gender>,
    /// Also people who have left (离职).
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub include_left: bool,
}

impl PersonFilter {
    /// The WHERE clause (over `person p`) and its parameters.
    pub(crate) fn to_sql(&self) -> (String, Vec<Value>) {
        let mut clauses: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if !self.include_left {
            clauses.push("p.left_date IS NULL".into());
        }
        if let Some(unit) = self.unit_id {
            values.push(unit.into());
            clauses.push(crate::db::sql::in_subtree("p.unit_id", values.len()));
        }
        if let Some(q) = self
            .search
            .as_deref()
            .map(fold_input)
            .filter(|q| !q.is_empty())
        {
            let escaped = crate::db::sql::like_literal(&q);
            values.push(format!("%{escaped}%").into());
            let contains = values.len();
            values.push(format!("{}%", escaped.to_lowercase()).into());
            let prefix = values.len();
            clauses.push(format!(
                "(p.name LIKE ?{contains} ESCAPE '\\' OR p.name_initials LIKE ?{prefix} ESCAPE '\\'
                  OR p.employee_no LIKE ?{prefix} ESCAPE '\\')"
            ));
        }
        for (column, flag) in [
            ("p.political_cadre", self.political_cadre),
            ("p.reserve_talent", self.reserve_talent),
        ] {
            if let Some(flag) = flag {
                clauses.push(format!("{column} = {}", i32::from(flag)));
            }
        }
        if let Some(status) = self.political_status {
            values.push(status.code().to_string().into());
            clauses.push(format!("p.political_status = ?{}", values.len()));
        }
        if let Some(member) = self.party_member {
            let not = if member { "" } else { "NOT " };
            clauses.push(format!(
                "ifnull(p.political_status, '') {not}IN ('01', '02')"
            ));
        }
        if let Some(g) = self.gender {
            values.push(g.code().to_string().into());
            clauses.push(format!("p.gender = ?{}", values.len()));
        }
        if clauses.is_empty() {
            clauses.push("1".into());
        }
        (clauses.join(" AND "), values)
    }
}

/// People matching `filter`, ordered by 工号, `limit` from `offset` (paging happens in SQL so a
/// 10,000-person company lists as fast as a team).
pub fn list(
    conn: &Connection,
    filter: &PersonFilter,
    offset: i64,
    limit: i64,
) -> Result<Page<Person>> {
    let (clause, values) = filter.to_sql();
    let window = (offset, limit);
    crate::db::sql::page(
        conn,
        SELECT_PERSON,
        "person p",
        &clause,
        values,
        "p.employee_no IS NULL, p.employee_no, p.name_initials, p.id",
        window,
        from_row,
    )
}

/// The ids of everyone matching `filter` (for invitations).
pub fn ids(conn: &Connection, filter: &PersonFilter) -> Result<Vec<i64>> {
    let (clause, values) = filter.to_sql();
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id FROM person p WHERE {clause} ORDER BY p.id"
    ))?;
    let ids = stmt
        .query_map(params_from_iter(values.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
