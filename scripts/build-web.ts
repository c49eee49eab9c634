// Bundles Sijill's browser screens with esbuild into src/web/static/build/
// (git-ignored). Each entry becomes <name>.js and, when its code imports CSS,
// <name>.css; fonts and images that the CSS references are copied beside them.
// Run: node scripts/build-web.ts [--dev]   (--dev: no minification)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const webBuildDir = path.join(projectRoot, 'src/web/static/build');

export interface WebEntry {
  /** Output base name: <name>.js and <name>.css. */
  name: string;
  /** Entry module, relative to the project root. */
  source: string;
}

/** Every screen's bundle; add a screen by adding its entry here. */
export const webEntries: WebEntry[] = [
  { name: 'modeler', source: 'src/modeler/client/main.ts' },
  { name: 'web-forms', source: 'src/web/client/forms.ts' },
  { name: 'web-sla', source: 'src/web/client/sla-chart.ts' },
];

export interface BuildWebOptions {
  /** Minify and drop source maps; default true. */
  production?: boolean;
  outDir?: string;
}

export async function buildWeb(options: BuildWebOptions = {}): Promise<esbuild.Metafile> {
  const production = options.production ?? true;
  const result = await esbuild.build({
    absWorkingDir: projectRoot,
    entryPoints: Object.fromEntries(webEntries.map((entry) => [entry.name, entry.source])),
    outdir: options.outDir ?? webBuildDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: production,
    sourcemap: production ? false : 'linked',
    metafile: true,
    logLevel: 'warning',
    assetNames: 'assets/[name]-[hash]',
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  });
  return result.metafile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const metafile = await buildWeb({ production: !process.argv.includes('--dev') });
  for (const [file, output] of Object.entries(metafile.outputs)) {
    console.log(`${file}  ${(output.bytes / 1024).toFixed(0)} KiB`);
  }
}
