import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { opensOnDashboard, prefetchDashboard } from './prefetch'
import { HEARTBEAT_MS, browserToken, heartbeat, isDesktop } from './api/transport'

// Browser mode: keep the token the server opened the page with (and take it out of the address),
// and tell the server every minute that a page is still open.
if (!isDesktop()) {
  browserToken()
  setInterval(() => heartbeat().catch(() => {}), HEARTBEAT_MS)
}

// The 工作台 is the usual first screen: ask for its figures now, while its chunk loads and mounts.
if (opensOnDashboard(location.hash)) prefetchDashboard()

const app = createApp(App).use(ElementPlus).use(router)
// Mount once the first route is known, so the menu and the page agree from the start.
router.isReady().then(() => app.mount('#app'))
