// A node:test reporter that writes one JUnit <testsuite> carrying the totals (tests, failures,
// errors, skipped) in its own attributes, which is where CI reads them (.ci/run greps the
// first <testsuite ...> element). Node's own `junit` reporter puts one <testsuite> per
// describe() and leaves the totals in comments, so it does not fit.
import { basename } from 'node:path';

const escape = (value) => String(value)
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function reason(error) {
  const cause = error?.cause ?? error;
  return cause?.message ?? String(cause);
}

export default async function* junitReporter(source) {
  const cases = [];
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') {
      continue;
    }
    const { name, file, details, skip, todo } = event.data;
    const seconds = (details?.duration_ms ?? 0) / 1000;
    const classname = escape(file ? basename(file) : 'node');
    let body = '';
    if (details?.type === 'suite') {
      // A suite fails on its own only when a hook of it failed; its tests are counted apart.
      const own = event.type === 'test:fail' && details.error?.failureType !== 'subtestsFailed';
      if (!own) {
        continue;
      }
      totals.errors++;
      body = `<error message="${escape(reason(details.error))}"/>`;
    } else if (event.type === 'test:fail') {
      totals.failures++;
      body = `<failure message="${escape(reason(details?.error))}">${escape((details?.error?.cause ?? details?.error)?.stack ?? '')}</failure>`;
    } else if (skip !== undefined || todo !== undefined) {
      totals.skipped++;
      body = '<skipped/>';
    }
    totals.tests++;
    totals.time += seconds;
    cases.push(`  <testcase classname="${classname}" name="${escape(name)}" time="${seconds.toFixed(6)}"`
      + (body ? `>${body}</testcase>` : '/>'));
  }
  yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<testsuite name="page modules (node --test)" tests="${totals.tests}" failures="${totals.failures}"`
    + ` errors="${totals.errors}" skipped="${totals.skipped}" time="${totals.time.toFixed(6)}">\n`
    + cases.map((line) => `${line}\n`).join('')
    + '</testsuite>\n';
}
