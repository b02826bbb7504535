// 考核评价: 考核指标体系 (versioned), 考核 (subjects, 评委打分, 民主测评, results, 反馈, 确认, 公布),
// 推优评先 (nominations, votes, 公示, 确认) and the honours roll. One function per command of
// src/api/evaluation.rs.
import { call } from './transport'
import type {
  Ballot,
  BallotCounts,
  DateStr,
  EvalHistoryRow,
  Honour,
  HonourFilter,
  HonourInput,
  Mark,
  MarkInput,
  NominationInput,
  RecognitionInput,
  RecognitionRound,
  RecognitionSummary,
  RoundDetail,
  RoundInput,
  RoundSummary,
  SubjectPick,
  System,
  SystemInput,
  SystemSummary,
  VoteInput,
} from './types'

// ---------- 考核指标体系 ----------

/** The newest version of each system (every version with `all_versions`), by name. */
export const evalSystems = (all_versions: boolean, include_retired: boolean) =>
  call<SystemSummary[]>('eval_systems', { all_versions, include_retired })
export const evalSystemGet = (id: number) => call<System>('eval_system_get', { id })
/** New (id null) or edited system; the id of the version written (a new version when frozen). */
export const evalSystemSave = (id: number | null, input: SystemInput) =>
  call<number>('eval_system_save', { id, input })
/** 停用 / 启用 every version of the system. */
export const evalSystemRetire = (id: number, retired: boolean) =>
  call<null>('eval_system_retire', { id, retired })

// ---------- 考核 ----------

export const evalRounds = () => call<RoundSummary[]>('eval_rounds')
/** A round with its results (a preview computed now while 评分中). */
export const evalRoundGet = (id: number) => call<RoundDetail>('eval_round_get', { id })
export const evalRoundSave = (id: number | null, input: RoundInput) =>
  call<number>('eval_round_save', { id, input })
export const evalRoundDelete = (id: number) => call<null>('eval_round_delete', { id })
/** Adds the 政工干部 of the units (and below) and the people; how many were added. */
export const evalSubjectsAdd = (round_id: number, pick: SubjectPick) =>
  call<number>('eval_subjects_add', { round_id, pick })
export const evalSubjectRemove = (round_id: number, person_id: number) =>
  call<null>('eval_subject_remove', { round_id, person_id })
export const evalMarks = (round_id: number) => call<Mark[]>('eval_marks', { round_id })
/** One evaluator's marks (mark null clears it); how many were written. */
export const evalMarksSet = (round_id: number, evaluator: string, marks: MarkInput[]) =>
  call<number>('eval_marks_set', { round_id, evaluator, marks })
export const evalBallots = (round_id: number) => call<Ballot[]>('eval_ballots', { round_id })
export const evalBallotSet = (round_id: number, person_id: number, indicator_id: number, counts: BallotCounts) =>
  call<null>('eval_ballot_set', { round_id, person_id, indicator_id, counts })
/** Computes and stores the results; the round as it now stands. */
export const evalCompute = (round_id: number) => call<RoundDetail>('eval_compute', { round_id })
/** 评分中 → 结果反馈 (computes first). */
export const evalStartFeedback = (round_id: number) => call<null>('eval_start_feedback', { round_id })
/** 结果反馈 → 评分中 (confirmations cleared). */
export const evalReopen = (round_id: number) => call<null>('eval_reopen', { round_id })
export const evalFeedbackSet = (round_id: number, person_id: number, feedback: string | null) =>
  call<null>('eval_feedback_set', { round_id, person_id, feedback })
/** 本人确认 with the person's own 反馈意见. */
export const evalConfirm = (round_id: number, person_id: number, reply: string | null) =>
  call<null>('eval_confirm', { round_id, person_id, reply })
/** 公布: locks the round. */
export const evalPublish = (round_id: number) => call<null>('eval_publish', { round_id })
/** A person's results over the rounds they were in, oldest first. */
export const evalHistory = (person_id: number) => call<EvalHistoryRow[]>('eval_history', { person_id })
/** A mark as typed: a number 0–100 or 优秀 / 良好 / 一般 / 较差. */
export const evalParseMark = (input: string) => call<number>('eval_parse_mark', { input })

// ---------- 推优评先 ----------

export const recognitionRounds = () => call<RecognitionSummary[]>('recognition_rounds')
export const recognitionGet = (id: number) => call<RecognitionRound>('recognition_get', { id })
export const recognitionSave = (id: number | null, input: RecognitionInput) =>
  call<number>('recognition_save', { id, input })
export const recognitionDelete = (id: number) => call<null>('recognition_delete', { id })
export const recognitionNominate = (round_id: number, input: NominationInput) =>
  call<number>('recognition_nominate', { round_id, input })
export const recognitionNominationUpdate = (nomination_id: number, input: NominationInput) =>
  call<null>('recognition_nomination_update', { nomination_id, input })
export const recognitionNominationRemove = (nomination_id: number) =>
  call<null>('recognition_nomination_remove', { nomination_id })
/** 推荐中 → 投票中. */
export const recognitionStartVoting = (round_id: number) => call<null>('recognition_start_voting', { round_id })
/** Votes per nomination (votes null clears). */
export const recognitionVotesSet = (round_id: number, votes: VoteInput[]) =>
  call<null>('recognition_votes_set', { round_id, votes })
/** 投票中 → 公示中; how many were selected. */
export const recognitionStartPublicity = (round_id: number, from: DateStr, to: DateStr) =>
  call<number>('recognition_start_publicity', { round_id, from, to })
/** Withdraws a selected candidate during 公示, with the reason. */
export const recognitionWithdraw = (nomination_id: number, reason: string) =>
  call<null>('recognition_withdraw', { nomination_id, reason })
/** 公示中 → 已确认 on `on` (null: today); how many honours were recorded. */
export const recognitionConfirm = (round_id: number, on: DateStr | null) =>
  call<number>('recognition_confirm', { round_id, on })

// ---------- 荣誉 ----------

export const honours = (filter: HonourFilter) => call<Honour[]>('honours', { filter })
/** New (id null) or changed honour; its id. */
export const honourSave = (id: number | null, input: HonourInput) => call<number>('honour_save', { id, input })
export const honourDelete = (id: number) => call<null>('honour_delete', { id })
