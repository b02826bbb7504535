import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { router } from './router'

const app = createApp(App).use(ElementPlus).use(router)
// Mount once the first route is known, so the menu and the page agree from the start.
router.isReady().then(() => app.mount('#app'))
