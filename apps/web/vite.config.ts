// Citizen and company portal. Built to apps/web/dist; the gateway serves it at `/`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Fonts are small enough to stay separate files (cached by the browser), never inlined in the CSS.
    assetsInlineLimit: 0,
    // design-react-kit lazy-loads each icon as its own tiny chunk; React + router + kit stay in one vendor chunk.
    chunkSizeWarningLimit: 600,
  },
});
