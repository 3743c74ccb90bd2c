import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// The node serves dist/web at "/". In development, `npx vite --config web/vite.config.ts` proxies
// the API to a running node (ACCORD_DEV_NODE, default the demo China node).
const node = process.env.ACCORD_DEV_NODE ?? 'http://127.0.0.1:8401';

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/healthz', '/taxii2'].map((path) => [path, { target: node, changeOrigin: false }]),
    ),
  },
});
