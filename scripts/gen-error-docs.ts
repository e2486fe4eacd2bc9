import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ERRORS } from '@citygrid/core';

/** docs/errors.md as generated from the catalogue (the test checks the file is current). */
export function errorDocs(): string {
  const rows = Object.entries(ERRORS).map(([code, e]) => `| \`${code}\` | ${e.http} | ${e.exit} | ${e.message.replace(/\|/g, '\\|')} | ${e.fix.replace(/\|/g, '\\|')} |`);
  return `# Error catalogue

Generated from \`packages/core/src/errors.ts\` by \`npx tsx scripts/gen-error-docs.ts\`: do not edit.
Every failure of the library, the server and the CLI carries one of these codes. The server
answers \`{ error, message, fix, problems? }\` with the HTTP status; the CLI prints message and fix
on stderr and exits with the exit code (0 success, 1 ran and found problems, 2 bad input or usage).
\`%s\` marks where the message names the feature, field or value.

| code | HTTP | exit | message | fix |
|---|---|---|---|---|
${rows.join('\n')}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(resolve(import.meta.dirname, '../docs/errors.md'), errorDocs());
}
