//! The audit vocabulary: every write the core knows, with the stable code stored in
//! `audit_log.action` and the Chinese label the audit screen shows. Shells name an [`Action`];
//! they never spell the strings.

use serde::Serialize;

macro_rules! actions {
    ($($variant:ident => $code:literal, $label:literal;)*) => {
        /// What a write does; passed to [`super::Db::transact`] and stored with its audit row.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            /// Every action, in the order of the audit screen's filter.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The stable code stored in `audit_log.action` (`unit.add`, …). Never change one:
            /// stored rows keep it.
            pub fn code(self) -> &'static str {
                match self {
                    $(Action::$variant => $code,)*
                }
            }

            /// The Chinese name shown to users (新增单位, …).
            pub fn label(self) -> &'static str {
                match self {
                    $(Action::$variant => $label,)*
                }
            }

            /// The action stored under `code`, if this version knows it.
            pub fn from_code(code: &str) -> Option<Action> {
                match code {
                    $($code => Some(Action::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

actions! {
    UnitAdd => "unit.add", "新增单位";
    UnitRename => "unit.rename", "单位改名";
    UnitMove => "unit.move", "移动单位";
    UnitDelete => "unit.delete", "删除单位";
    PersonAdd => "person.add", "新增职工";
    PersonEdit => "person.edit", "修改职工信息";
    PersonLeave => "person.leave", "职工离职";
    PersonReinstate => "person.reinstate", "恢复在职";
    PersonRetire => "person.retire", "办理退休";
    PersonImport => "person.import", "导入花名册";
    PersonBulkFlag => "person.bulk_flag", "批量设置政工干部或后备人才";
    PersonBulkMove => "person.bulk_move", "批量调动";
    PersonBulkLeave => "person.bulk_leave", "批量办理离职";
    ActivityAdd => "activity.add", "新增活动";
    ActivityAddSeries => "activity.add_series", "新增系列活动";
    ActivityEdit => "activity.edit", "修改活动";
    ActivityEditSeries => "activity.edit_series", "修改系列活动";
    ActivityCancel => "activity.cancel", "取消活动";
    ActivitySummary => "activity.summary", "填写活动纪要";
    ActivityFileAdd => "activity.file_add", "添加活动照片或附件";
    ActivityFileRemove => "activity.file_remove", "删除活动照片或附件";
    ActivityFileCaption => "activity.file_caption", "修改照片说明";
    AttendanceInvite => "attendance.invite", "加入应到名单";
    AttendanceUninvite => "attendance.uninvite", "移出应到名单";
    AttendanceCheckIn => "attendance.check_in", "签到";
    AttendanceSetStatus => "attendance.set_status", "修改考勤状态";
    AttendanceBackfill => "attendance.backfill", "补录签到";
    AttendanceImportMeeting => "attendance.import_meeting", "导入线上签到";
    SettingSet => "setting.set", "修改设置";
    SettingStructure => "setting.structure", "修改队伍结构设置";
    Demo => "demo", "生成演示数据";
    Setup => "account.setup", "创建首个管理员";
    SignIn => "account.sign_in", "登录";
    SignInFailed => "account.sign_in_failed", "登录失败";
    AccountLockedOut => "account.locked_out", "账号锁定";
    SignOut => "account.sign_out", "退出登录";
    PasswordChange => "account.password_change", "修改本人密码";
    AccountAdd => "account.add", "新增账号";
    AccountSetRole => "account.set_role", "修改账号角色";
    AccountSetPassword => "account.set_password", "重置账号密码";
    AccountSetDisabled => "account.set_disabled", "停用或启用账号";
    AccountSetPerson => "account.set_person", "关联账号与职工";
    AccountRecover => "account.recover", "恢复管理员密码";
    RevealNumbers => "privacy.reveal", "导出或打印完整号码";
    AuditExport => "audit.export", "导出审计记录";
    BackupMake => "backup.make", "备份数据";
    BackupRestore => "backup.restore", "从备份恢复";
    ConcernCategory => "concern.category", "修改诉求分类";
    ConcernAdd => "concern.add", "登记群众诉求";
    ConcernEdit => "concern.edit", "修改群众诉求";
    ConcernAssign => "concern.assign", "交办群众诉求";
    ConcernReply => "concern.reply", "答复群众诉求";
    ConcernClose => "concern.close", "办结群众诉求";
    ConcernEscalate => "concern.escalate", "上报群众诉求";
    OpinionAdd => "opinion.add", "登记思想动态";
    OpinionEdit => "opinion.edit", "修改思想动态";
    OpinionReport => "opinion.report", "思想动态上报";
    ContactPointSave => "contact.point", "设置联系点";
    ContactPlan => "contact.plan", "设置走访计划";
    ContactVisit => "contact.visit", "登记联系点走访";
    TalkAdd => "talk.add", "登记谈心谈话";
    TalkEdit => "talk.edit", "修改谈心谈话";
    OpinionReportSave => "opinion_report.save", "保存思想动态分析报告";
    OpinionReportDelete => "opinion_report.delete", "删除思想动态分析报告";
    RevealTalks => "privacy.talks", "导出谈话内容";
    EvalSystemSave => "eval.system", "保存考核指标体系";
    EvalSystemRetire => "eval.system_retire", "停用考核指标体系";
    EvalRoundSave => "eval.round", "保存考核";
    EvalRoundDelete => "eval.round_delete", "删除考核";
    EvalSubjects => "eval.subjects", "修改考核对象";
    EvalMarks => "eval.marks", "录入评委打分";
    EvalBallot => "eval.ballot", "录入民主测评票数";
    EvalCompute => "eval.compute", "计算考核结果";
    EvalFeedback => "eval.feedback", "填写考核反馈";
    EvalConfirm => "eval.confirm", "考核结果本人确认";
    EvalPublish => "eval.publish", "公布考核结果";
    RecognitionSave => "recognition.round", "保存推优评先";
    RecognitionNominate => "recognition.nominate", "推荐候选人";
    RecognitionVotes => "recognition.votes", "录入得票";
    RecognitionStage => "recognition.stage", "推优评先进入下一阶段";
    RecognitionWithdraw => "recognition.withdraw", "撤回候选人";
    HonourSave => "honour.save", "登记荣誉";
    HonourDelete => "honour.delete", "删除荣誉";
}

/// Sent as its code (`"unit.add"`).
impl Serialize for Action {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::Action;
    use std::collections::HashSet;

    #[test]
    fn codes_and_labels_are_unique_and_round_trip() {
        let codes: HashSet<_> = Action::ALL.iter().map(|a| a.code()).collect();
        let labels: HashSet<_> = Action::ALL.iter().map(|a| a.label()).collect();
        assert_eq!(codes.len(), Action::ALL.len());
        assert_eq!(labels.len(), Action::ALL.len());
        for &a in Action::ALL {
            assert_eq!(Action::from_code(a.code()), Some(a));
        }
        assert_eq!(Action::from_code("nope"), None);
    }
}
