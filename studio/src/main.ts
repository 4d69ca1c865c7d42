/** Studio entry: Vue, Pinia, the router; Element Plus components are imported on demand. */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router.ts';
// styles of the services Element Plus calls imperatively (not seen in templates by the on-demand resolver)
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import 'element-plus/es/components/loading/style/css';
import './styles.css';

createApp(App).use(createPinia()).use(router).mount('#app');
