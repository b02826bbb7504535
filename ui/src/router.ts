import { createRouter, createWebHashHistory } from 'vue-router'

// Hash history: the Tauri window loads index.html from disk.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: () => import('./views/Dashboard.vue'), meta: { title: '工作台' } },
    {
      path: '/people',
      component: () => import('./views/People.vue'),
      // ?start=unit|import|person opens that dialog (the 工作台's guided start links here).
      props: (r) => ({ start: typeof r.query.start === 'string' ? r.query.start : null }),
      meta: { title: '人员档案' },
    },
    {
      path: '/people/:id(\\d+)',
      component: () => import('./views/PersonDetail.vue'),
      meta: { title: '个人页', menu: '/people' },
    },
    { path: '/activities', component: () => import('./views/Activities.vue'), meta: { title: '活动管理' } },
    {
      path: '/activities/:id(\\d+)',
      component: () => import('./views/ActivityDetail.vue'),
      meta: { title: '活动详情', menu: '/activities' },
    },
    { path: '/checkin', component: () => import('./views/CheckinList.vue'), meta: { title: '签到' } },
    {
      path: '/checkin/:id(\\d+)',
      component: () => import('./views/Checkin.vue'),
      meta: { title: '签到', menu: '/checkin' },
    },
    {
      path: '/kiosk/:id(\\d+)',
      component: () => import('./views/Kiosk.vue'),
      meta: { title: '签到台', kiosk: true },
    },
    { path: '/attendance', component: () => import('./views/Attendance.vue'), meta: { title: '出勤统计' } },
    { path: '/structure', component: () => import('./views/Structure.vue'), meta: { title: '队伍结构' } },
    // 党群沟通. /voice/concerns?new=1&source=…&activity_id=… (or visit_id + unit_id, talk_id +
    // raiser_id, opinion_id) opens 登记诉求 prefilled; ?overdue=1 lists the overdue ones.
    { path: '/voice/concerns', component: () => import('./views/voice/Concerns.vue'), meta: { title: '群众诉求' } },
    // ?unreported=1: the 重大 entries not reported in time.
    { path: '/voice/opinions', component: () => import('./views/voice/Opinions.vue'), meta: { title: '思想动态' } },
    { path: '/voice/contacts', component: () => import('./views/voice/Contacts.vue'), meta: { title: '联系点' } },
    { path: '/voice/talks', component: () => import('./views/voice/Talks.vue'), meta: { title: '谈心谈话' } },
    { path: '/voice/reports', component: () => import('./views/voice/Reports.vue'), meta: { title: '分析报告' } },
    // 考核评价: 指标体系, 考核 (a round's page), 推优评先 (a round's page), 荣誉.
    { path: '/evaluation/systems', component: () => import('./views/evaluation/Systems.vue'), meta: { title: '指标体系' } },
    { path: '/evaluation/rounds', component: () => import('./views/evaluation/Rounds.vue'), meta: { title: '考核' } },
    {
      path: '/evaluation/rounds/:id(\\d+)',
      component: () => import('./views/evaluation/RoundDetail.vue'),
      meta: { title: '考核', menu: '/evaluation/rounds' },
    },
    { path: '/evaluation/recognition', component: () => import('./views/evaluation/Recognition.vue'), meta: { title: '推优评先' } },
    {
      path: '/evaluation/recognition/:id(\\d+)',
      component: () => import('./views/evaluation/RecognitionDetail.vue'),
      meta: { title: '推优评先', menu: '/evaluation/recognition' },
    },
    { path: '/evaluation/honours', component: () => import('./views/evaluation/Honours.vue'), meta: { title: '荣誉' } },
    { path: '/settings', component: () => import('./views/Settings.vue'), meta: { title: '设置' } },
    // 管理员 only (the menu shows them to 管理员; the core refuses everyone else).
    { path: '/accounts', component: () => import('./views/Accounts.vue'), meta: { title: '账号', admin: true } },
    {
      path: '/audit',
      component: () => import('./views/Audit.vue'),
      // ?table=person&record_id=7: the 操作记录 of one record (the link on a person's page).
      props: (r) => ({
        table: typeof r.query.table === 'string' ? r.query.table : null,
        recordId: typeof r.query.record_id === 'string' && /^\d+$/.test(r.query.record_id) ? Number(r.query.record_id) : null,
      }),
      meta: { title: '审计', admin: true },
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
