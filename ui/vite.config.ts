/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Tauri loads the built files from disk: relative paths, a fixed dev port, nothing remote.
export default defineConfig({
  base: './',
  plugins: [vue()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2021',
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    // A mounted screen takes well under a second, but on a CI machine whose cores are busy
    // with other work it can take several: the limit only catches a test that hangs.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
