// One warm Typst compiler for result documents.
//
// Creating a compiler loads the fonts (tens of milliseconds), so the process
// keeps one instance and reuses it. A warm render of one page then takes
// about 10-17 ms, as measured by bench/results.ts (docs/benchmarks.md).
//
// Concurrency: NodeCompiler's compile and pdf calls are synchronous native
// calls, and every render passes its own template path and data. Two async
// callers in one thread therefore never interleave inside a render, and no
// state from one render reaches the next except Typst's memoization cache.
// A render blocks the event loop for its duration. Worker threads need their
// own instance, which `createTypstRenderer` provides.
//
// Data reaches a template only through `sys.inputs.data` as JSON, which the
// template decodes into Typst strings. Typst prints strings as text and never
// parses them as markup or code, so user input needs no escaping.
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SijillError } from '../errors.ts';
import { readFontFiles } from './fonts.ts';

export const templatesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');

export type TemplateName = 'result' | 'receipt' | 'validation-report';

/** PDF/A-2b: archival PDF with embedded fonts and XMP metadata (ISO 19005-2, level B). */
const pdfStandard = 'a-2b';

/**
 * Renders between evictions of Typst's memoization cache, which otherwise grows with every distinct input.
 * NOTE: resident memory still grows by about 0.5 MiB per render with typst-ts-node-compiler 0.7.0, most of
 * it in the PDF export, and neither eviction, V8 GC nor a new compiler instance returns it. Long-running
 * workers should be restarted after some thousands of documents (docs/results.md has the measurement).
 */
const rendersPerEviction = 20;

/** Memoized results older than this many evictions are dropped, the value Typst suggests for one-shot tools. */
const evictionMaxAge = 10;

export interface TypstRenderer {
  /**
   * Compiles `templates/<template>.typ` with `data` and exports PDF/A-2b.
   * `createdAt` becomes the PDF's creation date, so equal input gives equal
   * bytes. Throws SijillError result.render_failed with the diagnostics as cause.
   */
  renderPdf(template: TemplateName, data: unknown, createdAt: Date): Uint8Array;
}

/** Creates a compiler with the result fonts loaded. Most callers want `sharedTypstRenderer()`. */
export function createTypstRenderer(fontBlobs: Buffer[] = readFontFiles()): TypstRenderer {
  const compiler = NodeCompiler.create({ workspace: templatesDir, fontArgs: [{ fontBlobs }] });
  let rendersSinceEviction = 0;

  return {
    renderPdf(template, data, createdAt) {
      const compiled = compiler.compile({ mainFilePath: path.join(templatesDir, `${template}.typ`), inputs: { data: JSON.stringify(data) } });
      const document = compiled.result;
      if (compiled.hasError() || document === null) {
        const diagnostics = compiled.takeDiagnostics()?.shortDiagnostics ?? [];
        throw new SijillError('result.render_failed', { template }, { cause: new Error(`typst diagnostics: ${JSON.stringify(diagnostics)}`) });
      }
      const pdf = compiler.pdf(document, { pdfStandard, creationTimestamp: Math.floor(createdAt.getTime() / 1000) });

      rendersSinceEviction += 1;
      if (rendersSinceEviction >= rendersPerEviction) {
        compiler.evictCache(evictionMaxAge);
        rendersSinceEviction = 0;
      }
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
  };
}

let shared: TypstRenderer | undefined;

/** Returns the process-wide renderer, creating it (and loading the fonts) on first use. */
export function sharedTypstRenderer(): TypstRenderer {
  shared ??= createTypstRenderer();
  return shared;
}
