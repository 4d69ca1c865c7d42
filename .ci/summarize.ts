/**
 * Sums vitest JSON reports into the one line CI reads: "N passed, N failed".
 * A report that is missing or has no tests counts as a failure.
 */
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
const files = process.argv.slice(2);
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
