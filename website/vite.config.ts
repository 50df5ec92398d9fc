/**
 * Builds the riders' website into website/dist. One build serves every stack and
 * auth mode: settings come from /config.json at run time, nothing is baked in.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { deepLinkFolders } from './src/routes';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, 'dist');

/** Paths the tiny router serves, from the route table; each gets a copy of index.html (see below). */
export const DEEP_LINK_FOLDERS = deepLinkFolders();

/** Budget for what a rider downloads before the first page shows. */
const INITIAL_JS_BUDGET_GZIP = 250 * 1024;

/**
 * After the build: (1) print each JS chunk's gzip size and the initial total (the
 * entry and its static imports), failing the build over budget; (2) copy index.html
 * to /ride/index.html etc., so deep links and reloads work on any static host (S3,
 * CloudFront, the local cloud) without a "rewrite to index.html" rule.
 */
function reportAndDeepLinks(): Plugin {
  return {
    name: 'wild-rydes-report',
    apply: 'build',
    async writeBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
      const entry = chunks.find((c) => c.isEntry);
      const initial = new Set<string>();
      const visit = (fileName: string) => {
        if (initial.has(fileName)) return;
        initial.add(fileName);
        const c = chunks.find((x) => x.fileName === fileName);
        c?.imports.forEach(visit);
      };
      if (entry) visit(entry.fileName);
      let initialTotal = 0;
      const rows: string[] = [];
      for (const c of chunks.sort((a, b) => a.fileName.localeCompare(b.fileName))) {
        const code = await readFile(join(outDir, c.fileName));
        const gz = gzipSync(code, { level: 9 }).length;
        const isInitial = initial.has(c.fileName);
        if (isInitial) initialTotal += gz;
        rows.push(`  ${isInitial ? 'initial' : 'lazy   '}  ${(code.length / 1024).toFixed(1).padStart(7)} kB  ${(gz / 1024).toFixed(1).padStart(6)} kB gzip  ${c.fileName}`);
      }
      console.log(`\nJavaScript chunks (raw, gzip):\n${rows.join('\n')}`);
      console.log(`Initial JavaScript: ${(initialTotal / 1024).toFixed(1)} kB gzip (budget ${INITIAL_JS_BUDGET_GZIP / 1024} kB)\n`);
      if (initialTotal > INITIAL_JS_BUDGET_GZIP) {
        throw new Error(`Initial JavaScript is ${(initialTotal / 1024).toFixed(1)} kB gzip, over the ${INITIAL_JS_BUDGET_GZIP / 1024} kB budget.`);
      }
      for (const folder of DEEP_LINK_FOLDERS) {
        await mkdir(join(outDir, folder), { recursive: true });
        await copyFile(join(outDir, 'index.html'), join(outDir, folder, 'index.html'));
      }
    },
  };
}

export default defineConfig({
  root: here,
  // Absolute asset URLs, so /ride/index.html finds /assets/... too.
  base: '/',
  publicDir: resolve(here, 'public'),
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Report our own gzip numbers (initial vs lazy) instead of Vite's per-file list only.
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // Stable vendor chunks: React and Amplify's auth are needed on the first page;
        // Leaflet and the REST client only on the ride page (split with it by import()).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'leaflet', test: /node_modules[\\/]leaflet[\\/]/ },
          ],
        },
      },
    },
  },
  plugins: [reportAndDeepLinks()],
});
