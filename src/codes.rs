//! Enumerations and their codes.
//!
//! Each value has a stable storage code (the national code table where one exists:
//! gender GB/T 2261.1, political status GB/T 4762, education GB/T 4658, ethnicity GB/T 3304),
//! a Chinese label users see, and the aliases people actually type (党员 for 中共党员, 本科 for
//! 大学本科 …). The database stores the code; JSON and tables show the label; parsing accepts
//! label, alias or code.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value that is not one of an enumeration's labels, aliases or codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}“{value}”无法识别，可填：{allowed}")]
pub struct CodeError {
    pub what: &'static str,
    pub value: String,
    pub allowed: String,
}

/// Normalises what a user typed before it is compared with labels: trims, drops inner spaces
/// (including the ideographic space) and folds full-width ASCII to half-width.
pub fn fold_input(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $var:ident = $code:literal, $label:literal $(, $alias:literal)* ; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($var),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// What the value is called in messages.
            pub const WHAT: &'static str = $what;

            /// Storage / exchange code.
            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code),+ }
            }

            /// The Chinese label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$var => $label),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$var),)+ _ => None }
            }

            /// Accepts the label, a common alias or the code.
            pub fn parse(input: &str) -> Result<Self, CodeError> {
                let s = fold_input(input);
                $(
                    if s == $label || s == $code $(|| s == $alias)* {
                        return Ok($name::$var);
                    }
                )+
                Err(CodeError {
                    what: $what,
                    value: input.trim().to_string(),
                    allowed: Self::ALL.iter().map(|v| v.label()).collect::<Vec<_>>().join("、"),
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl std::str::FromStr for $name {
            type Err = CodeError;
            fn from_str(s: &str) -> Result<Self, CodeError> { Self::parse(s) }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.label())
            }
        }

        // Sent as its label, so the TypeScript type is the union of the labels.
        #[cfg(feature = "ts")]
        impl ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name(_: &ts_rs::Config) -> String {
                stringify!($name).to_string()
            }
            fn inline(_: &ts_rs::Config) -> String {
                [$(concat!("\"", $label, "\"")),+].join(" | ")
            }
            fn decl(cfg: &ts_rs::Config) -> String {
                format!("type {} = {};", stringify!($name), Self::inline(cfg))
            }
            fn decl_concrete(cfg: &ts_rs::Config) -> String {
                Self::decl(cfg)
            }
            fn output_path() -> Option<std::path::PathBuf> {
                Some(concat!(stringify!($name), ".ts").into())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.code()))
            }
        }

        impl FromSql for $name {
            fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
                let s = v.as_str()?;
                Self::from_code(s).ok_or_else(|| FromSqlError::Other(
                    format!("unknown {} code {s:?}", stringify!($name)).into()))
            }
        }
    };
}

code_enum! {
    /// 性别, GB/T 2261.1.
    Gender, "性别" {
        Male = "1", "男", "男性";
        Female = "2", "女", "女性";
    }
}

code_enum! {
    /// 政治面貌, GB/T 4762.
    PoliticalStatus, "政治面貌" {
        CpcMember = "01", "中共党员", "党员", "共产党员", "中国共产党党员";
        CpcProbationary = "02", "中共预备党员", "预备党员";
        YouthLeague = "03", "共青团员", "团员";
        Rcck = "04", "民革党员", "民革会员";
        Cdl = "05", "民盟盟员";
        Cndca = "06", "民建会员";
        Capd = "07", "民进会员";
        Cpwdp = "08", "农工党党员";
        Zgd = "09", "致公党党员";
        Jiusan = "10", "九三学社社员";
        Tdsgl = "11", "台盟盟员";
        NonParty = "12", "无党派人士", "无党派民主人士", "无党派";
        Masses = "13", "群众", "普通群众";
    }
}

impl PoliticalStatus {
    /// 中共党员 or 中共预备党员.
    pub fn is_party_member(self) -> bool {
        matches!(
            self,
            PoliticalStatus::CpcMember | PoliticalStatus::CpcProbationary
        )
    }
}

code_enum! {
    /// 学历, GB/T 4658-2006 (first-level codes).
    Education, "学历" {
        Postgraduate = "10", "研究生", "博士", "硕士", "博士研究生", "硕士研究生", "研究生教育";
        Bachelor = "20", "大学本科", "本科";
        College = "30", "大学专科", "大专", "专科";
        Secondary = "40", "中专", "中技", "技校", "职高", "中等专科", "中等职业教育";
        HighSchool = "60", "高中", "普通高中";
        Junior = "70", "初中";
        Primary = "80", "小学";
        Other = "90", "其他";
    }
}

code_enum! {
    /// 职称级别, derived from the title's name by [`crate::titles::level_of`].
    TitleLevel, "职称级别" {
        Senior = "1", "正高级", "正高";
        AssociateSenior = "2", "副高级", "副高";
        Intermediate = "3", "中级";
        Junior = "4", "初级", "员级";
        None = "9", "无", "无职称";
    }
}

code_enum! {
    /// 技能等级 (national vocational qualification level 一级 … 五级).
    SkillLevel, "技能等级" {
        SeniorTechnician = "1", "高级技师", "一级";
        Technician = "2", "技师", "二级";
        Senior = "3", "高级工", "三级";
        Intermediate = "4", "中级工", "四级";
        Junior = "5", "初级工", "五级";
        None = "9", "无", "无等级";
    }
}

code_enum! {
    /// Female retirement category: the original legal age was 55 for 干部 and 50 for 工人.
    RetirementCategory, "退休类别" {
        Cadre = "cadre", "干部", "女干部", "管理人员";
        Worker = "worker", "工人", "女工人";
    }
}

code_enum! {
    /// 单位类型.
    UnitKind, "单位类型" {
        Company = "company", "公司", "单位";
        Department = "department", "部门", "部室", "中心";
        Station = "station", "站所", "供电所", "变电站", "站";
        Team = "team", "班组", "班";
    }
}

impl UnitKind {
    /// The likely kind of a new unit from its name: 公司 at the top or when named so,
    /// 站所 for …供电所 / …变电站, 班组 for …班, else 部门.
    pub fn guess(name: &str, has_parent: bool) -> UnitKind {
        let name = name.trim();
        if !has_parent || name.ends_with("公司") {
            UnitKind::Company
        } else if name.ends_with("供电所") || name.ends_with("变电站") || name.ends_with('站')
        {
            UnitKind::Station
        } else if name.ends_with('班') || name.ends_with("班组") {
            UnitKind::Team
        } else {
            UnitKind::Department
        }
    }
}

code_enum! {
    /// 活动类型.
    ActivityKind, "活动类型" {
        Lecture = "lecture", "专题讲座", "讲座";
        SongContest = "song_contest", "歌咏比赛", "红歌比赛";
        Briefing = "briefing", "形势任务宣讲", "宣讲";
        Forum = "forum", "职工座谈会", "座谈会";
        ThemeEducation = "theme_education", "主题教育", "专题教育";
        HeritageVisit = "heritage_visit", "红色教育";
        Talk = "talk", "谈心谈话";
        Other = "other", "其他";
    }
}

code_enum! {
    /// 活动形式.
    ActivityMode, "活动形式" {
        Offline = "offline", "线下";
        Online = "online", "线上";
        Hybrid = "hybrid", "线上线下", "线上+线下";
    }
}

code_enum! {
    /// 活动状态.
    ActivityStatus, "活动状态" {
        Planned = "planned", "计划", "计划中";
        Held = "held", "已开展", "已举办";
        Cancelled = "cancelled", "已取消", "取消";
    }
}

code_enum! {
    /// What an attachment of an activity's record (活动记录) is: a photo (shown as a thumbnail
    /// and printed on the record) or any other file (会议记录, the scan of the signed sheet …).
    AttachmentKind, "附件类型" {
        Photo = "photo", "照片", "活动照片";
        File = "file", "文件", "附件";
    }
}

code_enum! {
    /// How a series of activities repeats.
    Recurrence, "重复方式" {
        Weekly = "weekly", "每周";
        Monthly = "monthly", "每月";
    }
}

code_enum! {
    /// 签到状态. Whether a status counts in the attendance rate is `AttendanceStatus::attended`
    /// and `AttendanceStatus::excused`.
    AttendanceStatus, "签到状态" {
        Present = "present", "出席", "已签到";
        Late = "late", "迟到";
        Leave = "leave", "请假";
        Absent = "absent", "缺席";
    }
}

impl AttendanceStatus {
    /// Counts as 实到 (numerator of the rate).
    pub fn attended(self) -> bool {
        matches!(self, AttendanceStatus::Present | AttendanceStatus::Late)
    }
    /// Taken out of the denominator: 请假 is not 缺席.
    pub fn excused(self) -> bool {
        matches!(self, AttendanceStatus::Leave)
    }
}

code_enum! {
    /// 群众诉求的来源.
    ConcernSource, "诉求来源" {
        Forum = "forum", "座谈会", "职工座谈会";
        Talk = "talk", "谈心谈话", "谈话";
        Visit = "visit", "联系点走访", "走访";
        Mailbox = "mailbox", "意见箱";
        Online = "online", "线上（微信群/公众号）", "线上", "微信群", "公众号";
        Call = "call", "来电来访", "来电", "来访";
        Other = "other", "其他";
    }
}

code_enum! {
    /// Who raised a concern: a named person, nobody named, or a group (班组, 全体 …).
    RaiserKind, "提出人类型" {
        Person = "person", "个人", "实名";
        Anonymous = "anonymous", "匿名";
        Group = "group", "集体", "群体";
    }
}

code_enum! {
    /// 诉求状态: 已受理 → 办理中 → 已答复 → 已办结 (不满意 reopens to 办理中).
    ConcernStatus, "办理状态" {
        Received = "received", "已受理", "受理";
        InProgress = "in_progress", "办理中";
        Replied = "replied", "已答复", "答复";
        Closed = "closed", "已办结", "办结";
    }
}

code_enum! {
    /// The raiser's satisfaction when a concern is closed.
    Satisfaction, "满意度" {
        Satisfied = "satisfied", "满意";
        Basically = "basically", "基本满意";
        Unsatisfied = "unsatisfied", "不满意";
    }
}

code_enum! {
    /// 思想动态 (inside the workforce) or 网络舆情 (an online item about the company).
    OpinionKind, "动态类型" {
        Internal = "internal", "内部思想动态", "思想动态", "内部";
        Online = "online", "网络舆情", "舆情", "网络";
    }
}

code_enum! {
    /// 舆情等级; 重大 entries must be reported up within the time set in 设置.
    OpinionLevel, "等级" {
        Normal = "normal", "一般";
        Major = "major", "较大";
        Grave = "grave", "重大";
    }
}

code_enum! {
    /// 趋势.
    OpinionTrend, "趋势" {
        Steady = "steady", "平稳";
        Rising = "rising", "升温";
        Falling = "falling", "降温";
    }
}

code_enum! {
    /// 谈心谈话的类型.
    TalkKind, "谈话类型" {
        Daily = "daily", "日常谈心", "日常";
        Reminder = "reminder", "提醒谈话", "提醒";
        Hardship = "hardship", "困难帮扶", "帮扶";
        Newcomer = "newcomer", "新入职", "新员工";
        Transfer = "transfer", "岗位调整", "调岗";
        Leaving = "leaving", "离岗退休", "退休", "离岗";
        Other = "other", "其他";
    }
}

code_enum! {
    /// How a 考核 indicator is scored.
    EvalMethod, "计分方式" {
        Auto = "auto", "系统数据", "自动", "数据";
        Marks = "marks", "评委打分", "打分", "评分";
        Ballot = "ballot", "民主测评", "测评";
    }
}

code_enum! {
    /// The figure an automatic indicator reads for the evaluated cadre's unit and the round's
    /// period, each from the module that shows it elsewhere (src/evaluation/figures.rs).
    AutoSource, "数据来源" {
        Activities = "activities", "组织活动次数", "活动次数";
        AttendanceRate = "attendance_rate", "活动出勤率", "出勤率";
        ConcernsOnTime = "concerns_on_time", "诉求按期答复率", "按期答复率", "按期办结率";
        Satisfaction = "satisfaction", "诉求满意率", "满意率";
        VisitCoverage = "visit_coverage", "联系点走访覆盖率", "走访覆盖率";
        TalkCoverage = "talk_coverage", "谈心谈话覆盖率", "谈话覆盖率";
        Forums = "forums", "职工座谈会次数", "座谈会次数";
        YoungShare = "young_share", "35岁及以下职工占比", "青年占比";
        ReservePerCadre = "reserve_per_cadre", "后备人才与政工干部之比", "后备比";
    }
}

code_enum! {
    /// How an automatic indicator's figure becomes a score.
    ScoreRule, "计分规则" {
        Proportional = "proportional", "按目标比例", "比例";
        Bands = "bands", "分档计分", "分档";
    }
}

code_enum! {
    /// 考核的类型: 日常 (month / quarter), 定期 (year), 专项 (any dates).
    RoundKind, "考核类型" {
        Daily = "daily", "日常考核", "日常";
        Regular = "regular", "定期考核", "定期", "年度考核";
        Special = "special", "专项考核", "专项";
    }
}

code_enum! {
    /// Where a 考核 stands: marks being entered, results out for 反馈, 公布 (locked).
    RoundStatus, "考核状态" {
        Open = "open", "评分中";
        Feedback = "feedback", "结果反馈";
        Published = "published", "已公布";
    }
}

code_enum! {
    /// 考核等级 (also the four choices of a 民主测评 ballot).
    Grade, "等级" {
        Excellent = "excellent", "优秀";
        Competent = "competent", "称职";
        Basic = "basic", "基本称职";
        Incompetent = "incompetent", "不称职";
    }
}

code_enum! {
    /// Whom a 推优评先 round honours.
    RecognitionTarget, "评选对象" {
        Person = "person", "个人";
        Unit = "unit", "集体", "班组", "单位";
    }
}

code_enum! {
    /// Where a 推优评先 round stands.
    RecognitionStatus, "评选状态" {
        Nominating = "nominating", "推荐中", "推荐";
        Voting = "voting", "投票中", "投票";
        Publicity = "publicity", "公示中", "公示";
        Confirmed = "confirmed", "已确认", "确认";
    }
}

/// 民族, GB/T 3304 (codes 01–56 in the standard's order).
pub const ETHNICITIES: [&str; 56] = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
];

/// 民族 as its GB/T 3304 code (1-based index into [`ETHNICITIES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ethnicity(u8);

impl Ethnicity {
    pub const HAN: Ethnicity = Ethnicity(1);

    pub fn code(self) -> String {
        format!("{:02}", self.0)
    }

    pub fn label(self) -> &'static str {
        ETHNICITIES[usize::from(self.0) - 1]
    }

    pub fn from_code(code: &str) -> Option<Self> {
        let n: u8 = code.parse().ok()?;
        (1..=56).contains(&n).then_some(Ethnicity(n))
    }

    /// Accepts 汉族, 汉 (the name without 族), or the code.
    pub fn parse(input: &str) -> Result<Self, CodeError> {
        let s = fold_input(input);
        let found = ETHNICITIES
            .iter()
            .position(|&name| s == name || s == name.trim_end_matches('族'))
            .map(|i| Ethnicity(i as u8 + 1))
            .or_else(|| Self::from_code(&s));
        found.ok_or_else(|| CodeError {
            what: "民族",
            value: input.trim().to_string(),
            allowed: "汉族、回族、满族等 56 个民族的名称".to_string(),
        })
    }
}

impl fmt::Display for Ethnicity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl Serialize for Ethnicity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

// One of the 56 names; a union of them would say little more than `string`.
#[cfg(feature = "ts")]
impl ts_rs::TS for Ethnicity {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "string".to_string()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

impl<'de> Deserialize<'de> for Ethnicity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl ToSql for Ethnicity {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.code()))
    }
}

impl FromSql for Ethnicity {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = v.as_str()?;
        Self::from_code(s)
            .ok_or_else(|| FromSqlError::Other(format!("unknown ethnicity code {s:?}").into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_codes_parse() {
        assert_eq!(
            PoliticalStatus::parse("党员").unwrap(),
            PoliticalStatus::CpcMember
        );
        assert_eq!(
            PoliticalStatus::parse(" 共产党员 ").unwrap(),
            PoliticalStatus::CpcMember
        );
        assert_eq!(
            PoliticalStatus::parse("13").unwrap(),
            PoliticalStatus::Masses
        );
        assert_eq!(Education::parse("本科").unwrap(), Education::Bachelor);
        assert_eq!(
            ActivityKind::parse("红歌比赛").unwrap(),
            ActivityKind::SongContest
        );
        assert_eq!(Gender::parse("女").unwrap().code(), "2");
        let err = Education::parse("幼儿园").unwrap_err();
        assert_eq!(
            err.to_string(),
            "学历“幼儿园”无法识别，可填：研究生、大学本科、大学专科、中专、高中、初中、小学、其他"
        );
    }

    #[test]
    fn ethnicity_table_follows_gb3304() {
        assert_eq!(Ethnicity::parse("汉").unwrap().code(), "01");
        assert_eq!(Ethnicity::parse("满族").unwrap().code(), "11");
        assert_eq!(Ethnicity::from_code("56").unwrap().label(), "基诺族");
        assert!(Ethnicity::from_code("57").is_none());
        assert!(Ethnicity::parse("火星族").is_err());
    }

    #[test]
    fn full_width_input_is_folded() {
        assert_eq!(fold_input("１２３　ＡＢ"), "123AB");
    }
}
