import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ERRORS, type Catalogue } from '@citygrid/core';
import { SERVER_ERRORS } from '@citygrid/server';
import { CLI_ERRORS } from './errors.ts';

// Each catalogue with its heading and the file that declares it, in the order the reader meets them.
const CATALOGUES: [string, string, Catalogue][] = [
  ['Library', 'packages/core/src/errors.ts', ERRORS],
  ['Server', 'packages/server/src/errors/catalogue.ts', SERVER_ERRORS],
  ['CLI', 'scripts/errors.ts', CLI_ERRORS],
];

/**
 * docs/errors.md as generated from the three catalogues (the test checks the file is current).
 * @example writeFileSync('docs/errors.md', errorDocs());
 */
export function errorDocs(): string {
  const sections = CATALOGUES.map(([title, file, catalogue]) => {
    const rows = Object.entries(catalogue).map(
      ([code, e]) => `| \`${code}\` | ${e.http} | ${e.exit} | ${e.message.replace(/\|/g, '\\|')} | ${e.fix.replace(/\|/g, '\\|')} |`,
    );
    return `## ${title}

Raised by ${title === 'Library' ? 'core, wherever it runs (server, CLI, browser)' : `the ${title === 'CLI' ? 'CLI' : 'server'} only`}; declared in \`${file}\`.

| code | HTTP | exit | message | fix |
|---|---|---|---|---|
${rows.join('\n')}
`;
  });
  return `# Error catalogue

Generated from the catalogues of core, the server and the CLI by \`npx tsx scripts/gen-error-docs.ts\`: do not edit.
Every failure of the library, the server and the CLI carries one of these codes. The server
answers \`{ error, message, fix, problems? }\` with the HTTP status; the CLI prints message and fix
on stderr and exits with the exit code (0 success, 1 ran and found problems, 2 bad input or usage).
\`%s\` marks where the message names the feature, field or value.

${sections.join('\n')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(resolve(import.meta.dirname, '../docs/errors.md'), errorDocs());
}
