// Bundles the browser apps (the web client and the WebAdmin UI) with esbuild
// into static files under dist/. Each app is a folder with an index.html and
// a main.ts entry; hashed file names let the servers cache them for a year.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const apps = [
  { name: 'webclient', source: 'webclient/src', out: 'dist/webclient' },
  { name: 'admin-console', source: 'admin-console/ui', out: 'dist/admin-console/ui' },
];

// `node scripts/build-web.mjs webclient` builds only the named apps (tests).
const only = process.argv.slice(2);

for (const app of apps) {
  if (only.length > 0 && !only.includes(app.name)) continue;
  const entry = join(app.source, 'main.ts');
  const html = join(app.source, 'index.html');
  if (!existsSync(entry) || !existsSync(html)) continue;
  rmSync(app.out, { recursive: true, force: true });
  mkdirSync(app.out, { recursive: true });
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    sourcemap: true,
    metafile: true,
    entryNames: '[name]-[hash]',
    outdir: join(app.out, 'assets'),
    tsconfig: 'tsconfig.web.json',
    logLevel: 'warning',
  });
  const bundle = Object.keys(result.metafile.outputs).find((file) => file.endsWith('.js'));
  if (!bundle) throw new Error(`${app.name}: esbuild produced no script`);
  const scriptPath = `assets/${bundle.split('/').pop()}`;
  const page = readFileSync(html, 'utf8').replace('%MAIN_SCRIPT%', scriptPath);
  writeFileSync(join(app.out, 'index.html'), page);
  console.log(`${app.name}: ${join(app.out, 'index.html')} → ${scriptPath}`);
}
