import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { opensOnDashboard, prefetchDashboard } from './prefetch'
import { HEARTBEAT_MS, browserToken, heartbeat, isDesktop } from './api/transport'
import { initAuth } from './auth'

// Browser mode: keep the token the server opened the page with (and take it out of the address),
// and tell the server every minute that a page is still open.
if (!isDesktop()) {
  browserToken()
  setInterval(() => heartbeat().catch(() => {}), HEARTBEAT_MS)
}

// Who is signed in (or the first start, or a damaged file): App shows nothing else until known.
// The 工作台 is the usual first screen: once signed in, ask for its figures at once, while its
// chunk loads and mounts.
const opensDashboard = opensOnDashboard(location.hash)
initAuth().then((state) => {
  if (state === 'signed_in' && opensDashboard) prefetchDashboard()
})

const app = createApp(App).use(ElementPlus).use(router)
// Mount once the first route is known, so the menu and the page agree from the start.
router.isReady().then(() => app.mount('#app'))
