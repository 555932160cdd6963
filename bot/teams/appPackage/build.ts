// The Teams app package: manifest.json, its Russian strings and the two icons in one zip, ready to
// upload to Teams ("Upload a custom app") or the Teams admin centre.
import AdmZip from 'adm-zip';
import type { Registry } from '../../core/registry';
import { colorIcon, outlineIcon } from './icons';
import { buildManifest, COLOR_ICON, type ManifestOptions, OUTLINE_ICON, RUSSIAN_FILE } from './manifest';

export interface AppPackage {
  zip: Buffer;
  manifest: Record<string, unknown>;
}

export function buildAppPackage(registry: Registry, options: ManifestOptions): AppPackage {
  const { manifest, russian } = buildManifest(registry, options);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  zip.addFile(RUSSIAN_FILE, Buffer.from(`${JSON.stringify(russian, null, 2)}\n`, 'utf8'));
  zip.addFile(COLOR_ICON, colorIcon());
  zip.addFile(OUTLINE_ICON, outlineIcon());
  return { zip: zip.toBuffer(), manifest };
}
