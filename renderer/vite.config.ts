import { defineConfig } from 'vite';

// Built from the repository root (`npm run build`): paths are relative to it. `base: './'` keeps asset
// URLs relative, so the same build loads from `flotilla serve` and from a file:// URL in Electron.
export default defineConfig({
  root: 'renderer',
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
