// Prints the run's counts as one plain closing line, "N passed, N failed",
// after Jest's own summary (both on standard error), for tools that read
// only that line.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
    // Jest prints its own summary after the custom reporters; the exit hook comes last.
    process.once('exit', () => process.stderr.write(line));
  }
}
