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
