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
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
