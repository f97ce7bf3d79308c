// Says loudly, at the very end of the run, which tests were skipped and why they were not run: a
// skipped test is never a passed one. The reason is the test's own title (e.g. "SKIPPED: WeChat
// DevTools not found …").
class SkippedReporter {
  constructor() {
    this.skipped = [];
  }
  onTestResult(test, result) {
    for (const r of result.testResults) {
      if (r.status === 'pending' || r.status === 'skipped' || r.status === 'todo') {
        this.skipped.push(`${result.testFilePath.replace(`${process.cwd()}/`, '')}: ${[...r.ancestorTitles, r.title].join(' › ')}`);
      }
    }
  }
  onRunComplete() {
    if (!this.skipped.length) return;
    const line = '!'.repeat(100);
    process.stderr.write(`\n${line}\n${this.skipped.length} test(s) SKIPPED: NOT RUN on this machine, NOT passed:\n`);
    for (const s of this.skipped) process.stderr.write(`  - ${s}\n`);
    process.stderr.write(`${line}\n`);
  }
}
module.exports = SkippedReporter;
