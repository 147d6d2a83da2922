import { useEffect, useState, type RefObject } from 'react';
import { useSimStore } from '../SimContext';
import { openFile } from './openFile';

/** Only a drag that carries files concerns us (text or a link dragged across the page does not). */
const carriesFiles = (event: DragEvent): boolean => Array.from(event.dataTransfer?.types ?? []).includes('Files');

/**
 * Drag and drop of a trainer's file anywhere on the simulator (`root`): returns whether a file is being dragged
 * over it, for the visible drop hint. Keyboard users have the "Open scenario or lesson file…" button instead.
 * enter/leave fire for every child crossed, so a counter tells when the drag has really left.
 */
export function useFileDrop(root: RefObject<HTMLElement | null>, enabled: boolean): boolean {
  const store = useSimStore();
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const element = root.current;
    if (!element || !enabled) return undefined;
    let depth = 0;
    const enter = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      // Without this the browser refuses the drop (and would open the file in place of the page).
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) void openFile(store, file);
    };
    element.addEventListener('dragenter', enter);
    element.addEventListener('dragover', over);
    element.addEventListener('dragleave', leave);
    element.addEventListener('drop', drop);
    return () => {
      element.removeEventListener('dragenter', enter);
      element.removeEventListener('dragover', over);
      element.removeEventListener('dragleave', leave);
      element.removeEventListener('drop', drop);
    };
  }, [root, enabled, store]);
  return dragging;
}
