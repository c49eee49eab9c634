#!/usr/bin/env -S node --liftoff-only
// Node 24 runs the TypeScript sources directly (type stripping).
//
// --liftoff-only: the embedded database is PostgreSQL compiled to
// WebAssembly, and V8's optimizing tier compiling its modules in the
// background raised the demo's peak memory from 0.77 GiB to 1.15 GiB
// (docs/benchmarks.md, "Demo memory"). V8 reads the flag only from the
// command line, so the Makefile passes it too.
await import('../src/cli/main.ts');
