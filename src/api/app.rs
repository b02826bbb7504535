//! App: version and database, the code tables, kiosk full screen.

use crate::codes;

use super::dto::{AppInfo, Codes};
use super::{Call, Reply};

macro_rules! labels {
    ($t:ty) => {
        <$t>::ALL.iter().map(|v| v.label()).collect()
    };
}

commands! {
[Open] pub fn app_info(state: &Call) -> Reply<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: crate::db::resolve_path(None).display().to_string(),
        schema_version: state.with(|db| db.schema_version()).ok(),
    })
}

[Open] pub fn codes(_state: &Call) -> Reply<Codes> {
    Ok(Codes {
        gender: labels!(codes::Gender),
        political_status: labels!(codes::PoliticalStatus),
        education: labels!(codes::Education),
        title_level: labels!(codes::TitleLevel),
        title_series: crate::titles::SERIES.to_vec(),
        skill_level: labels!(codes::SkillLevel),
        retirement_category: labels!(codes::RetirementCategory),
        unit_kind: labels!(codes::UnitKind),
        activity_kind: labels!(codes::ActivityKind),
        activity_mode: labels!(codes::ActivityMode),
        activity_status: labels!(codes::ActivityStatus),
        attendance_status: labels!(codes::AttendanceStatus),
        recurrence: labels!(codes::Recurrence),
        ethnicity: codes::ETHNICITIES.to_vec(),
        concern_source: labels!(codes::ConcernSource),
        raiser_kind: labels!(codes::RaiserKind),
        concern_status: labels!(codes::ConcernStatus),
        satisfaction: labels!(codes::Satisfaction),
        opinion_kind: labels!(codes::OpinionKind),
        opinion_level: labels!(codes::OpinionLevel),
        opinion_trend: labels!(codes::OpinionTrend),
        talk_kind: labels!(codes::TalkKind),
        eval_method: labels!(codes::EvalMethod),
        auto_source: labels!(codes::AutoSource),
        score_rule: labels!(codes::ScoreRule),
        round_kind: labels!(codes::RoundKind),
        round_status: labels!(codes::RoundStatus),
        grade: labels!(codes::Grade),
        recognition_target: labels!(codes::RecognitionTarget),
        recognition_status: labels!(codes::RecognitionStatus),
    })
}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::AppState;

    #[test]
    fn every_code_table_is_listed_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let c = codes(&AppState::open_at(&dir.path().join("q.db")).system()).unwrap();
        assert_eq!(c.gender, ["男", "女"]);
        assert_eq!(c.activity_kind.len(), 8);
        assert_eq!(c.ethnicity.len(), 56);
        assert!(c.attendance_status.contains(&"请假"));
        assert_eq!(c.title_level, ["正高级", "副高级", "中级", "初级", "无"]);
        assert!(c.title_series[0].titles.contains(&"高级工程师"));
        assert_eq!(c.concern_status, ["已受理", "办理中", "已答复", "已办结"]);
        assert_eq!(c.opinion_level, ["一般", "较大", "重大"]);
        assert_eq!(c.talk_kind.len(), 7);
        assert_eq!(c.eval_method, ["系统数据", "评委打分", "民主测评"]);
        assert_eq!(c.auto_source.len(), 9);
        assert_eq!(c.round_status, ["评分中", "结果反馈", "已公布"]);
        assert_eq!(c.grade, ["优秀", "称职", "基本称职", "不称职"]);
        assert_eq!(
            c.recognition_status,
            ["推荐中", "投票中", "公示中", "已确认"]
        );
    }
}
