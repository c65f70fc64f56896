// Choosing a file or a folder, and asking a yes-or-no question, through the
// system's dialogs (tauri-plugin-dialog). The dialogs return a path or an
// answer; the core does the I/O.
import { isTauri } from '@tauri-apps/api/core';
import { ask, open, save } from '@tauri-apps/plugin-dialog';

export type FileFilter = { name: string; extensions: string[] };

/** Asks where to write a file; null when the user cancels. */
export async function chooseSavePath(defaultPath: string, filters: FileFilter[]): Promise<string | null> {
  if (!isTauri()) return devPrompt(defaultPath);
  return save({ defaultPath, filters });
}

/** Asks which file to read; null when the user cancels. */
export async function chooseOpenPath(filters: FileFilter[]): Promise<string | null> {
  if (!isTauri()) return devPrompt('/tmp/bourgade.json');
  const picked = await open({ filters, multiple: false, directory: false });
  return typeof picked === 'string' ? picked : null;
}

/** Asks which folder to write into; null when the user cancels. */
export async function chooseFolder(): Promise<string | null> {
  if (!isTauri()) return devPrompt('/tmp/bourgade-dossier');
  const picked = await open({ directory: true, multiple: false });
  return typeof picked === 'string' ? picked : null;
}

/**
 * A native question with two buttons named after what they do ("Remplacer",
 * "Annuler"): true when the user picks `ok`.
 */
export async function askNative(message: string, labels: { title: string; ok: string; cancel: string }): Promise<boolean> {
  if (!isTauri()) return window.confirm(message);
  return ask(message, { title: labels.title, kind: 'warning', okLabel: labels.ok, cancelLabel: labels.cancel });
}

// `npm run dev` in a plain browser has no file dialog: ask for a path.
function devPrompt(suggested: string): string | null {
  if (!import.meta.env.DEV) return null;
  return window.prompt('Chemin du fichier (développement)', suggested);
}

/** "bourgade-export-2026-11-23.json": a default file name dated today. */
export function datedName(stem: string, extension: string, date: string): string {
  return `${stem}-${date}.${extension}`;
}
