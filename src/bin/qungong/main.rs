//! `qungong`: the command-line face of the core. Every command parses its arguments, calls the
//! same core functions the desktop app calls, and prints a Chinese table (or JSON with --json).
//! Errors go to stderr in Chinese with a non-zero exit; a failed command writes nothing.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use chrono::{Duration, Local, NaiveDate, NaiveDateTime};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use serde::Serialize;

use qungong::activities::{self, Activity, ActivityFilter, ActivityInput};
use qungong::attendance::{self, RateQuery};
use qungong::codes::{
    ActivityKind, ActivityMode, ActivityStatus, AttendanceStatus, Education, Ethnicity, Gender,
    PoliticalStatus, ProfessionalTitle, Recurrence, RetirementCategory, SkillLevel, UnitKind,
};
use qungong::collate::NameOrder;
use qungong::dates::{parse_date, parse_datetime};
use qungong::pdf::job::{self as printing, PrintChoices, PrintJob};
use qungong::people::{self, Person, PersonFilter, PersonInput};
use qungong::{Actor, Db, Error, Result, demo, settings, units};

#[derive(Parser)]
#[command(
    name = "qungong",
    about = "群工台：职工档案、群众活动、签到与出勤统计（命令行）",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    /// 数据库文件（默认取环境变量 QUNGONG_DB，否则为数据目录下的 qungong/qungong.db）
    #[arg(long, global = true, value_name = "文件")]
    db: Option<PathBuf>,
    /// 以 JSON 输出（便于脚本处理）
    #[arg(long, global = true)]
    json: bool,
    /// 显示帮助
    #[arg(short = 'h', long, action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

// Parsed once per run: the size difference between variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// 创建数据库（已存在则检查并升级结构）
    Init,
    /// 在空数据库中生成演示数据
    Demo {
        /// 规模：branch（基层单位，约 300 人）或 city（地市公司，约 1 万人）
        #[arg(long, value_enum, default_value = "branch", value_name = "规模")]
        scale: ScaleArg,
        /// 随机种子：相同种子生成相同数据
        #[arg(long, default_value_t = 1, value_name = "种子")]
        seed: u64,
        /// 数据截止日（默认今天）：此前三年的活动已开展，此后约两个月为计划
        #[arg(long, value_name = "日期", value_parser = date_arg("截止日"))]
        today: Option<NaiveDate>,
    },
    /// 单位：新增、列表、更名、移动、删除
    #[command(subcommand)]
    Unit(UnitCmd),
    /// 职工档案：列表、新增、查看、修改、离职
    #[command(subcommand)]
    Person(PersonCmd),
    /// 活动：列表、新增、查看、修改、取消、小结
    #[command(subcommand)]
    Activity(ActivityCmd),
    /// 邀请人员进入活动的应到名单（按单位、条件或个人），或移出名单
    Invite(InviteArgs),
    /// 签到（按工号）
    Checkin(CheckinArgs),
    /// 考勤：签到表、设置状态、出勤率、未出席名单
    #[command(subcommand)]
    Attendance(AttendanceCmd),
    /// 队伍结构：年龄金字塔、学历职称技能分布、指标、预警、今后退休人员
    Structure {
        #[command(flatten)]
        scope: StructureScope,
        /// 列出每个人的年龄和法定退休日期
        #[arg(long)]
        people: bool,
    },
    /// 打印：签到表、考勤表、花名册、活动台账（A4 PDF）
    #[command(subcommand)]
    Print(PrintCmd),
    /// 导入 Excel / WPS / CSV：职工花名册、线上会议签到
    #[command(subcommand)]
    Import(ImportCmd),
    /// 导出 Excel：职工名单、考勤、出勤率、活动列表、活动台账、队伍结构（.xlsx）
    #[command(subcommand)]
    Export(ExportCmd),
    /// 设置：查看或修改（如打印字体 pdf_font）
    #[command(subcommand)]
    Setting(SettingCmd),
    /// 操作日志（最近的写入记录）
    Audit {
        /// 显示条数
        #[arg(long, default_value_t = 20, value_name = "条数")]
        limit: u32,
    },
}

#[derive(Subcommand)]
enum PrintCmd {
    /// 签到表（活动前打印，签名栏留空）
    SignInSheet {
        #[arg(long, value_name = "活动编号")]
        activity: i64,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 考勤表（活动后打印，含签到状态与出勤率）
    AttendanceSheet {
        #[arg(long, value_name = "活动编号")]
        activity: i64,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 花名册（单位及下级的在职职工）
    Roster {
        #[arg(long, value_name = "单位")]
        unit: String,
        /// 加印身份证号（默认打码，加 --full 显示完整号码）
        #[arg(long)]
        id_number: bool,
        /// 加印手机号（默认打码，加 --full 显示完整号码）
        #[arg(long)]
        phone: bool,
        /// 身份证号和手机号不打码
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 活动台账（单位及下级在期间内组织的活动）
    Ledger {
        #[arg(long, value_name = "单位")]
        unit: String,
        #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
        from: NaiveDate,
        #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
        to: NaiveDate,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 队伍结构分析报告（指标、预警、年龄金字塔、分布、趋势与预测、今后退休人员）
    Structure {
        #[command(flatten)]
        scope: StructureScope,
        #[command(flatten)]
        common: PrintArgs,
    },
}

#[derive(Args)]
struct PrintArgs {
    /// 输出的 PDF 文件
    #[arg(short = 'o', long = "output", value_name = "文件")]
    output: PathBuf,
    /// 姓名排序：stroke（姓氏笔画，默认）、pinyin（拼音）、unit（单位）、employee-no（工号）
    #[arg(long, default_value = "stroke", value_name = "排序", value_parser = order_arg)]
    order: NameOrder,
    /// 中文字体文件（.ttf / .otf / .ttc）；不填则用“设置”中的字体或系统字体
    #[arg(long, value_name = "字体文件")]
    font: Option<PathBuf>,
}

#[derive(Subcommand)]
enum ImportCmd {
    /// 职工花名册：.xlsx、.xls、.et、.ods 或 .csv（UTF-8 或 GBK），自动找到表头、识别各列；
    /// 按工号（无工号时按身份证号）新增或更新，空白单元格不会清除已有信息
    People(ImportPeopleArgs),
    /// 线上会议的参会记录（腾讯会议、钉钉等导出的 .xlsx / .csv）：按姓名、昵称或工号匹配应到人员，
    /// 按入会时间签到（超过迟到宽限记迟到），已签到的不变
    MeetingAttendance {
        #[arg(long, value_name = "活动编号")]
        activity: i64,
        /// 参会记录文件
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 只预览匹配结果，不写入
        #[arg(long)]
        dry_run: bool,
        /// 手动匹配未能自动匹配的记录：文件中的行号=工号（可重复），如 --match 12=10005
        #[arg(long = "match", value_name = "行号=工号")]
        matches: Vec<String>,
    },
}

#[derive(Args)]
struct ImportPeopleArgs {
    /// 花名册文件
    #[arg(value_name = "文件")]
    file: PathBuf,
    /// 只预览每一行将新增、更新、不变还是有错，不写入数据库
    #[arg(long)]
    dry_run: bool,
    /// 自动创建表中出现而单位树中没有的单位（否则这些行报错）
    #[arg(long)]
    create_units: bool,
}

#[derive(Subcommand)]
enum ExportCmd {
    /// 职工名单（条件同 person list；身份证号、手机号、出生日期默认打码）
    People {
        #[command(flatten)]
        filter: FilterArgs,
        /// 搜索：姓名、拼音首字母（如 zs）或工号
        #[arg(long, short = 's', value_name = "关键词")]
        search: Option<String>,
        /// 含已离职人员
        #[arg(long)]
        include_left: bool,
        /// 身份证号、手机号和出生日期不打码
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 一项活动的考勤（状态、签到时间、请假事由、非名单人员）
    Attendance {
        #[arg(long, value_name = "活动编号")]
        activity: i64,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 出勤率（按单位和按人员，统计期内已开展的活动）
    Rates {
        /// 只导出 unit（按单位）或 person（按人员）；不填则两张表都导出
        #[arg(long, value_enum, value_name = "维度")]
        by: Option<RatesBy>,
        #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
        from: NaiveDate,
        #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
        to: NaiveDate,
        /// 只统计该单位（含下级）
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 活动列表（条件同 activity list，含应到、实到、出勤率）
    Activities {
        #[command(flatten)]
        filter: ActivityFilterArgs,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 活动台账（单位及下级在期间内组织的活动，与打印的台账相同）
    Ledger {
        /// 主办单位（含下级）；不填为全部
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
        #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
        from: NaiveDate,
        #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
        to: NaiveDate,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 队伍结构（主要指标、年龄结构、学历、职称、技能等级、政治面貌）
    Structure {
        /// 单位（含下级）；不填为全部
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
        /// 人员范围：all（全体在职）、cadres（政工干部）、reserve（后备人才）、party（中共党员）
        #[arg(long, value_enum, default_value = "all", value_name = "范围")]
        population: PopulationArg,
        /// 统计日期（默认今天）
        #[arg(long, value_name = "日期", value_parser = date_arg("统计日期"))]
        as_of: Option<NaiveDate>,
        #[command(flatten)]
        out: ExportArgs,
    },
}

#[derive(Args)]
struct ExportArgs {
    /// 输出的 Excel 文件（.xlsx）
    #[arg(short = 'o', long = "output", value_name = "文件")]
    output: PathBuf,
    /// 名单排序：stroke（姓氏笔画，默认）、pinyin（拼音）、unit（单位）、employee-no（工号）
    #[arg(long, default_value = "stroke", value_name = "排序", value_parser = order_arg)]
    order: NameOrder,
}

#[derive(Subcommand)]
enum SettingCmd {
    /// 查看设置
    Get {
        #[arg(value_name = "名称")]
        key: String,
    },
    /// 修改设置（值为空则清除）
    Set {
        #[arg(value_name = "名称")]
        key: String,
        #[arg(value_name = "值")]
        value: String,
    },
}

/// Which activities: shared by `activity list` and `export activities`.
#[derive(Args)]
struct ActivityFilterArgs {
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
    fn filter(&self, conn: &qungong::db::Connection) -> Result<ActivityFilter> {
        Ok(ActivityFilter {
            from: self.from,
            to: self.to,
            kind: self.kind,
            status: self.status,
            organizer_unit_id: self
                .unit
                .as_deref()
                .map(|u| units::resolve(conn, u))
                .transpose()?,
            search: self.search.clone(),
            ascending: false,
        })
    }
}

/// Whose structure, on which date: shared by `structure` and `print structure`.
#[derive(Args)]
struct StructureScope {
    /// 单位（含下级）；不填为全部
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
    /// 人员范围：all（全体在职）、cadres（政工干部）、reserve（后备人才）、party（中共党员）
    #[arg(long, value_enum, default_value = "all", value_name = "范围")]
    population: PopulationArg,
    /// 统计日期（默认今天）
    #[arg(long, value_name = "日期", value_parser = date_arg("统计日期"))]
    as_of: Option<NaiveDate>,
    /// 趋势回溯和预测的年数（默认 5）
    #[arg(long, default_value_t = 5, value_name = "年数",
          value_parser = clap::value_parser!(u32).range(1..=30))]
    years: u32,
}

impl StructureScope {
    fn query(&self, conn: &qungong::db::Connection) -> Result<qungong::structure::StructureQuery> {
        use qungong::structure::Population;
        Ok(qungong::structure::StructureQuery {
            unit_id: self
                .unit
                .as_deref()
                .map(|u| units::resolve(conn, u))
                .transpose()?,
            population: match self.population {
                PopulationArg::All => Population::All,
                PopulationArg::Cadres => Population::Cadres,
                PopulationArg::Reserve => Population::Reserve,
                PopulationArg::Party => Population::Party,
            },
            as_of: self.as_of.unwrap_or_else(|| Local::now().date_naive()),
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum PopulationArg {
    All,
    Cadres,
    Reserve,
    Party,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScaleArg {
    Branch,
    City,
}

#[derive(Subcommand)]
enum UnitCmd {
    /// 新增单位
    Add {
        /// 单位名称
        #[arg(value_name = "名称")]
        name: String,
        /// 上级单位（编号或名称）；不填则为顶层单位
        #[arg(long, value_name = "单位")]
        parent: Option<String>,
        /// 单位类型：公司、部门、站所（供电所 / 变电站）、班组；不填则按名称推断
        #[arg(long, value_name = "类型", value_parser = code_arg::<UnitKind>)]
        kind: Option<UnitKind>,
    },
    /// 以树形列出全部单位
    List,
    /// 单位更名
    Rename {
        #[arg(value_name = "单位")]
        unit: String,
        #[arg(value_name = "新名称")]
        new_name: String,
    },
    /// 把单位（连同下级）移到另一个上级之下
    Move {
        #[arg(value_name = "单位")]
        unit: String,
        /// 新的上级单位
        #[arg(long, value_name = "单位", required_unless_present = "top")]
        parent: Option<String>,
        /// 移为顶层单位
        #[arg(long, conflicts_with = "parent")]
        top: bool,
    },
    /// 删除没有下级、职工和活动的单位
    Delete {
        #[arg(value_name = "单位")]
        unit: String,
    },
}

#[derive(Subcommand)]
enum PersonCmd {
    /// 职工列表
    List {
        #[command(flatten)]
        filter: FilterArgs,
        /// 搜索：姓名、拼音首字母（如 zs）或工号
        #[arg(long, short = 's', value_name = "关键词")]
        search: Option<String>,
        /// 含已离职人员
        #[arg(long)]
        include_left: bool,
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
        #[arg(value_name = "工号")]
        employee_no: String,
        /// 显示完整的身份证号和手机号（默认打码）
        #[arg(long)]
        full: bool,
    },
    /// 修改职工信息（只改给出的项；给空值 "" 清除该项）
    Edit {
        #[arg(value_name = "工号")]
        employee_no: String,
        #[command(flatten)]
        fields: PersonFields,
    },
    /// 办理离职（档案和历史记录保留）
    Leave {
        #[arg(value_name = "工号")]
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
        #[arg(value_name = "工号")]
        employee_no: String,
    },
}

#[derive(Args, Default)]
struct FilterArgs {
    /// 单位（含下级），编号或名称
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
    /// 只要政工干部
    #[arg(long)]
    cadres: bool,
    /// 只要后备人才
    #[arg(long)]
    reserve: bool,
    /// 只要中共党员（含预备党员）
    #[arg(long)]
    party: bool,
    /// 政治面貌，如 共青团员
    #[arg(long, value_name = "政治面貌", value_parser = code_arg::<PoliticalStatus>)]
    political: Option<PoliticalStatus>,
}

impl FilterArgs {
    fn has_condition(&self) -> bool {
        self.cadres || self.reserve || self.party || self.political.is_some()
    }

    fn to_filter(&self, db: &Db) -> Result<PersonFilter> {
        Ok(PersonFilter {
            unit_id: self
                .unit
                .as_deref()
                .map(|u| units::resolve(db.conn(), u))
                .transpose()?,
            political_cadre: self.cadres.then_some(true),
            reserve_talent: self.reserve.then_some(true),
            party_member: self.party.then_some(true),
            political_status: self.political,
            ..Default::default()
        })
    }
}

#[derive(Args)]
struct PersonFields {
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

/// `None`: not given; `Some(None)`: given empty, clear it; `Some(Some(v))`: set it.
fn field<T>(
    value: &Option<String>,
    parse: impl Fn(&str) -> Result<T>,
) -> Result<Option<Option<T>>> {
    match value.as_deref().map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(s) => parse(s).map(|v| Some(Some(v))),
    }
}

fn set<T>(target: &mut Option<T>, value: Option<Option<T>>) {
    if let Some(v) = value {
        *target = v;
    }
}

impl PersonFields {
    /// Applies the given fields over `base` (all empty for a new person).
    fn apply(&self, db: &Db, mut p: PersonInput) -> Result<PersonInput> {
        let code = |e: qungong::codes::CodeError| Error::from(e);
        if let Some(no) = &self.employee_no {
            p.employee_no = no.clone();
        }
        if let Some(name) = &self.name {
            p.name = name.clone();
        }
        if let Some(unit) = &self.unit {
            p.unit_id = units::resolve(db.conn(), unit)?;
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
            field(&self.title, |s| ProfessionalTitle::parse(s).map_err(code))?,
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

#[derive(Subcommand)]
enum ActivityCmd {
    /// 活动列表（新的在前）
    List {
        #[command(flatten)]
        filter: ActivityFilterArgs,
        #[arg(long, default_value_t = 1, value_name = "页码")]
        page: i64,
        #[arg(long, default_value_t = 50, value_name = "条数")]
        page_size: i64,
    },
    /// 新增活动（可用 --repeat 一次建立系列活动）
    Add {
        #[command(flatten)]
        fields: ActivityFields,
        /// 重复：每周 / 每月（与 --count 一起使用）
        #[arg(long, value_name = "方式", value_parser = code_arg::<Recurrence>, requires = "count")]
        repeat: Option<Recurrence>,
        /// 系列共几次
        #[arg(long, value_name = "次数", requires = "repeat")]
        count: Option<u32>,
    },
    /// 查看活动详情与出勤概况
    Show {
        #[arg(value_name = "活动编号")]
        id: i64,
    },
    /// 修改活动（只改给出的项）；加 --series 则修改整个系列中尚未开展的各次
    Edit {
        #[arg(value_name = "活动编号")]
        id: i64,
        #[command(flatten)]
        fields: ActivityFields,
        #[arg(long)]
        series: bool,
    },
    /// 取消活动；加 --series 则取消整个系列中尚未开展的各次
    Cancel {
        #[arg(value_name = "活动编号")]
        id: i64,
        #[arg(long)]
        series: bool,
    },
    /// 填写活动小结（活动记为已开展）
    Summary {
        #[arg(value_name = "活动编号")]
        id: i64,
        #[arg(value_name = "小结")]
        text: String,
    },
}

#[derive(Args)]
struct ActivityFields {
    /// 活动名称
    #[arg(long, value_name = "名称")]
    title: Option<String>,
    /// 专题讲座、歌咏比赛、形势任务宣讲、职工座谈会、主题教育、红色教育、谈心谈话、其他
    #[arg(long, value_name = "类型", value_parser = code_arg::<ActivityKind>)]
    kind: Option<ActivityKind>,
    /// 线下 / 线上 / 线上线下
    #[arg(long, value_name = "形式", value_parser = code_arg::<ActivityMode>)]
    mode: Option<ActivityMode>,
    /// 开始时间，如 "2026-11-25 09:00"
    #[arg(long, value_name = "时间", value_parser = datetime_arg("开始时间"))]
    start: Option<NaiveDateTime>,
    /// 结束时间（新增时默认开始后 2 小时）
    #[arg(long, value_name = "时间", value_parser = datetime_arg("结束时间"))]
    end: Option<NaiveDateTime>,
    /// 地点（线下）
    #[arg(long, value_name = "地点")]
    place: Option<String>,
    /// 线上会议名称或会议号（线上）
    #[arg(long, value_name = "会议")]
    meeting: Option<String>,
    /// 主办单位（编号或名称）
    #[arg(long, value_name = "单位")]
    organizer: Option<String>,
    /// 主讲人 / 主持人
    #[arg(long, value_name = "姓名")]
    host: Option<String>,
    /// 活动内容简介
    #[arg(long, value_name = "简介")]
    description: Option<String>,
    /// 开始后多少分钟内签到不算迟到（默认 10）
    #[arg(long, value_name = "分钟")]
    grace: Option<u32>,
}

impl ActivityFields {
    fn apply(&self, db: &Db, base: Option<ActivityInput>) -> Result<ActivityInput> {
        let mut a = match base {
            Some(a) => a,
            None => {
                let title = self
                    .title
                    .clone()
                    .ok_or_else(|| Error::invalid("活动名称", "请用 --title 填写"))?;
                let start = self
                    .start
                    .ok_or_else(|| Error::invalid("开始时间", "请用 --start 填写"))?;
                ActivityInput {
                    kind: ActivityKind::Other,
                    mode: ActivityMode::Offline,
                    title,
                    starts_at: start,
                    ends_at: start + Duration::hours(2),
                    place: None,
                    online_meeting: None,
                    organizer_unit_id: None,
                    host: None,
                    description: None,
                    late_grace_minutes: activities::DEFAULT_LATE_GRACE_MINUTES,
                }
            }
        };
        if let Some(t) = &self.title {
            a.title = t.clone();
        }
        if let Some(k) = self.kind {
            a.kind = k;
        }
        if let Some(m) = self.mode {
            a.mode = m;
        }
        if let Some(start) = self.start {
            // Moving the start keeps the length unless an end is given too.
            let length = a.ends_at - a.starts_at;
            a.starts_at = start;
            a.ends_at = start + length;
        }
        if let Some(end) = self.end {
            a.ends_at = end;
        }
        set(&mut a.place, field(&self.place, |s| Ok(s.to_string()))?);
        set(
            &mut a.online_meeting,
            field(&self.meeting, |s| Ok(s.to_string()))?,
        );
        set(&mut a.host, field(&self.host, |s| Ok(s.to_string()))?);
        set(
            &mut a.description,
            field(&self.description, |s| Ok(s.to_string()))?,
        );
        set(
            &mut a.organizer_unit_id,
            field(&self.organizer, |s| units::resolve(db.conn(), s))?,
        );
        if let Some(g) = self.grace {
            a.late_grace_minutes = g;
        }
        Ok(a)
    }
}

#[derive(Args)]
struct InviteArgs {
    /// 活动编号
    #[arg(long, value_name = "活动编号")]
    activity: i64,
    /// 邀请该单位（含下级）全体在职职工；与条件同用时只邀请其中符合条件的人
    #[arg(long = "unit", value_name = "单位")]
    units: Vec<String>,
    /// 按条件：政工干部
    #[arg(long)]
    cadres: bool,
    /// 按条件：后备人才
    #[arg(long)]
    reserve: bool,
    /// 按条件：中共党员（含预备党员）
    #[arg(long)]
    party: bool,
    /// 按条件：政治面貌
    #[arg(long, value_name = "政治面貌", value_parser = code_arg::<PoliticalStatus>)]
    political: Option<PoliticalStatus>,
    /// 邀请个人（工号，可重复）
    #[arg(long = "person", value_name = "工号")]
    people: Vec<String>,
    /// 移出名单（工号，可重复）
    #[arg(long = "remove", value_name = "工号")]
    remove: Vec<String>,
}

#[derive(Args)]
struct CheckinArgs {
    /// 活动编号
    #[arg(long, value_name = "活动编号")]
    activity: i64,
    /// 工号（扫码枪输入的即为工号）
    #[arg(value_name = "工号")]
    employee_no: String,
    /// 签到时间（默认现在），如 "2026-11-25 09:03"
    #[arg(long, value_name = "时间", value_parser = datetime_arg("签到时间"))]
    at: Option<NaiveDateTime>,
    /// 确认为非名单人员补签
    #[arg(long)]
    walk_in: bool,
}

#[derive(Subcommand)]
enum AttendanceCmd {
    /// 一项活动的签到情况
    Sheet {
        #[arg(long, value_name = "活动编号")]
        activity: i64,
    },
    /// 设置某人的签到状态：出席 / 迟到 / 请假（须填事由）/ 缺席 / 未签到
    Set {
        #[arg(long, value_name = "活动编号")]
        activity: i64,
        #[arg(value_name = "工号")]
        employee_no: String,
        #[arg(long, value_name = "状态")]
        status: String,
        /// 请假事由
        #[arg(long, value_name = "事由")]
        reason: Option<String>,
    },
    /// 出勤率：按单位或按人员，统计期内已开展的活动
    Rates {
        /// unit（按单位，含下级汇总）或 person（按人员）
        #[arg(long, value_enum, value_name = "维度")]
        by: RatesBy,
        #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
        from: NaiveDate,
        #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
        to: NaiveDate,
        /// 只统计该单位（含下级）
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
    },
    /// 未出席名单（便于跟进）
    Absent {
        #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
        from: NaiveDate,
        #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
        to: NaiveDate,
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
        /// 同时列出请假人员及事由
        #[arg(long)]
        include_leave: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RatesBy {
    Unit,
    Person,
}

fn code_arg<T: std::str::FromStr<Err = qungong::codes::CodeError>>(s: &str) -> Result<T, String> {
    s.parse()
        .map_err(|e: qungong::codes::CodeError| e.to_string())
}

fn date_arg(field: &'static str) -> impl Fn(&str) -> Result<NaiveDate, String> + Clone {
    move |s| parse_date(field, s).map_err(|e| e.to_string())
}

fn datetime_arg(field: &'static str) -> impl Fn(&str) -> Result<NaiveDateTime, String> + Clone {
    move |s| parse_datetime(field, s).map_err(|e| e.to_string())
}

fn order_arg(s: &str) -> Result<NameOrder, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

fn yes_no(s: &str) -> Result<bool, String> {
    match s.trim() {
        "是" | "true" | "1" | "yes" | "y" => Ok(true),
        "否" | "false" | "0" | "no" | "n" => Ok(false),
        other => Err(format!("“{other}”应为 是 或 否")),
    }
}

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, which turns `qungong … | head` into a panic on the next print;
    // a command-line tool should simply stop, as other Unix tools do.
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match parse_cli() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::FAILURE
        }
    }
}

/// Parses the command line with Chinese help headings and Chinese usage errors.
fn parse_cli() -> Result<Cli, ExitCode> {
    fn localize(cmd: clap::Command) -> clap::Command {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        let mut cmd = cmd
            .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
            .subcommand_help_heading("命令")
            .subcommand_value_name("命令")
            .mut_args(|a| {
                let heading = if a.is_positional() {
                    "参数"
                } else {
                    "选项"
                };
                a.help_heading(heading)
            });
        for name in names {
            cmd = cmd.mut_subcommand(name, localize);
        }
        cmd
    }
    let matches = localize(Cli::command()).try_get_matches();
    let result = matches.and_then(|m| Cli::from_arg_matches(&m));
    result.map_err(|e| {
        match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
                let _ = e.print();
                return ExitCode::from(2);
            }
            _ => {}
        }
        eprintln!("错误：{}（用 --help 查看用法）", usage_error(&e));
        ExitCode::from(2)
    })
}

fn usage_error(e: &clap::Error) -> String {
    let ctx = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = ctx(ContextKind::InvalidArg);
    match e.kind() {
        ErrorKind::UnknownArgument => format!("无法识别的参数 {arg}"),
        ErrorKind::InvalidSubcommand => {
            format!("没有“{}”这个命令", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必填参数 {arg}"),
        ErrorKind::InvalidValue => format!(
            "参数 {arg} 的值“{}”无效，可填：{}",
            ctx(ContextKind::InvalidValue),
            ctx(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            format!("参数 {arg}：{reason}")
        }
        ErrorKind::ArgumentConflict => {
            format!("参数 {arg} 不能与 {} 同时使用", ctx(ContextKind::PriorArg))
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("参数过多或重复：{arg}")
        }
        _ => format!(
            "命令行有误：{}",
            e.render().to_string().lines().next().unwrap_or("")
        ),
    }
}

fn open(cli: &Cli) -> Result<Db> {
    Db::open(qungong::db::resolve_path(cli.db.as_deref()))
}

fn now() -> NaiveDateTime {
    Local::now().naive_local().with_nanosecond_zero()
}

trait NoNanos {
    fn with_nanosecond_zero(self) -> Self;
}

impl NoNanos for NaiveDateTime {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

fn run(cli: Cli) -> Result<()> {
    let actor = Actor::local();
    let json = cli.json;
    match &cli.command {
        Command::Init => {
            let db = open(&cli)?;
            let version = db.schema_version()?;
            out(
                json,
                &serde_json::json!({"path": db.path(), "schema_version": version}),
                || {
                    println!(
                        "数据库已就绪：{}（结构版本 {version}）",
                        db.path().display()
                    );
                },
            );
        }
        Command::Demo { scale, seed, today } => {
            let mut db = open(&cli)?;
            let scale = match scale {
                ScaleArg::Branch => demo::Scale::Branch,
                ScaleArg::City => demo::Scale::City,
            };
            let today = today.unwrap_or_else(|| Local::now().date_naive());
            let started = Instant::now();
            let summary = db.transact(&actor, qungong::Action::Demo, |tx| {
                demo::generate(tx, scale, *seed, today)
            })?;
            let seconds = started.elapsed().as_secs_f64();
            out(
                json,
                &serde_json::json!({"summary": summary, "seconds": seconds}),
                || {
                    println!(
                        "已生成演示数据：{} 个单位，{} 名职工，{} 项活动，{} 条签到记录，用时 {seconds:.2} 秒",
                        summary.units, summary.people, summary.activities, summary.attendance_rows
                    );
                },
            );
        }
        Command::Unit(cmd) => unit_cmd(&cli, cmd, &actor)?,
        Command::Person(cmd) => person_cmd(&cli, cmd, &actor)?,
        Command::Activity(cmd) => activity_cmd(&cli, cmd, &actor)?,
        Command::Invite(args) => invite_cmd(&cli, args, &actor)?,
        Command::Checkin(args) => {
            let mut db = open(&cli)?;
            let at = args.at.unwrap_or_else(now);
            let result = db.transact(&actor, qungong::Action::AttendanceCheckIn, |tx| {
                attendance::check_in_by_employee_no(
                    tx,
                    args.activity,
                    &args.employee_no,
                    at,
                    args.walk_in,
                )
            })?;
            out(json, &result, || println!("{}", result.message()));
        }
        Command::Attendance(cmd) => attendance_cmd(&cli, cmd, &actor)?,
        Command::Print(cmd) => print_cmd(&cli, cmd)?,
        Command::Export(cmd) => export_cmd(&cli, cmd)?,
        Command::Import(cmd) => import_cmd(&cli, cmd, &actor)?,
        Command::Structure { scope, people } => structure_cmd(&cli, scope, *people)?,
        Command::Setting(cmd) => {
            let mut db = open(&cli)?;
            match cmd {
                SettingCmd::Get { key } => {
                    let value = settings::get(db.conn(), key)?;
                    out(
                        json,
                        &serde_json::json!({ "key": key, "value": value }),
                        || println!("{key} = {}", value.as_deref().unwrap_or("（未设置）")),
                    );
                }
                SettingCmd::Set { key, value } => {
                    db.transact(&actor, qungong::Action::SettingSet, |tx| {
                        settings::set(tx, key, value)
                    })?;
                    out(
                        json,
                        &serde_json::json!({ "key": key, "value": value }),
                        || println!("已保存设置 {key}"),
                    );
                }
            }
        }
        Command::Audit { limit } => {
            let db = open(&cli)?;
            let log = qungong::db::audit_log(db.conn(), *limit)?;
            out(json, &log, || {
                table(
                    &["时间", "操作人", "操作", "内容"],
                    log.iter().map(|e| {
                        vec![
                            e.at.clone(),
                            e.actor.clone(),
                            e.action.clone(),
                            e.detail.clone(),
                        ]
                    }),
                )
            });
        }
    }
    Ok(())
}

/// Prints `value` as JSON, or runs `human` for the Chinese table.
fn out<T: Serialize>(json: bool, value: &T, human: impl FnOnce()) {
    if json {
        match serde_json::to_string_pretty(value) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("错误：无法输出 JSON：{e}"),
        }
    } else {
        human();
    }
}

fn table(headers: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.iter().map(Cell::new));
    let mut n = 0;
    for row in rows {
        t.add_row(row);
        n += 1;
    }
    if n == 0 {
        println!("（无记录）");
    } else {
        println!("{t}");
    }
}

fn key_values(rows: &[(&str, String)]) {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    for (k, v) in rows {
        t.add_row(vec![
            Cell::new(k).set_alignment(CellAlignment::Right),
            Cell::new(v),
        ]);
    }
    println!("{t}");
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|v| v.to_string()).unwrap_or_default()
}

fn unit_cmd(cli: &Cli, cmd: &UnitCmd, actor: &Actor) -> Result<()> {
    let mut db = open(cli)?;
    let json = cli.json;
    match cmd {
        UnitCmd::Add { name, parent, kind } => {
            let parent = parent
                .as_deref()
                .map(|p| units::resolve(db.conn(), p))
                .transpose()?;
            let kind = kind.unwrap_or_else(|| UnitKind::guess(name, parent.is_some()));
            let id = db.transact(actor, qungong::Action::UnitAdd, |tx| {
                units::add(tx, name, kind, parent)
            })?;
            let unit = units::get(db.conn(), id)?;
            out(json, &unit, || {
                println!("已新增单位：{}（编号 {id}，{}）", unit.path, unit.kind)
            });
        }
        UnitCmd::List => {
            let list = units::list(db.conn())?;
            out(json, &list, || {
                table(
                    &["编号", "单位", "类型", "在职人数"],
                    list.iter().map(|u| {
                        let indent = "  ".repeat(u.depth as usize);
                        vec![
                            u.id.to_string(),
                            format!("{indent}{}", u.name),
                            u.kind.to_string(),
                            u.staff.to_string(),
                        ]
                    }),
                )
            });
        }
        UnitCmd::Rename { unit, new_name } => {
            let id = units::resolve(db.conn(), unit)?;
            db.transact(actor, qungong::Action::UnitRename, |tx| {
                units::rename(tx, id, new_name)
            })?;
            let unit = units::get(db.conn(), id)?;
            out(json, &unit, || println!("已更名：{}", unit.path));
        }
        UnitCmd::Move { unit, parent, top } => {
            let id = units::resolve(db.conn(), unit)?;
            let parent = match (parent, top) {
                (_, true) => None,
                (Some(p), false) => Some(units::resolve(db.conn(), p)?),
                (None, false) => {
                    return Err(Error::invalid(
                        "上级单位",
                        "请用 --parent 指定，或用 --top 移为顶层",
                    ));
                }
            };
            db.transact(actor, qungong::Action::UnitMove, |tx| {
                units::move_to(tx, id, parent)
            })?;
            let unit = units::get(db.conn(), id)?;
            out(json, &unit, || println!("已移动：{}", unit.path));
        }
        UnitCmd::Delete { unit } => {
            let id = units::resolve(db.conn(), unit)?;
            let path = units::get(db.conn(), id)?.path;
            db.transact(actor, qungong::Action::UnitDelete, |tx| {
                units::delete(tx, id)
            })?;
            out(json, &serde_json::json!({"deleted": id}), || {
                println!("已删除单位：{path}")
            });
        }
    }
    Ok(())
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
            p.employee_no.clone(),
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

fn person_cmd(cli: &Cli, cmd: &PersonCmd, actor: &Actor) -> Result<()> {
    let mut db = open(cli)?;
    let json = cli.json;
    match cmd {
        PersonCmd::List {
            filter,
            search,
            include_left,
            page,
            page_size,
            full,
        } => {
            let filter = PersonFilter {
                search: search.clone(),
                include_left: *include_left,
                ..filter.to_filter(&db)?
            };
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
            let input = fields.apply(&db, base)?;
            let id = db.transact(actor, qungong::Action::PersonAdd, |tx| {
                people::add(tx, input)
            })?;
            let p = people::get(db.conn(), id)?.masked();
            out(json, &p, || {
                println!(
                    "已新增职工：{} {}（{}）",
                    p.employee_no, p.name, p.unit_name
                )
            });
        }
        PersonCmd::Show { employee_no, full } => {
            let p = people::by_employee_no(db.conn(), employee_no)?;
            let p = if *full { p } else { p.masked() };
            let unit_path = units::get(db.conn(), p.unit_id)?.path;
            out(json, &p, || {
                let yes = |b: bool| if b { "是" } else { "否" }.to_string();
                key_values(&[
                    ("工号", p.employee_no.clone()),
                    ("姓名", p.name.clone()),
                    ("性别", p.gender.to_string()),
                    ("出生日期", p.birth_date.to_string()),
                    ("身份证号", opt(&p.id_number)),
                    ("民族", opt(&p.ethnicity)),
                    ("政治面貌", opt(&p.political_status)),
                    ("学历", opt(&p.education)),
                    ("职称", opt(&p.professional_title)),
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
            });
        }
        PersonCmd::Edit {
            employee_no,
            fields,
        } => {
            let p = people::by_employee_no(db.conn(), employee_no)?;
            let input = fields.apply(&db, p.to_input())?;
            db.transact(actor, qungong::Action::PersonEdit, |tx| {
                people::update(tx, p.id, input)
            })?;
            let p = people::get(db.conn(), p.id)?.masked();
            out(json, &p, || {
                println!("已修改职工：{} {}", p.employee_no, p.name)
            });
        }
        PersonCmd::Leave {
            employee_no,
            date,
            reason,
        } => {
            let p = people::by_employee_no(db.conn(), employee_no)?;
            let date = date.unwrap_or_else(|| Local::now().date_naive());
            db.transact(actor, qungong::Action::PersonLeave, |tx| {
                people::leave(tx, p.id, date, reason.as_deref())
            })?;
            let p = people::get(db.conn(), p.id)?.masked();
            out(json, &p, || {
                println!("已办理离职：{} {}，离职日期 {date}", p.employee_no, p.name)
            });
        }
        PersonCmd::Reinstate { employee_no } => {
            let p = people::by_employee_no(db.conn(), employee_no)?;
            db.transact(actor, qungong::Action::PersonReinstate, |tx| {
                people::reinstate(tx, p.id)
            })?;
            let p = people::get(db.conn(), p.id)?.masked();
            out(json, &p, || {
                println!("已恢复在职：{} {}", p.employee_no, p.name)
            });
        }
    }
    Ok(())
}

fn activity_rows(list: &[Activity]) -> impl Iterator<Item = Vec<String>> + '_ {
    list.iter().map(|a| {
        let rate = if a.invited > 0 {
            format!("{}/{}", a.attended, a.invited)
        } else {
            String::new()
        };
        vec![
            a.id.to_string(),
            a.starts_at.format("%Y-%m-%d %H:%M").to_string(),
            a.kind.to_string(),
            a.title.clone(),
            opt(&a.organizer_name),
            a.status.to_string(),
            rate,
        ]
    })
}

fn show_activity(db: &Db, json: bool, id: i64) -> Result<()> {
    let a = activities::get(db.conn(), id)?;
    let counts = attendance::counts(db.conn(), id)?;
    out(
        json,
        &serde_json::json!({"activity": a, "counts": counts}),
        || {
            let where_ = [a.place.clone(), a.online_meeting.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("；");
            key_values(&[
                ("编号", a.id.to_string()),
                ("活动名称", a.title.clone()),
                ("类型", a.kind.to_string()),
                ("形式", a.mode.to_string()),
                (
                    "时间",
                    format!(
                        "{} 至 {}",
                        a.starts_at.format("%Y-%m-%d %H:%M"),
                        a.ends_at.format(if a.ends_at.date() == a.starts_at.date() {
                            "%H:%M"
                        } else {
                            "%Y-%m-%d %H:%M"
                        })
                    ),
                ),
                ("地点", where_),
                ("主办单位", opt(&a.organizer_name)),
                ("主讲人", opt(&a.host)),
                ("状态", a.status.to_string()),
                (
                    "系列",
                    if a.series_uid.is_some() {
                        "是（系列活动）".into()
                    } else {
                        "否".into()
                    },
                ),
                ("迟到宽限", format!("{} 分钟", a.late_grace_minutes)),
                ("简介", opt(&a.description)),
                ("小结", opt(&a.summary)),
                (
                    "应到 / 实到",
                    format!("{} / {}", counts.invited, counts.attended),
                ),
                (
                    "迟到 / 请假 / 缺席",
                    format!("{} / {} / {}", counts.late, counts.leave, counts.absent),
                ),
                ("非名单签到", counts.walk_ins.to_string()),
                ("出勤率", counts.rate_text()),
            ])
        },
    );
    Ok(())
}

fn activity_cmd(cli: &Cli, cmd: &ActivityCmd, actor: &Actor) -> Result<()> {
    let mut db = open(cli)?;
    let json = cli.json;
    match cmd {
        ActivityCmd::List {
            filter,
            page,
            page_size,
        } => {
            let filter = filter.filter(db.conn())?;
            let size = (*page_size).clamp(1, 1000);
            let page = activities::list(db.conn(), &filter, (page.max(&1) - 1) * size, size)?;
            out(json, &page, || {
                table(
                    &[
                        "编号",
                        "时间",
                        "类型",
                        "活动名称",
                        "主办单位",
                        "状态",
                        "实到/应到",
                    ],
                    activity_rows(&page.items),
                );
                println!("共 {} 项，本页 {} 项", page.total, page.items.len());
            });
        }
        ActivityCmd::Add {
            fields,
            repeat,
            count,
        } => {
            let input = fields.apply(&db, None)?;
            let ids = match (repeat, count) {
                (Some(r), Some(n)) => {
                    db.transact(actor, qungong::Action::ActivityAddSeries, |tx| {
                        activities::add_series(tx, input, *r, *n)
                    })?
                }
                _ => vec![db.transact(actor, qungong::Action::ActivityAdd, |tx| {
                    activities::add(tx, input)
                })?],
            };
            if json {
                let list: Vec<Activity> = ids
                    .iter()
                    .map(|&id| activities::get(db.conn(), id))
                    .collect::<Result<_>>()?;
                out(true, &list, || {});
            } else if ids.len() == 1 {
                println!("已新增活动，编号 {}", ids[0]);
            } else {
                println!(
                    "已新增系列活动 {} 次，编号 {}–{}",
                    ids.len(),
                    ids[0],
                    ids[ids.len() - 1]
                );
            }
        }
        ActivityCmd::Show { id } => show_activity(&db, json, *id)?,
        ActivityCmd::Edit { id, fields, series } => {
            let base = activities::get(db.conn(), *id)?.to_input();
            let input = fields.apply(&db, Some(base))?;
            if *series {
                let n = db.transact(actor, qungong::Action::ActivityEditSeries, |tx| {
                    activities::update_series(tx, *id, input)
                })?;
                out(json, &serde_json::json!({"updated": n}), || {
                    println!("已修改系列中尚未开展的 {n} 项活动")
                });
            } else {
                db.transact(actor, qungong::Action::ActivityEdit, |tx| {
                    activities::update(tx, *id, input)
                })?;
                show_activity(&db, json, *id)?;
            }
        }
        ActivityCmd::Cancel { id, series } => {
            let n = db.transact(actor, qungong::Action::ActivityCancel, |tx| {
                activities::cancel(tx, *id, *series)
            })?;
            out(json, &serde_json::json!({"cancelled": n}), || {
                println!("已取消 {n} 项活动")
            });
        }
        ActivityCmd::Summary { id, text } => {
            db.transact(actor, qungong::Action::ActivitySummary, |tx| {
                activities::record_summary(tx, *id, text)
            })?;
            out(json, &serde_json::json!({"id": id}), || {
                println!("已填写小结，活动记为已开展")
            });
        }
    }
    Ok(())
}

fn invite_cmd(cli: &Cli, args: &InviteArgs, actor: &Actor) -> Result<()> {
    let mut db = open(cli)?;
    let conn = db.conn();
    let condition = FilterArgs {
        unit: None,
        cadres: args.cadres,
        reserve: args.reserve,
        party: args.party,
        political: args.political,
    };
    let unit_ids: Vec<i64> = args
        .units
        .iter()
        .map(|u| units::resolve(conn, u))
        .collect::<Result<_>>()?;
    let person_ids: Vec<i64> = args
        .people
        .iter()
        .map(|p| Ok(people::by_employee_no(conn, p)?.id))
        .collect::<Result<_>>()?;
    let remove_ids: Vec<i64> = args
        .remove
        .iter()
        .map(|p| Ok(people::by_employee_no(conn, p)?.id))
        .collect::<Result<_>>()?;
    if unit_ids.is_empty()
        && person_ids.is_empty()
        && remove_ids.is_empty()
        && !condition.has_condition()
    {
        return Err(Error::invalid(
            "邀请对象",
            "请用 --unit、--person、--cadres / --party 等条件指定，或用 --remove 移出",
        ));
    }
    let activity = args.activity;
    let filter = condition
        .has_condition()
        .then(|| condition.to_filter_without_unit());
    // Removing and adding are two acts, audited as such (移出应到名单, 加入应到名单), as the
    // desktop records them.
    if !remove_ids.is_empty() {
        db.transact(actor, qungong::Action::AttendanceUninvite, |tx| {
            remove_ids
                .iter()
                .try_for_each(|&p| attendance::uninvite(tx, activity, p))
        })?;
    }
    let added = if !unit_ids.is_empty() || filter.is_some() || !person_ids.is_empty() {
        db.transact(actor, qungong::Action::AttendanceInvite, |tx| {
            attendance::invite(tx, activity, &unit_ids, filter.as_ref(), &person_ids)
        })?
    } else {
        0
    };
    let counts = attendance::counts(db.conn(), activity)?;
    out(
        cli.json,
        &serde_json::json!({"added": added, "removed": remove_ids.len(), "invited": counts.invited}),
        || {
            let removed = if remove_ids.is_empty() {
                String::new()
            } else {
                format!("，移出 {} 人", remove_ids.len())
            };
            println!(
                "已邀请 {added} 人{removed}，应到名单现有 {} 人",
                counts.invited
            );
        },
    );
    Ok(())
}

impl FilterArgs {
    fn to_filter_without_unit(&self) -> PersonFilter {
        PersonFilter {
            political_cadre: self.cadres.then_some(true),
            reserve_talent: self.reserve.then_some(true),
            party_member: self.party.then_some(true),
            political_status: self.political,
            ..Default::default()
        }
    }
}

fn structure_cmd(cli: &Cli, scope: &StructureScope, list_people: bool) -> Result<()> {
    use qungong::structure::{self, Config};
    let db = open(cli)?;
    let conn = db.conn();
    let q = scope.query(conn)?;
    let cfg = Config::load(conn)?;
    let a = structure::analyse(conn, &q, &cfg, scope.years)?;
    let members = if list_people {
        Some(structure::members(conn, &q, &cfg, None)?)
    } else {
        None
    };
    let value = serde_json::json!({
        "structure": a.structure, "warnings": a.warnings, "retiring": a.retiring,
        "retiring_within": a.retiring_within, "retiring_by_unit": a.retiring_by_unit,
        "retirement_category_missing": a.retirement_category_missing,
        "trend": a.trend, "outlook": a.outlook, "config": a.config, "people": members,
    });
    out(cli.json, &value, || {
        let s = &a.structure;
        let pct = |x: Option<f64>| {
            x.map(|x| format!("{:.1}%", x * 100.0))
                .unwrap_or_else(|| "—".into())
        };
        let num = |x: Option<f64>| x.map(|x| format!("{x:.1}")).unwrap_or_else(|| "—".into());
        println!(
            "{}，统计日期 {}：{} 人，平均年龄 {} 岁，年龄中位数 {} 岁，35岁及以下 {}，50岁及以上 {}",
            q.population.label(),
            q.as_of,
            s.headcount,
            num(s.average_age),
            num(s.median_age),
            pct(s.share_35_and_under),
            pct(s.share_50_and_over)
        );
        println!(
            "政工干部 {} 人，后备人才 {} 人，后备人才与政工干部之比 {}",
            s.cadres,
            s.reserves,
            s.reserve_per_cadre
                .map(|x| format!("{x:.2}"))
                .unwrap_or_else(|| "—".into())
        );
        table(
            &["年龄段", "男", "女"],
            s.pyramid
                .iter()
                .map(|r| vec![r.label.clone(), r.male.to_string(), r.female.to_string()]),
        );
        for (title, shares) in [
            ("学历", &s.education),
            ("职称", &s.professional_title),
            ("技能等级", &s.skill_level),
            ("政治面貌", &s.political_status),
        ] {
            table(
                &[title, "人数", "占比"],
                shares
                    .iter()
                    .map(|x| vec![x.label.clone(), x.count.to_string(), pct(Some(x.share))]),
            );
        }
        table(
            &[
                "时点",
                "日期",
                "人数",
                "平均年龄",
                "35岁及以下",
                "50岁及以上",
                "累计退休",
            ],
            a.trend.iter().map(|p| {
                vec![
                    p.label.clone(),
                    p.date.to_string(),
                    p.headcount.to_string(),
                    num(p.average_age),
                    pct(p.share_35_and_under),
                    pct(p.share_50_and_over),
                    if p.projected {
                        p.retired.to_string()
                    } else {
                        "—".into()
                    },
                ]
            }),
        );
        println!("{}", a.outlook);
        let r = &a.retiring_within;
        println!(
            "今后退休：1 年内 {} 人，3 年内 {} 人，5 年内 {} 人{}",
            r.within_1,
            r.within_3,
            r.within_5,
            if a.retirement_category_missing > 0 {
                format!(
                    "（另有 {} 名女职工未填退休类别，无法计算）",
                    a.retirement_category_missing
                )
            } else {
                String::new()
            }
        );
        if !a.retiring_by_unit.is_empty() {
            table(
                &["单位", "1 年内", "3 年内", "5 年内"],
                a.retiring_by_unit.iter().map(|u| {
                    vec![
                        u.unit_name.clone(),
                        u.counts.within_1.to_string(),
                        u.counts.within_3.to_string(),
                        u.counts.within_5.to_string(),
                    ]
                }),
            );
        }
        for w in &a.warnings {
            println!("【{}】{}", w.title, w.message);
        }
        if let Some(members) = &members {
            table(
                &[
                    "工号",
                    "姓名",
                    "单位",
                    "性别",
                    "年龄",
                    "法定退休年龄",
                    "退休日期",
                ],
                members.iter().map(|m| {
                    vec![
                        m.employee_no.clone(),
                        m.name.clone(),
                        m.unit_name.clone(),
                        m.gender.label().to_string(),
                        m.age.to_string(),
                        m.retirement_age
                            .clone()
                            .unwrap_or_else(|| "未填退休类别".into()),
                        m.retirement_date
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "—".into()),
                    ]
                }),
            );
        }
    });
    Ok(())
}

fn print_cmd(cli: &Cli, cmd: &PrintCmd) -> Result<()> {
    let db = open(cli)?;
    let conn = db.conn();
    let (job, common, choices) = match cmd {
        PrintCmd::SignInSheet { activity, common } => (
            PrintJob::SignInSheet {
                activity_id: *activity,
            },
            common,
            PrintChoices::default(),
        ),
        PrintCmd::AttendanceSheet { activity, common } => (
            PrintJob::AttendanceSheet {
                activity_id: *activity,
            },
            common,
            PrintChoices::default(),
        ),
        PrintCmd::Roster {
            unit,
            id_number,
            phone,
            full,
            common,
        } => (
            PrintJob::Roster {
                unit_id: units::resolve(conn, unit)?,
            },
            common,
            PrintChoices {
                show_id_number: *id_number,
                show_phone: *phone,
                unmask: *full,
                ..Default::default()
            },
        ),
        PrintCmd::Ledger {
            unit,
            from,
            to,
            common,
        } => (
            PrintJob::Ledger {
                unit_id: units::resolve(conn, unit)?,
                from: *from,
                to: *to,
            },
            common,
            PrintChoices::default(),
        ),
        PrintCmd::Structure { scope, common } => {
            let q = scope.query(conn)?;
            (
                PrintJob::Structure {
                    unit_id: q.unit_id,
                    population: q.population,
                    as_of: q.as_of,
                    years: scope.years,
                },
                common,
                PrintChoices::default(),
            )
        }
    };
    let choices = PrintChoices {
        order: common.order,
        font: common.font.clone(),
        ..choices
    };
    let opts = printing::options(conn, &choices, Local::now().date_naive())?;
    let doc = printing::render(conn, &job, &opts)?;
    let path = &common.output;
    std::fs::write(path, &doc.bytes)
        .map_err(|e| Error::invalid("输出文件", format!("无法写入 {}：{e}", path.display())))?;
    let missing: String = doc.missing_glyphs.iter().collect();
    out(
        cli.json,
        &serde_json::json!({ "path": path, "pages": doc.pages, "bytes": doc.bytes.len(), "missing_glyphs": missing }),
        || {
            println!(
                "已生成 {}（{} 页，{} KB）",
                path.display(),
                doc.pages,
                doc.bytes.len().div_ceil(1024)
            );
            if !missing.is_empty() {
                eprintln!("注意：字体中没有这些字，已用“□”代替，请换用字库更全的字体：{missing}");
            }
        },
    );
    Ok(())
}

fn attendance_cmd(cli: &Cli, cmd: &AttendanceCmd, actor: &Actor) -> Result<()> {
    let mut db = open(cli)?;
    let json = cli.json;
    let query =
        |db: &Db, from: NaiveDate, to: NaiveDate, unit: &Option<String>| -> Result<RateQuery> {
            Ok(RateQuery {
                from,
                to,
                unit_id: unit
                    .as_deref()
                    .map(|u| units::resolve(db.conn(), u))
                    .transpose()?,
            })
        };
    match cmd {
        AttendanceCmd::Sheet { activity } => {
            let sheet = attendance::sheet(db.conn(), *activity)?;
            out(json, &sheet, || {
                println!(
                    "{}（{}）",
                    sheet.activity.title,
                    sheet.activity.starts_at.format("%Y-%m-%d %H:%M")
                );
                table(
                    &[
                        "序号",
                        "工号",
                        "姓名",
                        "单位",
                        "岗位",
                        "状态",
                        "签到时间",
                        "备注",
                    ],
                    sheet.rows.iter().enumerate().map(|(i, r)| {
                        let note = match (&r.leave_reason, r.invited) {
                            (Some(reason), _) => reason.clone(),
                            (None, false) => "非名单人员".into(),
                            _ => String::new(),
                        };
                        vec![
                            (i + 1).to_string(),
                            r.employee_no.clone(),
                            r.name.clone(),
                            r.unit_name.clone(),
                            opt(&r.position),
                            r.status_label.to_string(),
                            r.checked_in_at
                                .map(|t| t.format("%H:%M").to_string())
                                .unwrap_or_default(),
                            note,
                        ]
                    }),
                );
                let c = &sheet.counts;
                println!(
                    "应到 {} 人，实到 {} 人（迟到 {}），请假 {}，缺席 {}，非名单签到 {}；出勤率 {}",
                    c.invited,
                    c.attended,
                    c.late,
                    c.leave,
                    c.absent,
                    c.walk_ins,
                    c.rate_text()
                );
            });
        }
        AttendanceCmd::Set {
            activity,
            employee_no,
            status,
            reason,
        } => {
            let status = match status.trim() {
                "未签到" | "清除" => None,
                s => Some(AttendanceStatus::parse(s)?),
            };
            let p = people::by_employee_no(db.conn(), employee_no)?;
            db.transact(actor, qungong::Action::AttendanceSetStatus, |tx| {
                attendance::set_status(tx, *activity, p.id, status, reason.as_deref(), now())
            })?;
            let counts = attendance::counts(db.conn(), *activity)?;
            out(json, &counts, || {
                println!(
                    "已将 {} 设为{}；出勤率 {}",
                    p.name,
                    status.map_or("未签到", |s| s.label()),
                    counts.rate_text()
                )
            });
        }
        AttendanceCmd::Rates { by, from, to, unit } => {
            let q = query(&db, *from, *to, unit)?;
            let pct = |r: Option<f64>| {
                r.map(|r| format!("{:.1}%", r * 100.0))
                    .unwrap_or_else(|| "—".into())
            };
            match by {
                RatesBy::Unit => {
                    let rates = attendance::rates_by_unit(db.conn(), &q)?;
                    out(json, &rates, || {
                        table(
                            &["单位", "应到", "实到", "迟到", "请假", "缺席", "出勤率"],
                            rates.iter().map(|r| {
                                let c = &r.counts;
                                vec![
                                    format!("{}{}", "  ".repeat(r.depth as usize), r.name),
                                    c.invited.to_string(),
                                    c.attended.to_string(),
                                    c.late.to_string(),
                                    c.leave.to_string(),
                                    c.absent.to_string(),
                                    pct(c.rate),
                                ]
                            }),
                        );
                        println!("统计期 {from} 至 {to}，已开展的活动；单位数字含下级单位");
                    });
                }
                RatesBy::Person => {
                    let rates = attendance::rates_by_person(db.conn(), &q)?;
                    out(json, &rates, || {
                        table(
                            &[
                                "工号",
                                "姓名",
                                "单位",
                                "应到",
                                "实到",
                                "迟到",
                                "请假",
                                "缺席",
                                "出勤率",
                            ],
                            rates.iter().map(|r| {
                                let c = &r.counts;
                                vec![
                                    r.employee_no.clone(),
                                    r.name.clone(),
                                    r.unit_name.clone(),
                                    c.invited.to_string(),
                                    c.attended.to_string(),
                                    c.late.to_string(),
                                    c.leave.to_string(),
                                    c.absent.to_string(),
                                    pct(c.rate),
                                ]
                            }),
                        );
                        println!("统计期 {from} 至 {to}，已开展的活动；出勤率低的在前");
                    });
                }
            }
        }
        AttendanceCmd::Absent {
            from,
            to,
            unit,
            include_leave,
        } => {
            let q = query(&db, *from, *to, unit)?;
            let list = attendance::absences(db.conn(), &q, *include_leave)?;
            out(json, &list, || {
                table(
                    &["日期", "活动", "工号", "姓名", "单位", "状态", "事由"],
                    list.iter().map(|x| {
                        vec![
                            x.starts_at.format("%Y-%m-%d").to_string(),
                            x.activity_title.clone(),
                            x.employee_no.clone(),
                            x.name.clone(),
                            x.unit_name.clone(),
                            x.status.to_string(),
                            opt(&x.leave_reason),
                        ]
                    }),
                );
                println!("共 {} 人次", list.len());
            });
        }
    }
    Ok(())
}

fn export_cmd(cli: &Cli, cmd: &ExportCmd) -> Result<()> {
    use qungong::structure::Population;
    use qungong::xlsx::job::{self as export, ExportJob};
    let db = open(cli)?;
    let conn = db.conn();
    let unit = |u: &Option<String>| -> Result<Option<i64>> {
        u.as_deref().map(|u| units::resolve(conn, u)).transpose()
    };
    let (job, args) = match cmd {
        ExportCmd::People {
            filter,
            search,
            include_left,
            full,
            out,
        } => (
            ExportJob::People {
                filter: PersonFilter {
                    search: search.clone(),
                    include_left: *include_left,
                    ..filter.to_filter(&db)?
                },
                order: out.order,
                full: *full,
            },
            out,
        ),
        ExportCmd::Attendance { activity, out } => (
            ExportJob::Attendance {
                activity_id: *activity,
                order: out.order,
            },
            out,
        ),
        ExportCmd::Rates {
            by,
            from,
            to,
            unit: u,
            out,
        } => (
            ExportJob::Rates {
                from: *from,
                to: *to,
                unit_id: unit(u)?,
                by: match by {
                    None => export::RatesBy::Both,
                    Some(RatesBy::Unit) => export::RatesBy::Unit,
                    Some(RatesBy::Person) => export::RatesBy::Person,
                },
            },
            out,
        ),
        ExportCmd::Activities { filter, out } => (
            ExportJob::Activities {
                filter: filter.filter(conn)?,
            },
            out,
        ),
        ExportCmd::Ledger {
            unit: u,
            from,
            to,
            out,
        } => (
            ExportJob::Ledger {
                unit_id: unit(u)?,
                from: *from,
                to: *to,
            },
            out,
        ),
        ExportCmd::Structure {
            unit: u,
            population,
            as_of,
            out,
        } => (
            ExportJob::Structure {
                unit_id: unit(u)?,
                population: match population {
                    PopulationArg::All => Population::All,
                    PopulationArg::Cadres => Population::Cadres,
                    PopulationArg::Reserve => Population::Reserve,
                    PopulationArg::Party => Population::Party,
                },
                as_of: *as_of,
            },
            out,
        ),
    };
    let e = export::render(conn, &job, Local::now().date_naive())?;
    let path = &args.output;
    e.write_to(path)?;
    out(
        cli.json,
        &serde_json::json!({ "path": path, "rows": e.rows, "sheets": e.sheets, "bytes": e.bytes.len() }),
        || {
            println!(
                "已导出 {}（{} 行；工作表：{}）",
                path.display(),
                e.rows,
                e.sheets.join("、")
            )
        },
    );
    Ok(())
}

fn import_cmd(cli: &Cli, cmd: &ImportCmd, actor: &Actor) -> Result<()> {
    match cmd {
        ImportCmd::People(args) => import_people_cmd(cli, args, actor),
        ImportCmd::MeetingAttendance {
            activity,
            file,
            dry_run,
            matches,
        } => meeting_import_cmd(cli, *activity, file, *dry_run, matches, actor),
    }
}

fn meeting_import_cmd(
    cli: &Cli,
    activity: i64,
    file: &std::path::Path,
    dry_run: bool,
    matches: &[String],
    actor: &Actor,
) -> Result<()> {
    use qungong::attendance::meeting_import::{self, ManualMatch};
    let mut db = open(cli)?;
    let a = activities::get(db.conn(), activity)?;
    let parsed = meeting_import::read(file, a.starts_at.date())?;
    let manual: Vec<ManualMatch> = matches
        .iter()
        .map(|m| {
            let bad = || Error::invalid("--match", format!("“{m}”应写成 行号=工号，如 12=10005"));
            let (row, no) = m.split_once(['=', '＝']).ok_or_else(bad)?;
            let row: usize = row.trim().parse().map_err(|_| bad())?;
            let person_id = people::by_employee_no(db.conn(), no)?.id;
            Ok(ManualMatch { row, person_id })
        })
        .collect::<Result<_>>()?;
    let preview = meeting_import::preview(db.conn(), activity, &parsed)?;
    let applied = if dry_run {
        None
    } else {
        Some(
            db.transact(actor, qungong::Action::AttendanceImportMeeting, |tx| {
                meeting_import::apply(tx, activity, &parsed, &manual)
            })?,
        )
    };
    let time = |t: Option<NaiveDateTime>| {
        t.map(|t| t.format("%H:%M:%S").to_string())
            .unwrap_or_default()
    };
    out(
        cli.json,
        &serde_json::json!({ "preview": preview, "applied": applied }),
        || {
            println!(
                "{}（{}）：文件第 {} 行为表头，迟到界限 {}",
                preview.activity_title,
                preview.starts_at.format("%Y-%m-%d %H:%M"),
                preview.header_row,
                preview.late_after.format("%H:%M")
            );
            table(
                &[
                    "行号",
                    "文件中的名称",
                    "工号",
                    "姓名",
                    "单位",
                    "匹配依据",
                    "入会时间",
                    "签到结果",
                    "说明",
                ],
                preview.matched.iter().map(|r| {
                    vec![
                        r.row.to_string(),
                        r.file_name.clone(),
                        r.employee_no.clone(),
                        r.name.clone(),
                        r.unit_name.clone(),
                        r.how.to_string(),
                        time(r.joined_at),
                        r.status.map_or("不变", |s| s.label()).to_string(),
                        r.note.clone(),
                    ]
                }),
            );
            if !preview.unmatched.is_empty() {
                println!("未能匹配的记录（可用 --match 行号=工号 手动匹配）：");
                table(
                    &["行号", "文件中的名称", "入会时间", "原因"],
                    preview.unmatched.iter().map(|r| {
                        vec![
                            r.row.to_string(),
                            r.file_name.clone(),
                            time(r.joined_at),
                            r.reason.clone(),
                        ]
                    }),
                );
            }
            for p in &preview.problems {
                eprintln!("注意：{p}");
            }
            match &applied {
                Some(a) => println!("{}", a.message()),
                None => println!(
                    "预览：将签到 {} 人（另有 {} 人已签到不变），未匹配 {} 条；未写入（去掉 --dry-run 即导入）",
                    preview
                        .matched
                        .iter()
                        .filter(|r| r.status.is_some())
                        .count(),
                    preview
                        .matched
                        .iter()
                        .filter(|r| r.status.is_none())
                        .count(),
                    preview.unmatched.len()
                ),
            }
        },
    );
    Ok(())
}

fn import_people_cmd(cli: &Cli, args: &ImportPeopleArgs, actor: &Actor) -> Result<()> {
    use qungong::people::import::{self as people_import, ImportOptions, RowAction};
    let mut db = open(cli)?;
    let sheet = people_import::load(&args.file)?;
    let options = ImportOptions {
        mapping: None,
        create_units: args.create_units,
    };
    let started = Instant::now();
    let mut progress = |_: usize, _: usize| true;
    let preview = if args.dry_run {
        people_import::preview(&mut db, &sheet, &options, &mut progress)?
    } else {
        people_import::commit(&mut db, actor, &sheet, &options, &mut progress)?
    };
    let seconds = started.elapsed().as_secs_f64();
    let t = &preview.totals;
    out(cli.json, &preview, || {
        let columns: Vec<String> = preview
            .mapping
            .columns
            .iter()
            .map(|c| {
                let field = c.field.map_or("（不导入）", |f| f.label());
                format!("{} {} → {field}", c.letter, c.title)
            })
            .collect();
        println!(
            "工作表“{}”，表头在第 {} 行：{}",
            preview.sheet_name,
            preview.mapping.header_row,
            columns.join("；")
        );
        table(
            &["行", "结果", "工号", "姓名", "所在单位", "说明"],
            preview.rows.iter().map(|r| {
                let detail = r
                    .errors
                    .iter()
                    .chain(&r.changes)
                    .chain(&r.notes)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n");
                vec![
                    r.row_no.to_string(),
                    r.action.label().to_string(),
                    r.employee_no.clone(),
                    r.name.clone(),
                    r.unit.clone(),
                    detail,
                ]
            }),
        );
        let verb = if !preview.committed {
            "预览（未写入）"
        } else if t.new + t.updated == 0 && preview.new_units.is_empty() {
            "没有需要写入的变化，数据库未改动"
        } else {
            "已导入"
        };
        println!(
            "{verb}：共 {} 行，新增 {}，更新 {}，不变 {}，错误 {}（跳过空行 {}），用时 {seconds:.2} 秒",
            t.rows, t.new, t.updated, t.unchanged, t.errors, t.skipped
        );
        if !preview.new_units.is_empty() {
            let verb = if preview.committed {
                "已新建"
            } else {
                "将新建"
            };
            println!("{verb}单位：{}", preview.new_units.join("、"));
        }
        if t.errors > 0 {
            if preview.committed {
                eprintln!(
                    "有 {} 行有错误，未导入；请修改表格后重新导入（已导入的行不会重复）",
                    t.errors
                );
            } else {
                eprintln!("有 {} 行有错误，导入时将跳过这些行", t.errors);
            }
        }
    });
    let imported = preview.rows.iter().any(|r| r.action != RowAction::Error);
    if preview.committed && t.errors > 0 && !imported {
        return Err(Error::invalid(
            "导入",
            format!("全部 {} 行都有错误，未导入任何数据", t.errors),
        ));
    }
    Ok(())
}
