/**
 * Sums vitest JSON reports into the one line CI reads: "N passed, N failed".
 * A report that is missing or has no tests counts as a failure; so does each failed check
 * (typecheck, lint …) named with --failed-check.
 */
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
const args = process.argv.slice(2);
const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--failed-check');
for (const [i, a] of args.entries())
  if (a === '--failed-check') {
    console.log(`failed check: ${args[i + 1]}`);
    failed++;
  }
for (const file of files) {
  if (!existsSync(file)) {
    console.log(`missing test report: ${file}`);
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTests: number;
    success: boolean;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numTotalTests === 0 || (!report.success && report.numFailedTests === 0)) failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
