import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/files';

/** Product code: everything but tests, dependencies and data. */
const SOURCE_FOLDERS = ['bot', 'knowledge', 'commands', 'storage', 'bench', 'types'];

/** Entry points allowed to read the environment: the bot's and the command-line tools'. */
const ENV_READERS = ['bot/main.ts', 'knowledge/check.ts', 'bot/teams/package.ts'];
const ENV_READER_FOLDERS = ['bench/'];

/** Which folder may import which platform SDK. */
const PLATFORM_SDKS = [
  { folder: 'bot/slack/', matches: (m: string) => m.startsWith('@slack/'), name: '@slack/*' },
  { folder: 'bot/teams/', matches: (m: string) => m === 'botbuilder' || m.startsWith('botbuilder-') || m.startsWith('botframework-'), name: 'botbuilder' },
];

function sourceFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(c|m)?tsx?$/.test(name)) found.push(full);
    }
  };
  for (const folder of SOURCE_FOLDERS) {
    try {
      walk(join(ROOT, folder));
    } catch {
      // a folder that does not exist yet has nothing to check
    }
  }
  for (const name of readdirSync(ROOT)) if (/\.(c|m)?ts$/.test(name)) found.push(join(ROOT, name));
  return found.map((f) => relative(ROOT, f).split(sep).join('/'));
}

/** Every module a file imports: static, dynamic, `require`, `export … from`; comments don't count. */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** Lines where a file reads the environment (`process.env`, `process['env']`, `{ env } = process`, `import { env }`). */
function envReadsOf(source: string, fileName = 'file.ts'): number[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const isProcess = (node: ts.Node) => node.getText(file).replace(/^globalThis\./, '') === 'process';
  const mark = (node: ts.Node) => lines.push(file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1);
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && isProcess(node.expression)) mark(node);
    if (ts.isElementAccessExpression(node) && isProcess(node.expression) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === 'env') mark(node);
    if (ts.isVariableDeclaration(node) && node.initializer && isProcess(node.initializer) && ts.isObjectBindingPattern(node.name)) {
      if (node.name.elements.some((e) => (e.propertyName ?? e.name).getText(file) === 'env')) mark(node);
    }
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && /^(node:)?process$/.test(node.moduleSpecifier.text)) {
      const named = node.importClause?.namedBindings;
      if (named && ts.isNamedImports(named) && named.elements.some((e) => (e.propertyName ?? e.name).text === 'env')) mark(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

describe('architecture', () => {
  const files = sourceFiles();
  const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

  it('finds the code it guards', () => {
    expect(files).toContain('bot/main.ts');
    expect(files).toContain('knowledge/loader.ts');
    expect(files.some((f) => f.startsWith('commands/'))).toBe(true);
  });

  it('sees every way of importing a module and of reading the environment', () => {
    const sample = [
      "import { App } from '@slack/bolt';",
      "import type { Activity } from 'botbuilder';",
      "export { x } from 'botframework-connector';",
      "const web = await import('@slack/web-api');",
      "const bb = require('botbuilder-core');",
      "// import '@slack/socket-mode' is only a comment",
    ].join('\n');
    expect(importsOf(sample)).toEqual(['@slack/bolt', 'botbuilder', 'botframework-connector', '@slack/web-api', 'botbuilder-core']);
    const env = [
      'const a = process.env.PORT;',
      "const b = process['env'];",
      'const { env } = process;',
      "import { env as e } from 'node:process';",
      'const c = globalThis.process.env;',
      '// process.env in a comment',
      "const d = 'process.env in a string';",
    ].join('\n');
    expect(envReadsOf(env)).toEqual([1, 2, 3, 4, 5]);
  });

  for (const sdk of PLATFORM_SDKS) {
    it(`imports ${sdk.name} only inside ${sdk.folder}`, () => {
      const offenders = files
        .filter((f) => !f.startsWith(sdk.folder))
        .flatMap((f) => importsOf(read(f)).filter(sdk.matches).map((m) => `${f} imports ${m}`));
      expect(offenders).toEqual([]);
    });
  }

  it('reads process.env only in the entry point and command-line tools', () => {
    const offenders = files
      .filter((f) => !ENV_READERS.includes(f) && !ENV_READER_FOLDERS.some((folder) => f.startsWith(folder)))
      .map((f) => ({ f, source: read(f) }))
      // Parsing is the slow part: only files that mention `env` at all can read it.
      .filter(({ source }) => /\benv\b/.test(source))
      .flatMap(({ f, source }) => envReadsOf(source, f).map((line) => `${f}:${line}`));
    expect(offenders).toEqual([]);
  });
});
