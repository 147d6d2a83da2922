/**
 * Writes text to the clipboard; false when the browser refuses (permissions, file://, an iframe without
 * clipboard-write), so the caller can show the text to copy by hand instead.
 */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
