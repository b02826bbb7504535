//! `qungong person`: the staff records (职工档案).

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use qungong::codes::{
    Education, Ethnicity, Gender, PoliticalStatus, RetirementCategory, SkillLevel,
};
use qungong::dates::parse_date;
use qungong::db::Connection;
use qungong::people::bulk::{self, BulkResult, PersonFlag};
use qungong::people::{self, Person, PersonInput};
use qungong::structure::retirement::{self, Overdue};
use qungong::{Error, Result, units};

use crate::Context;
use crate::args::{PeopleArgs, date_arg, field, person_ids, set, unit_id, yes_no};
use crate::output::{key_values, no_name, opt, out, table};

#[derive(Subcommand)]
pub enum PersonCmd {
    /// 职工列表
    List {
        #[command(flatten)]
        people: PeopleArgs,
        /// 第几页（不填则列出全部）
        #[arg(long, value_name = "页码")]
        page: Option<i64>,
        /// 每页条数
        #[arg(long, default_value_t = 50, value_name = "条数")]
        page_size: i64,
        /// 显示完整的身份证号和手机号（默认打码）
        #[arg(long)]
        full: bool,
    },
    /// 新增职工
    Add(PersonFields),
    /// 查看一名职工
    Show {
        #[arg(value_name = "工号或身份证号")]
        employee_no: String,
        /// 显示完整的身份证号和手机号（默认打码）
        #[arg(long)]
        full: bool,
    },
    /// 修改职工信息（只改给出的项；给空值 "" 清除该项）
    Edit {
        // Its own id: `--employee-no` among the fields (the new 工号) already takes the name.
        #[arg(id = "current_employee_no", value_name = "工号或身份证号")]
        employee_no: String,
        #[command(flatten)]
        fields: PersonFields,
    },
    /// 办理离职（档案和历史记录保留）
    Leave {
        #[arg(value_name = "工号或身份证号")]
        employee_no: String,
        /// 离职日期（默认今天）
        #[arg(long, value_name = "日期", value_parser = date_arg("离职日期"))]
        date: Option<NaiveDate>,
        /// 离职原因，如 退休、调出
        #[arg(long, value_name = "原因")]
        reason: Option<String>,
    },
    /// 恢复在职（撤销误办的离职）
    Reinstate {
        #[arg(value_name = "工号或身份证号")]
        employee_no: String,
    },
    /// 批量设为或取消政工干部、后备人才（全部办成或一个也不办）
    SetFlag {
        /// 在职人员的工号或身份证号（可写多个）
        #[arg(value_name = "工号或身份证号", required = true)]
        employee_nos: Vec<String>,
        /// 政工干部：是 / 否
        #[arg(long, value_name = "是/否", value_parser = yes_no, required_unless_present = "reserve")]
        cadre: Option<bool>,
        /// 后备人才：是 / 否
        #[arg(long, value_name = "是/否", value_parser = yes_no)]
        reserve: Option<bool>,
    },
    /// 批量调动到一个单位（全部办成或一个也不办）
    Transfer {
        /// 在职人员的工号或身份证号（可写多个）
        #[arg(value_name = "工号或身份证号", required = true)]
        employee_nos: Vec<String>,
        /// 调入单位（编号或名称）
        #[arg(long, value_name = "单位")]
        unit: String,
    },
    /// 列出已过法定退休日期仍在职的人员（多为漏办退休）
    Overdue {
        /// 单位（含下级），编号或名称；不填为全部
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
    },
    /// 办理退休：以法定退休日期为离职日期、原因“退休”；全部办成或一个也不办
    Retire {
        /// 要办理的人员的工号或身份证号（可写多个）
        #[arg(
            value_name = "工号",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        employee_nos: Vec<String>,
        /// 为所有已过法定退休日期仍在职的人员办理（可用 --unit 限定单位）
        #[arg(long)]
        all: bool,
        /// 与 --all 一起用：只办理该单位（含下级）的人员
        #[arg(long, value_name = "单位", requires = "all")]
        unit: Option<String>,
    },
}

#[derive(Args)]
pub struct PersonFields {
    /// 工号（修改时为新工号）
    #[arg(long, value_name = "工号")]
    employee_no: Option<String>,
    #[arg(long, value_name = "姓名")]
    name: Option<String>,
    /// 所在单位（编号或名称）
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
    /// 男 / 女（填了身份证号可不填）
    #[arg(long, value_name = "性别")]
    gender: Option<String>,
    /// 出生日期（填了身份证号可不填）
    #[arg(long, value_name = "日期")]
    birth_date: Option<String>,
    #[arg(long, value_name = "身份证号")]
    id_number: Option<String>,
    #[arg(long, value_name = "民族")]
    ethnicity: Option<String>,
    #[arg(long, value_name = "政治面貌")]
    political_status: Option<String>,
    #[arg(long, value_name = "学历")]
    education: Option<String>,
    /// 职称全称，如 高级工程师、政工师、助理经济师、技术员（级别由此推出）
    #[arg(long, value_name = "职称")]
    title: Option<String>,
    #[arg(long, value_name = "技能等级")]
    skill_level: Option<String>,
    #[arg(long, value_name = "岗位")]
    position: Option<String>,
    /// 参加工作时间
    #[arg(long, value_name = "日期")]
    work_start_date: Option<String>,
    /// 入职时间
    #[arg(long, value_name = "日期")]
    hire_date: Option<String>,
    #[arg(long, value_name = "手机")]
    phone: Option<String>,
    /// 是否政工干部：是 / 否
    #[arg(long, value_name = "是/否", value_parser = yes_no)]
    cadre: Option<bool>,
    /// 是否后备人才：是 / 否
    #[arg(long, value_name = "是/否", value_parser = yes_no)]
    reserve: Option<bool>,
    /// 女职工退休类别：干部 / 工人
    #[arg(long, value_name = "类别")]
    retirement_category: Option<String>,
}

impl PersonFields {
    /// Applies the given fields over `base` (all empty for a new person).
    fn apply(&self, conn: &Connection, mut p: PersonInput) -> Result<PersonInput> {
        let code = |e: qungong::codes::CodeError| Error::from(e);
        if let Some(no) = &self.employee_no {
            p.employee_no = Some(no.clone());
        }
        if let Some(name) = &self.name {
            p.name = name.clone();
        }
        if let Some(unit) = &self.unit {
            p.unit_id = units::resolve(conn, unit)?;
        }
        set(
            &mut p.gender,
            field(&self.gender, |s| Gender::parse(s).map_err(code))?,
        );
        set(
            &mut p.birth_date,
            field(&self.birth_date, |s| parse_date("出生日期", s))?,
        );
        set(
            &mut p.id_number,
            field(&self.id_number, |s| Ok(s.to_string()))?,
        );
        set(
            &mut p.ethnicity,
            field(&self.ethnicity, |s| Ethnicity::parse(s).map_err(code))?,
        );
        set(
            &mut p.political_status,
            field(&self.political_status, |s| {
                PoliticalStatus::parse(s).map_err(code)
            })?,
        );
        set(
            &mut p.education,
            field(&self.education, |s| Education::parse(s).map_err(code))?,
        );
        set(
            &mut p.professional_title,
            field(&self.title, |s| Ok(s.to_string()))?,
        );
        set(
            &mut p.skill_level,
            field(&self.skill_level, |s| SkillLevel::parse(s).map_err(code))?,
        );
        set(
            &mut p.position,
            field(&self.position, |s| Ok(s.to_string()))?,
        );
        set(
            &mut p.work_start_date,
            field(&self.work_start_date, |s| parse_date("参加工作时间", s))?,
        );
        set(
            &mut p.hire_date,
            field(&self.hire_date, |s| parse_date("入职时间", s))?,
        );
        set(&mut p.phone, field(&self.phone, |s| Ok(s.to_string()))?);
        set(
            &mut p.retirement_category,
            field(&self.retirement_category, |s| {
                RetirementCategory::parse(s).map_err(code)
            })?,
        );
        if let Some(c) = self.cadre {
            p.political_cadre = c;
        }
        if let Some(r) = self.reserve {
            p.reserve_talent = r;
        }
        Ok(p)
    }
}

fn person_rows(list: &[Person]) -> impl Iterator<Item = Vec<String>> + '_ {
    list.iter().map(|p| {
        let flags = [
            (p.political_cadre, "政工干部"),
            (p.reserve_talent, "后备人才"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join("、");
        vec![
            opt(&p.employee_no),
            p.name.clone(),
            p.gender.to_string(),
            p.birth_date.format("%Y-%m").to_string(),
            p.unit_name.clone(),
            opt(&p.position),
            opt(&p.political_status),
            opt(&p.education),
            flags,
            p.status_label().to_string(),
        ]
    })
}

/// 已设为政工干部 2 人（另有 1 人原已如此）.
fn bulk_message(what: &str, r: &BulkResult) -> String {
    let mut s = format!("已{what} {} 人", r.changed);
    if r.unchanged > 0 {
        s.push_str(&format!("（另有 {} 人原已如此，未改动）", r.unchanged));
    }
    s
}

fn overdue_rows(list: &[Overdue]) -> impl Iterator<Item = Vec<String>> + '_ {
    list.iter().map(|o| {
        vec![
            opt(&o.employee_no),
            o.name.clone(),
            o.gender.to_string(),
            o.unit_name.clone(),
            o.age.label(),
            o.date.to_string(),
        ]
    })
}

const OVERDUE_HEADERS: [&str; 6] = [
    "工号",
    "姓名",
    "性别",
    "单位",
    "法定退休年龄",
    "法定退休日期",
];

fn show(p: &Person, unit_path: String) {
    let yes = |b: bool| if b { "是" } else { "否" }.to_string();
    key_values(&[
        ("工号", opt(&p.employee_no)),
        ("姓名", p.name.clone()),
        ("性别", p.gender.to_string()),
        ("出生日期", p.birth_date.to_string()),
        ("身份证号", opt(&p.id_number)),
        ("民族", opt(&p.ethnicity)),
        ("政治面貌", opt(&p.political_status)),
        ("学历", opt(&p.education)),
        ("职称", opt(&p.professional_title)),
        ("职称级别", opt(&p.title_level)),
        ("技能等级", opt(&p.skill_level)),
        ("岗位", opt(&p.position)),
        ("所在单位", unit_path),
        ("参加工作时间", opt(&p.work_start_date)),
        ("入职时间", opt(&p.hire_date)),
        ("手机", opt(&p.phone)),
        ("政工干部", yes(p.political_cadre)),
        ("后备人才", yes(p.reserve_talent)),
        ("退休类别", opt(&p.retirement_category)),
        (
            "状态",
            match p.left_date {
                Some(d) => format!(
                    "离职（{d}{}）",
                    p.leave_reason
                        .as_deref()
                        .map(|r| format!("，{r}"))
                        .unwrap_or_default()
                ),
                None => "在职".into(),
            },
        ),
    ])
}

pub fn run(ctx: &Context, cmd: &PersonCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let (json, actor) = (ctx.json, &ctx.actor);
    match cmd {
        PersonCmd::List {
            people: query,
            page,
            page_size,
            full,
        } => {
            let filter = query.filter(db.conn())?;
            let size = (*page_size).clamp(1, 1000);
            let (offset, limit) = match page {
                Some(p) => (((*p).max(1) - 1) * size, size),
                None => (0, i64::MAX),
            };
            let page = people::list(db.conn(), &filter, offset, limit)?;
            let items: Vec<Person> = page
                .items
                .into_iter()
                .map(|p| if *full { p } else { p.masked() })
                .collect();
            out(json, &items, || {
                table(
                    &[
                        "工号",
                        "姓名",
                        "性别",
                        "出生年月",
                        "单位",
                        "岗位",
                        "政治面貌",
                        "学历",
                        "标记",
                        "状态",
                    ],
                    person_rows(&items),
                );
                println!(
                    "共 {} 人{}",
                    page.total,
                    if limit < page.total {
                        format!("，本页 {} 人", items.len())
                    } else {
                        String::new()
                    }
                );
            });
        }
        PersonCmd::Add(fields) => {
            let base = PersonInput {
                unit_id: 0,
                ..Default::default()
            };
            if fields.unit.is_none() {
                return Err(Error::invalid("所在单位", "请用 --unit 填写"));
            }
            let input = fields.apply(db.conn(), base)?;
            let id = db.transact(actor, qungong::Action::PersonAdd, |tx| {
                people::add(tx, input)
            })?;
            let p = people::get(db.conn(), id)?.masked();
            out(json, &p, || {
                println!(
                    "已新增职工：{}（{}）",
                    no_name(&p.employee_no, &p.name),
                    p.unit_name
                )
            });
        }
        PersonCmd::Show { employee_no, full } => {
            let p = people::by_key(db.conn(), employee_no)?;
            let p = if *full { p } else { p.masked() };
            let unit_path = units::get(db.conn(), p.unit_id)?.path;
            out(json, &p, || show(&p, unit_path));
        }
        PersonCmd::Edit {
            employee_no,
            fields,
        } => {
            let p = people::by_key(db.conn(), employee_no)?;
            let input = fields.apply(db.conn(), p.to_input())?;
            db.transact(actor, qungong::Action::PersonEdit, |tx| {
                people::update(tx, p.id, input)
            })?;
            let p = people::get(db.conn(), p.id)?.masked();
            out(json, &p, || {
                println!("已修改职工：{}", no_name(&p.employee_no, &p.name))
            });
        }
        PersonCmd::Leave {
            employee_no,
            date,
            reason,
        } => {
            let p = people::by_key(db.conn(), employee_no)?;
            let date = date.unwrap_or_else(qungong::db::today);
            db.transact(actor, qungong::Action::PersonLeave, |tx| {
                people::leave(tx, p.id, date, reason.as_deref())
            })?;
            let p = people::get(db.conn(), p.id)?.masked();
            out(json, &p, || {
                println!(
                    "已办理离职：{}，离职日期 {date}",
                    no_name(&p.employee_no, &p.name)
                )
            });
        }
        PersonCmd::Reinstate { employee_no } => {
            let p = people::by_key(db.conn(), employee_no)?;
            db.transact(actor, qungong::Action::PersonReinstate, |tx| {
                people::reinstate(tx, p.id)
            })?;
            let p = people::get(db.conn(), p.id)?.masked();
            out(json, &p, || {
                println!("已恢复在职：{}", no_name(&p.employee_no, &p.name))
            });
        }
        PersonCmd::SetFlag {
            employee_nos,
            cadre,
            reserve,
        } => {
            let ids = person_ids(db.conn(), employee_nos)?;
            let flags: Vec<(PersonFlag, bool)> = [
                (PersonFlag::PoliticalCadre, *cadre),
                (PersonFlag::ReserveTalent, *reserve),
            ]
            .into_iter()
            .filter_map(|(flag, on)| Some((flag, on?)))
            .collect();
            // Both flags in one transaction: one audit row, and nothing when either is refused.
            let done = db.transact(actor, qungong::Action::PersonBulkFlag, |tx| {
                flags
                    .iter()
                    .map(|&(flag, on)| bulk::set_flag(tx, &ids, flag, on))
                    .collect::<Result<Vec<_>>>()
            })?;
            out(json, &done, || {
                for ((flag, on), r) in flags.iter().zip(&done) {
                    let verb = if *on { "设为" } else { "取消" };
                    println!("{}", bulk_message(&format!("{verb}{}", flag.label()), r));
                }
            });
        }
        PersonCmd::Transfer { employee_nos, unit } => {
            let ids = person_ids(db.conn(), employee_nos)?;
            let unit = units::resolve(db.conn(), unit)?;
            let done = db.transact(actor, qungong::Action::PersonBulkMove, |tx| {
                bulk::move_to_unit(tx, &ids, unit)
            })?;
            let path = units::get(db.conn(), unit)?.path;
            out(json, &done, || {
                println!("{}", bulk_message(&format!("调到 {path}"), &done))
            });
        }
        PersonCmd::Overdue { unit } => {
            let unit = unit_id(db.conn(), unit.as_deref())?;
            let list = retirement::overdue(db.conn(), unit, qungong::db::today())?;
            out(json, &list, || {
                if list.people.is_empty() {
                    println!("没有已过法定退休日期仍在职的人员。");
                } else {
                    table(&OVERDUE_HEADERS, overdue_rows(&list.people));
                    println!(
                        "共 {} 人已过法定退休日期仍在职，可用 qungong person retire 办理退休。",
                        list.people.len()
                    );
                }
                if list.retirement_category_missing > 0 {
                    println!(
                        "另有 {} 名女职工未填退休类别（干部 / 工人），无法判断。",
                        list.retirement_category_missing
                    );
                }
            });
        }
        PersonCmd::Retire {
            employee_nos,
            all,
            unit,
        } => {
            let today = qungong::db::today();
            let ids = if *all {
                let unit = unit_id(db.conn(), unit.as_deref())?;
                let list = retirement::overdue(db.conn(), unit, today)?;
                list.people.iter().map(|o| o.person_id).collect()
            } else {
                person_ids(db.conn(), employee_nos)?
            };
            if ids.is_empty() {
                let none: Vec<Overdue> = Vec::new();
                out(json, &none, || {
                    println!("没有已过法定退休日期仍在职的人员，无需办理。")
                });
                return Ok(());
            }
            let done = db.transact(actor, qungong::Action::PersonRetire, |tx| {
                retirement::retire(tx, &ids, today)
            })?;
            out(json, &done, || {
                table(&OVERDUE_HEADERS, overdue_rows(&done));
                println!(
                    "已办理退休 {} 人，离职日期为各人的法定退休日期。",
                    done.len()
                );
            });
        }
    }
    Ok(())
}
