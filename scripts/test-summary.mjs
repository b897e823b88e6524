// Prints vitest's JSON report as one plain closing line, "N passed, N failed",
// so that CI logs state the count of tests run in a standard form.
import { existsSync, readFileSync } from 'node:fs';

if (!existsSync(process.argv[2])) {
  // The typecheck runs first and stops the run when it fails.
  console.log('no test results: the typecheck or vitest failed before running the tests');
  process.exit(1);
}
const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
