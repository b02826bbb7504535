//! Argument parsing shared by several command groups: value parsers that answer in Chinese,
//! the option sets more than one command takes, and the lookups of units and people by what
//! the user types (编号, name, 工号).

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, ValueEnum};

use qungong::activities::ActivityFilter;
use qungong::attendance::RateQuery;
use qungong::codes::{ActivityKind, ActivityStatus, CodeError, PoliticalStatus};
use qungong::collate::NameOrder;
use qungong::dates::{parse_date, parse_datetime};
use qungong::db::Connection;
use qungong::people::{self, PersonFilter};
use qungong::structure::{Population, StructureQuery};
use qungong::{Error, Result, units};

pub fn code_arg<T: std::str::FromStr<Err = CodeError>>(s: &str) -> Result<T, String> {
    s.parse().map_err(|e: CodeError| e.to_string())
}

pub fn date_arg(field: &'static str) -> impl Fn(&str) -> Result<NaiveDate, String> + Clone {
    move |s| parse_date(field, s).map_err(|e| e.to_string())
}

pub fn datetime_arg(field: &'static str) -> impl Fn(&str) -> Result<NaiveDateTime, String> + Clone {
    move |s| parse_datetime(field, s).map_err(|e| e.to_string())
}

pub fn order_arg(s: &str) -> Result<NameOrder, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

pub fn yes_no(s: &str) -> Result<bool, String> {
    match s.trim() {
        "是" | "true" | "1" | "yes" | "y" => Ok(true),
        "否" | "false" | "0" | "no" | "n" => Ok(false),
        other => Err(format!("“{other}”应为 是 或 否")),
    }
}

/// An edit option: `None`: not given; `Some(None)`: given empty, clear it; `Some(Some(v))`:
/// set it.
pub fn field<T>(
    value: &Option<String>,
    parse: impl Fn(&str) -> Result<T>,
) -> Result<Option<Option<T>>> {
    match value.as_deref().map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(s) => parse(s).map(|v| Some(Some(v))),
    }
}

pub fn set<T>(target: &mut Option<T>, value: Option<Option<T>>) {
    if let Some(v) = value {
        *target = v;
    }
}

/// An optional unit option (编号 or name) as the unit's id.
pub fn unit_id(conn: &Connection, unit: Option<&str>) -> Result<Option<i64>> {
    unit.map(|u| units::resolve(conn, u)).transpose()
}

/// People named by 工号 (or 身份证号 for people without one), in the order given.
pub fn person_ids(conn: &Connection, employee_nos: &[String]) -> Result<Vec<i64>> {
    employee_nos
        .iter()
        .map(|p| Ok(people::by_key(conn, p)?.id))
        .collect()
}

/// Conditions on people: shared by `person list`, `export people` and (without the unit)
/// `invite`.
#[derive(Args, Default)]
pub struct FilterArgs {
    /// 单位（含下级），编号或名称
    #[arg(long, value_name = "单位")]
    pub unit: Option<String>,
    /// 只要政工干部
    #[arg(long)]
    pub cadres: bool,
    /// 只要后备人才
    #[arg(long)]
    pub reserve: bool,
    /// 只要中共党员（含预备党员）
    #[arg(long)]
    pub party: bool,
    /// 政治面貌，如 共青团员
    #[arg(long, value_name = "政治面貌", value_parser = code_arg::<PoliticalStatus>)]
    pub political: Option<PoliticalStatus>,
}

impl FilterArgs {
    pub fn has_condition(&self) -> bool {
        self.cadres || self.reserve || self.party || self.political.is_some()
    }

    pub fn to_filter(&self, conn: &Connection) -> Result<PersonFilter> {
        Ok(PersonFilter {
            unit_id: unit_id(conn, self.unit.as_deref())?,
            ..self.to_filter_without_unit()
        })
    }

    pub fn to_filter_without_unit(&self) -> PersonFilter {
        PersonFilter {
            political_cadre: self.cadres.then_some(true),
            reserve_talent: self.reserve.then_some(true),
            party_member: self.party.then_some(true),
            political_status: self.political,
            ..Default::default()
        }
    }
}

/// Which people, searched: shared by `person list` and `export people`.
#[derive(Args)]
pub struct PeopleArgs {
    #[command(flatten)]
    conditions: FilterArgs,
    /// 搜索：姓名、拼音首字母（如 zs）或工号
    #[arg(long, short = 's', value_name = "关键词")]
    search: Option<String>,
    /// 含已离职人员
    #[arg(long)]
    include_left: bool,
}

impl PeopleArgs {
    pub fn filter(&self, conn: &Connection) -> Result<PersonFilter> {
        Ok(PersonFilter {
            search: self.search.clone(),
            include_left: self.include_left,
            ..self.conditions.to_filter(conn)?
        })
    }
}

/// Which activities: shared by `activity list` and `export activities`.
#[derive(Args)]
pub struct ActivityFilterArgs {
    /// 开始日期不早于
    #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
    from: Option<NaiveDate>,
    /// 开始日期不晚于
    #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
    to: Option<NaiveDate>,
    #[arg(long, value_name = "类型", value_parser = code_arg::<ActivityKind>)]
    kind: Option<ActivityKind>,
    /// 计划 / 已开展 / 已取消
    #[arg(long, value_name = "状态", value_parser = code_arg::<ActivityStatus>)]
    status: Option<ActivityStatus>,
    /// 主办单位（含下级）
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
    /// 活动名称中的文字
    #[arg(long, short = 's', value_name = "关键词")]
    search: Option<String>,
}

impl ActivityFilterArgs {
    /// Newest first, as the lists show them.
    pub fn filter(&self, conn: &Connection) -> Result<ActivityFilter> {
        Ok(ActivityFilter {
            from: self.from,
            to: self.to,
            kind: self.kind,
            status: self.status,
            organizer_unit_id: unit_id(conn, self.unit.as_deref())?,
            search: self.search.clone(),
            ascending: false,
        })
    }
}

/// Whose structure, on which date: shared by `structure`, `print structure` and
/// `export structure`.
#[derive(Args)]
pub struct StructureScope {
    /// 单位（含下级）；不填为全部
    #[arg(long, value_name = "单位")]
    pub unit: Option<String>,
    /// 人员范围：all（全体在职）、cadres（政工干部）、reserve（后备人才）、party（中共党员）
    #[arg(long, value_enum, default_value = "all", value_name = "范围")]
    pub population: PopulationArg,
    /// 统计日期（默认今天）
    #[arg(long, value_name = "日期", value_parser = date_arg("统计日期"))]
    pub as_of: Option<NaiveDate>,
}

impl StructureScope {
    pub fn query(&self, conn: &Connection) -> Result<StructureQuery> {
        Ok(StructureQuery {
            unit_id: unit_id(conn, self.unit.as_deref())?,
            population: self.population.into(),
            as_of: self.as_of.unwrap_or_else(qungong::db::today),
        })
    }
}

/// The structure with its trend and outlook: shared by `structure` and `print structure`.
#[derive(Args)]
pub struct AnalysisArgs {
    #[command(flatten)]
    pub scope: StructureScope,
    /// 趋势回溯和预测的年数（默认 5）
    #[arg(long, default_value_t = 5, value_name = "年数",
          value_parser = clap::value_parser!(u32).range(1..=30))]
    pub years: u32,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PopulationArg {
    All,
    Cadres,
    Reserve,
    Party,
}

impl From<PopulationArg> for Population {
    fn from(p: PopulationArg) -> Population {
        match p {
            PopulationArg::All => Population::All,
            PopulationArg::Cadres => Population::Cadres,
            PopulationArg::Reserve => Population::Reserve,
            PopulationArg::Party => Population::Party,
        }
    }
}

/// The period and unit of a rate table: shared by `attendance rates` and `export rates`.
#[derive(Args)]
pub struct RateScope {
    #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
    pub from: NaiveDate,
    #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
    pub to: NaiveDate,
    /// 只统计该单位（含下级）
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
    /// 只统计这些类型的活动（可多次给出，如 --kind 专题讲座 --kind 职工座谈会）；不给则全部类型
    #[arg(long = "kind", value_name = "活动类型", value_parser = code_arg::<ActivityKind>)]
    kinds: Vec<ActivityKind>,
}

impl RateScope {
    pub fn query(&self, conn: &Connection) -> Result<RateQuery> {
        Ok(RateQuery {
            from: self.from,
            to: self.to,
            unit_id: unit_id(conn, self.unit.as_deref())?,
            kinds: self.kinds.clone(),
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RatesBy {
    Unit,
    Person,
    Kind,
}
