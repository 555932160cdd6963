// Checks an app package offline against the Teams schema that @microsoft/app-manifest ships (the same
// draft-04 validation its own tooling runs), plus what the schema cannot say: the files are there and
// the icons have the sizes and colours Teams requires.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AdmZip from 'adm-zip';
import AjvDraft04Module from 'ajv-draft-04';
import ajvFormatsModule from 'ajv-formats';
import { COLOR_ICON, MANIFEST_VERSION, OUTLINE_ICON } from './manifest';
import { pngSize } from './png';

type AjvInstance = {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params?: unknown }[] | null };
};
type AjvConstructor = new (options: object) => AjvInstance;

// Both packages are CommonJS with a `default` export; under ESM interop it may sit one level down.
const Ajv = ((AjvDraft04Module as unknown as { default?: AjvConstructor }).default ?? AjvDraft04Module) as unknown as AjvConstructor;
const addFormats = ((ajvFormatsModule as unknown as { default?: unknown }).default ?? ajvFormatsModule) as (ajv: AjvInstance, formats: string[]) => void;

/** The folder of the bundled schemas for our manifest version. */
export function schemaFolder(version = MANIFEST_VERSION): string {
  const packageJson = createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json');
  return join(dirname(packageJson), 'build', 'json-schemas', 'teams', `v${version}`);
}

function loadSchema(file: string): object {
  // The published schemas once carried an invalid `\a` in a regex; @microsoft/app-manifest patches it the same way.
  return JSON.parse(readFileSync(join(schemaFolder(), file), 'utf8').replace(/\\a/g, '\\x07')) as object;
}

function validator(file: string) {
  // The localization schema's key patterns (`…\b]\.description`) are not valid as unicode regexes.
  const ajv = new Ajv({ allErrors: true, strictTypes: false, strict: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  return ajv.compile(loadSchema(file));
}

function schemaProblems(validate: ReturnType<typeof validator>, data: unknown, where: string): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${where}${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params ?? {})}`);
}

function json(zip: AdmZip, name: string): unknown {
  const entry = zip.getEntry(name);
  if (!entry) return undefined;
  return JSON.parse(entry.getData().toString('utf8'));
}

/** Every problem found in the package; an empty list means Teams should accept it. */
export function validateAppPackage(zipFile: Buffer | string): string[] {
  const zip = new AdmZip(zipFile);
  const problems: string[] = [];
  const manifest = json(zip, 'manifest.json') as Record<string, unknown> | undefined;
  if (!manifest) return ['manifest.json is missing at the root of the zip'];
  problems.push(...schemaProblems(validator('MicrosoftTeams.schema.json'), manifest, 'manifest.json'));

  const localization = manifest.localizationInfo as { additionalLanguages?: { file: string }[] } | undefined;
  const localize = validator('MicrosoftTeams.Localization.schema.json');
  for (const { file } of localization?.additionalLanguages ?? []) {
    const strings = json(zip, file);
    if (strings === undefined) problems.push(`${file} is named in localizationInfo but missing`);
    else problems.push(...schemaProblems(localize, strings, file));
  }

  const icons = manifest.icons as { color?: string; outline?: string } | undefined;
  const wanted = [
    { file: icons?.color ?? COLOR_ICON, size: 192, what: 'color icon' },
    { file: icons?.outline ?? OUTLINE_ICON, size: 32, what: 'outline icon' },
  ];
  for (const { file, size, what } of wanted) {
    const entry = zip.getEntry(file);
    if (!entry) {
      problems.push(`${what} ${file} is missing`);
      continue;
    }
    const actual = pngSize(entry.getData());
    if (!actual) problems.push(`${what} ${file} is not a PNG`);
    else if (actual.width !== size || actual.height !== size) problems.push(`${what} ${file} is ${actual.width}×${actual.height}, Teams wants ${size}×${size}`);
  }
  return problems;
}
