/**
 * Hands bytes or text to the browser as a download: a Blob, an object URL and a temporary <a download>,
 * clicked and removed; the URL is revoked once the click has been handled.
 */
export function saveFile(filename: string, data: Uint8Array | string, type: string): Blob {
  const part: BlobPart = typeof data === 'string' ? data : (data.slice().buffer as ArrayBuffer);
  const blob = new Blob([part], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoke after the browser has started the download (a click's navigation is queued, not immediate).
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return blob;
}

/** `passthrough-lab-<scenario>-<mode>` plus a suffix: the file names of a run's exports. */
export function exportFileName(scenarioId: string, mode: string, suffix: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `passthrough-lab-${safe(scenarioId)}-${safe(mode)}${suffix}`;
}
